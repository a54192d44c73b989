import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, pageApi, startProductAndBrowser, type Product } from './support.js';

let product: Product;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ product, browser } = await startProductAndBrowser());
  // One context, so every page of it is signed in by the same refresh cookie.
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
  await page.goto(`${product.url}/setup`);
  await createOwner(page);
  await page.getByRole('button', { name: 'New agent' }).first().waitFor();
  await pageApi(page, 'POST', '/pipelines', { name: 'lazy', format: 'yaml', source: PIPELINE });
  await pageApi(page, 'POST', '/prompts', {
    name: 'lazy',
    source: { type: 'text', body: TEMPLATE },
    variables: [{ name: 'who', type: 'string' }],
    config: { provider: 'mock', model: 'echo' },
  });
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** Taller than the editor's minimum height (28 rem), so the placeholder's own line layout decides its size. */
const STEPS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];
const PIPELINE = `description: Approvals in a row, long enough to need more lines than the editor shows empty
steps:
${STEPS.map(
  (id, index) => `  ${id}:
    type: approval
${index > 0 ? `    needs: [${STEPS[index - 1]}]\n` : ''}    message: Go ahead with ${id}?
    assignees: { roles: [owner] }
`,
).join('')}`;

/** Long lines, so the placeholder has to wrap them the way the editor does, past its 14 rem minimum. */
const TEMPLATE = `Say hello to {{ who }}.

${'This sentence is long enough to wrap more than once in the editor column at this width, and it goes on. '.repeat(5)}

${'Another paragraph of instructions that wraps: be brief, be kind, and answer in the language of the question. '.repeat(4)}
{% if who %}Mention their name twice.{% endif %}
`;

/** Holds every request for a chunk (by file name prefix) until the returned function is called. */
async function holdChunk(target: Page, prefix: string): Promise<() => void> {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  await target.route(`**/assets/${prefix}-*.js`, async (route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

const box = async (target: Page, selector: string) => {
  const found = await target.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not visible`);
  return found;
};

describe('the editors and graphs load after their pages', () => {
  it.each([
    {
      what: 'pipeline editor',
      path: '/pipelines/lazy',
      editor: 'Definition of lazy (YAML)',
      below: 'form[aria-label="Save a version"]',
    },
    { what: 'prompt editor', path: '/prompts/lazy', editor: 'Template', below: 'ul[aria-label="Variables"]' },
  ])(
    'shows the $what text in a placeholder of the editor size, so nothing moves when the editor arrives',
    async ({ path, editor, below }) => {
      const view = await context.newPage();
      try {
        const release = await holdChunk(view, 'CodeEditor');
        await view.goto(`${product.url}${path}`);
        const placeholder = view.getByRole('group', { name: `${editor} (loading the editor)` });
        await placeholder.waitFor();
        const before = { frame: await placeholder.boundingBox(), below: await box(view, below) };
        expect(await view.locator('[data-code-editor]').count()).toBe(0);

        release();
        const textbox = view.getByRole('textbox', { name: editor, exact: true });
        await textbox.waitFor();
        // The editor's frame: the placeholder's counterpart.
        const after = {
          frame: await view.locator('[data-code-editor]').first().boundingBox(),
          below: await box(view, below),
        };
        expect(Math.abs((after.frame?.height ?? 0) - (before.frame?.height ?? -99))).toBeLessThanOrEqual(1);
        expect(Math.abs((after.frame?.width ?? 0) - (before.frame?.width ?? -99))).toBeLessThanOrEqual(1);
        expect(Math.abs(after.below.y - before.below.y)).toBeLessThanOrEqual(1);
      } finally {
        await view.close();
      }
    },
  );

  it('keeps the pipeline page working when the editor and the graph cannot download, and loads them on retry', async () => {
    const view = await context.newPage();
    try {
      // The code editor's chunk and the graph's.
      const failing = ['CodeEditor', 'PipelineGraph'];
      for (const prefix of failing) await view.route(`**/assets/${prefix}-*.js`, (route) => route.abort('internetdisconnected'));
      await view.goto(`${product.url}/pipelines/lazy`);

      const editorFailure = view.getByRole('alert').filter({ hasText: 'Could not load the editor' });
      const graphFailure = view.getByRole('alert').filter({ hasText: 'Could not load the step graph' });
      await editorFailure.waitFor();
      await graphFailure.waitFor();
      // The page around them works: its tabs, the text to read, the save form.
      await view.getByRole('link', { name: 'Versions' }).waitFor();
      await view
        .getByRole('group', { name: 'Definition of lazy (YAML) (the editor could not load)' })
        .getByText('Go ahead with sixth?')
        .waitFor();
      await view.getByLabel('Commit message').fill('typed while offline');

      for (const prefix of failing) await view.unroute(`**/assets/${prefix}-*.js`);
      await editorFailure.getByRole('button', { name: 'Try again' }).click();
      await view.getByRole('textbox', { name: 'Definition of lazy (YAML)', exact: true }).waitFor();
      await graphFailure.getByRole('button', { name: 'Try again' }).click();
      await view
        .getByRole('region', { name: 'Step graph' })
        .locator('[data-step-type="approval"]', { hasText: 'sixth' })
        .waitFor();
      expect(await view.getByLabel('Commit message').inputValue()).toBe('typed while offline');
    } finally {
      await view.close();
    }
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, pageApi, screenshot, startProductAndBrowser, type Product } from './support.js';

let product: Product;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ product, browser } = await startProductAndBrowser());
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** Calls the API as the signed-in user; fails past a 2xx answer. */
const ok = (method: string, path: string, body?: unknown) => pageApi<unknown>(page, method, path, body);

/** A prompt step, then an approval by the owner; the run's output is the prompt's answer. */
const PIPELINE = `description: Drafts a greeting and waits for a person to approve it
inputs:
  name:
    type: string
    required: true
steps:
  draft:
    type: prompt
    prompt: greet@latest
    with: { who: '\${{ input.name }}' }
  review:
    type: approval
    needs: [draft]
    message: Send this greeting?
    assignees: { roles: [owner] }
outputs:
  greeting: \${{ steps.draft.output }}
`;

describe('pipeline runs in the browser', () => {
  it('runs a pipeline from its page, follows the graph live, approves the waiting step and sees the outputs and cost', async () => {
    await page.goto(`${product.url}/setup`);
    await createOwner(page);
    await page.getByRole('button', { name: 'New agent' }).first().waitFor();

    // A priced mock model, so the run has a cost to show.
    await ok('PUT', '/model-prices', {
      provider: 'mock',
      model: 'priced',
      prices: { input: 5, output: 15, cachedInput: 0, cacheWrite: 0, reasoning: 0 },
    });
    await ok('POST', '/prompts', {
      name: 'greet',
      source: { type: 'text', body: 'Say hello to {{ who }}' },
      variables: [{ name: 'who', type: 'string' }],
      config: { provider: 'mock', model: 'priced' },
    });
    await ok('POST', '/pipelines', { name: 'greeting', format: 'yaml', source: PIPELINE });

    // 1. Start it from the pipeline page: the form comes from the inputs and insists on the required one.
    await page.goto(`${product.url}/pipelines/greeting`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Run greeting' });
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await dialog.getByText('Required').waitFor();
    await dialog.getByLabel('name').fill('Ada Lovelace');
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);

    // 2. The graph follows the run: the prompt succeeds and the approval waits, without a reload.
    const graph = page.getByRole('region', { name: 'Run graph' });
    await graph.locator('[data-step-status="succeeded"]', { hasText: 'draft' }).waitFor({ timeout: 30_000 });
    await graph.locator('[data-step-status="waiting"]', { hasText: 'review' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'runs-waiting-for-approval');

    // 3. Approve it here; the run ends with its outputs and cost.
    const approval = page.getByRole('region', { name: 'Waiting for approval' }).or(page.locator('[data-approval="review"]'));
    await approval.getByText('Send this greeting?').waitFor();
    await approval.getByLabel(/Comment/).fill('Lovely');
    await approval.getByRole('button', { name: 'Approve' }).click();
    await graph.locator('[data-step-status="succeeded"]', { hasText: 'review' }).waitFor({ timeout: 30_000 });
    await page.locator('main').getByText('succeeded', { exact: true }).first().waitFor();
    const outputs = page.getByLabel('Run outputs');
    await outputs.waitFor();
    expect(await outputs.textContent()).toContain('Ada Lovelace');
    const cost = (await page.getByTestId('run-cost').textContent()) ?? '';
    expect(cost).toMatch(/^\$/);
    expect(cost).not.toBe('$0.00');
    // The timeline drew the attempts from the events.
    expect(await page.getByRole('group', { name: 'Timeline' }).getByRole('img').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'runs-succeeded');

    // 4. The list shows it, and nothing waits in the inbox any more.
    await page.goto(`${product.url}/runs`);
    const row = page.getByRole('table', { name: 'Runs' }).getByRole('row').nth(1);
    await row.getByText('succeeded').waitFor();
    expect(await row.textContent()).toContain('greeting');
    await page.goto(`${product.url}/approvals`);
    await page.getByText('Nothing waits for approval').waitFor();
  });
});

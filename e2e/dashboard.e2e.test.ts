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

/** Calls the API as the signed-in user. */
const api = <T>(method: string, path: string, body?: unknown) => pageApi<T>(page, method, path, body);

/** The value and change line of a key-figure card, by its label. */
const card = (label: string) =>
  page
    .getByLabel('Key figures')
    .locator('div')
    .filter({ has: page.getByText(label, { exact: true }) });

describe('the overview in the browser', () => {
  it('starts empty, then shows the agent, its chat turn, tokens and cost, and links the activity to the task', async () => {
    await page.goto(product.url);
    await createOwner(page);
    await page.getByRole('heading', { name: 'Agents', exact: true }).waitFor();

    // A new workspace: the overview says there is nothing yet, and is first in the navigation.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByText('Nothing to show yet').waitFor();

    const agent = await api<{ id: string }>('POST', '/agents', {
      name: 'Harbour pilot',
      model: { provider: 'mock', model: 'echo?inputTokens=1000&outputTokens=500' },
    });
    const conversation = await api<{ id: string }>('POST', '/conversations', { agentId: agent.id });
    await api('POST', `/conversations/${conversation.id}/messages`, { content: 'When is high tide?' });

    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByLabel('Key figures').waitFor();
    // The figures may be on screen already from a live refetch that ran before the turn ended: wait
    // for the refetch that counts it.
    const figure = (label: string) => () => card(label).locator('dd').first().textContent();
    await expect.poll(figure('Tasks')).toBe('1');
    // A refetch that ran while the turn was writing its ledger row counts the task, not yet its tokens.
    await expect.poll(figure('Tokens')).toBe('1,500');
    expect(await figure('Cost')()).not.toBe('$0.00');
    expect(await figure('Success rate')()).toBe('100%');
    await expect.poll(() => page.getByRole('region', { name: 'Agents' }).textContent()).toContain('1');
    await page.getByRole('table', { name: 'Top spenders' }).getByRole('link', { name: 'Harbour pilot' }).waitFor();

    // The range lives in the URL.
    await page.getByRole('button', { name: '7 d' }).click();
    await page.waitForURL(/\?range=7d$/);
    await page.getByText('against the 7 days before').waitFor();

    // The activity links to the task's trace.
    const activity = page.getByRole('list', { name: 'Activity' });
    await activity.getByRole('link', { name: /Task finished/ }).click();
    await page.waitForURL(new RegExp(`/agents/${agent.id}/tasks/[0-9a-f-]{36}$`));
    await screenshot(page, 'dashboard-task-trace');
  });

  it('fits a phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${product.url}/`);
    await page.getByLabel('Key figures').waitFor();
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } })
        .document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'dashboard-390');
  });

  it('shows fleet and provider names whole in the state tiles at a laptop width', async () => {
    await api('POST', '/fleets', { name: 'harbour-fleet', strategy: { type: 'least_loaded' } });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${product.url}/`);
    const fleet = page.getByRole('link', { name: 'harbour-fleet', exact: true });
    const provider = page.getByText('mock', { exact: true }).first();
    await fleet.waitFor();
    await provider.waitFor();
    // Beside their counts the names were cut to one letter and an ellipsis (a tile is about 190 px wide).
    const cut = (element: { scrollWidth: number; clientWidth: number }) => element.scrollWidth - element.clientWidth;
    expect(await fleet.evaluate(cut)).toBeLessThanOrEqual(0);
    expect(await provider.evaluate(cut)).toBeLessThanOrEqual(0);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, screenshot, startProductAndBrowser, type Product } from './support.js';

let product: Product;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ product, browser } = await startProductAndBrowser());
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('chatting with an agent in the browser', () => {
  it('streams a mock reply, then shows the call on the usage page and in the task history', async () => {
    await page.goto(product.url);
    await createOwner(page);

    // The defaults are the offline mock provider and its `echo` model; slow its words down so the
    // reply is seen arriving in pieces.
    await page.getByRole('button', { name: 'New agent' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('Tide guide');
    await page.getByLabel('Model', { exact: true }).fill('echo?chunkDelayMs=400');
    await page.getByRole('button', { name: 'Create agent' }).click();
    await page.getByRole('heading', { name: 'Tide guide', exact: true }).waitFor();
    const agentUrl = page.url();

    await page.getByRole('link', { name: 'Chat' }).click();
    await page.getByRole('button', { name: 'Start a conversation' }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('How do tides work?');
    await page.keyboard.press('Enter');

    // While the reply streams, Stop is offered and only part of the text is there.
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.getByText(/^Mock reply/).waitFor();
    const partial = (await page.getByText(/^Mock reply/).textContent()) ?? '';
    await screenshot(page, 'chat-streaming');
    await page.getByRole('button', { name: 'Send' }).waitFor();
    const full = await page.getByText(/^Mock reply to "How do tides work\?"/).textContent();
    expect(full).toMatch(/^Mock reply to "How do tides work\?" \([0-9a-f]{8}\)\.$/);
    expect(partial.length).toBeLessThan(full?.length ?? 0);
    expect(await page.getByText('Mock', { exact: true }).first().isVisible()).toBe(true);
    expect(
      await page
        .getByText(/\$0\.0000\d+/)
        .first()
        .isVisible(),
    ).toBe(true);
    await screenshot(page, 'chat-done');

    await page.getByRole('link', { name: 'Usage' }).click();
    const calls = page.getByRole('table', { name: 'Recent calls' });
    await calls.getByRole('row', { name: /Tide guide/ }).waitFor();
    expect(await calls.getByRole('row', { name: /Tide guide/ }).textContent()).toContain('echo?chunkDelayMs=400');
    await screenshot(page, 'usage');

    await page.goto(agentUrl);
    await page.getByRole('heading', { name: 'Tide guide', exact: true }).waitFor();
    await page.getByRole('row', { name: /How do tides work\?/ }).waitFor();
    expect(await page.getByRole('row', { name: /How do tides work\?/ }).textContent()).toMatch(/Succeeded/i);
  });
});

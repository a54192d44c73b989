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

/** Replaces the template's text: insertText types without triggering completions. */
async function writeTemplate(text: string) {
  await page.getByLabel('Template', { exact: true }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function api<T>(path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const refresh = await fetch('/api/v1/auth/refresh', { method: 'POST' });
    const { accessToken } = (await refresh.json()) as { accessToken: string };
    return (await fetch(url, { headers: { Authorization: `Bearer ${accessToken}` } })).json();
  }, path) as Promise<T>;
}

describe('prompt templates in the browser', () => {
  it('writes a template with a conditional and an include, fixes a diagnostic, previews, versions and rolls back', async () => {
    await page.goto(`${product.url}/setup`);
    await createOwner(page);
    await page.getByRole('button', { name: 'New agent' }).first().waitFor();

    // The included template.
    await page.goto(`${product.url}/prompts/new`);
    await page.getByLabel('Name', { exact: true }).fill('signature');
    await writeTemplate('Best regards, the support team');
    await page.getByRole('button', { name: 'Create prompt' }).click();
    await page.waitForURL(/\/prompts\/signature/);

    // 1. A template with a conditional and an include.
    await page.goto(`${product.url}/prompts/new`);
    await page.getByLabel('Name', { exact: true }).fill('reply');
    await writeTemplate('{% if vip %}Dear{% else %}Hi{% endif %} {{ customer }},\n{% include "signature" %}');

    // 2. The undeclared variables are diagnosed, and saving is blocked.
    const problems = page.getByRole('region', { name: 'Problems' });
    await problems.getByText('Variable "customer" is not declared').waitFor();
    expect(await page.getByRole('button', { name: 'Create prompt' }).isDisabled()).toBe(true);
    await screenshot(page, 'prompts-diagnostic');

    // 3. Fix them.
    await problems.getByRole('button', { name: 'Declare customer' }).click();
    await problems.getByRole('button', { name: 'Declare vip' }).click();
    await problems.getByText('Variable "customer" is not declared').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Create prompt' }).click();
    await page.waitForURL(/\/prompts\/reply/);

    // 4. Preview in the playground.
    await page.goto(`${product.url}/prompts/reply/playground`);
    await page.getByRole('heading', { name: 'Playground' }).waitFor();
    await page.getByLabel('customer').fill('Ada');
    const output = page.getByRole('region', { name: 'Rendered output' });
    await page.getByLabel('vip').fill('yes');
    await output.getByText('Dear Ada,').waitFor();
    expect(await output.textContent()).toContain('Best regards, the support team');
    await page.getByText(/≈ \d+ tokens/).waitFor();
    await screenshot(page, 'prompts-playground');

    // 5. Save version 2.
    await page.goto(`${product.url}/prompts/reply`);
    await writeTemplate('{% if vip %}Dear{% else %}Hello{% endif %} {{ customer }},\n{% include "signature" %}');
    await page.getByLabel('Commit message').fill('Warmer greeting');
    await page.getByRole('button', { name: 'Save version' }).click();
    await page.getByText('Version 2 saved').first().waitFor();

    // 6. Production to version 2, then back to version 1.
    await page.goto(`${product.url}/prompts/reply/history`);
    await page.getByRole('button', { name: 'Set production to version 2' }).click();
    await expect
      .poll(async () => (await api<{ labels: Record<string, number> }>('/api/v1/prompts/reply')).labels.production)
      .toBe(2);
    await page.getByRole('button', { name: 'Set production to version 1' }).click();
    await expect
      .poll(async () => (await api<{ labels: Record<string, number> }>('/api/v1/prompts/reply')).labels.production)
      .toBe(1);
    await screenshot(page, 'prompts-history');

    const rendered = await page.evaluate(async () => {
      const refresh = await fetch('/api/v1/auth/refresh', { method: 'POST' });
      const { accessToken } = (await refresh.json()) as { accessToken: string };
      const res = await fetch('/api/v1/prompts/reply/render', {
        method: 'POST',
        headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ selector: 'production', variables: { customer: 'Ada', vip: 'yes' } }),
      });
      return (await res.json()) as { version: number; text: string };
    });
    expect(rendered).toMatchObject({ version: 1, text: 'Dear Ada,\nBest regards, the support team' });
  });
});

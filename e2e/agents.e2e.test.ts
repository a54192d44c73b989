import type { Browser, Locator, Page } from 'playwright-core';
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

/** While a toast is on screen, its box and `target`'s do not overlap (a slow machine may see it gone). */
async function expectUncoveredByToast(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  const toast = await page.getByRole('region', { name: 'Notifications' }).getByRole('status').first().boundingBox();
  const box = await target.boundingBox();
  if (!toast || !box) return;
  const apart =
    toast.x + toast.width <= box.x ||
    box.x + box.width <= toast.x ||
    toast.y + toast.height <= box.y ||
    box.y + box.height <= toast.y;
  expect(apart, `the toast at ${JSON.stringify(toast)} covers ${JSON.stringify(box)}`).toBe(true);
}

describe('agent management in the browser', () => {
  it('sets up the owner, then creates, edits, searches and deletes an agent', async () => {
    await page.goto(product.url);
    // A fresh install leads to the first-run owner setup.
    await page.getByLabel('Name', { exact: true }).waitFor();
    expect(page.url()).toMatch(/\/setup$/);
    await createOwner(page);

    await page.getByRole('button', { name: 'New agent' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('Support triage');
    await page.getByLabel('Role', { exact: true }).fill('support');
    await page.getByLabel('Skills').fill('triage, billing');
    await page.getByLabel('System prompt').fill('You sort incoming tickets.');
    await page.getByRole('button', { name: 'Create agent' }).click();

    await page.getByRole('heading', { name: 'Support triage' }).waitFor();
    expect(await page.getByText('You sort incoming tickets.').isVisible()).toBe(true);

    // The creation's toast is still up (for four seconds): it covers neither the page's Edit button nor the
    // form's Save button, the two a user clicks next.
    await expectUncoveredByToast(page, page.getByRole('button', { name: 'Edit' }));
    await page.getByRole('button', { name: 'Edit' }).click();
    await expectUncoveredByToast(page, page.getByRole('button', { name: 'Save changes' }));
    await page.getByLabel('Description').fill('Routes tickets to the right team');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Routes tickets to the right team').waitFor();

    // A second agent, so that search has something to exclude.
    await page.goto(`${product.url}/agents/new`);
    await page.getByLabel('Name', { exact: true }).fill('Billing assistant');
    await page.getByRole('button', { name: 'Create agent' }).click();
    await page.getByRole('heading', { name: 'Billing assistant' }).waitFor();

    await page.goto(`${product.url}/agents`);
    await page.getByRole('row', { name: /Billing assistant/ }).waitFor();
    // Each row shows what the agent is doing; the admin-state filter reaches the URL and the API.
    expect(
      await page
        .getByRole('row', { name: /Billing assistant/ })
        .getByText('Idle')
        .isVisible(),
    ).toBe(true);
    await page.getByLabel('Admin state').selectOption('paused');
    await page.waitForURL(/adminState=paused/);
    await page.getByText('No agents match your filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('row', { name: /Billing assistant/ }).waitFor();
    await page.getByLabel('Search agents').fill('triage');
    await page.waitForURL(/q=triage/);
    await page.getByRole('row', { name: /Billing assistant/ }).waitFor({ state: 'detached' });
    expect(await page.getByRole('row', { name: /Support triage/ }).isVisible()).toBe(true);
    await screenshot(page, 'agents-search');

    await page
      .getByRole('row', { name: /Support triage/ })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete agent' }).click();
    await page.getByRole('row', { name: /Support triage/ }).waitFor({ state: 'detached' });
    await page.getByLabel('Search agents').fill('');
    await page.getByRole('row', { name: /Billing assistant/ }).waitFor();
    await screenshot(page, 'agents-after-delete');

    const token = await page.evaluate(async () => {
      const res = await fetch('/api/v1/auth/refresh', { method: 'POST' });
      return ((await res.json()) as { accessToken: string }).accessToken;
    });
    const list = await fetch(`${product.url}/api/v1/agents`, { headers: { Authorization: `Bearer ${token}` } });
    const names = ((await list.json()) as { items: { name: string }[] }).items.map((a) => a.name);
    expect(names).toEqual(['Billing assistant']);
  });
});

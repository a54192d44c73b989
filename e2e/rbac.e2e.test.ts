import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillAccount, screenshot, startProductAndBrowser, type Product } from './support.js';

let product: Product;
let browser: Browser;

beforeAll(async () => {
  ({ product, browser } = await startProductAndBrowser());
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** The page's access token, taken the way the app does: from the refresh cookie. */
async function accessToken(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await fetch('/api/v1/auth/refresh', { method: 'POST' });
    return ((await res.json()) as { accessToken: string }).accessToken;
  });
}

describe('roles in the browser', () => {
  it('first-run owner invites a viewer, who sees no edit actions and whose API writes are refused', async () => {
    const ownerPage = await (await browser.newContext()).newPage();
    await ownerPage.goto(`${product.url}/login`);
    await ownerPage.waitForURL(/\/setup$/);
    await fillAccount(ownerPage, 'Olivia Owner', 'olivia@example.test');
    await ownerPage.getByRole('button', { name: 'Create owner account' }).click();

    await ownerPage.getByRole('button', { name: 'New agent' }).first().click();
    await ownerPage.getByLabel('Name', { exact: true }).fill('Shared agent');
    await ownerPage.getByRole('button', { name: 'Create agent' }).click();
    await ownerPage.getByRole('heading', { name: 'Shared agent' }).waitFor();
    const agentUrl = ownerPage.url();

    await ownerPage.goto(`${product.url}/members`);
    await ownerPage.getByRole('button', { name: 'Invite member' }).click();
    const dialog = ownerPage.getByRole('dialog');
    await dialog.getByLabel('Role').selectOption('viewer');
    await dialog.getByLabel('Email (optional)').fill('victor@example.test');
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    const link = await dialog.getByLabel('Invitation link').inputValue();
    expect(link).toMatch(/\/signup\?invite=.+/);
    await screenshot(ownerPage, 'rbac-invitation');

    const viewerPage = await (await browser.newContext()).newPage();
    await viewerPage.goto(link.replace(/^https?:\/\/[^/]+/, product.url));
    await fillAccount(viewerPage, 'Victor Viewer', 'victor@example.test');
    await viewerPage.getByRole('button', { name: 'Create account' }).click();

    await viewerPage.goto(`${product.url}/agents`);
    await viewerPage.getByRole('row', { name: /Shared agent/ }).waitFor();
    expect(await viewerPage.getByRole('button', { name: 'New agent' }).count()).toBe(0);
    expect(
      await viewerPage
        .getByRole('row', { name: /Shared agent/ })
        .getByRole('button', { name: 'Delete' })
        .count(),
    ).toBe(0);
    await viewerPage.goto(agentUrl);
    await viewerPage.getByRole('heading', { name: 'Shared agent' }).waitFor();
    expect(await viewerPage.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await viewerPage.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await screenshot(viewerPage, 'rbac-viewer-agent');

    const token = await accessToken(viewerPage);
    const write = await fetch(`${product.url}/api/v1/agents`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Sneaky', model: { provider: 'mock', model: 'mock-1' } }),
    });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { code: string }).code).toBe('forbidden');
    const read = await fetch(`${product.url}/api/v1/agents`, { headers: { Authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
  });
});

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

/** Adds `agent` as a member from the fleet page's Add member dialog. */
async function addMember(agent: string, role: string) {
  await page.getByRole('button', { name: 'Add member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a member' });
  await dialog.getByLabel('Agent').selectOption({ label: agent });
  await dialog.getByLabel('Role').selectOption({ label: role });
  await dialog.getByRole('button', { name: 'Add member' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('table', { name: 'Members' }).getByRole('link', { name: agent }).waitFor();
}

/** Pause, drain or resume from the header, confirming with a reason. */
async function changeState(action: string, reason: string) {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: `${action} fleet` }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('fleets in the browser', () => {
  it('creates a fleet, adds two agents as members, pauses and resumes it', async () => {
    await page.goto(product.url);
    await createOwner(page);
    await page.getByRole('heading', { name: 'Agents', exact: true }).waitFor();
    for (const name of ['Triage bot', 'Billing bot']) {
      await api('POST', '/agents', { name, model: { provider: 'mock', model: 'echo' } });
    }

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fleets' }).click();
    await page.getByText('No fleets yet').waitFor();
    await page.getByRole('button', { name: 'New fleet' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New fleet' });
    await dialog.getByLabel('Name', { exact: true }).fill('Support desk');
    await dialog.getByLabel('Strategy').selectOption('least_loaded');
    await dialog.getByLabel('Max concurrency').fill('4');
    await dialog.getByRole('button', { name: 'Create fleet' }).click();

    await page.getByRole('heading', { name: 'Support desk' }).waitFor();
    expect(page.url()).toMatch(/\/fleets\/[0-9a-f-]{36}$/);
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByText('Support desk').waitFor();
    const header = page.locator('main h1').locator('..');
    expect(await header.getByText('Active', { exact: true }).isVisible()).toBe(true);

    await addMember('Triage bot', 'Manager');
    await addMember('Billing bot', 'Worker');
    const members = page.getByRole('table', { name: 'Members' });
    expect(await members.getByRole('row', { name: /^Triage bot Idle Manager/ }).isVisible()).toBe(true);
    expect(await members.getByRole('row', { name: /^Billing bot Idle Worker/ }).isVisible()).toBe(true);

    await changeState('Pause', 'maintenance window');
    await header.getByText('Paused', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Resume' }).isVisible()).toBe(true);
    await screenshot(page, 'fleet-paused');

    await changeState('Resume', 'back to work');
    await header.getByText('Active', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Pause', exact: true }).isVisible()).toBe(true);

    const id = page.url().split('/').at(-1) ?? '';
    const fleet = await api<{
      adminState: string;
      strategy: { type: string };
      maxConcurrency: number;
      members: { agentName: string; role: string }[];
    }>('GET', `/fleets/${id}`);
    expect(fleet.adminState).toBe('active');
    expect(fleet.strategy).toEqual({ type: 'least_loaded' });
    expect(fleet.maxConcurrency).toBe(4);
    expect(fleet.members.map((member) => [member.agentName, member.role])).toEqual([
      ['Triage bot', 'manager'],
      ['Billing bot', 'worker'],
    ]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fleets' }).click();
    const row = page.getByRole('table', { name: 'Fleets' }).getByRole('row', { name: /Support desk/ });
    // The list shown first may be the cached one from before the members joined; it refreshes.
    await row.getByText('2 members').waitFor();
    expect(await row.getByText('Least loaded').isVisible()).toBe(true);
    await screenshot(page, 'fleets-list');
  });
});

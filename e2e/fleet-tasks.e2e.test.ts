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

/** Submits `input` from the fleet page's Submit task dialog; the page then shows the Tasks tab. */
async function submitTask(input: string) {
  await page.getByRole('button', { name: 'Submit task' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Submit a task' });
  await dialog.getByLabel('Input').fill(input);
  await dialog.getByRole('button', { name: 'Submit task' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page
    .getByRole('table', { name: 'Tasks' })
    .getByRole('row', { name: new RegExp(input) })
    .waitFor();
}

/** How far the page scrolls sideways, plus how far any table's content is wider than its box (0 when it fits). */
const overflow = () =>
  page.evaluate(() => {
    interface Box {
      parentElement: Box | null;
      scrollWidth: number;
      clientWidth: number;
    }
    const document = (globalThis as unknown as { document: { documentElement: Box; querySelectorAll(s: string): Iterable<Box> } })
      .document;
    const root = document.documentElement;
    let widest = root.scrollWidth - root.clientWidth;
    // Skipped: a chart's data table for screen readers, in a 1-pixel `sr-only` box that is never seen.
    for (const table of document.querySelectorAll('table:not(.sr-only > table)')) {
      const box = table.parentElement;
      if (box) widest = Math.max(widest, box.scrollWidth - box.clientWidth);
    }
    return widest;
  });

describe('fleet tasks in the browser', () => {
  it('spreads submitted tasks over the members, routes around a drained one and says why', async () => {
    await page.goto(product.url);
    await createOwner(page);
    await page.getByRole('heading', { name: 'Agents', exact: true }).waitFor();
    const agents: Record<string, string> = {};
    for (const name of ['Triage bot', 'Billing bot']) {
      agents[name] = (await api<{ id: string }>('POST', '/agents', { name, model: { provider: 'mock', model: 'echo' } })).id;
    }
    const fleet = await api<{ id: string }>('POST', '/fleets', { name: 'Help desk', strategy: { type: 'round_robin' } });
    for (const agentId of Object.values(agents)) await api('POST', `/fleets/${fleet.id}/members`, { agentId, role: 'worker' });

    await page.goto(`${product.url}/fleets/${fleet.id}`);
    await page.getByRole('heading', { name: 'Help desk' }).waitFor();
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.getByText('No tasks yet').waitFor();

    const inputs = ['Summarise ticket 101', 'Summarise ticket 102', 'Summarise ticket 103', 'Summarise ticket 104'];
    for (const input of inputs) await submitTask(input);
    const tasks = page.getByRole('table', { name: 'Tasks' });
    // The list polls while a task is open: every row reaches Succeeded without a reload.
    for (const input of inputs)
      await tasks
        .getByRole('row', { name: new RegExp(input) })
        .getByText('Succeeded')
        .waitFor();
    const takers = await Promise.all(
      inputs.map((input) =>
        tasks
          .getByRole('row', { name: new RegExp(input) })
          .getByRole('link')
          .textContent(),
      ),
    );
    // Round robin: the members take the tasks in turn.
    expect(takers.filter((name) => name === 'Triage bot')).toHaveLength(2);
    expect(takers.filter((name) => name === 'Billing bot')).toHaveLength(2);
    expect(
      await tasks
        .getByRole('row', { name: /ticket 101/ })
        .getByText(/^round robin/i)
        .isVisible(),
    ).toBe(true);
    await screenshot(page, 'fleet-tasks');

    await api('PUT', `/agents/${agents['Billing bot'] ?? ''}/admin-state`, { adminState: 'draining', reason: 'new prompt' });
    for (const input of ['After the drain 1', 'After the drain 2']) {
      await submitTask(input);
      const row = tasks.getByRole('row', { name: new RegExp(input) });
      await row.getByText('Succeeded').waitFor();
      expect(await row.getByRole('link').textContent()).toBe('Triage bot');
    }

    await tasks.getByRole('button', { name: 'After the drain 2' }).click();
    const detail = page.getByRole('dialog', { name: 'Task' });
    const routing = detail.getByRole('region', { name: 'Routing of attempt 1' });
    await routing.waitFor();
    const why = await routing.getByText(/^Why:/).locator('..').textContent();
    expect(why).toMatch(/^Why: round robin: Triage bot/);
    const candidates = routing.getByRole('list', { name: 'Candidates' }).getByRole('listitem');
    expect(await candidates.nth(0).textContent()).toMatch(/^Triage botChosen/);
    expect(await candidates.nth(1).textContent()).toMatch(/^Billing botExcluded: not active/);
    expect(await detail.getByRole('region', { name: 'Input' }).textContent()).toContain('After the drain 2');
    expect(await detail.getByRole('region', { name: 'Output' }).isVisible()).toBe(true);
    await screenshot(page, 'fleet-task-routing');
    expect(await overflow()).toBeLessThanOrEqual(1);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflow()).toBeLessThanOrEqual(1);
    await detail.getByRole('button', { name: 'Close' }).first().click();
    await detail.waitFor({ state: 'detached' });
    expect(await overflow()).toBeLessThanOrEqual(1);
    await screenshot(page, 'fleet-tasks-phone');
  });
  it('opens a delegating task’s waterfall from its detail: the placement’s routing reason, the delegate under it, the cost per agent', async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    const helper = await api<{ id: string }>('POST', '/agents', {
      name: 'Helper bot',
      model: { provider: 'mock', model: 'echo' },
    });
    const lead = await api<{ id: string }>('POST', '/agents', { name: 'Lead bot', model: { provider: 'mock', model: 'echo' } });
    const fleet = await api<{ id: string }>('POST', '/fleets', { name: 'Research desk', strategy: { type: 'skill_match' } });
    await api('POST', `/fleets/${fleet.id}/members`, { agentId: helper.id });
    await api('POST', `/fleets/${fleet.id}/members`, { agentId: lead.id, skills: ['lead'], allowedDelegates: [helper.id] });
    // The mock model calls a tool when asked to "ask": the lead delegates to the helper once.
    const task = await api<{ id: string }>('POST', `/fleets/${fleet.id}/tasks`, {
      input: 'Please ask the helper for the weather',
      skills: ['lead'],
    });

    await page.goto(`${product.url}/fleets/${fleet.id}?tab=tasks`);
    const tasks = page.getByRole('table', { name: 'Tasks' });
    await tasks
      .getByRole('row', { name: /ask the helper/ })
      .getByText('Succeeded')
      .waitFor();
    await tasks.getByRole('button', { name: /ask the helper/ }).click();
    const detail = page.getByRole('dialog', { name: 'Task' });
    await detail.getByRole('link', { name: 'Waterfall' }).click();
    await page.waitForURL(`**/fleets/${fleet.id}/tasks/${task.id}`);

    const waterfall = page.getByRole('list', { name: 'Waterfall' });
    const nodes = waterfall.getByTestId('waterfall-node');
    await nodes.first().waitFor();
    expect(await nodes.count()).toBe(2);
    expect(await nodes.nth(0).getByRole('link').textContent()).toBe('Lead bot');
    expect(await nodes.nth(0).getByTestId('routing-reason').textContent()).toMatch(/Lead bot/);
    expect(await nodes.nth(1).getByRole('link').textContent()).toBe('Helper bot');
    expect(await nodes.nth(1).getByText('Asked by Lead bot as a tool.').isVisible()).toBe(true);
    expect(await nodes.nth(0).getByTestId('node-cost').textContent()).toMatch(/^\$/);
    const costs = page.getByRole('table', { name: 'Cost per agent' });
    expect(await costs.getByRole('row', { name: /Lead bot/ }).isVisible()).toBe(true);
    expect(await costs.getByRole('row', { name: /Helper bot/ }).isVisible()).toBe(true);
    expect(await costs.getByRole('row', { name: /Total/ }).textContent()).toMatch(/\$/);
    await screenshot(page, 'fleet-task-waterfall');
    expect(await overflow()).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflow()).toBeLessThanOrEqual(1);

    // The Monitoring tab fits too, at both widths, and charts the task.
    await page.goto(`${product.url}/fleets/${fleet.id}?tab=monitoring`);
    await page.getByRole('table', { name: 'Routing decisions by strategy' }).waitFor({ state: 'attached' });
    expect(await overflow()).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1440, height: 1000 });
    expect(await overflow()).toBeLessThanOrEqual(1);
    await screenshot(page, 'fleet-monitoring');
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { screenshot, startProductAndBrowser, type Product } from './support.js';

/**
 * Every page, at a laptop width and a phone width, with realistic data: long names, descriptions,
 * URLs and emails, so a column that cannot shrink shows up as overflow.
 */
let product: Product;
let browser: Browser;

const OWNER = {
  name: 'Olivia Owner-Featherstonehaugh',
  email: 'olivia.owner@example.test',
  password: 'correct horse battery staple',
};
const LONG = 'Customer escalation triage for enterprise accounts in the EMEA region';

async function api<T>(path: string, token: string | null, body?: unknown, method = body ? 'POST' : 'GET'): Promise<T> {
  const res = await fetch(`${product.url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Seeded {
  agentId: string;
  conversationId: string;
  taskId: string;
  prompt: string;
  pipeline: string;
  run: string;
  fleet: string;
}

/** A pipeline with long step ids, a fan-out and an approval: wide in the graph and the editor. */
const PIPELINE_YAML = `description: Triage of the ${LONG}, with a human approval before anything is sent
inputs:
  ticket_subject_and_body_as_received_from_the_customer_portal:
    type: string
    required: true
steps:
  normalise_the_inbound_ticket_text:
    type: transform
    value: \${{ input.ticket_subject_and_body_as_received_from_the_customer_portal }}
  detect_language_and_region_of_the_customer:
    type: transform
    needs: [normalise_the_inbound_ticket_text]
    value: \${{ steps.normalise_the_inbound_ticket_text.output }}
  estimate_the_service_level_breach_risk:
    type: transform
    needs: [normalise_the_inbound_ticket_text]
    value: "Risk for \${{ steps.normalise_the_inbound_ticket_text.output }}"
  approve_the_escalation_to_the_strategic_account_team:
    type: approval
    needs: [detect_language_and_region_of_the_customer, estimate_the_service_level_breach_risk]
    message: Escalate this ticket?
    assignees:
      roles: [owner, admin]
outputs:
  risk: \${{ steps.estimate_the_service_level_breach_risk.output }}
`;

/** Agents with long names, skills, a conversation with usage, a provider, a key, an invitation, a prompt. */
async function seed(): Promise<Seeded> {
  const { accessToken: token } = await api<{ accessToken: string }>('/auth/signup', null, OWNER);
  let first = '';
  for (let n = 1; n <= 4; n += 1) {
    const agent = await api<{ id: string }>('/agents', token, {
      name: `${LONG} ${n}`,
      description: `Reads every inbound ticket of the ${LONG.toLowerCase()} queue and decides who answers it, n°${n}`,
      role: 'Senior escalation coordinator for strategic accounts',
      skills: ['triage', 'summarisation', 'multilingual-support', 'sla-monitoring', 'sentiment'],
      model: { provider: 'mock', model: 'echo-with-a-rather-long-model-identifier-2025-09-29' },
    });
    first ||= agent.id;
  }
  const conversation = await api<{ id: string }>('/conversations', token, { agentId: first });
  await api(`/conversations/${conversation.id}/messages`, token, {
    content: `Please summarise the open tickets of ${LONG} and flag anything that breaches the SLA this week.`,
  });
  await api(
    '/providers/acme-internal-gateway-eu-west',
    token,
    {
      kind: 'openai-compatible',
      baseUrl: 'https://llm-gateway.internal.acme-corporation.example/openai/deployments/production/v1',
      apiKey: 'sk-test-0123456789abcdefghijklmnopqrstuvwxyz',
    },
    'PUT',
  );
  await api('/api-keys', token, { name: `CI pipeline for the ${LONG}`, role: 'viewer' });
  await api('/invitations', token, { email: 'maximilian.alexander.longname@subsidiary.example.test', role: 'viewer' });
  const tasks = await api<{ items: { id: string }[] }>(`/agents/${first}/tasks`, token);
  const prompt = 'enterprise-emea-escalation-triage-instructions-for-strategic-accounts';
  await api('/prompts', token, {
    name: prompt,
    category: 'support/escalations/enterprise',
    description: `System prompt of the ${LONG}`,
    tags: ['support', 'escalation', 'enterprise'],
    source: { type: 'text', body: `You triage tickets for {{ customer_name }}.\n${LONG}.\n` },
    variables: [{ name: 'customer_name', type: 'string', required: true, description: 'The customer’s company name' }],
  });
  const pipeline = 'enterprise-emea-escalation-triage-pipeline-for-strategic-accounts-with-approvals';
  await api('/pipelines', token, {
    name: pipeline,
    format: 'yaml',
    source: PIPELINE_YAML,
    commitMessage: `First draft of the ${LONG}`,
  });
  await api(`/pipelines/${pipeline}/versions`, token, {
    format: 'yaml',
    source: PIPELINE_YAML.replace('Escalate this ticket?', 'Escalate this ticket to the strategic account team?'),
    commitMessage: `Clearer approval message for the ${LONG}`,
  });
  // Waits at its approval: an active run for /runs, its page and the approvals inbox.
  const run = await api<{ id: string }>('/runs', token, {
    pipeline: `${pipeline}@latest`,
    input: { ticket_subject_and_body_as_received_from_the_customer_portal: `${LONG}: the portal rejects every login` },
  });
  // A fleet of the four agents with long skills and delegates: the members table is the widest part.
  const agents = await api<{ items: { id: string }[] }>('/agents', token);
  const fleet = await api<{ id: string }>('/fleets', token, {
    name: `${LONG} fleet`,
    description: `Every agent of the ${LONG.toLowerCase()} queue answers; the majority wins`,
    strategy: { type: 'broadcast', combine: 'majority' },
  });
  for (const [n, agent] of agents.items.entries()) {
    await api(`/fleets/${fleet.id}/members`, token, {
      agentId: agent.id,
      role: n === 0 ? 'reviewer' : 'worker',
      skills: ['triage', 'summarisation', 'multilingual-support', 'sla-monitoring'],
      allowedDelegates: agents.items.slice(0, n).map((other) => other.id),
    });
  }
  return {
    agentId: first,
    conversationId: conversation.id,
    taskId: tasks.items[0]?.id ?? '',
    prompt,
    pipeline,
    run: run.id,
    fleet: fleet.id,
  };
}

let seeded: Seeded;

beforeAll(async () => {
  ({ product, browser } = await startProductAndBrowser());
  seeded = await seed();
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** The little of the DOM the checks read (this project type-checks e2e without the DOM library). */
interface DomElement {
  parentElement: DomElement | null;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  closest(selector: string): DomElement | null;
  getBoundingClientRect(): { right: number };
}
interface DomDocument {
  documentElement: DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

interface Overflow {
  page: number;
  boxes: string[];
}

/** How far the page scrolls sideways, and every table box whose content is wider than the box. */
async function overflowOf(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const document = (globalThis as unknown as { document: DomDocument }).document;
    const root = document.documentElement;
    const boxes: string[] = [];
    for (const table of document.querySelectorAll('table')) {
      const box = table.parentElement;
      // Tables for screen readers only (a chart's numbers) take no room on screen.
      if (!box || table.closest('.sr-only')) continue;
      const extra = Math.max(box.scrollWidth - box.clientWidth, table.getBoundingClientRect().right - root.clientWidth);
      if (extra > 1) boxes.push(`${table.getAttribute('aria-label') ?? 'table'} by ${Math.round(extra)} px`);
    }
    return { page: root.scrollWidth - root.clientWidth, boxes };
  });
}

const routes = (s: Seeded) => [
  '/',
  '/agents',
  '/agents/new',
  `/agents/${s.agentId}`,
  `/agents/${s.agentId}/edit`,
  `/agents/${s.agentId}/chat/${s.conversationId}`,
  `/agents/${s.agentId}/tasks/${s.taskId}`,
  '/fleets',
  `/fleets/${s.fleet}`,
  `/fleets/${s.fleet}?tab=tasks`,
  '/prompts',
  `/prompts/${encodeURIComponent(s.prompt)}`,
  `/prompts/${encodeURIComponent(s.prompt)}/playground`,
  `/prompts/${encodeURIComponent(s.prompt)}/history`,
  `/prompts/${encodeURIComponent(s.prompt)}/labels`,
  `/prompts/${encodeURIComponent(s.prompt)}/usage`,
  '/pipelines',
  `/pipelines/${encodeURIComponent(s.pipeline)}`,
  `/pipelines/${encodeURIComponent(s.pipeline)}/versions`,
  `/pipelines/${encodeURIComponent(s.pipeline)}/labels`,
  '/runs',
  `/runs/${s.run}`,
  '/approvals',
  '/usage',
  '/settings/profile',
  '/settings/password',
  '/settings/api-keys',
  '/settings/members',
  '/settings/roles',
  '/settings/providers',
  '/settings/audit-log',
];

// Both widths at once, each in its own browser context: a page load mostly waits on the server or on
// the other renderer, so the two walks overlap instead of taking twice as long one after the other.
describe('at a laptop and a phone width', () => {
  it.concurrent.for([
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ])('at $width px no page scrolls sideways and no table overflows its box', async ({ width, height }, { expect }) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    try {
      await page.goto(`${product.url}/login`);
      await page.getByLabel('Email').fill(OWNER.email);
      await page.getByLabel('Password').fill(OWNER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/agents$/);
      const problems: string[] = [];
      for (const path of routes(seeded)) {
        // Client-side navigation, as a click on a link does: a full page load per page (the app's code,
        // the session's refresh) made the walk three times as long.
        await page.evaluate((to) => {
          const window = globalThis as unknown as {
            history: { pushState(state: null, unused: string, url: string): void };
            dispatchEvent(event: unknown): void;
            PopStateEvent: new (type: string) => unknown;
          };
          window.history.pushState(null, '', to);
          window.dispatchEvent(new window.PopStateEvent('popstate'));
        }, path);
        // The heading of the page rendered for this path (AppLayout's data-location), not the last one's.
        await page.locator(`main[data-location="${path}"] h1`).first().waitFor();
        // Lists load after the heading; wait until no skeleton or busy region is left.
        await page.waitForFunction(
          () =>
            (globalThis as unknown as { document: DomDocument }).document.querySelector(
              'main [aria-busy="true"], main [role="status"][aria-label^="Loading"]',
            ) === null,
        );
        const overflow = await overflowOf(page);
        const found = [
          ...(overflow.page > 0 ? [`${path}: the page scrolls sideways by ${overflow.page} px`] : []),
          ...(overflow.boxes.length > 0 ? [`${path}: ${overflow.boxes.join(', ')}`] : []),
        ];
        // A full-page picture of every one of the 62 pages is slow to take: only a failing page is pictured.
        if (found.length > 0) await screenshot(page, `layout-${width}${path.replaceAll(/[^a-z0-9]+/gi, '-')}`);
        problems.push(...found);
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

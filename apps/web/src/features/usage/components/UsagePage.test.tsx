import type { LlmCall, Page, UsageGroup, UsageSummary } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeAgent } from '../../../test/agent-fixture';
import { mockApi } from '../../../test/mock-api';
import { json, problem, type RecordedRequest } from '../../../test/mock-fetch';
import { makeProvider, mockProvider } from '../../providers/test/fixtures';
import { AGENT_ID, makeCall, makeRow, makeSummary, zeroTotals } from '../test/fixtures';
import { renderPage } from '../test/render-page';

const NOW = new Date('2026-03-10T12:00:00.000Z');

beforeEach(() => {
  // Only the clock: timers stay real, so queries, user events and waitFor run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

interface UsageServer {
  summaries?: Partial<Record<UsageGroup, UsageSummary>>;
  /** The calls page for a request's cursor (undefined on the first page). */
  calls?: (cursor: string | undefined) => Page<LlmCall>;
}

const emptyPage = (): Page<LlmCall> => ({ items: [], nextCursor: null, total: 0 });

function serveUsage({ summaries = {}, calls = emptyPage }: UsageServer) {
  return (request: RecordedRequest): Response => {
    const path = request.url.pathname;
    if (path === '/api/v1/usage/summary') {
      const groupBy = request.url.searchParams.get('groupBy') as UsageGroup;
      return json(summaries[groupBy] ?? makeSummary(groupBy, []));
    }
    if (path === '/api/v1/usage/calls') return json(calls(request.url.searchParams.get('cursor') ?? undefined));
    if (path === '/api/v1/agents') return json({ items: [makeAgent()], nextCursor: null, total: 1 });
    if (path === '/api/v1/providers') return json({ items: [mockProvider(), makeProvider()] });
    if (path === '/api/v1/models') return json({ items: [] });
    return json({});
  };
}

const usageRequests = (requests: RecordedRequest[], what: 'summary' | 'calls') =>
  requests.filter((request) => request.url.pathname === `/api/v1/usage/${what}`);

/** The value of a KPI card, by its label. */
const kpi = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

const withCalls = (rows = [makeRow('2026-03-09', { calls: 2 })]) => ({ day: makeSummary('day', rows) });

describe('UsagePage', () => {
  it('shows the totals of the summary as KPIs, tiny costs to the millionth of a dollar', async () => {
    const totals = {
      ...zeroTotals(),
      calls: 40,
      errors: 3,
      inputTokens: 1_234_567,
      outputTokens: 89_012,
      cachedInputTokens: 500_000,
      cacheWriteTokens: 2_000,
      reasoningTokens: 7_500,
      costUsd: 0.000123,
    };
    // The rows add up to something else: the KPIs must come from the server's totals.
    mockApi(serveUsage({ summaries: { day: makeSummary('day', [makeRow('2026-03-09')], totals) } }));
    renderPage('/usage');

    expect(await screen.findByText('Total cost', { selector: 'dt' })).toBeInTheDocument();
    expect(kpi('Total cost')).toBe('$0.000123');
    expect(kpi('Calls')).toBe('40');
    expect(kpi('Errors')).toBe('3');
    expect(screen.getByText('7.5% of calls')).toBeInTheDocument();
    expect(kpi('Input tokens')).toBe('1,234,567');
    expect(kpi('Output tokens')).toBe('89,012');
    expect(kpi('Cached input tokens')).toBe('500,000');
    expect(screen.getByText('2,000 written to cache')).toBeInTheDocument();
    expect(kpi('Reasoning tokens')).toBe('7,500');
  });

  it('asks for the last 7 days by day and fills the days without calls with zeros', async () => {
    const { requests } = mockApi(
      serveUsage({
        summaries: withCalls([
          makeRow('2026-03-05', { costUsd: 0.25, calls: 5 }),
          makeRow('2026-03-08', { costUsd: 1.5, calls: 9 }),
        ]),
      }),
    );
    renderPage('/usage');

    const table = await screen.findByRole('table', { name: 'Cost per day' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ['$0.00', '0'],
      ['$0.25', '5'],
      ['$0.00', '0'],
      ['$0.00', '0'],
      ['$1.50', '9'],
      ['$0.00', '0'],
      ['$0.00', '0'],
    ]);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Mar 4', 'Mar 5', 'Mar 6', 'Mar 7', 'Mar 8', 'Mar 9', 'Mar 10']);
    const day = usageRequests(requests, 'summary').find((request) => request.url.searchParams.get('groupBy') === 'day');
    expect(day?.url.searchParams.get('from')).toBe('2026-03-04T00:00:00.000Z');
  });

  it('says how to get usage when there are no calls', async () => {
    mockApi(serveUsage({}));
    renderPage('/usage');

    expect(await screen.findByText(/Chat with an agent to see usage here/)).toBeInTheDocument();
    expect(screen.getByText('No LLM calls in the last 7 days')).toBeInTheDocument();
    expect(screen.queryByText('Total cost')).not.toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Recent calls' })).not.toBeInTheDocument();
  });

  it('charts the last 24 hours by the hour', async () => {
    const hourly = makeSummary('hour', [makeRow('2026-03-10T09', { costUsd: 0.5, calls: 3 })]);
    const { requests } = mockApi(serveUsage({ summaries: { hour: hourly } }));
    renderPage('/usage?range=24h');

    const table = await screen.findByRole('table', { name: 'Cost per hour' });
    const hours = within(table)
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent);
    // 12:00 yesterday to 12:00 today, UTC: 25 hourly buckets, the busy one among them.
    expect(hours).toHaveLength(25);
    expect(hours[0]).toMatch(/12:00/);
    const busy = within(table).getByRole('rowheader', { name: /09:00/ }).closest('tr');
    expect(busy).toHaveTextContent('$0.50');
    const hour = usageRequests(requests, 'summary').find((request) => request.url.searchParams.get('groupBy') === 'hour');
    expect(hour?.url.searchParams.get('from')).toBe('2026-03-09T12:00:00.000Z');
    expect(usageRequests(requests, 'summary').some((request) => request.url.searchParams.get('groupBy') === 'day')).toBe(false);
  });

  it('sends the range and filters with every request and keeps them in the URL', async () => {
    const { requests } = mockApi(serveUsage({ summaries: withCalls() }));
    const { user, router } = renderPage('/usage');
    await screen.findByText('Total cost', { selector: 'dt' });

    await user.selectOptions(screen.getByLabelText('Provider'), 'openai');
    await user.selectOptions(screen.getByLabelText('Agent'), AGENT_ID);
    await user.click(screen.getByRole('button', { name: '30 d' }));

    await waitFor(() =>
      expect(usageRequests(requests, 'calls').at(-1)?.url.searchParams.get('from')).toBe('2026-02-09T00:00:00.000Z'),
    );
    const latest = (group: string) =>
      usageRequests(requests, 'summary')
        .filter((request) => request.url.searchParams.get('groupBy') === group)
        .at(-1)?.url.searchParams;
    for (const search of [
      latest('day'),
      latest('agent'),
      latest('model'),
      usageRequests(requests, 'calls').at(-1)?.url.searchParams,
    ]) {
      expect(search?.get('provider')).toBe('openai');
      expect(search?.get('agentId')).toBe(AGENT_ID);
      expect(search?.get('from')).toBe('2026-02-09T00:00:00.000Z');
      expect(search?.has('model')).toBe(false);
    }
    expect(screen.getByRole('button', { name: '30 d' })).toHaveAttribute('aria-pressed', 'true');
    expect(router.state.location.search).toBe(`?range=30d&agentId=${AGENT_ID}&provider=openai`);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe('?range=30d'));
    expect(usageRequests(requests, 'calls').at(-1)?.url.searchParams.has('provider')).toBe(false);
  });

  it('pages through the recent calls with the cursor', async () => {
    const firstPage = Array.from({ length: 10 }, (_, index) => makeCall(index + 1));
    const { requests } = mockApi(
      serveUsage({
        summaries: withCalls(),
        calls: (cursor) =>
          cursor === 'page-2'
            ? { items: [makeCall(11, { model: 'gpt-4o-mini' })], nextCursor: null, total: 11 }
            : { items: firstPage, nextCursor: 'page-2', total: 11 },
      }),
    );
    const { user } = renderPage('/usage?limit=10');

    const table = await screen.findByRole('table', { name: 'Recent calls' });
    expect(within(table).getAllByRole('row')).toHaveLength(11);
    expect(screen.getByText('1–10 of 11')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('11–11 of 11')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Recent calls' })).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByText('gpt-4o-mini')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('1–10 of 11')).toBeInTheDocument();
    const pages = usageRequests(requests, 'calls').map((request) => request.url.searchParams);
    expect(pages.map((search) => search.get('cursor'))).toEqual([null, 'page-2']);
    expect(pages.every((search) => search.get('limit') === '10')).toBe(true);
  });

  it('shows each call’s agent, model, tokens, cost, timings and outcome', async () => {
    mockApi(
      serveUsage({
        summaries: withCalls(),
        calls: () => ({
          items: [
            makeCall(1, {
              usage: { inputTokens: 2000, outputTokens: 500, cachedInputTokens: 1500, cacheWriteTokens: 0, reasoningTokens: 120 },
              costUsd: 0.000042,
            }),
            makeCall(2, {
              provider: 'mock',
              model: 'echo',
              mock: true,
              costUsd: 0,
              timeToFirstTokenMs: null,
              outcome: 'error',
              errorClass: 'rate_limited',
              errorMessage: 'Slow down',
              attempt: 2,
              fallback: true,
            }),
          ],
          nextCursor: null,
          total: 2,
        }),
      }),
    );
    renderPage('/usage');

    const table = await screen.findByRole('table', { name: 'Recent calls' });
    const first = within(table).getByRole('row', { name: /openai\/gpt-4o/ });
    const second = within(table).getByRole('row', { name: /mock\/echo/ });
    expect(within(first).getByRole('link', { name: 'Support triage' })).toHaveAttribute('href', `/agents/${AGENT_ID}`);
    expect(first).toHaveTextContent('2,000 in · 500 out');
    expect(first).toHaveTextContent('1,500 cached · 120 reasoning');
    expect(first).toHaveTextContent('$0.000042');
    expect(first).toHaveTextContent('1,830 ms');
    expect(first).toHaveTextContent('410 ms');
    expect(within(first).getByText('Success')).toBeInTheDocument();
    expect(within(first).queryByText('Mock')).not.toBeInTheDocument();

    expect(within(second).getByText('Mock')).toBeInTheDocument();
    expect(within(second).getByText('Rate limited')).toBeInTheDocument();
    expect(within(second).getByText('Attempt 2')).toBeInTheDocument();
    expect(within(second).getByText('Fallback')).toBeInTheDocument();
  });

  it('ranks agents by cost in the top spenders', async () => {
    mockApi(
      serveUsage({
        summaries: {
          ...withCalls(),
          agent: makeSummary('agent', [
            makeRow(AGENT_ID, { label: 'Support triage', costUsd: 0.5 }),
            makeRow('5b1c9a7e-3b2f-4e8d-a6c4-9f0e1b2d3c4a', { label: 'Researcher', costUsd: 1.5 }),
          ]),
        },
      }),
    );
    renderPage('/usage');

    const table = await screen.findByRole('table', { name: 'Top spenders' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['Researcher', 'Support triage']);
    expect(rows[0]).toHaveTextContent('$1.50');
    expect(rows[0]).toHaveTextContent('75%');
    expect(screen.getByRole('table', { name: 'Cost by agent' })).toHaveTextContent('Researcher$1.50');
  });

  it('explains a failed load and retries it', async () => {
    let fail = true;
    mockApi((request) =>
      fail && request.url.pathname === '/api/v1/usage/summary'
        ? problem({ title: 'Internal error', code: 'internal_error', detail: 'Database unavailable' }, 500)
        : serveUsage({ summaries: withCalls() })(request),
    );
    const { user } = renderPage('/usage');

    expect(await screen.findByText('Could not load usage')).toBeInTheDocument();
    expect(screen.getByText('Database unavailable')).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Total cost', { selector: 'dt' })).toBeInTheDocument();
  });
});

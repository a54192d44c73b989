import type { AuditEvent } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/mock-api';
import { json, type RecordedRequest } from '../../../test/mock-fetch';
import { renderApp } from '../../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

const event = (n: number, overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  action: 'auth.login',
  actorType: 'user',
  actorId: '7a4e2c1b-9d3f-4b6a-8e5c-1f2d3a4b5c6d',
  actorLabel: `user${n}@example.com`,
  targetType: 'user',
  targetId: '7a4e2c1b-9d3f-4b6a-8e5c-1f2d3a4b5c6d',
  metadata: {},
  ip: '10.0.0.7',
  createdAt: '2026-03-01T09:00:00.000Z',
  ...overrides,
});

const auditRequests = (requests: RecordedRequest[]) =>
  requests.filter((request) => request.url.pathname === '/api/v1/audit-events');

describe('AuditLogPage', () => {
  it('lists events and loads older ones with the cursor', async () => {
    const { requests } = mockApi((request) =>
      request.url.searchParams.get('cursor') === 'page-2'
        ? json({ items: [event(3)], nextCursor: null })
        : json({
            items: [event(1, { action: 'member.role_changed', metadata: { from: 'editor', to: 'viewer' } }), event(2)],
            nextCursor: 'page-2',
          }),
    );
    const { user } = renderApp('/settings/audit-log');

    const table = await screen.findByRole('table', { name: 'Audit events' });
    const first = within(table).getByRole('row', { name: /Role changed/ });
    expect(first).toHaveTextContent('user1@example.com');
    expect(first).toHaveTextContent('10.0.0.7');
    expect(first).toHaveTextContent('fromeditor');
    expect(first).toHaveTextContent('toviewer');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('user3@example.com')).toBeInTheDocument();
    expect(screen.getByText('user1@example.com')).toBeInTheDocument();
    expect(screen.getByText('Showing 3 events')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(auditRequests(requests).map((request) => request.url.searchParams.get('cursor'))).toEqual([null, 'page-2']);
  });

  it('filters by action and date range', async () => {
    const { requests } = mockApi(() => json({ items: [event(1, { action: 'auth.login_failed' })], nextCursor: null }));
    const { user, router } = renderApp('/settings/audit-log');
    await screen.findByRole('table', { name: 'Audit events' });

    await user.selectOptions(screen.getByLabelText('Action'), 'auth.login_failed');
    await user.type(screen.getByLabelText('From'), '2026-03-01');
    await user.type(screen.getByLabelText('To'), '2026-03-31');

    await waitFor(() => expect(auditRequests(requests).at(-1)?.url.searchParams.get('to')).not.toBeNull());
    const last = auditRequests(requests).at(-1)?.url.searchParams;
    expect(last?.get('action')).toBe('auth.login_failed');
    expect(last?.get('from')).toBe(new Date('2026-03-01T00:00:00').toISOString());
    expect(last?.get('to')).toBe(new Date('2026-03-31T23:59:59.999').toISOString());
    expect(router.state.location.search).toBe('?action=auth.login_failed&from=2026-03-01&to=2026-03-31');
  });

  it('offers to clear filters that match nothing', async () => {
    mockApi((request) =>
      request.url.searchParams.has('action')
        ? json({ items: [], nextCursor: null })
        : json({ items: [event(1)], nextCursor: null }),
    );
    const { user } = renderApp('/settings/audit-log?action=role.deleted');

    expect(await screen.findByText('No events match these filters')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0] as HTMLElement);
    expect(await screen.findByText('user1@example.com')).toBeInTheDocument();
  });
});

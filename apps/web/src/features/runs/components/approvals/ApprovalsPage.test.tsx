import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../../test/mock-fetch';
import { makeApproval, makeRunDetail, RUN_ID } from '../../test/run-fixtures';
import { renderRuns, serveRuns } from '../../test/render-runs';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ApprovalsPage', () => {
  it('lists waiting approvals, decides those the user may, and only says who decides the others', async () => {
    const other = '99999999-9999-4999-8999-999999999999';
    const { requests } = serveRuns((request) => {
      if (request.method === 'POST') return json(makeRunDetail({ status: 'running' }));
      return json({
        items: [
          makeApproval({ form: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] } }),
          makeApproval({ runId: other, step: 'legal', message: 'Legal sign-off', roles: ['legal'], canDecide: false }),
        ],
      });
    });
    const { user } = renderRuns('/approvals');

    const list = await screen.findByRole('list', { name: 'Waiting approvals' });
    const [mine, theirs] = within(list)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === list) as HTMLElement[];
    expect(within(mine as HTMLElement).getByRole('link', { name: /run 0b6f1d2e/ })).toHaveAttribute('href', `/runs/${RUN_ID}`);
    expect(within(theirs as HTMLElement).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(within(theirs as HTMLElement).getByText(/Waiting for someone with one of these roles/)).toBeInTheDocument();

    // The step's form is required on approval.
    await user.click(within(mine as HTMLElement).getByRole('button', { name: 'Approve' }));
    expect(await within(mine as HTMLElement).findByText('Required')).toBeInTheDocument();
    await user.type(within(mine as HTMLElement).getByLabelText('reason'), 'Checked');
    await user.click(within(mine as HTMLElement).getByRole('button', { name: 'Reject' }));
    await waitFor(() => {
      const decision = requests.find((request) => request.method === 'POST' && request.url.pathname.includes('/approvals/'));
      expect(decision?.url.pathname).toBe(`/api/v1/runs/${RUN_ID}/approvals/approve`);
      expect(decision?.body).toEqual({ decision: 'reject', data: { reason: 'Checked' } });
    });
  });

  it('says when nothing waits', async () => {
    serveRuns(() => json({ items: [] }));
    renderRuns('/approvals');
    expect(await screen.findByText('Nothing waits for approval')).toBeInTheDocument();
  });
});

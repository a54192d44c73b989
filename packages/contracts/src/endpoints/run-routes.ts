/** The pipeline runs' operations (see routes.ts): zod-free. */
export const RUN_ROUTES = {
  listRuns: { method: 'GET', path: '/api/v1/runs' },
  createRun: { method: 'POST', path: '/api/v1/runs' },
  getRun: { method: 'GET', path: '/api/v1/runs/:id' },
  listRunEvents: { method: 'GET', path: '/api/v1/runs/:id/events' },
  cancelRun: { method: 'POST', path: '/api/v1/runs/:id/cancel' },
  retryRun: { method: 'POST', path: '/api/v1/runs/:id/retry' },
  rerunRun: { method: 'POST', path: '/api/v1/runs/:id/rerun' },
  decideApproval: { method: 'POST', path: '/api/v1/runs/:id/approvals/:step' },
  listApprovals: { method: 'GET', path: '/api/v1/approvals' },
} as const;

/** The fleet registry's operations (see routes.ts): zod-free. */
export const FLEET_ROUTES = {
  listFleets: { method: 'GET', path: '/api/v1/fleets' },
  createFleet: { method: 'POST', path: '/api/v1/fleets' },
  getFleet: { method: 'GET', path: '/api/v1/fleets/:id' },
  updateFleet: { method: 'PATCH', path: '/api/v1/fleets/:id' },
  deleteFleet: { method: 'DELETE', path: '/api/v1/fleets/:id' },
  setFleetAdminState: { method: 'PUT', path: '/api/v1/fleets/:id/admin-state' },
  listFleetMembers: { method: 'GET', path: '/api/v1/fleets/:id/members' },
  addFleetMember: { method: 'POST', path: '/api/v1/fleets/:id/members' },
  updateFleetMember: { method: 'PATCH', path: '/api/v1/fleets/:id/members/:agentId' },
  removeFleetMember: { method: 'DELETE', path: '/api/v1/fleets/:id/members/:agentId' },
  submitFleetTask: { method: 'POST', path: '/api/v1/fleets/:id/tasks' },
  listFleetTasks: { method: 'GET', path: '/api/v1/fleets/:id/tasks' },
  getFleetTask: { method: 'GET', path: '/api/v1/fleets/:id/tasks/:taskId' },
  cancelFleetTask: { method: 'POST', path: '/api/v1/fleets/:id/tasks/:taskId/cancel' },
  listFleetRouting: { method: 'GET', path: '/api/v1/fleets/:id/routing' },
} as const;

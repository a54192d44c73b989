import {
  FleetAdminStateChangeSchema,
  FleetCreateSchema,
  FleetDetailSchema,
  FleetPageSchema,
  FleetUpdateSchema,
} from '../fleets/fleet.js';
import {
  FleetRoutingPageSchema,
  FleetTaskDetailSchema,
  FleetTaskPageSchema,
  FleetTaskSchema,
  FleetTaskSubmitSchema,
} from '../fleets/task.js';
import { AgentMetricsSchema, FleetMetricsSchema } from '../fleets/metrics.js';
import { FleetTaskTreeSchema } from '../fleets/task-tree.js';
import { FleetMemberCreateSchema, FleetMemberListSchema, FleetMemberSchema, FleetMemberUpdateSchema } from '../fleets/members.js';

/** The schemas of the fleet registry's operations (see table.ts). */
export const FLEET_SCHEMAS = {
  listFleets: { response: FleetPageSchema },
  createFleet: { body: FleetCreateSchema, response: FleetDetailSchema },
  getFleet: { response: FleetDetailSchema },
  updateFleet: { body: FleetUpdateSchema, response: FleetDetailSchema },
  deleteFleet: {},
  setFleetAdminState: { body: FleetAdminStateChangeSchema, response: FleetDetailSchema },
  listFleetMembers: { response: FleetMemberListSchema },
  addFleetMember: { body: FleetMemberCreateSchema, response: FleetMemberSchema },
  updateFleetMember: { body: FleetMemberUpdateSchema, response: FleetMemberSchema },
  removeFleetMember: {},
  submitFleetTask: { body: FleetTaskSubmitSchema, response: FleetTaskSchema },
  listFleetTasks: { response: FleetTaskPageSchema },
  getFleetTask: { response: FleetTaskDetailSchema },
  cancelFleetTask: { response: FleetTaskSchema },
  listFleetRouting: { response: FleetRoutingPageSchema },
  getFleetTaskTree: { response: FleetTaskTreeSchema },
  getFleetMetrics: { response: FleetMetricsSchema },
  getAgentMetrics: { response: AgentMetricsSchema },
} as const;

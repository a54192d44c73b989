import {
  ApprovalDecisionSchema,
  PendingApprovalListSchema,
  PipelineRunSchema,
  RerunSchema,
  RunCreateSchema,
  RunDetailSchema,
  RunEventListSchema,
  RunPageSchema,
} from '../pipelines/runs.js';

/** The schemas of the pipeline runs' operations (see table.ts). */
export const RUN_SCHEMAS = {
  listRuns: { response: RunPageSchema },
  createRun: { body: RunCreateSchema, response: PipelineRunSchema },
  getRun: { response: RunDetailSchema },
  listRunEvents: { response: RunEventListSchema },
  cancelRun: { response: PipelineRunSchema },
  retryRun: { response: PipelineRunSchema },
  rerunRun: { body: RerunSchema, response: PipelineRunSchema },
  decideApproval: { body: ApprovalDecisionSchema, response: RunDetailSchema },
  listApprovals: { response: PendingApprovalListSchema },
} as const;

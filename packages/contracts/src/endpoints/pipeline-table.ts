/** The schemas of the pipeline registry's operations (see table.ts). */
export const PIPELINE_SCHEMAS = {} as const;

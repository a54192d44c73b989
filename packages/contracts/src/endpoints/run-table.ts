/** The schemas of the pipeline runs' operations (see table.ts). */
export const RUN_SCHEMAS = {} as const;

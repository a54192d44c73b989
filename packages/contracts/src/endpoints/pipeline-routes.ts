/** The pipeline registry's operations (see routes.ts): zod-free. */
export const PIPELINE_ROUTES = {} as const;

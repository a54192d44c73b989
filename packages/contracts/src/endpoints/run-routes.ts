/** The pipeline runs' operations (see routes.ts): zod-free. */
export const RUN_ROUTES = {} as const;

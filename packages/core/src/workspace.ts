/** The workspace created by the first migration; everything lives here until authentication adds more. */
export const DEFAULT_WORKSPACE_ID = '00000000-0000-4000-8000-000000000001';

/**
 * Ids of the tools an agent may list. No tool exists yet; later issues register agent-to-agent
 * calls and connectors here, so validation of `tools` already runs against the real catalogue.
 */
export const TOOL_CATALOG: ReadonlySet<string> = new Set<string>();

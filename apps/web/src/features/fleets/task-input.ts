import type { FleetTaskInput } from '@agent-fleet/contracts';

/**
 * What the dialog sends for the text typed: a JSON object when the text parses as one (the agent
 * receives it as indented JSON), otherwise the text itself. Arrays and other JSON values stay text.
 */
export function taskInputOf(text: string): FleetTaskInput {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return text;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : text;
  } catch {
    return text;
  }
}

/** A comma-separated list of skills as the API takes it: trimmed, lowercased, without blanks or repeats. */
export const skillsOf = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((skill) => skill.trim().toLowerCase())
      .filter(Boolean),
  ),
];

/** A task's input as the detail shows it: text as is, an object as indented JSON. */
export const describeTaskInput = (input: string | Record<string, unknown>): string =>
  typeof input === 'string' ? input : JSON.stringify(input, null, 2);

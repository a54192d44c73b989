import { AgentCreateSchema, type FieldError } from '@agent-fleet/contracts';
import type { z } from 'zod';
import { parseSkills, type AgentFormValues } from './agent-form-values';
import { pluralize } from '../../../lib/format';
import { jsonSyntaxProblem } from '../../../lib/json';

/** The create rules; the admin state is changed from the detail page, not this form. */
const AgentFormSchema = AgentCreateSchema;

/** What the form submits: a fully validated agent, with the contracts' defaults applied. */
export type AgentFormData = z.output<typeof AgentFormSchema>;

export type AgentFormValidation = { ok: true; data: AgentFormData } | { ok: false; errors: FieldError[] };

const optionalNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/**
 * Plain messages for zod's generic issues. The contracts' own messages (e.g. "Name is required")
 * take precedence over these, so the form says exactly what the server would.
 */
const friendlyMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'too_big': {
      const bound = Number(issue.maximum);
      if (issue.origin === 'string') return `Must be at most ${pluralize(bound, 'character')}`;
      if (issue.origin === 'array') return `At most ${pluralize(bound, 'item')}`;
      return issue.inclusive === false
        ? `Must be less than ${bound.toLocaleString()}`
        : `Must be at most ${bound.toLocaleString()}`;
    }
    case 'too_small': {
      const bound = Number(issue.minimum);
      if (issue.origin === 'string') return bound <= 1 ? 'Required' : `Must be at least ${pluralize(bound, 'character')}`;
      if (issue.origin === 'array') return `At least ${pluralize(bound, 'item')}`;
      return issue.inclusive === false ? `Must be greater than ${bound}` : `Must be at least ${bound}`;
    }
    case 'invalid_type':
      if (issue.expected === 'int') return 'Must be a whole number';
      if (issue.expected === 'number') return 'Must be a number';
      return undefined;
    default:
      return undefined;
  }
};

/** Parses the metadata text; a JSON object is required, anything else is a field error. */
function parseMetadata(text: string): { value: Record<string, unknown> } | { error: string } {
  if (text.trim() === '') return { value: {} };
  const problem = jsonSyntaxProblem(text);
  if (problem !== null) return { error: problem };
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: 'Metadata must be a JSON object, e.g. {"team": "support"}' };
  }
  return { value: value as Record<string, unknown> };
}

/**
 * Validates the form with the same zod schema the server uses. Errors carry the API's dotted
 * paths, so client and server errors are displayed by the same code.
 */
export function validateAgentForm(values: AgentFormValues): AgentFormValidation {
  const errors: FieldError[] = [];
  const metadata = parseMetadata(values.metadata);
  if ('error' in metadata) errors.push({ path: 'metadata', message: metadata.error, code: 'invalid_json' });
  if (values.kind === 'model' && values.promptType === 'template' && values.promptRef.trim() === '') {
    errors.push({ path: 'systemPrompt.ref', message: 'Template reference is required', code: 'too_small' });
  }

  const skills = parseSkills(values.skills);
  const limits = {
    maxIterations: optionalNumber(values.maxIterations),
    maxCostPerTaskUsd: optionalNumber(values.maxCostPerTaskUsd) ?? null,
  };
  if (values.kind === 'a2a') {
    // A remote agent's model, system prompt and tools are the remote's: not sent.
    const credential =
      values.credentialType === 'none'
        ? null
        : {
            type: values.credentialType,
            ...(values.credentialType === 'apiKey' && values.credentialHeader.trim() !== ''
              ? { headerName: values.credentialHeader.trim() }
              : {}),
            // Blank keeps the stored secret; the server never sends it back to prefill.
            ...(values.credentialSecret === '' ? {} : { secret: values.credentialSecret }),
          };
    return finish(
      {
        name: values.name,
        description: values.description,
        role: values.role,
        skills,
        kind: 'a2a' as const,
        remote: { cardUrl: values.cardUrl, credential },
        limits,
        metadata: 'value' in metadata ? metadata.value : {},
      },
      skills,
      errors,
    );
  }
  const candidate = {
    name: values.name,
    description: values.description,
    role: values.role,
    skills,
    kind: 'model' as const,
    model: {
      provider: values.provider,
      model: values.model,
      temperature: optionalNumber(values.temperature),
      maxTokens: optionalNumber(values.maxTokens),
      topP: optionalNumber(values.topP),
      fallbacks: values.fallbacks.map(({ provider, model }) => ({ provider, model })),
    },
    systemPrompt:
      values.promptType === 'template'
        ? { type: 'template' as const, ref: values.promptRef }
        : { type: 'inline' as const, text: values.promptText },
    tools: values.tools,
    limits,
    metadata: 'value' in metadata ? metadata.value : {},
  };
  return finish(candidate, skills, errors);
}

/** Parses the candidate with the contracts' schema, adding its issues to the form's own errors. */
function finish(candidate: unknown, skills: string[], errors: FieldError[]): AgentFormValidation {
  const result = AgentFormSchema.safeParse(candidate, { error: friendlyMessage });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      const skill = issue.path[0] === 'skills' && typeof issue.path[1] === 'number' ? skills[issue.path[1]] : undefined;
      errors.push({ path, message: skill === undefined ? issue.message : `“${skill}”: ${issue.message}`, code: issue.code });
    }
  }
  if (!result.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, data: result.data };
}

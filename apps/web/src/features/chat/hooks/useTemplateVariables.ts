import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../../lib/api-error';
import { usePermission } from '../../auth/usePermission';
import { fetchPromptVersion, promptKeys } from '../../prompts/api';
import type { VariableDeclaration } from '../../prompts/types';
import { parseTemplateRef } from '../prompt-variables';

/**
 * What is known of the variables a system prompt template declares. `unknown` means they cannot be
 * read (no `prompts:read`, the template or label is gone …), so the values are edited as raw JSON.
 */
export type TemplateVariables =
  | { status: 'loading' }
  | { status: 'declared'; version: number; declarations: VariableDeclaration[] }
  | { status: 'unknown'; reason: string };

/**
 * The declarations of the version `ref` (`name@label` or `name@version`) points at now: the one the
 * server renders on the next turn. Read only while `enabled`, e.g. while the editor is open.
 */
export function useTemplateVariables(ref: string, enabled: boolean): TemplateVariables {
  const canRead = usePermission('prompts:read');
  const { name, selector } = parseTemplateRef(ref);
  const query = useQuery({
    queryKey: promptKeys.version(name, selector),
    queryFn: ({ signal }) => fetchPromptVersion(name, selector, signal),
    enabled: enabled && canRead,
  });

  if (!canRead) {
    return {
      status: 'unknown',
      reason: `Your role cannot read prompt templates, so the variables ${ref} declares are not known here.`,
    };
  }
  if (query.data) return { status: 'declared', version: query.data.version, declarations: query.data.variables };
  if (query.isError) return { status: 'unknown', reason: `The template ${ref} could not be read: ${errorMessage(query.error)}` };
  return { status: 'loading' };
}

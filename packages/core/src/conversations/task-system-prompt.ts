import type { TaskSystemPrompt } from '@agent-fleet/contracts';
import type { AgentTaskRecord, StoredSystemPrompt } from '../llm/llm-ports.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { ResolvedSystemPrompt } from './system-prompt.js';

/** System prompts up to this many UTF-8 bytes stay in the task row; longer ones go to the blob store. */
export const TASK_PROMPT_INLINE_BYTES = 16 * 1024;

/** Blobs that belong to an agent rather than a conversation live here: deleting the agent deletes the folder. */
export const agentFolder = (agentId: string): string => `agents/${agentId}/`;

export const taskSystemPromptKey = (agentId: string, taskId: string): string =>
  `${agentFolder(agentId)}tasks/${taskId}/system-prompt.txt`;

/**
 * The rendered system prompt of a task as it will be stored: the text the model saw (system messages;
 * a chat template's other messages are part of the transcript), its template and version, and the
 * variables. Null when the agent has no system prompt.
 */
export async function storeTaskSystemPrompt(
  blobs: BlobStore | undefined,
  workspaceId: string,
  ids: { agentId: string; taskId: string },
  prompt: ResolvedSystemPrompt,
  variables: Record<string, unknown>,
): Promise<StoredSystemPrompt | null> {
  const text = prompt.system ?? '';
  if (text === '' && prompt.templateRef === null) return null;
  const source = { templateRef: prompt.templateRef, templateVersion: prompt.templateVersion, variables };
  if (!blobs || Buffer.byteLength(text) <= TASK_PROMPT_INLINE_BYTES) return { ...source, text, textBlobKey: null };
  const key = taskSystemPromptKey(ids.agentId, ids.taskId);
  await blobs.put(workspaceId, key, text, { contentType: 'text/plain; charset=utf-8' });
  return { ...source, text: '', textBlobKey: key };
}

/** A stored task with its system prompt text read back from the blob store where it lives there. */
export async function loadTaskSystemPrompt(
  blobs: BlobStore | undefined,
  workspaceId: string,
  task: AgentTaskRecord,
): Promise<TaskSystemPrompt | null> {
  const stored = task.systemPrompt;
  if (!stored) return null;
  const { textBlobKey, ...prompt } = stored;
  if (!textBlobKey || !blobs) return prompt;
  const bytes = await blobs.get(workspaceId, textBlobKey);
  return { ...prompt, text: bytes ? Buffer.from(bytes).toString('utf8') : '' };
}

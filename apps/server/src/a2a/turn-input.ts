import { Message, type Part } from '@a2a-js/sdk';
import { ContentTypeNotSupportedError, RequestMalformedError } from '@a2a-js/sdk/errors';
import { findUnstorableJson, isStorableText, SendMessageSchema } from '@agent-fleet/contracts';

/** Longest `contextId` a client may choose (the SDK's own are UUIDs). */
export const MAX_CONTEXT_ID_LENGTH = 200;

/**
 * The chat message an A2A message becomes: its text parts, and its data parts as JSON, joined by blank
 * lines, held to the chat's own rules (non-empty, at most 100,000 characters). The whole message is
 * kept in the task's history, so text the database cannot store is refused anywhere in it (metadata
 * included) rather than failing the write. File parts are refused: agents take text.
 */
export function turnInput(message: Message): string {
  const unstorable = findUnstorableJson(Message.toJSON(message));
  if (unstorable) {
    const where = unstorable.path.map(String).join('.') || 'message';
    throw new RequestMalformedError(
      unstorable.reason === 'depth'
        ? `The message nests JSON too deeply at ${where}`
        : `The message holds text that cannot be stored (NUL or an unpaired surrogate) at ${where}`,
    );
  }
  const parsed = SendMessageSchema.safeParse({ content: message.parts.map(partText).join('\n\n') });
  if (!parsed.success) throw new RequestMalformedError(parsed.error.issues[0]?.message ?? 'The message is not valid');
  return parsed.data.content;
}

/** A client-chosen context id must be storable text of a sensible length; the SDK's own always are. */
export function assertUsableContextId(contextId: unknown): void {
  if (typeof contextId !== 'string' || contextId.length > MAX_CONTEXT_ID_LENGTH || !isStorableText(contextId)) {
    throw new RequestMalformedError(`contextId must be at most ${MAX_CONTEXT_ID_LENGTH} characters of storable text`);
  }
}

function partText(part: Part): string {
  switch (part.content?.$case) {
    case 'text':
      return part.content.value;
    case 'data':
      return JSON.stringify(part.content.value ?? null);
    case 'raw':
    case 'url':
      throw new ContentTypeNotSupportedError(
        `File parts${part.mediaType ? ` (${part.mediaType})` : ''} are not supported; send text or data parts`,
      );
    default:
      throw new RequestMalformedError('A message part has no content');
  }
}

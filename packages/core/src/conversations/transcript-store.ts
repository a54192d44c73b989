import type { ModelMessage } from 'ai';
import type { BlobStore } from '../storage/blob-store.js';

/** Blob keys of a conversation all live under one folder, so deleting it is one prefix delete. */
export const conversationFolder = (conversationId: string): string => `conversations/${conversationId}/`;
const transcriptKey = (conversationId: string) => `${conversationFolder(conversationId)}transcript.json`;
export const messageContentKey = (conversationId: string, messageId: string) =>
  `${conversationFolder(conversationId)}messages/${messageId}.txt`;

/**
 * The full transcript of a conversation as the model saw it (system prompt aside): user, assistant and
 * tool messages with their tool calls. The database keeps the readable messages; the transcript keeps
 * everything needed to continue the conversation exactly.
 */
export class TranscriptStore {
  constructor(private readonly blobs: BlobStore) {}

  async read(workspaceId: string, conversationId: string): Promise<ModelMessage[] | null> {
    const bytes = await this.blobs.get(workspaceId, transcriptKey(conversationId));
    if (!bytes) return null;
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { messages?: ModelMessage[] };
    return Array.isArray(parsed.messages) ? parsed.messages : null;
  }

  async write(workspaceId: string, conversationId: string, messages: ModelMessage[]): Promise<void> {
    await this.blobs.put(workspaceId, transcriptKey(conversationId), JSON.stringify({ version: 1, messages }), {
      contentType: 'application/json',
    });
  }
}

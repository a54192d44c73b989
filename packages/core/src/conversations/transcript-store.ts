import type { ModelMessage } from 'ai';
import type { BlobStore } from '../storage/blob-store.js';

/** Blob keys of a conversation all live under one folder, so deleting it is one prefix delete. */
export const conversationFolder = (conversationId: string): string => `conversations/${conversationId}/`;
const transcriptKey = (conversationId: string) => `${conversationFolder(conversationId)}transcript.json`;
export const messageContentKey = (conversationId: string, messageId: string) =>
  `${conversationFolder(conversationId)}messages/${messageId}.txt`;

/** A conversation's transcript, as of the moment the conversation held `messageCount` messages. */
export interface Transcript {
  messages: ModelMessage[];
  messageCount: number;
}

/**
 * The full transcript of a conversation as the model saw it (system prompt aside): user, assistant and
 * tool messages with their tool calls. The database keeps the readable messages; the transcript keeps
 * everything needed to continue the conversation exactly. It is written after the turn's commit, so it
 * can lag behind the messages (a crash in between): it records how many messages it covers, and one that
 * does not cover the conversation's reads as missing.
 */
export class TranscriptStore {
  constructor(private readonly blobs: BlobStore) {}

  /** The transcript when it covers the conversation's `messageCount` messages, else null. */
  async read(workspaceId: string, conversation: { id: string; messageCount: number }): Promise<ModelMessage[] | null> {
    const bytes = await this.blobs.get(workspaceId, transcriptKey(conversation.id));
    if (!bytes) return null;
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { messages?: ModelMessage[]; messageCount?: number };
    if (!Array.isArray(parsed.messages)) return null;
    // Transcripts written before the count was kept are taken as they are.
    if (parsed.messageCount !== undefined && parsed.messageCount !== conversation.messageCount) return null;
    return parsed.messages;
  }

  async write(workspaceId: string, conversationId: string, transcript: Transcript): Promise<void> {
    await this.blobs.put(workspaceId, transcriptKey(conversationId), JSON.stringify({ version: 1, ...transcript }), {
      contentType: 'application/json',
    });
  }
}

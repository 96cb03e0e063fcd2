import type { TranscriptStore } from 'botbuilder';

/**
 * A botbuilder TranscriptStore that owns a resource (a database connection) to release at
 * shutdown. The bot writes to it only through a {@link RedactingTranscriptLogger}.
 */
export interface ClosableTranscriptStore extends TranscriptStore {
  close(): Promise<void>;
}

/**
 * The argument and state checks every transcript store makes before an operation, with one message
 * shape: `SqliteTranscriptStore.listTranscripts(): channelId is required`.
 */
export function checkCall(store: string, method: string, closed: boolean, required: Record<string, unknown> = {}): void {
  if (closed) throw new Error(`${store}.${method}(): the store is closed`);
  for (const [name, value] of Object.entries(required)) {
    if (!value) throw new Error(`${store}.${method}(): ${name} is required`);
  }
}

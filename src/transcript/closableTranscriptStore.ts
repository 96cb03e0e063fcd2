import type { TranscriptStore } from 'botbuilder';

/**
 * A botbuilder TranscriptStore that owns a resource (a database connection) to release at
 * shutdown. The bot writes to it only through a {@link RedactingTranscriptLogger}.
 */
export interface ClosableTranscriptStore extends TranscriptStore {
  close(): Promise<void>;
}

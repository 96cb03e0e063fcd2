import { MemoryTranscriptStore } from 'botbuilder';
import type { ClosableTranscriptStore } from './closableTranscriptStore';

/** botbuilder's in-memory transcript store (pages of 20), closable like the SQLite one. Tests only. */
export function createMemoryTranscriptStore(): ClosableTranscriptStore {
  return Object.assign(new MemoryTranscriptStore(), { close: async () => undefined });
}

import type { Clock } from '../clock';
import { sqliteFile, type Config } from '../config/config';
import { BlobTranscriptStore } from './blobTranscriptStore';
import type { ClosableTranscriptStore } from './closableTranscriptStore';
import { createMemoryTranscriptStore } from './memoryTranscriptStore';
import { SqliteTranscriptStore } from './sqliteTranscriptStore';

/**
 * The transcript store that goes with the configured STORAGE: SQLite next to the state, Azure
 * Blob in the state's container (STORAGE=blob, so no instance writes a local file), or memory.
 */
export function createTranscriptStore(config: Config, clock: Clock): ClosableTranscriptStore {
  switch (config.STORAGE) {
    case 'sqlite':
      return new SqliteTranscriptStore({ path: sqliteFile(config), clock });
    case 'blob': {
      const connectionString = config.AZURE_STORAGE_CONNECTION_STRING;
      if (!connectionString) throw new Error('STORAGE=blob needs AZURE_STORAGE_CONNECTION_STRING.');
      return new BlobTranscriptStore({ connectionString, container: config.AZURE_STORAGE_CONTAINER, clock });
    }
    case 'memory':
      return createMemoryTranscriptStore();
    default: {
      const unknown: never = config.STORAGE;
      throw new Error(`STORAGE=${String(unknown)} is not supported.`);
    }
  }
}

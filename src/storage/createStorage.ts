import type { ClosableStorage } from '../app/types';
import { sqliteFile, type Config } from '../config/config';
import type { Logger } from '../logging/logger';
import { MemoryClosableStorage } from './memoryClosableStorage';
import { SqliteStorage } from './sqliteStorage';
import { AzureBlobStorage } from './azureBlobStorage';

/** Builds the configured bot state store (STORAGE=sqlite|memory|blob). */
export function createStorage(config: Config, logger: Logger): ClosableStorage {
  switch (config.STORAGE) {
    case 'sqlite': {
      const file = sqliteFile(config);
      logger.info('storage: sqlite', { file });
      return new SqliteStorage({ file });
    }
    case 'memory':
      logger.warn('storage: memory (conversation state is lost when the process stops)');
      return new MemoryClosableStorage();
    case 'blob': {
      // parseConfig already requires the connection string when STORAGE=blob.
      const connectionString = config.AZURE_STORAGE_CONNECTION_STRING;
      if (!connectionString) throw new Error('STORAGE=blob needs AZURE_STORAGE_CONNECTION_STRING.');
      logger.info('storage: azure blob', { container: config.AZURE_STORAGE_CONTAINER, account: describeAccount(connectionString) });
      return new AzureBlobStorage({ connectionString, container: config.AZURE_STORAGE_CONTAINER });
    }
    default: {
      const unknown: never = config.STORAGE;
      throw new Error(`STORAGE=${String(unknown)} is not supported.`);
    }
  }
}

/** Where the connection string points (account and endpoint), never its key. */
export function describeAccount(connectionString: string): string {
  if (/^\s*UseDevelopmentStorage=true/i.test(connectionString)) return 'development storage';
  const parts = new Map(
    connectionString
      .split(';')
      .map((part) => part.split('='))
      .filter((pair) => pair.length >= 2)
      .map(([name, ...value]) => [name.trim().toLowerCase(), value.join('=').trim()] as const),
  );
  return parts.get('blobendpoint') || parts.get('accountname') || 'unknown account';
}

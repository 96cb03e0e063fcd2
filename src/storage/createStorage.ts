import type { ClosableStorage } from '../app/types';
import { sqliteFile, type Config } from '../config/config';
import type { Logger } from '../logging/logger';
import { MemoryClosableStorage } from './memoryClosableStorage';
import { SqliteStorage } from './sqliteStorage';

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
    case 'blob':
      throw new Error('STORAGE=blob is not available yet: use STORAGE=sqlite (default) or STORAGE=memory.');
    default: {
      const unknown: never = config.STORAGE;
      throw new Error(`STORAGE=${String(unknown)} is not supported.`);
    }
  }
}

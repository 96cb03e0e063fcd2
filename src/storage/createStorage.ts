// PLACEHOLDER until SQLite storage lands: memory only.
import { MemoryStorage } from 'botbuilder';
import type { ClosableStorage } from '../app/types';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';

export function createStorage(_config: Config, _logger: Logger): ClosableStorage {
  const memory = new MemoryStorage();
  return Object.assign(memory, { close: async () => undefined, ping: async () => true });
}

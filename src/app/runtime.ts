import path from 'node:path';
import type { Config } from '../config/config';
import { createLogger, type Logger } from '../logging/logger';
import { systemClock, type Clock } from '../clock';
import type { Recognizer } from '../nlu/recognizer';
import { loadRecognizer } from '../nlu';
import type { StatusFeed } from '../status/statusFeed';
import { AppleStatusFeed } from '../status/appleStatusFeed';
import { createStorage } from '../storage/createStorage';
import { createBot } from '../bot/createBot';
import type { BotDeps, ClosableStorage, ResyncBotApp } from './types';

/** Anything a test or host wants to supply instead of the configured default. */
export interface RuntimeOverrides {
  logger?: Logger;
  storage?: ClosableStorage;
  recognizer?: Recognizer;
  statusFeed?: StatusFeed;
  clock?: Clock;
}

export interface Runtime extends BotDeps {
  storage: ClosableStorage;
  bot: ResyncBotApp;
  /** Storage answers and the recogniser is loaded. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The composition root: builds every dependency from configuration (or the overrides) and the
 * bot on top. Listens on nothing; hosts (HTTP server, terminal chat) do that.
 */
export async function createRuntime(config: Config, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const clock = overrides.clock ?? systemClock;
  const storage = overrides.storage ?? createStorage(config, logger);
  const recognizer =
    overrides.recognizer ??
    (await loadRecognizer({ intentsDir: path.resolve(config.INTENTS_DIR), cacheDir: path.resolve(config.DATA_DIR, 'nlu-cache'), logger }));
  const statusFeed =
    overrides.statusFeed ??
    new AppleStatusFeed({ url: config.STATUS_FEED_URL, timeoutMs: config.STATUS_FEED_TIMEOUT_MS, cacheSeconds: config.STATUS_CACHE_SECONDS, clock });
  const deps: BotDeps = { config, logger, storage, recognizer, statusFeed, clock };
  const bot = createBot(deps);
  return {
    ...deps,
    storage,
    bot,
    ready: async () => storage.ping(),
    close: async () => storage.close(),
  };
}

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
import { loadContent, type Content } from '../content/loadContent';
import { readIntentRefs } from '../content/validate';
import { ContentError } from '../content/problems';

/** Anything a test or host wants to supply instead of the configured default. */
export interface RuntimeOverrides {
  logger?: Logger;
  storage?: ClosableStorage;
  recognizer?: Recognizer;
  statusFeed?: StatusFeed;
  clock?: Clock;
  content?: Content;
}

/** Loads intents/ and dialogs/; throws ContentError naming every problem's file, line and field. */
export function loadConfiguredContent(config: Config): Content {
  const intents = readIntentRefs(config.INTENTS_DIR);
  if (!intents.intents) throw new ContentError(intents.problems);
  return loadContent(config.DIALOGS_DIR, intents.intents);
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
  // Content first: invalid content stops start-up before anything opens a file or a port.
  const content = overrides.content ?? loadConfiguredContent(config);
  const clock = overrides.clock ?? systemClock;
  const storage = overrides.storage ?? createStorage(config, logger);
  const recognizer =
    overrides.recognizer ??
    (await loadRecognizer({ intentsDir: path.resolve(config.INTENTS_DIR), cacheDir: path.resolve(config.DATA_DIR, 'nlu-cache'), logger }));
  const statusFeed =
    overrides.statusFeed ??
    new AppleStatusFeed({ url: config.STATUS_FEED_URL, timeoutMs: config.STATUS_FEED_TIMEOUT_MS, cacheSeconds: config.STATUS_CACHE_SECONDS, clock });
  const deps: BotDeps = { config, logger, storage, recognizer, statusFeed, clock, content };
  const bot = createBot(deps);
  return {
    ...deps,
    storage,
    bot,
    ready: async () => storage.ping(),
    close: async () => storage.close(),
  };
}

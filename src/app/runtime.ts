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
import { createTeamsAwareBot } from '../teams/teamsAwareBot';
import type { BotDeps, ClosableStorage, ResyncBotApp } from './types';
import type { Content } from '../content/loadContent';
import { loadAllContent } from '../content/validate';
import { createAgentHub, type ProactiveMessenger, type ResyncAgentHub } from '../handoff/agentHub';
import { loadHandoffMessages, type HandoffMessages } from '../handoff/handoffMessages';
import { stepCatalog } from '../handoff/stepCatalog';
import { AdapterMessenger } from '../agent/adapterMessenger';
import { parseAgentAccounts } from '../agent/agentAccounts';
import type { ClosableTranscriptStore } from '../transcript/closableTranscriptStore';
import { createTranscriptStore } from '../transcript/createTranscriptStore';
import { RedactingTranscriptLogger } from '../transcript/redactingTranscriptLogger';

/** Anything a test or host wants to supply instead of the configured default. */
export interface RuntimeOverrides {
  logger?: Logger;
  storage?: ClosableStorage;
  recognizer?: Recognizer;
  statusFeed?: StatusFeed;
  clock?: Clock;
  content?: Content;
  /** Wording of the handoff (default: DIALOGS_DIR/handoff.yaml). */
  handoffMessages?: HandoffMessages;
  /** Where every activity is logged, redacted (default: next to the state: SQLite, Azure Blob or memory). */
  transcripts?: ClosableTranscriptStore;
  /** Proactive messages to people (default: an AdapterMessenger the server attaches its adapter to). */
  messenger?: ProactiveMessenger;
  /** Where the trained NLU model is cached (default DATA_DIR/nlu-cache); null: no cache (DATA_DIR cannot be written). */
  nluCacheDir?: string | null;
}

/** Loads intents/ and dialogs/; throws ContentError naming every problem's file, line and field (the list `resync validate` prints). */
export function loadConfiguredContent(config: Config): Content {
  return loadAllContent({ intentsDir: config.INTENTS_DIR, dialogsDir: config.DIALOGS_DIR });
}

export interface Runtime extends BotDeps {
  storage: ClosableStorage;
  bot: ResyncBotApp;
  /** The built-in agent hub (queue, tickets, the bot-side gate). */
  hub: ResyncAgentHub;
  /** Proactive messages for the hub; an AdapterMessenger needs `attach(adapter, appId)` by the server. */
  messenger: ProactiveMessenger;
  transcripts: ClosableTranscriptStore;
  /** For `adapter.use(new TranscriptLoggerMiddleware(runtime.transcriptLogger))`; redacts before storing. */
  transcriptLogger: RedactingTranscriptLogger;
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
  const handoffMessages = overrides.handoffMessages ?? loadHandoffMessages(config.DIALOGS_DIR);
  const clock = overrides.clock ?? systemClock;
  const storage = overrides.storage ?? createStorage(config, logger);
  const recognizer =
    overrides.recognizer ??
    (await loadRecognizer({
      intentsDir: path.resolve(config.INTENTS_DIR),
      cacheDir: overrides.nluCacheDir === null ? undefined : (overrides.nluCacheDir ?? path.resolve(config.DATA_DIR, 'nlu-cache')),
      logger,
    }));
  const statusFeed =
    overrides.statusFeed ??
    new AppleStatusFeed({ url: config.STATUS_FEED_URL, timeoutMs: config.STATUS_FEED_TIMEOUT_MS, cacheSeconds: config.STATUS_CACHE_SECONDS, clock });
  const transcripts = overrides.transcripts ?? createTranscriptStore(config, clock);
  const transcriptLogger = new RedactingTranscriptLogger(transcripts, {
    onError: (error, activity) => logger.error('transcript: could not save an activity', { error, ...activity }),
  });
  const messenger = overrides.messenger ?? new AdapterMessenger();
  const hub = createAgentHub({
    storage,
    clock,
    messenger,
    logger: logger.child({ component: 'handoff' }),
    transcripts,
    messages: handoffMessages,
    statusFeed,
    statusTimeoutMs: config.STATUS_FEED_TIMEOUT_MS,
    agentsConfigured: parseAgentAccounts(config.AGENT_ACCOUNTS).accounts.length > 0,
    steps: stepCatalog(content.steps),
    engineMessages: content.messages,
    // An address typed before a message that never came is kept no longer than conversations are.
    options: { pendingContactIdleMs: config.DIRECTLINE_RETENTION_HOURS * 3_600_000 },
  });
  const deps: BotDeps = { config, logger, storage, recognizer, statusFeed, clock, content, handoff: hub, handoffGate: hub };
  // Microsoft Teams: mentions, threads and install events handled around the bot (other channels pass through).
  const bot = createTeamsAwareBot(createBot(deps), deps);
  return {
    ...deps,
    storage,
    bot,
    hub,
    messenger,
    transcripts,
    transcriptLogger,
    ready: async () => storage.ping(),
    close: async () => {
      await transcriptLogger.flush();
      await transcripts.close();
      await storage.close();
    },
  };
}

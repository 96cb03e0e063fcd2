import type { Storage } from 'botbuilder';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';
import type { Recognizer } from '../nlu/recognizer';
import type { StatusFeed } from '../status/statusFeed';
import type { Clock } from '../clock';
import type { Content } from '../content/loadContent';
import type { HandoffService } from '../dialogs/handoffService';

/** botbuilder Storage that also owns a resource to release at shutdown. */
export interface ClosableStorage extends Storage {
  close(): Promise<void>;
  /** True when the backing store answers. */
  ping(): Promise<boolean>;
}

/** Everything the bot needs from outside, injected (tests pass fakes). */
export interface BotDeps {
  config: Config;
  logger: Logger;
  storage: Storage;
  recognizer: Recognizer;
  statusFeed: StatusFeed;
  clock: Clock;
  /** Validated troubleshooting content (dialogs/ plus the intents' handlers). */
  content: Content;
  /** Live hand-over to a person; none configured = the handoff step gives the support options. */
  handoff?: HandoffService;
  /**
   * Runs first in every turn (the agent hub): while a person waits for or talks with an agent it
   * handles the turn itself and does not call `next`.
   */
  handoffGate?: { run(context: import('botbuilder').TurnContext, next: () => Promise<void>): Promise<void> };
}

/**
 * The bot as the hosts (HTTP server, terminal chat) see it. botbuilder's TurnContext stays at
 * this edge.
 */
export interface ResyncBotApp {
  /** Runs one turn (an ActivityHandler's run). */
  run(context: import('botbuilder').TurnContext): Promise<void>;
  /** Turn error handler: logs with dialog stack and conversation id, apologises, resets the dialog. */
  onTurnError(context: import('botbuilder').TurnContext, error: unknown): Promise<void>;
}

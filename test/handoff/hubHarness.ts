/**
 * A whole bot with the agent hub in front, on TestAdapter: the real content and engine, the
 * keyword recogniser (its call count shows whether a message reached it), transcripts logged
 * (redacted) into a memory transcript store, and a fake ProactiveMessenger that records.
 */
import { MemoryStorage, TestAdapter, TranscriptLoggerMiddleware, type Activity, type ConversationReference, type Storage } from 'botbuilder';
import { ManualClock } from '../../src/clock';
import { parseConfig } from '../../src/config/config';
import { createBot } from '../../src/bot/createBot';
import type { BotDeps } from '../../src/app/types';
import { silentLogger } from '../../src/logging/logger';
import { createAgentHub, type AgentHubOptions, type ProactiveMessenger, type ResyncAgentHub } from '../../src/handoff/agentHub';
import { loadHandoffMessages, type HandoffMessages } from '../../src/handoff/handoffMessages';
import { HubService } from '../../src/handoff/hubService';
import { stepCatalog } from '../../src/handoff/stepCatalog';
import { RedactingTranscriptLogger } from '../../src/transcript/redactingTranscriptLogger';
import { createMemoryTranscriptStore } from '../../src/transcript/memoryTranscriptStore';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import { ALL_CLEAR, FixtureStatusFeed, KeywordRecognizer, NOW, realContent, type Reply } from '../dialogs/helpers';
import type { TranscriptStore } from 'botbuilder';
import type { Recognizer } from '../../src/nlu/recognizer';

export const AGENT_A = { id: 'agent-a', name: 'Alice' };
export const AGENT_B = { id: 'agent-b', name: 'Bob' };

export class RecordingMessenger implements ProactiveMessenger {
  sent: { reference: Partial<ConversationReference>; activity: Partial<Activity> }[] = [];
  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void> {
    this.sent.push({ reference, activity });
  }
  /** Message keys sent to one conversation, in order. */
  keys(conversationId: string): string[] {
    return this.sent.filter((s) => s.reference.conversation?.id === conversationId).map((s) => (s.activity.channelData as { resync?: ResyncChannelData })?.resync?.messageKey ?? '?');
  }
  texts(conversationId: string): string[] {
    return this.sent.filter((s) => s.reference.conversation?.id === conversationId).map((s) => s.activity.text ?? '');
  }
}

export interface HubHarnessOptions {
  storage?: Storage;
  clock?: ManualClock;
  messenger?: RecordingMessenger;
  transcripts?: TranscriptStore;
  hubOptions?: AgentHubOptions;
  feed?: FixtureStatusFeed;
  /** False: no agent accounts exist (AGENT_ACCOUNTS empty). Default: the hub's default (true). */
  agentsConfigured?: boolean;
  /** The hub's wording (default: the real dialogs/handoff.yaml). */
  messages?: HandoffMessages;
  /** The channel of every person's conversation (default 'test'). */
  channelId?: string;
  /** The bot's recogniser (default: the keyword recogniser, whose call count `recognizer` shows). */
  botRecognizer?: Recognizer;
}

export interface Person {
  adapter: TestAdapter;
  conversationId: string;
  say(input: string | Partial<Activity>): Promise<Reply[]>;
}

export interface HubHarness {
  hub: ResyncAgentHub;
  storage: Storage;
  clock: ManualClock;
  messenger: RecordingMessenger;
  recognizer: KeywordRecognizer;
  transcripts: TranscriptStore;
  logger: RedactingTranscriptLogger;
  person(conversationId: string): Person;
}

export const messages = loadHandoffMessages('dialogs');

export function hubHarness(options: HubHarnessOptions = {}): HubHarness {
  const content = realContent();
  const storage = options.storage ?? new MemoryStorage();
  const clock = options.clock ?? new ManualClock(NOW);
  const messenger = options.messenger ?? new RecordingMessenger();
  const transcripts = options.transcripts ?? createMemoryTranscriptStore();
  const recognizer = new KeywordRecognizer(content);
  const feed = options.feed ?? new FixtureStatusFeed(ALL_CLEAR);
  const hubDeps = { storage, clock, messenger, logger: silentLogger, transcripts, messages: options.messages ?? messages, statusFeed: feed, statusTimeoutMs: 100, random: () => 0, options: options.hubOptions, steps: stepCatalog(content.steps), engineMessages: content.messages };
  const hub: ResyncAgentHub = options.agentsConfigured === undefined ? createAgentHub(hubDeps) : new HubService({ ...hubDeps, agentsConfigured: options.agentsConfigured });
  const config = parseConfig({ STORAGE: 'memory', STATUS_FEED_TIMEOUT_MS: '100' });
  const deps: BotDeps = { config, logger: silentLogger, storage, recognizer: options.botRecognizer ?? recognizer, statusFeed: feed, clock, content, handoff: hub };
  const bot = createBot(deps, { random: () => 0 });
  const logger = new RedactingTranscriptLogger(transcripts);

  const person = (conversationId: string): Person => {
    const adapter = new TestAdapter((context) => hub.run(context, () => bot.run(context)), {
      channelId: options.channelId ?? 'test',
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      recipient: { id: 'bot', name: 'Resync' },
    });
    adapter.use(new TranscriptLoggerMiddleware(logger));
    adapter.onTurnError = (context, error) => bot.onTurnError(context, error);
    const say = async (input: string | Partial<Activity>): Promise<Reply[]> => {
      const user = { id: `user-${conversationId}`, name: 'User', role: 'user' };
      const activity: Partial<Activity> = typeof input === 'string' ? { type: 'message', text: input, from: user } : { type: 'message', from: user, ...input };
      await adapter.receiveActivity(activity);
      await logger.flush();
      return adapter.activeQueue.splice(0).map((a) => ({
        text: a.text ?? (a.attachments?.[0]?.content as { text?: string } | undefined)?.text ?? '',
        resync: (a.channelData as { resync?: ResyncChannelData } | undefined)?.resync,
        activity: a,
      }));
    };
    return { adapter, conversationId, say };
  };
  return { hub, storage, clock, messenger, recognizer, transcripts, logger, person };
}

/** The message keys of a turn's replies ('event:<name>' for events). */
export function replyKeys(replies: Reply[]): string[] {
  return replies.map((r) => (r.activity.type === 'event' ? `event:${r.activity.name}` : (r.resync?.messageKey ?? '?')));
}

/**
 * Only the hub's own replies (handoff.* keys and events): the dialogs may put their own support
 * options around a request for a person; these tests are about what the hub said.
 */
export function hubKeys(replies: Reply[]): string[] {
  return replyKeys(replies).filter((k) => k.startsWith('handoff.') || k.startsWith('event:'));
}

/** The first reply with this message key. */
export function replyWith(replies: Reply[], key: string): Reply | undefined {
  return replies.find((r) => r.resync?.messageKey === key);
}

/**
 * A person with no agent configured, on the contacts problem, who asked for a person and chose
 * "Leave a message": the hub now asks "Please type your message…".
 */
export async function atMessageQuestion(conversationId = 'c1', h: HubHarness = hubHarness({ agentsConfigured: false })): Promise<{ h: HubHarness; p: Person }> {
  const p = h.person(conversationId);
  await p.say('contacts-not-syncing on my iphone');
  await p.say('talk to a person');
  expect(replyKeys(await p.say('1'))).toEqual(['handoff.leaveMessage.prompt']);
  return { h, p };
}

/** Everything stored but the tickets themselves (conversation state, the hub's own documents). */
export function storedOutsideTickets(h: HubHarness): string {
  const memory = (h.storage as MemoryStorage & { memory: Record<string, string> }).memory;
  return Object.entries(memory)
    .filter(([key]) => !key.startsWith('handoff/ticket/'))
    .map(([, value]) => value)
    .join('\n');
}

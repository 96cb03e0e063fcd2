/**
 * Teams-shaped activities (as Teams and the Agents Playground send them) and a TestAdapter
 * conversation running the real bot wrapped in the Teams layer.
 */
import { MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { ManualClock } from '../../src/clock';
import { parseConfig } from '../../src/config/config';
import { createBot } from '../../src/bot/createBot';
import type { BotDeps, ResyncBotApp } from '../../src/app/types';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import { silentLogger } from '../../src/logging/logger';
import type { Recognition, Recognizer } from '../../src/nlu/recognizer';
import { createTeamsAwareBot } from '../../src/teams/teamsAwareBot';
import { ALL_CLEAR, FixtureStatusFeed, KeywordRecognizer, NOW, realContent } from '../dialogs/helpers';

export const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Resync' };
export const USER = { id: '29:user-1', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
export const TENANT = '00000000-0000-0000-0000-0000000000c1';
export const CHANNEL_ID = '19:general-channel@thread.tacv2';
export const TEAM_ID = '19:team-general@thread.tacv2';
export const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

let nextId = 1000;
const newId = () => String(nextId++);

function base(conversation: Record<string, unknown>, channelData: Record<string, unknown>): Partial<Activity> {
  return {
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { ...USER },
    recipient: { ...BOT },
    conversation: { tenantId: TENANT, ...conversation } as Activity['conversation'],
    channelData: { tenant: { id: TENANT }, ...channelData },
    locale: 'en-US',
  };
}

export const PERSONAL_CONVERSATION = 'a:personal-conversation-1';

export function personalMessage(text: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return { ...base({ id: PERSONAL_CONVERSATION, conversationType: 'personal' }, {}), type: 'message', id: newId(), text, textFormat: 'plain', ...extra };
}

export function cardSubmit(value: unknown, scopeActivity: Partial<Activity>): Partial<Activity> {
  const { text: _text, entities: _entities, ...rest } = scopeActivity;
  return { ...rest, type: 'message', id: newId(), value, text: undefined, entities: [] };
}

function mentionEntity() {
  return { type: 'mention', mentioned: { id: BOT.id, name: BOT.name }, text: `<at>${BOT.name}</at>` };
}

/** A channel post; `root` makes it a reply in that thread, `mention` puts `<at>Resync</at>` in front. */
export function channelPost(text: string, options: { mention?: boolean; root?: string } = {}): Partial<Activity> {
  const id = newId();
  const root = options.root ?? id;
  return {
    ...base({ id: `${CHANNEL_ID};messageid=${root}`, conversationType: 'channel', isGroup: true }, { teamsChannelId: CHANNEL_ID, teamsTeamId: TEAM_ID, team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } }),
    type: 'message',
    id,
    text: options.mention ? `<at>${BOT.name}</at> ${text}` : text,
    textFormat: 'plain',
    entities: options.mention ? [mentionEntity()] : [],
  };
}

export const GROUP_CONVERSATION = '19:group-chat-1@thread.v2';

export function groupMessage(text: string, mention: boolean): Partial<Activity> {
  return {
    ...base({ id: GROUP_CONVERSATION, conversationType: 'groupChat', isGroup: true }, {}),
    type: 'message',
    id: newId(),
    text: mention ? `<at>${BOT.name}</at> ${text}` : text,
    entities: mention ? [mentionEntity()] : [],
  };
}

export function installationUpdate(scope: 'personal' | 'team' | 'groupChat', action = 'add'): Partial<Activity> {
  const conversation =
    scope === 'personal'
      ? { id: PERSONAL_CONVERSATION, conversationType: 'personal' }
      : scope === 'team'
        ? { id: TEAM_ID, conversationType: 'channel', isGroup: true }
        : { id: GROUP_CONVERSATION, conversationType: 'groupChat', isGroup: true };
  const channelData = scope === 'team' ? { team: { id: TEAM_ID, name: 'Support' }, channel: { id: TEAM_ID } } : {};
  return { ...base(conversation, channelData), type: 'installationUpdate', id: newId(), action } as Partial<Activity>;
}

export function teamMembersAdded(members: { id: string }[]): Partial<Activity> {
  return {
    ...base({ id: TEAM_ID, conversationType: 'channel', isGroup: true }, { team: { id: TEAM_ID, name: 'Support' }, eventType: 'teamMemberAdded' }),
    type: 'conversationUpdate',
    id: newId(),
    membersAdded: members.map((m) => ({ name: '', ...m })),
  };
}

/** A recogniser that records the texts it was asked about. */
export class RecordingRecognizer implements Recognizer {
  readonly texts: string[] = [];
  constructor(private readonly inner: Recognizer) {}
  get intents() {
    return this.inner.intents;
  }
  recognize(text: string): Recognition {
    this.texts.push(text);
    return this.inner.recognize(text);
  }
}

export interface TeamsReply {
  resync?: ResyncChannelData;
  activity: Partial<Activity>;
}

export interface TeamsHarness {
  bot: ResyncBotApp;
  adapter: TestAdapter;
  storage: Storage;
  recognizer: RecordingRecognizer;
  send(activity: Partial<Activity>): Promise<TeamsReply[]>;
}

export function teamsHarness(options: { storage?: Storage } = {}): TeamsHarness {
  const content = realContent();
  const storage = options.storage ?? new MemoryStorage();
  const recognizer = new RecordingRecognizer(new KeywordRecognizer(content));
  const config = parseConfig({ STORAGE: 'memory', STATUS_FEED_TIMEOUT_MS: '100' });
  const deps: BotDeps = { config, logger: silentLogger, storage, recognizer, statusFeed: new FixtureStatusFeed(ALL_CLEAR), clock: new ManualClock(NOW), content };
  const bot = createTeamsAwareBot(createBot(deps, { random: () => 0 }), deps);
  const adapter = new TestAdapter((context) => bot.run(context));
  adapter.onTurnError = (context, error) => bot.onTurnError(context, error);
  return {
    bot,
    adapter,
    storage,
    recognizer,
    send: async (activity) => {
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(0).map((a) => ({ resync: (a.channelData as { resync?: ResyncChannelData } | undefined)?.resync, activity: a }));
    },
  };
}

export function keysOf(replies: TeamsReply[]): string[] {
  return replies.map((r) => r.resync?.messageKey ?? '?');
}

export interface CardJson {
  type: string;
  version: string;
  body: { type: string; text?: string; [k: string]: unknown }[];
  actions?: { type: string; title: string; data: Record<string, unknown>; mode?: string }[];
  [k: string]: unknown;
}

export function adaptiveCardOf(activity: Partial<Activity>): CardJson | undefined {
  const a = activity.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive');
  return a?.content as CardJson | undefined;
}

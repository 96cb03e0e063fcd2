/**
 * Shared test harness for the dialog engine and the bot: the real content, a keyword fake of the
 * recogniser, fixture status feeds, and a TestAdapter conversation that returns each turn's replies.
 */
import { MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { ManualClock } from '../../src/clock';
import { parseConfig } from '../../src/config/config';
import { contentHash, loadContent, type Content } from '../../src/content/loadContent';
import type { Step } from '../../src/content/playbookSchema';
import { readIntentRefs } from '../../src/content/validate';
import { createBot } from '../../src/bot/createBot';
import type { BotDeps, ResyncBotApp } from '../../src/app/types';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import type { HandoffService } from '../../src/dialogs/handoffService';
import type { TroubleshootingRecord, UserProfile } from '../../src/dialogs/troubleshootingRecord';
import { silentLogger, type Logger } from '../../src/logging/logger';
import { NONE_INTENT, type Entity, type Recognition, type Recognizer } from '../../src/nlu/recognizer';
import type { StatusFeed, StatusReport } from '../../src/status/statusFeed';
import { goesOnChoice } from '../helpers/goesOn';

export const NOW = '2026-03-10T15:30:00Z';

let cached: Content | undefined;
/** The real content of intents/ and dialogs/. */
export function realContent(): Content {
  if (!cached) {
    const refs = readIntentRefs('intents');
    if (!refs.intents) throw new Error('intents/ is invalid');
    cached = loadContent('dialogs', refs.intents);
  }
  return cached;
}

/** The first intent with this handler kind. */
export function intentWithHandler(content: Content, handler: string): string {
  const hit = content.intents.find((i) => i.handler === handler);
  if (!hit) throw new Error(`no intent with handler ${handler}`);
  return hit.id;
}

/**
 * A deterministic recogniser: a message naming an intent id ("photos-not-syncing") is that intent;
 * a few words trigger the non-playbook handlers; device ids/labels and service ids become entities.
 * "ambiguous a b" is ambiguous between intents a and b; "meh <intent>" is that intent at low confidence.
 */
export class KeywordRecognizer implements Recognizer {
  readonly intents: string[];
  calls = 0;
  private readonly handlerWords: [RegExp, string][] = [
    [/\bhelp\b/, 'help'],
    [/\b(cancel|start over)\b/, 'cancel'],
    [/\b(person|human|agent)\b/, 'agent'],
    [/^(hi|hello)\b/, 'greeting'],
    [/\b(bye|goodbye)\b/, 'goodbye'],
  ];

  constructor(
    private readonly content: Content,
    private readonly explode?: string,
  ) {
    this.intents = content.intents.filter((i) => i.id !== NONE_INTENT).map((i) => i.id);
  }

  recognize(text: string): Recognition {
    this.calls++;
    const lower = text.toLowerCase();
    if (this.explode && lower.includes(this.explode)) throw new Error('recogniser exploded');
    const entities = this.entities(lower);
    const base = { text, entities, alternatives: [] as { intent: string; confidence: number }[], ambiguous: false };
    const amb = /^ambiguous ([a-z0-9-]+) ([a-z0-9-]+)/.exec(lower);
    if (amb) return { ...base, intent: amb[1], confidence: 0.45, alternatives: [{ intent: amb[2], confidence: 0.44 }], ambiguous: true };
    const meh = /^meh ([a-z0-9-]+)/.exec(lower);
    if (meh) return { ...base, intent: meh[1], confidence: 0.4 };
    const named = [...this.intents].sort((a, b) => b.length - a.length).find((id) => lower.includes(id));
    if (named) return { ...base, intent: named, confidence: 0.9 };
    for (const [re, handler] of this.handlerWords) {
      if (re.test(lower)) return { ...base, intent: intentWithHandler(this.content, handler), confidence: 0.9 };
    }
    return { ...base, intent: NONE_INTENT, confidence: 0.1 };
  }

  private entities(lower: string): Entity[] {
    const out: Entity[] = [];
    for (const d of this.content.devices) {
      for (const word of [d.id, d.label.toLowerCase()]) {
        const m = new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).exec(lower);
        if (m) {
          out.push({ type: 'device', value: d.id, text: m[0], start: m.index, end: m.index + m[0].length });
          break;
        }
      }
    }
    for (const s of this.content.services) {
      const m = new RegExp(`\\bservice:${s.id}\\b`).exec(lower);
      if (m) out.push({ type: 'service', value: s.id, text: m[0], start: m.index, end: m.index + m[0].length });
    }
    return out;
  }
}

/** A status feed that answers with a fixed report (and counts calls). */
export class FixtureStatusFeed implements StatusFeed {
  calls = 0;
  constructor(public report: StatusReport | (() => Promise<StatusReport>)) {}
  async getStatus(): Promise<StatusReport> {
    this.calls++;
    return typeof this.report === 'function' ? this.report() : this.report;
  }
}

export const ALL_CLEAR: StatusReport = { ok: true, fetchedAt: new Date(NOW), services: [{ serviceName: 'Photos', activeEvents: [] }] };

export function outage(serviceName: string, start = '2026-03-10T13:05:00Z'): StatusReport {
  return {
    ok: true,
    fetchedAt: new Date(NOW),
    services: [
      {
        serviceName,
        activeEvents: [{ statusType: 'Outage', eventStatus: 'ongoing', usersAffected: 'Some users are affected', start: new Date(start), message: 'Users may be unable to sync.' }],
      },
    ],
  };
}

export interface Reply {
  text: string;
  resync?: ResyncChannelData;
  activity: Partial<Activity>;
}

export interface BotHarness {
  bot: ResyncBotApp;
  adapter: TestAdapter;
  storage: Storage;
  recognizer: KeywordRecognizer;
  feed: FixtureStatusFeed;
  clock: ManualClock;
  content: Content;
  /** Sends one message (text, or a card value) and returns the bot's replies of that turn. */
  say(input: string | { text?: string; value?: unknown }): Promise<Reply[]>;
  logs: { level: string; msg: string; fields?: Record<string, unknown> }[];
}

export interface HarnessOptions {
  content?: Content;
  storage?: Storage;
  feed?: FixtureStatusFeed;
  channelId?: string;
  conversationId?: string;
  userId?: string;
  explode?: string;
  handoff?: HandoffService;
  statusTimeoutMs?: number;
}

export function harness(options: HarnessOptions = {}): BotHarness {
  const content = options.content ?? realContent();
  const storage = options.storage ?? new MemoryStorage();
  const recognizer = new KeywordRecognizer(content, options.explode);
  const feed = options.feed ?? new FixtureStatusFeed(ALL_CLEAR);
  const clock = new ManualClock(NOW);
  const logs: BotHarness['logs'] = [];
  const logger: Logger = {
    ...silentLogger,
    level: 'debug',
    debug: (msg, fields) => logs.push({ level: 'debug', msg, fields }),
    info: (msg, fields) => logs.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => logs.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => logs.push({ level: 'error', msg, fields }),
    child: () => logger,
  };
  const config = parseConfig({ STORAGE: 'memory', STATUS_FEED_TIMEOUT_MS: String(options.statusTimeoutMs ?? 100) });
  const deps: BotDeps = { config, logger, storage, recognizer, statusFeed: feed, clock, content, handoff: options.handoff };
  const bot = createBot(deps, { random: () => 0 });
  const adapter = new TestAdapter((context) => bot.run(context), {
    channelId: options.channelId ?? 'test',
    conversation: { id: options.conversationId ?? 'conv-1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: options.userId ?? 'user-1', name: 'User' },
    recipient: { id: 'bot', name: 'Resync' },
  });
  adapter.onTurnError = (context, error) => bot.onTurnError(context, error);
  const say = async (input: string | { text?: string; value?: unknown }): Promise<Reply[]> => {
    const activity: Partial<Activity> = typeof input === 'string' ? { type: 'message', text: input } : { type: 'message', text: input.text ?? '', value: input.value };
    await adapter.receiveActivity(activity);
    return adapter.activeQueue.splice(0).map((a) => ({
      text: a.text ?? (a.attachments?.[0]?.content as { text?: string } | undefined)?.text ?? '',
      resync: (a.channelData as { resync?: ResyncChannelData } | undefined)?.resync,
      activity: a,
    }));
  };
  return { bot, adapter, storage, recognizer, feed, clock, content, say, logs };
}

/** The message keys of a turn's replies. */
export function keys(replies: Reply[]): string[] {
  return replies.map((r) => r.resync?.messageKey ?? '?');
}

/** The last reply (the prompt the bot waits on). */
export function last(replies: Reply[]): Reply {
  const r = replies[replies.length - 1];
  if (!r) throw new Error('no reply');
  return r;
}

/** The number ("1", "2", …) that picks a choice id in the last prompt. */
export function pick(replies: Reply[], choiceId: string): string {
  const choices = last(replies).resync?.choices ?? [];
  const i = choices.indexOf(choiceId);
  if (i < 0) throw new Error(`choice ${choiceId} not offered: ${choices.join(', ')} (${keys(replies).join(', ')})`);
  return String(i + 1);
}

/** Deep copy of content with edits, for content-change tests. */
export function editContent(content: Content, edit: (c: Content) => void): Content {
  const copy = JSON.parse(JSON.stringify(content)) as Content;
  edit(copy);
  for (const pb of Object.values(copy.playbooks)) {
    const { contentVersion: _v, file: _f, ...playbook } = pb;
    pb.contentVersion = contentHash(playbook, pb.steps.map((id) => copy.steps[id]).filter(Boolean));
  }
  return copy;
}

/** The troubleshooting record of a conversation, as saved in storage. */
export async function record(h: BotHarness, conversationId = 'conv-1', channelId = 'test'): Promise<TroubleshootingRecord> {
  const key = `${channelId}/conversations/${conversationId}/`;
  const data = await h.storage.read([key]);
  return (data[key] as { troubleshooting: TroubleshootingRecord } | undefined)?.troubleshooting ?? { steps: [] };
}

/** The remembered profile of a user, as saved in storage. */
export async function profile(h: BotHarness, userId = 'user-1', channelId = 'test'): Promise<UserProfile> {
  const key = `${channelId}/users/${userId}/`;
  const data = await h.storage.read([key]);
  return (data[key] as { profile: UserProfile } | undefined)?.profile ?? {};
}

/** The id of a step question's choice that carries on to the step's instructions, then on through the steps. */
export function continueChoice(step: Step): string {
  // Not one whose "No" leaves the order (storage's "full": the deeper help, then the hand-over).
  const choice = step.question ? goesOnChoice(step.question.choices) : undefined;
  if (!choice) throw new Error(`step ${step.id} has no "continue" choice`);
  return choice.id;
}

/**
 * Starts a playbook with `firstMessage` and answers every step question with "continue" (and any
 * status pause with carry on) until the first "Did that fix it?"; returns that turn's replies and
 * the step it asks about.
 */
export async function answerUntilFixedQuestion(h: BotHarness, content: Content, firstMessage: string): Promise<{ replies: Reply[]; stepId: string }> {
  const replies = await continueUntilFixedQuestion(h, content, await h.say(firstMessage));
  return { replies, stepId: last(replies).resync!.stepId! };
}

/** From replies ending at a step question, a status pause or "Did that fix it?": "continue" until "Did that fix it?". */
export async function continueUntilFixedQuestion(h: BotHarness, content: Content, replies: Reply[]): Promise<Reply[]> {
  for (let i = 0; i < 10 && last(replies).resync?.messageKey !== 'fixed.question'; i++) {
    const p = last(replies).resync!;
    if (p.messageKey === 'step.question') replies = await h.say(pick(replies, continueChoice(content.steps[p.stepId!]!)));
    else if (p.messageKey === 'status.pauseQuestion') replies = await h.say(pick(replies, 'continue'));
    else throw new Error(`unexpected ${p.messageKey}`);
  }
  expect(last(replies).resync?.messageKey).toBe('fixed.question');
  return replies;
}

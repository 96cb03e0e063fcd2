/**
 * The whole bot through createRuntime with the real recogniser and content, memory storage and a
 * fixture status feed (all clear), for tests that drive conversations as people type them.
 * `useRealBot()` registers the jest hooks; `say(text)` returns each reply's channelData.resync.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestAdapter, TranscriptLoggerMiddleware, type Activity, type TranscriptLogger } from 'botbuilder';
import { createRuntime, type Runtime } from '../../src/app/runtime';
import { ManualClock } from '../../src/clock';
import { parseConfig } from '../../src/config/config';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import { silentLogger } from '../../src/logging/logger';
import { ALL_CLEAR, FixtureStatusFeed, NOW, realContent } from '../dialogs/helpers';
import { goesOnChoice } from './goesOn';

export type Say = (text: string) => Promise<ResyncChannelData[]>;

/**
 * A new personal conversation with `bot` on the `test` channel: a message in, the bot's activities
 * out. With `transcript`, every activity also goes through the transcript logger, as in production.
 */
export function personalChat(bot: Runtime['bot'], id: string, transcript?: TranscriptLogger): (text: string) => Promise<Partial<Activity>[]> {
  const adapter = new TestAdapter((context) => bot.run(context), {
    channelId: 'test',
    conversation: { id, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: `user-${id}`, name: 'User' },
    recipient: { id: 'bot', name: 'Resync' },
  });
  if (transcript) adapter.use(new TranscriptLoggerMiddleware(transcript));
  adapter.onTurnError = (context, error) => bot.onTurnError(context, error);
  return async (text) => {
    await adapter.receiveActivity({ type: 'message', text });
    return adapter.activeQueue.splice(0);
  };
}

/** The reply's channelData.resync. */
export const resyncOf = (a: Partial<Activity>): ResyncChannelData => (a.channelData as { resync: ResyncChannelData }).resync;

/** The reply's text as a person reads it: the message text, or the card's text. */
export const textOf = (a: Partial<Activity>): string => a.text ?? (a.attachments?.[0]?.content as { text?: string } | undefined)?.text ?? '';

/** A reply flattened for assertions: its text (Markdown bold removed) and what the bot said it was. */
export interface ReplyLine {
  text: string;
  key: string;
  stepId?: string;
  playbook?: string;
  choices?: string[];
}

export function lineOf(a: Partial<Activity>): ReplyLine {
  const resync = resyncOf(a);
  return { text: textOf(a).replace(/\*\*/g, ''), key: resync.messageKey, stepId: resync.stepId, playbook: resync.playbook, choices: resync.choices };
}

/** A conversation whose replies come flattened (lineOf), with its id (to read its record in storage). */
export interface LineChat {
  id: string;
  say(text: string): Promise<ReplyLine[]>;
}

/** Says each of `lines` in turn; the replies to the last one. */
export async function sayAll(c: LineChat, lines: readonly string[]): Promise<ReplyLine[]> {
  let replies: ReplyLine[] = [];
  for (const line of lines) replies = await c.say(line);
  return replies;
}

export interface RealBot {
  /** A new personal conversation on the `test` channel. */
  conversation(id: string): Say;
  /** The same, its replies as ReplyLines. */
  lineChat(id: string): LineChat;
  /**
   * A new conversation that starts with `first` and answers each step question with its
   * "continue" choice (by number) until "Did that fix it?" is asked.
   */
  atFixedQuestion(id: string, first: string): Promise<Say>;
  readonly runtime: Runtime;
}

/** `clock` and `statusFeed`: the test's own, to move time on and switch Apple's status (default: fixed, all clear). */
export function useRealBot(prefix: string, options: { clock?: ManualClock; statusFeed?: FixtureStatusFeed } = {}): RealBot {
  let dataDir = '';
  let runtime: Runtime | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), `resync-${prefix}-`));
    const config = parseConfig({ STORAGE: 'memory', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    runtime = await createRuntime(config, { logger: silentLogger, statusFeed: options.statusFeed ?? new FixtureStatusFeed(ALL_CLEAR), clock: options.clock ?? new ManualClock(NOW) });
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const started = (): Runtime => {
    if (!runtime) throw new Error('useRealBot: the runtime is not started (use it inside a test)');
    return runtime;
  };

  const bot: RealBot = {
    get runtime() {
      return started();
    },
    async atFixedQuestion(id: string, first: string): Promise<Say> {
      const say = bot.conversation(id);
      const steps = realContent().steps;
      let replies = await say(first);
      for (let i = 0; i < 4 && replies[replies.length - 1]?.messageKey === 'step.question'; i++) {
        const step = steps[replies[replies.length - 1]!.stepId!]!;
        replies = await say(String(step.question!.choices.indexOf(goesOnChoice(step.question!.choices)) + 1));
      }
      expect(replies[replies.length - 1]?.messageKey).toBe('fixed.question');
      return say;
    },
    conversation(id: string): Say {
      const chat = personalChat(started().bot, id);
      return async (text) => (await chat(text)).map(resyncOf);
    },
    lineChat(id: string): LineChat {
      const chat = personalChat(started().bot, id);
      return { id, say: async (text) => (await chat(text)).map(lineOf) };
    },
  };
  return bot;
}

/**
 * Answers every step question with its first "continue" choice (see goesOnChoice) and every "Did that fix it?" with
 * "No" (at most 20 turns), from the replies `first`: every reply, `first` included.
 */
export async function throughToTheEnd(say: (text: string) => Promise<ReplyLine[]>, first: ReplyLine[]): Promise<ReplyLine[]> {
  const steps = realContent().steps;
  const all = [...first];
  let replies = first;
  for (let turn = 0; turn < 20; turn++) {
    const prompt = replies[replies.length - 1];
    if (prompt.key === 'step.question') {
      const step = steps[prompt.stepId!];
      const shown = step.question!.choices.filter((c) => prompt.choices?.includes(c.id));
      const go = shown.indexOf(goesOnChoice(shown));
      replies = await say(String(go + 1));
    } else if (prompt.key === 'fixed.question') {
      replies = await say('2');
    } else break;
    all.push(...replies);
  }
  return all;
}

/**
 * `resync chat`: the whole bot (createRuntime) in this process, talking on the terminal.
 * On a TTY it prompts "you> "; otherwise every input line is one user message and it exits at EOF.
 */
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { createRuntime, type Runtime, type RuntimeOverrides } from '../app/runtime';
import { loadDotEnv, parseConfig, type Config } from '../config/config';
import { createLogger } from '../logging/logger';
import { activityRecord, buttonsOf, renderActivity } from './activityText';
import { ANSI, PLAIN } from './terminalMarkdown';
import { ChatSession, type TurnResult } from './chatSession';
import { writeLine, type CliIo } from './cliIo';
import { UsageError, configFromEnv } from './commandSupport';
import { USAGE } from './usage';

const CHAT_USAGE = USAGE.chat;

const BOT_PREFIX = 'resync> ';
const INDENT = ' '.repeat(BOT_PREFIX.length);
/** Longest pause honoured for a `delay` activity on a terminal. */
const MAX_DELAY_MS = 2000;

export interface ChatOptions {
  json: boolean;
  storage: 'memory' | 'sqlite';
  channelId: string;
}

export function parseChatArgs(args: string[]): ChatOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, storage: { type: 'string', default: 'memory' }, channel: { type: 'string', default: 'webchat' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: ${CHAT_USAGE}`);
  }
  const { json, storage, channel } = parsed.values;
  if (storage !== 'memory' && storage !== 'sqlite') throw new UsageError(`--storage must be memory or sqlite (got "${storage}")\nusage: ${CHAT_USAGE}`);
  if (!channel || !channel.trim()) throw new UsageError(`--channel needs a channel id\nusage: ${CHAT_USAGE}`);
  return { json: json ?? false, storage, channelId: channel.trim() };
}

/** Test seam: what `resync chat` builds the runtime with. */
export interface ChatDeps {
  createRuntime?: (config: Config, overrides: RuntimeOverrides) => Promise<Runtime>;
  sleep?: (ms: number) => Promise<void>;
}

export async function runChat(args: string[], io: CliIo, deps: ChatDeps = {}): Promise<number> {
  const options = parseChatArgs(args);
  loadDotEnv(path.resolve(io.cwd, '.env'));
  // The terminal is for the conversation: logs default to warnings only, on stderr.
  const config = configFromEnv({ LOG_LEVEL: 'warn', ...io.env, STORAGE: options.storage }, io);
  if (!config) return 1;
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT === 'auto' ? 'json' : config.LOG_FORMAT, write: (line) => writeLine(io.stderr, line) });

  const runtime = await (deps.createRuntime ?? createRuntime)(config, { logger });
  try {
    if (!(await runtime.ready())) {
      writeLine(io.stderr, `resync chat: storage (${config.STORAGE}) does not answer`);
      return 1;
    }
    const session = new ChatSession(runtime.bot, { channelId: options.channelId, now: () => runtime.clock.now() });
    const interactive = io.stdin.isTTY === true && io.stdout.isTTY === true && !options.json;
    const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const show = async (result: TurnResult) => {
      if (result.note) writeLine(io.stdout, `${BOT_PREFIX}(${result.note})`);
      let numbered = 0;
      for (const reply of result.replies) {
        if (options.json) {
          writeLine(io.stdout, JSON.stringify(activityRecord(reply, numbered + 1)));
          numbered += buttonsOf(reply).length; // link buttons take a number too
          continue;
        }
        if (reply.type === 'delay' && interactive) {
          await sleep(Math.min(Number(reply.value) || 0, MAX_DELAY_MS));
          continue;
        }
        const rendered = renderActivity(reply, numbered + 1, interactive && !process.env.NO_COLOR ? ANSI : PLAIN);
        numbered += rendered.buttons.length;
        rendered.lines.forEach((line, i) => writeLine(io.stdout, (i === 0 ? BOT_PREFIX : INDENT) + line));
      }
    };
    const turn = async (work: () => Promise<TurnResult>) => {
      try {
        await show(await work());
      } catch (err) {
        writeLine(io.stderr, `resync chat: the turn failed: ${(err as Error).message ?? String(err)}`);
      }
    };

    await turn(() => session.start());
    const rl = readline.createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive, prompt: 'you> ' });
    if (interactive) {
      rl.on('SIGINT', () => rl.close()); // Ctrl-C leaves like Ctrl-D, closing storage on the way out
      writeLine(io.stdout, '(answer buttons by number or title; /quit, Ctrl-D or Ctrl-C to leave)');
      rl.prompt();
    }
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === '/quit' || line === '/exit') break;
      if (line) await turn(() => session.say(line));
      if (interactive) rl.prompt();
    }
    rl.close();
    if (interactive) writeLine(io.stdout);
    return 0;
  } finally {
    await runtime.close();
  }
}

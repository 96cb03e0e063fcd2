/**
 * The whole bot through createRuntime with the real recogniser and content, memory storage and a
 * fixture status feed (all clear), for tests that drive conversations as people type them.
 * `useRealBot()` registers the jest hooks; `say(text)` returns each reply's channelData.resync.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { createRuntime, type Runtime } from '../../src/app/runtime';
import { ManualClock } from '../../src/clock';
import { parseConfig } from '../../src/config/config';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import { silentLogger } from '../../src/logging/logger';
import { ALL_CLEAR, FixtureStatusFeed, NOW } from '../dialogs/helpers';

export type Say = (text: string) => Promise<ResyncChannelData[]>;

export interface RealBot {
  /** A new personal conversation on the `test` channel. */
  conversation(id: string): Say;
  readonly runtime: Runtime;
}

export function useRealBot(prefix: string): RealBot {
  let dataDir = '';
  let runtime: Runtime | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), `resync-${prefix}-`));
    const config = parseConfig({ STORAGE: 'memory', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    runtime = await createRuntime(config, { logger: silentLogger, statusFeed: new FixtureStatusFeed(ALL_CLEAR), clock: new ManualClock(NOW) });
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const started = (): Runtime => {
    if (!runtime) throw new Error('useRealBot: the runtime is not started (use it inside a test)');
    return runtime;
  };

  return {
    get runtime() {
      return started();
    },
    conversation(id: string): Say {
      const adapter = new TestAdapter((context) => started().bot.run(context), {
        channelId: 'test',
        conversation: { id, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: `user-${id}`, name: 'User' },
        recipient: { id: 'bot', name: 'Resync' },
      });
      adapter.onTurnError = (context, error) => started().bot.onTurnError(context, error);
      return async (text) => {
        await adapter.receiveActivity({ type: 'message', text });
        return adapter.activeQueue.splice(0).map((a: Partial<Activity>) => (a.channelData as { resync: ResyncChannelData }).resync);
      };
    },
  };
}

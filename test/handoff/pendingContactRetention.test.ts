/**
 * The runtime keeps an address typed before a message that never came no longer than it keeps
 * conversations: DIRECTLINE_RETENTION_HOURS sets the hub's pendingContactIdleMs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { ManualClock } from '../../src/clock';
import { parseConfig } from '../../src/config/config';
import { createRuntime } from '../../src/app/runtime';
import { silentLogger } from '../../src/logging/logger';
import { HUB_KEYS } from '../../src/handoff/hubService';
import { ALL_CLEAR, FixtureStatusFeed, KeywordRecognizer, NOW, realContent } from '../dialogs/helpers';

const HOUR = 3_600_000;

async function pendingAfter(env: Record<string, string>, idleHours: number): Promise<unknown> {
  const clock = new ManualClock(NOW);
  const content = realContent();
  const config = parseConfig({ STORAGE: 'memory', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'resync-retention-')), LOG_LEVEL: 'silent', ...env });
  const runtime = await createRuntime(config, { logger: silentLogger, statusFeed: new FixtureStatusFeed(ALL_CLEAR), clock, content, recognizer: new KeywordRecognizer(content) });
  try {
    const say = async (conversationId: string, text: string) => {
      const adapter = new TestAdapter((context) => runtime.hub.run(context, () => runtime.bot.run(context)), { channelId: 'msteams', conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' } });
      await adapter.receiveActivity({ type: 'message', text, from: { id: `u-${conversationId}`, name: 'User', role: 'user' } } as Partial<Activity>);
    };
    await say('gone', 'talk to a person');
    await say('gone', 'leave a message');
    await say('gone', 'gone@example.com');
    const key = HUB_KEYS.pendingContact('gone');
    expect((await runtime.storage.read([key]))[key]).toBeDefined();
    clock.advance(idleHours * HOUR);
    await say('someone-else', 'hello');
    return (await runtime.storage.read([key]))[key];
  } finally {
    await runtime.close();
  }
}

describe('DIRECTLINE_RETENTION_HOURS reaches the pending-address sweep', () => {
  it('set to 2 hours: an address idle 3 hours is deleted', async () => {
    expect(await pendingAfter({ DIRECTLINE_RETENTION_HOURS: '2' }, 3)).toBeUndefined();
  });

  it('by default (24 hours): an address idle 3 hours is kept', async () => {
    expect(await pendingAfter({}, 3)).toBeDefined();
  });
});

/**
 * A restart while an escalation waits: a new hub (and bot) over the same SQLite file still has
 * the queue, the escalation's messages and its transcript, and the person's next message still
 * reaches the agent.
 */
import path from 'node:path';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import { SqliteTranscriptStore } from '../../src/transcript/sqliteTranscriptStore';
import { makeTempDir } from '../helpers/tempDir';
import { AGENT_A, AGENT_B, hubHarness, replyKeys } from './hubHarness';

describe('restart', () => {
  const tmp = makeTempDir('resync-handoff-');
  afterAll(() => tmp.remove());

  it('keeps the queue, the messages and the transcript; the chat goes on after the restart', async () => {
    const file = path.join(tmp.dir, 'resync.sqlite');
    const storage1 = new SqliteStorage({ file });
    const transcripts1 = new SqliteTranscriptStore({ path: file });
    const first = hubHarness({ storage: storage1, transcripts: transcripts1 });
    await first.hub.agentSeen(AGENT_A);
    const p1 = first.person('c1');
    await p1.say('photos-not-syncing on my iphone');
    await p1.say('human please');
    await p1.say('are you there?');
    await first.logger.flush();
    await storage1.close();
    await transcripts1.close();

    const storage2 = new SqliteStorage({ file });
    const transcripts2 = new SqliteTranscriptStore({ path: file });
    try {
      const second = hubHarness({ storage: storage2, transcripts: transcripts2 });
      const queue = await second.hub.queue();
      expect(queue.map((e) => e.conversationId)).toEqual(['c1']);
      expect(queue[0].summary.intent).toBe('photos-not-syncing');
      expect((await second.hub.messagesSince('c1')).map((m) => m.text)).toEqual(['are you there?']);
      const transcript = await second.hub.transcript('c1');
      expect(transcript.some((a) => a.text === 'photos-not-syncing on my iphone')).toBe(true);

      // The person writes again after the restart: it goes to the hub, not to the bot.
      const p2 = second.person('c1');
      const before = second.recognizer.calls;
      const ack = await p2.say('hello? my photos are still missing');
      expect(replyKeys(ack)).toEqual(['handoff.waiting.ack']);
      expect(second.recognizer.calls).toBe(before);

      expect(await second.hub.accept('c1', AGENT_B)).toBe('accepted');
      expect((await second.hub.messagesSince('c1')).filter((m) => m.from === 'user').map((m) => m.text)).toEqual(['are you there?', 'hello? my photos are still missing']);
      const after = await p2.say('thanks for picking up');
      expect(after).toEqual([]);
      expect((await second.hub.messagesSince('c1')).slice(-1)[0]).toMatchObject({ from: 'user', text: 'thanks for picking up' });
    } finally {
      await storage2.close();
      await transcripts2.close();
    }
  });
});

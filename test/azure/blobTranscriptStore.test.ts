/**
 * BlobTranscriptStore (BlobsTranscriptStore wrapped) against Azurite: pages in time order, one
 * list entry per conversation, no leaks between conversations whose ids share a prefix.
 */
import type { Activity } from 'botbuilder';
import { BlobsTranscriptStore } from 'botbuilder-azure-blobs';
import { ManualClock } from '../../src/clock';
import { BlobTranscriptStore } from '../../src/transcript/blobTranscriptStore';
import { RedactingTranscriptLogger } from '../../src/transcript/redactingTranscriptLogger';
import { startAzurite, type Azurite } from './azurite';

jest.setTimeout(60_000);

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

let containers = 0;
function open(options: { pageSize?: number; clock?: ManualClock } = {}): { store: BlobTranscriptStore; container: string } {
  containers += 1;
  const container = `transcripts-${process.pid}-${containers}`;
  return { store: new BlobTranscriptStore({ connectionString: azurite.connectionString, container, ...options }), container };
}

const BASE = Date.UTC(2026, 2, 1, 10, 0, 0);

function activity(conversationId: string, n: number, extra: Partial<Activity> = {}): Activity {
  return {
    type: 'message',
    id: `${conversationId}|${String(n).padStart(7, '0')}`,
    channelId: 'directline',
    conversation: { id: conversationId },
    from: { id: n % 2 ? 'bot' : 'person' },
    recipient: { id: n % 2 ? 'person' : 'bot' },
    timestamp: new Date(BASE + n * 1000),
    text: `line ${n}`,
    ...extra,
  } as Activity;
}

async function all(store: BlobTranscriptStore, channelId: string, conversationId: string, startDate?: Date): Promise<{ pages: number[]; items: Activity[] }> {
  const pages: number[] = [];
  const items: Activity[] = [];
  let token: string | undefined;
  do {
    const page = await store.getTranscriptActivities(channelId, conversationId, token, startDate);
    pages.push(page.items.length);
    items.push(...page.items);
    token = page.continuationToken || undefined;
  } while (token && pages.length < 50);
  return { pages, items };
}

describe('BlobTranscriptStore on Azurite', () => {
  it('pages a conversation in time order and never mixes in one whose id starts the same', async () => {
    const { store } = open({ pageSize: 20 });
    // Logged out of order on purpose: the pages follow the activities' time.
    const order = Array.from({ length: 45 }, (_, i) => i).sort((a, b) => ((a * 7) % 45) - ((b * 7) % 45));
    for (const n of order) await store.logActivity(activity('conv', n));
    for (let n = 0; n < 3; n++) await store.logActivity(activity('conv-2', n));

    const { pages, items } = await all(store, 'directline', 'conv');
    expect(pages).toEqual([20, 20, 5]);
    expect(items.map((a) => a.text)).toEqual(Array.from({ length: 45 }, (_, i) => `line ${i}`));
    expect(new Set(items.map((a) => a.conversation.id))).toEqual(new Set(['conv']));
    expect(items[0].timestamp).toBeInstanceOf(Date);
    expect((await all(store, 'directline', 'conv-2')).items).toHaveLength(3);
    expect((await all(store, 'webchat', 'conv')).items).toHaveLength(0);
  });

  it('filters by the activities\' own time with startDate', async () => {
    const { store } = open({ pageSize: 4 });
    for (let n = 0; n < 10; n++) await store.logActivity(activity('dated', n));
    const { items, pages } = await all(store, 'directline', 'dated', new Date(BASE + 6000));
    expect(items.map((a) => a.text)).toEqual(['line 6', 'line 7', 'line 8', 'line 9']);
    expect(pages).toEqual([4]);
  });

  it('lists each conversation once, paged, created at its first activity', async () => {
    const { store, container } = open({ pageSize: 2 });
    const ids = ['a/b', 'conv', 'conv-2', 'teams:19:x@thread;messageid=1'];
    for (const [i, id] of ids.entries()) {
      for (let n = 0; n < 4; n++) await store.logActivity(activity(id, n + i * 10));
    }
    // The underlying store lists one entry per activity: the reason for the wrapper.
    const raw = await new BlobsTranscriptStore(azurite.connectionString, container).listTranscripts('directline');
    expect(raw.items.length).toBe(16);

    const seen: { id: string; created: Date }[] = [];
    let token: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await store.listTranscripts('directline', token);
      sizes.push(page.items.length);
      seen.push(...page.items.map((t) => ({ id: t.id, created: t.created })));
      token = page.continuationToken || undefined;
    } while (token && sizes.length < 10);
    expect(sizes).toEqual([2, 2]);
    expect(seen.map((t) => t.id).sort()).toEqual([...ids].sort());
    for (const [i, id] of ids.entries()) {
      expect(seen.find((t) => t.id === id)?.created.getTime()).toBe(BASE + i * 10 * 1000);
    }
    expect((await store.listTranscripts('webchat')).items).toEqual([]);
    await expect(store.listTranscripts('directline', 'not-a-token')).rejects.toThrow(/not issued by this store/);
  });

  it('deletes one conversation and leaves the one whose id starts the same', async () => {
    const { store } = open();
    for (let n = 0; n < 3; n++) await store.logActivity(activity('conv', n));
    for (let n = 0; n < 2; n++) await store.logActivity(activity('conv-2', n));
    await store.deleteTranscript('directline', 'conv');
    expect((await all(store, 'directline', 'conv')).items).toHaveLength(0);
    expect((await all(store, 'directline', 'conv-2')).items.map((a) => a.text)).toEqual(['line 0', 'line 1']);
    expect((await store.listTranscripts('directline')).items.map((t) => t.id)).toEqual(['conv-2']);
  });

  it('keeps activities without an id or with a string timestamp, and stamps a missing time from the clock', async () => {
    const clock = new ManualClock('2026-03-01T12:00:00Z');
    const { store } = open({ clock });
    await store.logActivity(activity('loose', 0, { id: undefined, timestamp: undefined }));
    await store.logActivity(activity('loose', 1, { id: undefined, timestamp: undefined, text: 'same moment' }));
    await store.logActivity(activity('loose', 2, { timestamp: '2026-03-01T12:00:05.000Z' as unknown as Date }));
    const { items } = await all(store, 'directline', 'loose');
    expect(items.map((a) => a.text).sort()).toEqual(['line 0', 'line 2', 'same moment']);
    expect(items.filter((a) => a.timestamp?.getTime() === clock.now().getTime())).toHaveLength(2);
    expect(items[2].timestamp).toEqual(new Date('2026-03-01T12:00:05.000Z'));
  });

  it('stores what the redacting logger hands it, redacted, in the order logged', async () => {
    const { store } = open();
    const logger = new RedactingTranscriptLogger(store);
    void logger.logActivity(activity('private', 0, { text: 'my password is Hunter2!x' }));
    void logger.logActivity(activity('private', 1, { text: 'thanks' }));
    await logger.flush();
    const { items } = await all(store, 'directline', 'private');
    expect(items.map((a) => a.text)).toHaveLength(2);
    expect(JSON.stringify(items)).not.toContain('Hunter2');
    expect(items[1].text).toBe('thanks');
  });

  it('refuses calls after close', async () => {
    const { store } = open();
    await store.close();
    await expect(store.logActivity(activity('x', 0))).rejects.toThrow(/closed/);
    await expect(store.getTranscriptActivities('directline', 'x')).rejects.toThrow(/closed/);
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { Activity } from 'botbuilder';
import { ManualClock } from '../../src/clock';
import { SqliteTranscriptStore, TRANSCRIPT_TABLE } from '../../src/transcript/sqliteTranscriptStore';

function activity(conversationId: string, n: number, extra: Partial<Activity> = {}): Activity {
  return {
    type: 'message',
    id: `${conversationId}-${n}`,
    channelId: 'test',
    conversation: { id: conversationId, isGroup: false, name: conversationId, conversationType: 'personal' },
    from: { id: 'user', name: 'User', role: 'user' },
    recipient: { id: 'bot', name: 'Bot' },
    text: `message ${n}`,
    timestamp: new Date(Date.UTC(2026, 0, 1, 12, 0, n)),
    ...extra,
  } as Activity;
}

describe('SqliteTranscriptStore', () => {
  let dir: string;
  let dbPath: string;
  let store: SqliteTranscriptStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resync-transcript-'));
    dbPath = path.join(dir, 'transcripts.db');
    store = new SqliteTranscriptStore({ path: dbPath, pageSize: 3 });
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('pages through a conversation in logged order with continuation tokens', async () => {
    for (let i = 0; i < 8; i++) await store.logActivity(activity('c1', i));
    await store.logActivity(activity('c2', 0));

    const ids: string[] = [];
    const tokens: Array<string | undefined> = [];
    let token: string | undefined;
    do {
      const page = await store.getTranscriptActivities('test', 'c1', token);
      expect(page.items.length).toBeLessThanOrEqual(3);
      ids.push(...page.items.map((a) => a.id as string));
      token = page.continuationToken;
      tokens.push(token);
    } while (token);

    expect(ids).toEqual(['c1-0', 'c1-1', 'c1-2', 'c1-3', 'c1-4', 'c1-5', 'c1-6', 'c1-7']);
    expect(tokens).toHaveLength(3);
    expect(tokens[2]).toBeUndefined();
  });

  it('keeps logged order even when timestamps are equal or out of order', async () => {
    const same = new Date('2026-01-01T00:00:00Z');
    await store.logActivity(activity('c1', 5, { timestamp: same }));
    await store.logActivity(activity('c1', 1, { timestamp: same }));
    await store.logActivity(activity('c1', 3, { timestamp: new Date('2025-12-31T00:00:00Z') }));
    const page = await store.getTranscriptActivities('test', 'c1');
    expect(page.items.map((a) => a.id)).toEqual(['c1-5', 'c1-1', 'c1-3']);
  });

  it('gives activities back with Date timestamps and all fields', async () => {
    const original = activity('c1', 7, { value: { a: [1, 2] }, channelData: { x: 'y' } });
    await store.logActivity(original);
    const [back] = (await store.getTranscriptActivities('test', 'c1')).items;
    expect(back.timestamp).toBeInstanceOf(Date);
    expect(back).toEqual(original);
  });

  it('filters by start date', async () => {
    for (let i = 0; i < 5; i++) await store.logActivity(activity('c1', i));
    const page = await store.getTranscriptActivities('test', 'c1', undefined, new Date(Date.UTC(2026, 0, 1, 12, 0, 3)));
    expect(page.items.map((a) => a.id)).toEqual(['c1-3', 'c1-4']);
    expect(page.continuationToken).toBeUndefined();
  });

  it('stamps activities that have no timestamp with the injected clock', async () => {
    const clock = new ManualClock('2026-03-04T05:06:07Z');
    const clocked = new SqliteTranscriptStore({ path: path.join(dir, 'clocked.db'), clock });
    try {
      await clocked.logActivity(activity('c1', 0, { timestamp: undefined }));
      const [back] = (await clocked.getTranscriptActivities('test', 'c1')).items;
      expect(back.timestamp).toEqual(new Date('2026-03-04T05:06:07Z'));
    } finally {
      await clocked.close();
    }
  });

  it('lists one entry per conversation per channel, paged, with the first activity time', async () => {
    for (const c of ['a', 'b', 'c', 'd', 'e']) {
      await store.logActivity(activity(c, 1));
      await store.logActivity(activity(c, 2));
    }
    await store.logActivity(activity('other', 0, { channelId: 'msteams' }));

    const first = await store.listTranscripts('test');
    expect(first.items.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(first.items[0]).toEqual({ channelId: 'test', id: 'a', created: new Date(Date.UTC(2026, 0, 1, 12, 0, 1)) });
    const second = await store.listTranscripts('test', first.continuationToken);
    expect(second.items.map((t) => t.id)).toEqual(['d', 'e']);
    expect(second.continuationToken).toBeUndefined();
    expect((await store.listTranscripts('msteams')).items.map((t) => t.id)).toEqual(['other']);
  });

  it('deletes one conversation and nothing else', async () => {
    await store.logActivity(activity('c1', 0));
    await store.logActivity(activity('c2', 0));
    await store.deleteTranscript('test', 'c1');
    expect((await store.getTranscriptActivities('test', 'c1')).items).toEqual([]);
    expect((await store.getTranscriptActivities('test', 'c2')).items).toHaveLength(1);
  });

  it('deletes activities older than a cutoff (retention)', async () => {
    for (let i = 0; i < 4; i++) await store.logActivity(activity('c1', i));
    expect(await store.deleteActivitiesBefore(new Date(Date.UTC(2026, 0, 1, 12, 0, 2)))).toBe(2);
    expect((await store.getTranscriptActivities('test', 'c1')).items.map((a) => a.id)).toEqual(['c1-2', 'c1-3']);
  });

  it('rejects activities without an address and tokens it did not issue', async () => {
    await expect(store.logActivity({ type: 'message', text: 'x' } as Activity)).rejects.toThrow(/channelId and conversation.id/);
    await expect(store.getTranscriptActivities('test', 'c1', 'abc')).rejects.toThrow(/continuation token 'abc'/);
    await expect(store.listTranscripts('test', '1; DROP TABLE x')).rejects.toThrow(/continuation token/);
  });

  it('uses its own table in WAL mode, persists across connections and refuses work after close', async () => {
    await store.logActivity(activity('c1', 0));
    await store.close();
    await store.close(); // twice is fine
    await expect(store.logActivity(activity('c1', 1))).rejects.toThrow(/closed/);

    const raw = new Database(dbPath, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`).all(TRANSCRIPT_TABLE);
      expect(tables).toHaveLength(1);
    } finally {
      raw.close();
    }

    store = new SqliteTranscriptStore({ path: dbPath, pageSize: 3 });
    expect((await store.getTranscriptActivities('test', 'c1')).items.map((a) => a.id)).toEqual(['c1-0']);
  });
});

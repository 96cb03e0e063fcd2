/**
 * Tickets on Storage: one document per ticket, an open index and one done index per month, all
 * eTag-guarded. Two TicketStores over one storage stand for two server instances.
 */
import path from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { ManualClock } from '../../src/clock';
import { silentLogger } from '../../src/logging/logger';
import type { Ticket } from '../../src/handoff/agentHub';
import { TICKET_KEYS, TicketStore, monthOf, type TicketIndexDoc } from '../../src/handoff/ticketStore';
import { readDoc } from '../../src/handoff/storageDocs';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import { makeTempDir } from '../helpers/tempDir';

const AGENT_A = { id: 'agent-a', name: 'Alice' };
const AGENT_B = { id: 'agent-b', name: 'Bob' };

function ticket(id: string, createdAt: string, extra: Partial<Ticket> = {}): Ticket {
  return { id, conversationId: `c-${id}`, message: `message ${id}`, contact: `${id}@example.com`, createdAt, summary: { steps: [], oneLine: id }, status: 'open', ...extra };
}

/** Counts writes refused for a stale eTag: proof that the concurrent calls really collided. */
function countingConflicts(storage: Storage): { storage: Storage; conflicts: () => number } {
  let conflicts = 0;
  const counted: Storage = {
    read: (keys) => storage.read(keys),
    delete: (keys) => storage.delete(keys),
    write: async (changes) => {
      try {
        await storage.write(changes);
      } catch (error) {
        if (/etag/i.test(String((error as Error).message))) conflicts++;
        throw error;
      }
    },
  };
  return { storage: counted, conflicts: () => conflicts };
}

async function indexIds(storage: Storage, key: string): Promise<string[]> {
  return ((await readDoc<TicketIndexDoc>(storage, key))?.entries ?? []).map((e) => e.id);
}

/** Every ticket of a list, page after page. */
async function allPages(store: TicketStore, query: { status?: 'open' | 'done'; month?: string; limit: number }): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after;
  let pages = 0;
  for (;;) {
    const page = await store.list({ ...query, after });
    pages++;
    ids.push(...page.tickets.map((t) => t.id));
    if (!page.next) return { ids, pages };
    after = page.next;
    if (pages > 100) throw new Error('paging does not end');
  }
}

describe('TicketStore', () => {
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock('2026-03-31T23:58:00Z');
  });
  const store = (storage: Storage) => new TicketStore({ storage, clock, logger: silentLogger });

  it('a new ticket is one document plus an entry in the open index; the old single document is not written', async () => {
    const storage = new MemoryStorage();
    const s = store(storage);
    expect(await s.create(ticket('T-1', '2026-03-01T10:00:00.000Z'))).toBe(true);
    expect(await s.get('T-1')).toMatchObject({ id: 'T-1', status: 'open' });
    expect(await readDoc<TicketIndexDoc>(storage, TICKET_KEYS.open)).toEqual({ entries: [{ id: 'T-1', at: '2026-03-01T10:00:00.000Z' }] });
    expect(await readDoc(storage, TICKET_KEYS.legacy)).toBeUndefined();
    // An id that exists is refused, and the ticket there stays as it was.
    expect(await s.create(ticket('T-1', '2026-03-02T10:00:00.000Z', { message: 'other' }))).toBe(false);
    expect((await s.get('T-1'))?.message).toBe('message T-1');
  });

  it('lists open tickets newest first and pages with a cursor: every ticket once, in order', async () => {
    const s = store(new MemoryStorage());
    for (let i = 0; i < 7; i++) {
      // T-5 and T-6 share a time: the id breaks the tie.
      await s.create(ticket(`T-${i}`, `2026-03-0${Math.min(i, 5) + 1}T10:00:00.000Z`));
    }
    const expected = ['T-6', 'T-5', 'T-4', 'T-3', 'T-2', 'T-1', 'T-0'];
    expect((await s.list()).tickets.map((t) => t.id)).toEqual(expected);
    const first = await s.list({ limit: 3 });
    expect(first.tickets.map((t) => t.id)).toEqual(['T-6', 'T-5', 'T-4']);
    expect(first.next).toEqual({ at: '2026-03-05T10:00:00.000Z', id: 'T-4' });
    expect(await allPages(s, { limit: 3 })).toEqual({ ids: expected, pages: 3 });
    expect(await allPages(s, { limit: 7 })).toEqual({ ids: expected, pages: 1 });
    // A ticket created after the first page was read does not shift the later pages.
    await s.create(ticket('T-new', '2026-03-20T10:00:00.000Z'));
    const second = await s.list({ limit: 3, after: first.next });
    expect(second.tickets.map((t) => t.id)).toEqual(['T-3', 'T-2', 'T-1']);
  });

  it('marking done moves the ticket from the open index to the month it was done in (UTC)', async () => {
    const storage = new MemoryStorage();
    const s = store(storage);
    await s.create(ticket('T-1', '2026-03-30T09:00:00.000Z'));
    await s.create(ticket('T-2', '2026-03-30T09:05:00.000Z'));
    const first = await s.markDone('T-1', AGENT_A);
    expect(first.changed).toBe(true);
    expect(first.ticket).toMatchObject({ status: 'done', doneAt: '2026-03-31T23:58:00.000Z', doneBy: AGENT_A });
    clock.advance(5 * 60_000); // into April
    await s.markDone('T-2', AGENT_B);
    expect(await indexIds(storage, TICKET_KEYS.open)).toEqual([]);
    expect(await indexIds(storage, TICKET_KEYS.done('2026-03'))).toEqual(['T-1']);
    expect(await indexIds(storage, TICKET_KEYS.done('2026-04'))).toEqual(['T-2']);
    expect((await s.list()).tickets).toEqual([]);
    // Done list defaults to the current month.
    expect(await s.list({ status: 'done' })).toMatchObject({ status: 'done', month: '2026-04', tickets: [{ id: 'T-2', doneBy: AGENT_B }] });
    expect((await s.list({ status: 'done', month: '2026-03' })).tickets.map((t) => t.id)).toEqual(['T-1']);
    expect((await s.list({ status: 'done', month: '2026-02' })).tickets).toEqual([]);
  });

  it('done twice is a no-op (no write at all); an unknown id is not-found', async () => {
    const storage = new MemoryStorage();
    const s = store(storage);
    await s.create(ticket('T-1', '2026-03-30T09:00:00.000Z'));
    await s.markDone('T-1', AGENT_A);
    const keys = [TICKET_KEYS.ticket('T-1'), TICKET_KEYS.open, TICKET_KEYS.done('2026-03')];
    const before = await storage.read(keys);
    clock.advance(60_000);
    const again = await s.markDone('T-1', AGENT_B);
    expect(again.changed).toBe(false);
    expect(again.ticket).toMatchObject({ doneBy: AGENT_A, doneAt: '2026-03-31T23:58:00.000Z' });
    expect(await storage.read(keys)).toEqual(before);
    await expect(s.markDone('T-NOPE', AGENT_A)).rejects.toMatchObject({ name: 'HubError', code: 'not-found' });
  });

  it('rejects a month with open tickets and a month that is not YYYY-MM', async () => {
    const s = store(new MemoryStorage());
    await expect(s.list({ month: '2026-03' })).rejects.toThrow(/only for done/);
    await expect(s.list({ status: 'done', month: '2026-13' })).rejects.toThrow(/YYYY-MM/);
    expect(monthOf('2026-03-31T23:59:59.999Z')).toBe('2026-03');
    expect(monthOf('2026-04-01T01:00:00+02:00')).toBe('2026-03');
  });

  it('a change cut off half-way (done, still in the open index) is hidden from the open list and finished by the next listing', async () => {
    const storage = new MemoryStorage();
    const s = store(storage);
    await s.create(ticket('T-1', '2026-03-30T09:00:00.000Z'));
    await s.create(ticket('T-2', '2026-03-30T09:01:00.000Z'));
    // As if the process stopped right after writing the ticket document.
    await storage.write({ [TICKET_KEYS.ticket('T-1')]: { ...ticket('T-1', '2026-03-30T09:00:00.000Z'), status: 'done', doneAt: '2026-03-31T10:00:00.000Z', eTag: '*' } });
    expect((await s.list()).tickets.map((t) => t.id)).toEqual(['T-2']);
    expect(await indexIds(storage, TICKET_KEYS.open)).toEqual(['T-2']);
    expect(await indexIds(storage, TICKET_KEYS.done('2026-03'))).toEqual(['T-1']);
  });

  describe.each([
    ['one MemoryStorage', () => {
      const storage = countingConflicts(new MemoryStorage());
      return { a: storage.storage, b: storage.storage, conflicts: storage.conflicts, close: async () => {} };
    }],
    ['two SQLite connections to one file', () => {
      const tmp = makeTempDir();
      const file = path.join(tmp.dir, 'tickets.sqlite');
      const one = new SqliteStorage({ file });
      const two = new SqliteStorage({ file });
      const a = countingConflicts(one);
      const b = countingConflicts(two);
      return { a: a.storage, b: b.storage, conflicts: () => a.conflicts() + b.conflicts(), close: async () => { await one.close(); await two.close(); tmp.remove(); } };
    }],
  ] as const)('two instances at once, over %s', (_name, open) => {
    it('create 40 tickets concurrently: every one is in the open index once', async () => {
      const { a, b, conflicts, close } = open();
      try {
        const one = store(a);
        const two = store(b);
        const ids = Array.from({ length: 40 }, (_, i) => `T-${String(i).padStart(2, '0')}`);
        const results = await Promise.all(ids.map((id, i) => (i % 2 ? one : two).create(ticket(id, `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00.000Z`))));
        expect(results.every(Boolean)).toBe(true);
        const open = await indexIds(a, TICKET_KEYS.open);
        expect([...open].sort()).toEqual(ids);
        expect(new Set(open).size).toBe(open.length);
        expect((await allPages(one, { limit: 7 })).ids.sort()).toEqual(ids);
        expect(conflicts()).toBeGreaterThan(0);
      } finally {
        await close();
      }
    });

    it('close 30 tickets concurrently, many by both instances at once, while 10 new ones arrive: nothing lost, nothing twice', async () => {
      const { a, b, conflicts, close } = open();
      try {
        const one = store(a);
        const two = store(b);
        const old = Array.from({ length: 30 }, (_, i) => `T-OLD-${i}`);
        for (const id of old) await one.create(ticket(id, '2026-03-10T08:00:00.000Z'));
        const fresh = Array.from({ length: 10 }, (_, i) => `T-NEW-${i}`);
        const results = await Promise.all([
          ...old.map((id, i) => (i % 2 ? one : two).markDone(id, AGENT_A)),
          // Every third one is closed by the other instance too, at the same moment.
          ...old.filter((_, i) => i % 3 === 0).map((id, i) => (i % 2 ? two : one).markDone(id, AGENT_B)),
          ...fresh.map((id, i) => (i % 2 ? two : one).create(ticket(id, '2026-03-20T08:00:00.000Z'))),
        ]);
        const changes = results.filter((r): r is { ticket: Ticket; changed: boolean } => typeof r === 'object' && r.changed);
        expect(changes).toHaveLength(30);
        expect((await indexIds(a, TICKET_KEYS.open)).sort()).toEqual([...fresh].sort());
        const done = await indexIds(b, TICKET_KEYS.done('2026-03'));
        expect([...done].sort()).toEqual([...old].sort());
        expect(new Set(done).size).toBe(30);
        expect((await allPages(two, { status: 'done', limit: 8 })).ids.sort()).toEqual([...old].sort());
        for (const id of old) expect((await one.get(id))?.status).toBe('done');
        expect(conflicts()).toBeGreaterThan(0);
      } finally {
        await close();
      }
    });

    it('two instances move the old single document at the same time: each ticket once, the old document gone', async () => {
      const { a, b, close } = open();
      try {
        const legacy = [
          ticket('T-A', '2026-01-05T08:00:00.000Z'),
          ticket('T-B', '2026-02-05T08:00:00.000Z', { status: 'done' }),
          ticket('T-C', '2026-03-05T08:00:00.000Z'),
        ];
        await a.write({ [TICKET_KEYS.legacy]: { tickets: legacy } });
        const [x, y] = await Promise.all([store(a).migrateLegacy(), store(b).migrateLegacy()]);
        expect(x + y).toBeGreaterThanOrEqual(3);
        expect(await readDoc(a, TICKET_KEYS.legacy)).toBeUndefined();
        expect(await indexIds(a, TICKET_KEYS.open)).toEqual(['T-A', 'T-C']);
        // Done before doneAt was recorded: filed under the month it was created.
        expect(await indexIds(a, TICKET_KEYS.done('2026-02'))).toEqual(['T-B']);
        expect(await store(b).get('T-B')).toMatchObject({ status: 'done', message: 'message T-B' });
      } finally {
        await close();
      }
    });
  });

  describe('moving the old single document', () => {
    it('moves every ticket, deletes the old document, and a second run changes nothing', async () => {
      const storage = new MemoryStorage();
      const s = store(storage);
      const legacy = [ticket('T-1', '2026-03-01T08:00:00.000Z'), ticket('T-2', '2026-03-02T08:00:00.000Z', { status: 'done' })];
      await storage.write({ [TICKET_KEYS.legacy]: { tickets: legacy } });
      expect(await s.migrateLegacy()).toBe(2);
      expect(await readDoc(storage, TICKET_KEYS.legacy)).toBeUndefined();
      expect(await s.get('T-1')).toEqual(legacy[0]);
      expect((await s.list()).tickets.map((t) => t.id)).toEqual(['T-1']);
      expect((await s.list({ status: 'done', month: '2026-03' })).tickets.map((t) => t.id)).toEqual(['T-2']);
      const keys = [TICKET_KEYS.ticket('T-1'), TICKET_KEYS.ticket('T-2'), TICKET_KEYS.open, TICKET_KEYS.done('2026-03')];
      const before = await storage.read(keys);
      expect(await s.migrateLegacy()).toBe(0);
      expect(await storage.read(keys)).toEqual(before);
    });

    it('a ticket already in the new layout wins over its old copy (it may have been done since)', async () => {
      const storage = new MemoryStorage();
      const s = store(storage);
      await s.create(ticket('T-1', '2026-03-01T08:00:00.000Z'));
      await s.markDone('T-1', AGENT_A);
      await storage.write({ [TICKET_KEYS.legacy]: { tickets: [ticket('T-1', '2026-03-01T08:00:00.000Z'), ticket('T-2', '2026-03-02T08:00:00.000Z')] } });
      await s.migrateLegacy();
      expect(await s.get('T-1')).toMatchObject({ status: 'done', doneBy: AGENT_A });
      expect(await indexIds(storage, TICKET_KEYS.open)).toEqual(['T-2']);
      expect(await indexIds(storage, TICKET_KEYS.done('2026-03'))).toEqual(['T-1']);
    });

    it('entries without a usable id stay in the old document (not lost, not deleted)', async () => {
      const storage = new MemoryStorage();
      const broken = { id: '../x', createdAt: 'yesterday' };
      await storage.write({ [TICKET_KEYS.legacy]: { tickets: [ticket('T-1', '2026-03-01T08:00:00.000Z'), broken] } });
      await store(storage).migrateLegacy();
      expect(await readDoc(storage, TICKET_KEYS.legacy)).toEqual({ tickets: [broken] });
      expect(await indexIds(storage, TICKET_KEYS.open)).toEqual(['T-1']);
    });
  });
});

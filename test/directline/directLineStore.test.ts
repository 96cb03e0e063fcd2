import { ManualClock } from '../../src/clock';
import { DirectLineStore } from '../../src/directline/directLineStore';
import { MemoryClosableStorage } from '../../src/storage/memoryClosableStorage';

function makeStore(clock = new ManualClock()) {
  const memory: Record<string, string> = {};
  const storage = new MemoryClosableStorage(memory);
  return { store: new DirectLineStore({ storage, clock, tokenTtlSeconds: 60 }), memory, clock, storage };
}

describe('DirectLineStore', () => {
  it('issues random tokens and stores only their hash', async () => {
    const { store, memory } = makeStore();
    const conversation = await store.createConversation('user-1');
    const a = await store.issueToken(conversation.id);
    const b = await store.issueToken(conversation.id);
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(40);
    const dump = JSON.stringify(memory);
    expect(dump).not.toContain(a.token);
    expect(dump).not.toContain(b.token);
    expect(await store.checkToken(a.token)).toEqual({ ok: true, conversationId: conversation.id });
    expect(await store.checkToken('made-up')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('expires tokens by the injected clock', async () => {
    const { store, clock } = makeStore();
    const conversation = await store.createConversation();
    const { token } = await store.issueToken(conversation.id);
    clock.advance(59_000);
    expect((await store.checkToken(token)).ok).toBe(true);
    clock.advance(2_000);
    expect(await store.checkToken(token)).toEqual({ ok: false, reason: 'expired' });
    // Reading an expired token deletes its record; presenting it again still says expired.
    expect(await store.checkToken(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('tells an expired token without a record from one it never issued', async () => {
    const { store, memory, clock } = makeStore();
    const conversation = await store.createConversation();
    const { token } = await store.issueToken(conversation.id);
    const elsewhere = makeStore(clock).store; // same clock, another storage and so another secret
    const foreign = await elsewhere.issueToken((await elsewhere.createConversation()).id);
    clock.advance(61_000);
    // The record goes, as the sweep would delete it.
    for (const key of Object.keys(memory)) if (key.startsWith('directline/tokens/')) delete memory[key];
    expect(await store.checkToken(token)).toEqual({ ok: false, reason: 'expired' });
    // Another storage's token (its secret differs) is unknown here, expired or not.
    expect(await store.checkToken(foreign.token)).toEqual({ ok: false, reason: 'unknown' });
    expect(await elsewhere.checkToken(foreign.token)).toEqual({ ok: false, reason: 'expired' });
    // Altered tokens are unknown: a flipped bit anywhere breaks the signature.
    const raw = Buffer.from(token, 'base64url');
    for (const index of [0, 30, raw.length - 1]) {
      const altered = Buffer.from(raw);
      altered[index] = altered[index]! ^ 0x40;
      expect(await store.checkToken(altered.toString('base64url'))).toEqual({ ok: false, reason: 'unknown' });
    }
  });

  it('does not accept a correctly signed token that has no record while it is still in time', async () => {
    const { store, memory } = makeStore();
    const conversation = await store.createConversation();
    const { token } = await store.issueToken(conversation.id);
    const recordKey = Object.keys(memory).find((k) => k.startsWith('directline/tokens/'))!;
    delete memory[recordKey];
    expect(await store.checkToken(token)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('numbers activities by watermark and pages through them', async () => {
    const { store } = makeStore();
    const { id } = await store.createConversation();
    for (let i = 0; i < 5; i++) await store.appendActivity(id, { type: 'message', text: `m${i}` });
    const all = await store.activitiesSince(id, 0);
    expect(all.watermark).toBe(5);
    expect(all.activities.map((a) => a.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(all.activities[2]!.id).toBe(`${id}|0000002`);
    const tail = await store.activitiesSince(id, 3);
    expect(tail.activities.map((a) => a.text)).toEqual(['m3', 'm4']);
    const page = await store.activitiesSince(id, 1, 2);
    expect(page).toMatchObject({ watermark: 3 });
    expect((await store.activitiesSince(id, 99)).activities).toEqual([]);
  });

  it('gives concurrent appends distinct slots (eTag-checked counter)', async () => {
    const { store } = makeStore();
    const { id } = await store.createConversation();
    const stored = await Promise.all(Array.from({ length: 12 }, (_, i) => store.appendActivity(id, { type: 'message', text: String(i) })));
    expect(new Set(stored.map((a) => a.id)).size).toBe(12);
    const all = await store.activitiesSince(id, 0);
    expect(all.watermark).toBe(12);
    expect(all.activities.map((a) => a.text).sort()).toEqual(Array.from({ length: 12 }, (_, i) => String(i)).sort());
  });

  it('keeps the connector key stable for the same storage and different for another', async () => {
    const { store, storage } = makeStore();
    const again = new DirectLineStore({ storage, clock: new ManualClock() });
    expect(await again.connectorKey()).toBe(await store.connectorKey());
    expect(await makeStore().store.connectorKey()).not.toBe(await store.connectorKey());
  });

  it('rejects malformed conversation ids', async () => {
    const { store } = makeStore();
    expect(await store.getConversation('../../etc')).toBeUndefined();
    expect(await store.getConversation('')).toBeUndefined();
  });
});

const HOUR = 3_600_000;

/** Keys present in the memory store (MemoryStorage leaves deleted keys as undefined). */
function presentKeys(memory: Record<string, string>): string[] {
  return Object.keys(memory).filter((k) => memory[k] !== undefined);
}

/** Present keys that are not the expiry index's own bookkeeping. */
function dataKeys(memory: Record<string, string>): string[] {
  return presentKeys(memory).filter((k) => !k.startsWith('directline/expiry/'));
}

describe('DirectLineStore.sweep', () => {
  it('deletes expired tokens once their bucket is over, and nothing before', async () => {
    const { store, memory, clock } = makeStore();
    const conversation = await store.createConversation();
    const { token } = await store.issueToken(conversation.id);
    const tokenKeys = () => presentKeys(memory).filter((k) => k.startsWith('directline/tokens/'));
    expect(tokenKeys()).toHaveLength(1);
    clock.advance(61_000); // expired, but its bucket is not over yet
    expect(await store.sweep()).toMatchObject({ tokens: 0 });
    expect(tokenKeys()).toHaveLength(1);
    clock.advance(HOUR + 6 * 60_000);
    expect(await store.sweep()).toMatchObject({ tokens: 1, conversations: 0 });
    expect(tokenKeys()).toEqual([]);
    // Swept, but still answered as expired (the token carries its signed expiry), not as unknown.
    expect(await store.checkToken(token)).toEqual({ ok: false, reason: 'expired' });
    expect(await store.getConversation(conversation.id)).toBeDefined();
  });

  it('deletes a conversation idle longer than the retention, with every activity and the bot conversation state', async () => {
    const clock = new ManualClock('2026-05-01T08:30:00Z');
    const memory: Record<string, string> = {};
    const storage = new MemoryClosableStorage(memory);
    const store = new DirectLineStore({ storage, clock, retentionHours: 24 });
    const idle = await store.createConversation('u1');
    for (let i = 0; i < 3; i++) await store.appendActivity(idle.id, { type: 'message', text: `m${i}` });
    // What botbuilder writes for the conversation (ConversationState) and for the person (UserState).
    const botState = `directline/conversations/${idle.id}/`;
    const userState = 'directline/users/u1/';
    await storage.write({ [botState]: { dialogState: {} }, [userState]: { profile: {} } });
    clock.advance(23 * HOUR);
    expect(await store.sweep()).toMatchObject({ conversations: 0, botStates: 0 });
    expect(await store.getConversation(idle.id)).toBeDefined();
    expect(memory[botState]).toBeDefined();
    clock.advance(2 * HOUR + 6 * 60_000);
    const report = await store.sweep();
    expect(report).toMatchObject({ conversations: 1, activities: 3, botStates: 1 });
    expect(await store.getConversation(idle.id)).toBeUndefined();
    expect(dataKeys(memory).filter((k) => k.includes(idle.id))).toEqual([]);
    // User state has its own lifetime.
    expect(dataKeys(memory)).toContain(userState);
  });

  it('deletes the bot state keys it is given instead of the default ones', async () => {
    const clock = new ManualClock('2026-05-01T08:30:00Z');
    const memory: Record<string, string> = {};
    const storage = new MemoryClosableStorage(memory);
    const store = new DirectLineStore({ storage, clock, retentionHours: 1, botStateKeys: (id) => [`custom/${id}/a`, `custom/${id}/b`] });
    const conversation = await store.createConversation();
    const defaultKey = `directline/conversations/${conversation.id}/`;
    await storage.write({ [`custom/${conversation.id}/a`]: { x: 1 }, [defaultKey]: { x: 2 } });
    clock.advance(3 * HOUR);
    expect(await store.sweep()).toMatchObject({ conversations: 1, botStates: 1 });
    expect(memory[`custom/${conversation.id}/a`]).toBeUndefined();
    expect(memory[defaultKey]).toBeDefined();
  });

  it('files a conversation active since it was filed again, and deletes it once idle', async () => {
    const { store, clock } = makeStore();
    const busy = await store.createConversation();
    clock.advance(23 * HOUR);
    await store.appendActivity(busy.id, { type: 'message', text: 'still here' });
    clock.advance(2 * HOUR + 6 * 60_000); // past the bucket it was first filed in
    const first = await store.sweep();
    expect(first).toMatchObject({ conversations: 0, refiled: 1 });
    expect((await store.activitiesSince(busy.id, 0)).activities).toHaveLength(1);
    clock.advance(21 * HOUR); // 23 h after the last activity: filed again, not due yet
    expect(await store.sweep()).toMatchObject({ conversations: 0 });
    clock.advance(2 * HOUR); // 24 h after the last activity, plus the rest of its bucket and the grace
    const second = await store.sweep();
    expect(second).toMatchObject({ conversations: 1, activities: 1 });
    expect(await store.getConversation(busy.id)).toBeUndefined();
  });

  it('is safe when two instances sweep the same storage at once', async () => {
    const clock = new ManualClock();
    const memory: Record<string, string> = {};
    const storage = new MemoryClosableStorage(memory);
    const a = new DirectLineStore({ storage, clock, tokenTtlSeconds: 60 });
    const b = new DirectLineStore({ storage, clock, tokenTtlSeconds: 60 });
    for (let i = 0; i < 10; i++) {
      const writer = i % 2 ? a : b;
      const conversation = await writer.createConversation();
      await writer.appendActivity(conversation.id, { type: 'message', text: String(i) });
      await writer.issueToken(conversation.id);
    }
    await a.connectorKey();
    clock.advance(26 * HOUR);
    const [ra, rb] = await Promise.all([a.sweep(), b.sweep()]);
    expect(ra.conversations + rb.conversations).toBeGreaterThanOrEqual(10);
    expect(ra.tokens + rb.tokens).toBeGreaterThanOrEqual(10);
    // Only the server secret is left, plus the index's cursor.
    expect(dataKeys(memory)).toEqual(['directline/server-secret']);
    expect(presentKeys(memory).filter((k) => k.startsWith('directline/expiry/'))).toEqual(['directline/expiry/cursor']);
    // And the index still works afterwards.
    const later = await b.createConversation();
    clock.advance(26 * HOUR);
    expect(await a.sweep()).toMatchObject({ conversations: 1 });
    expect(await a.getConversation(later.id)).toBeUndefined();
  });

  it('sweeps rate limiter windows once they are over', async () => {
    const { store, memory, clock } = makeStore();
    const limiter = store.limiter('address', 5);
    await limiter.take('203.0.113.7');
    const windows = () => presentKeys(memory).filter((k) => k.startsWith('directline/rate/'));
    expect(windows()).toHaveLength(1);
    clock.advance(2 * HOUR);
    expect(await store.sweep()).toMatchObject({ windows: 1 });
    expect(windows()).toEqual([]);
  });
});

/** A storage whose calls can be held at chosen points, to replay a race step by step. */
function heldStorage(inner: MemoryClosableStorage, hold: (op: 'read' | 'write', n: number) => Promise<void> | undefined) {
  const counts = { read: 0, write: 0 };
  return {
    read: async (keys: string[]) => {
      await hold('read', ++counts.read);
      return inner.read(keys);
    },
    write: async (changes: Parameters<MemoryClosableStorage['write']>[0]) => {
      await hold('write', ++counts.write);
      return inner.write(changes);
    },
    delete: (keys: string[]) => inner.delete(keys),
  };
}

function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('DirectLineStore connector secret with two new instances on one empty storage', () => {
  it('adopts the stored secret when another instance wrote between its write and its read-back', async () => {
    // A reads "absent", B reads "absent", A writes, B writes, A reads back, B reads back.
    const shared = new MemoryClosableStorage();
    const bReadAbsent = latch();
    const aWrote = latch();
    const bWrote = latch();
    let aReads = 0;
    let bReads = 0;
    const a = new DirectLineStore({
      storage: heldStorage(shared, (op) => {
        if (op === 'write') return bReadAbsent.opened;
        if (++aReads === 2) {
          aWrote.open();
          return bWrote.opened;
        }
        return undefined;
      }),
      clock: new ManualClock(),
    });
    const b = new DirectLineStore({
      storage: heldStorage(shared, (op) => {
        if (op === 'write') {
          bReadAbsent.open();
          return aWrote.opened;
        }
        if (++bReads === 2) bWrote.open();
        return undefined;
      }),
      clock: new ManualClock(),
    });
    const [keyA, keyB] = await Promise.all([a.connectorKey(), b.connectorKey()]);
    expect(keyA).toBe(keyB);
    expect(aReads).toBe(2);
    expect(bReads).toBe(2);
  });

  /**
   * Two new stores on one empty storage where B read "absent" before A wrote, and writes only after
   * A has read its own secret back: A caches a secret that lost. Returns both stores and keys.
   */
  async function loseTheSecretRace(aOptions: { secretRecheckMs?: number } = {}) {
    const shared = new MemoryClosableStorage();
    const aDone = latch();
    const clock = new ManualClock();
    const a = new DirectLineStore({ storage: shared, clock, ...aOptions });
    const b = new DirectLineStore({ storage: heldStorage(shared, (op) => (op === 'write' ? aDone.opened : undefined)), clock });
    const keyBPromise = b.connectorKey();
    await new Promise((r) => setImmediate(r));
    const staleA = await a.connectorKey();
    aDone.open();
    const keyB = await keyBPromise;
    return { a, b, clock, staleA, keyB };
  }

  it('heals a stale cached secret on the first mismatching connector key', async () => {
    const { a, b, staleA, keyB } = await loseTheSecretRace();
    expect(staleA).not.toBe(keyB); // the race happened: A cached a secret that lost

    // B's key (the stored one) reaches A: A reads the secret again and accepts it...
    expect(await a.isConnectorKey(keyB)).toBe(true);
    expect(await a.connectorKey()).toBe(keyB);
    // ...and the losing secret's key is refused everywhere.
    expect(await a.isConnectorKey(staleA)).toBe(false);
    expect(await b.isConnectorKey(staleA)).toBe(false);
    expect(await b.isConnectorKey('')).toBe(false);
  });

  it('also converges without a mismatch once the cached secret is older than the recheck time', async () => {
    const { a, clock, staleA, keyB } = await loseTheSecretRace({ secretRecheckMs: 60_000 });
    expect(staleA).not.toBe(keyB);
    clock.advance(59_000);
    expect(await a.connectorKey()).toBe(staleA);
    clock.advance(2_000);
    expect(await a.connectorKey()).toBe(keyB);
  });

  it('reads the storage once per mismatch, not for every good key', async () => {
    const shared = new MemoryClosableStorage();
    let reads = 0;
    const store = new DirectLineStore({ storage: heldStorage(shared, (op) => void (op === 'read' && reads++)), clock: new ManualClock() });
    const key = await store.connectorKey();
    const before = reads;
    for (let i = 0; i < 5; i++) expect(await store.isConnectorKey(key)).toBe(true);
    expect(reads).toBe(before);
    expect(await store.isConnectorKey('x'.repeat(32))).toBe(false);
    expect(reads).toBe(before + 1);
  });
});

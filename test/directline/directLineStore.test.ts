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

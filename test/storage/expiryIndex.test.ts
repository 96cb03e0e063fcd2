import { ManualClock } from '../../src/clock';
import { ExpiryIndex, type SweepVisit } from '../../src/storage/expiryIndex';
import { MemoryClosableStorage } from '../../src/storage/memoryClosableStorage';

const HOUR = 3_600_000;

function setup(start = '2026-02-01T10:20:00Z') {
  const clock = new ManualClock(start);
  const memory: Record<string, string> = {};
  const storage = new MemoryClosableStorage(memory);
  const index = () => new ExpiryIndex({ storage, clock, prefix: 'test/expiry', shards: 4 });
  return { clock, memory, storage, index };
}

/** Sweeps and returns every key visited (sorted). */
async function sweptKeys(index: ExpiryIndex): Promise<string[]> {
  const seen: string[] = [];
  await index.sweep(async (visit: SweepVisit) => void seen.push(...visit.keys));
  return seen.sort();
}

describe('ExpiryIndex', () => {
  it('hands out a key only once its bucket and the grace are over', async () => {
    const { clock, index } = setup();
    const idx = index();
    const now = clock.now().getTime();
    await idx.file('a', now + 10 * 60_000); // 10:30, bucket 10:00-11:00
    await idx.file('b', now + 2 * HOUR); // 12:20
    expect(await sweptKeys(idx)).toEqual([]);
    clock.advance(42 * 60_000); // 11:02: bucket over, grace (5 min) not yet
    expect(await sweptKeys(idx)).toEqual([]);
    clock.advance(4 * 60_000); // 11:06
    expect(await sweptKeys(idx)).toEqual(['a']);
    expect(await sweptKeys(idx)).toEqual([]); // a swept bucket is not visited again
    clock.advance(2 * HOUR);
    expect(await sweptKeys(idx)).toEqual(['b']);
  });

  it('lists a key filed twice in one bucket once', async () => {
    const { clock, index, memory } = setup();
    const idx = index();
    const due = clock.now().getTime() + 60_000;
    await idx.file('k', due);
    await idx.file('k', due + 1000);
    const documents = Object.entries(memory).filter(([key, value]) => /^test\/expiry\/\d+\//.test(key) && value !== undefined);
    expect(documents).toHaveLength(1);
    expect(JSON.parse(documents[0]![1]).keys).toEqual(['k']);
  });

  it('loses no key when many are filed at once from one process and from two instances', async () => {
    const { clock, index } = setup();
    const [one, two] = [index(), index()];
    const due = clock.now().getTime() + 60_000;
    const keys = Array.from({ length: 60 }, (_, i) => `key-${String(i).padStart(2, '0')}`);
    await Promise.all(keys.map((key, i) => (i % 2 ? one : two).file(key, due)));
    clock.advance(2 * HOUR);
    expect(await sweptKeys(one)).toEqual(keys);
  });

  it('visits a bucket again when its visit failed, and moves on after it succeeds', async () => {
    const { clock, index } = setup();
    const idx = index();
    await idx.file('x', clock.now().getTime() + 60_000);
    clock.advance(2 * HOUR);
    await expect(idx.sweep(async () => Promise.reject(new Error('storage down')))).rejects.toThrow('storage down');
    expect(await sweptKeys(idx)).toEqual(['x']);
    expect(await sweptKeys(idx)).toEqual([]);
  });

  it('lets two instances sweep at once: each due key is visited, the cursor only moves forward', async () => {
    const { clock, index, storage } = setup();
    const [one, two] = [index(), index()];
    const start = clock.now().getTime();
    for (let h = 0; h < 5; h++) await one.file(`h${h}`, start + h * HOUR);
    clock.advance(6 * HOUR);
    const seen: string[] = [];
    const visit = async (v: SweepVisit) => void seen.push(...v.keys);
    await Promise.all([one.sweep(visit), two.sweep(visit)]);
    expect([...new Set(seen)].sort()).toEqual(['h0', 'h1', 'h2', 'h3', 'h4']);
    const cursor = (await storage.read(['test/expiry/cursor']))['test/expiry/cursor'];
    expect(cursor.next).toBe(Math.floor((clock.now().getTime() - 5 * 60_000) / HOUR));
    // Filing after the sweep still works and is found later.
    await two.file('late', clock.now().getTime() + 60_000);
    clock.advance(2 * HOUR);
    expect(await sweptKeys(one)).toEqual(['late']);
  });

  it('does nothing when nothing was ever filed', async () => {
    const { index, memory } = setup();
    expect(await index().sweep(async () => Promise.reject(new Error('not called')))).toBe(0);
    expect(Object.keys(memory)).toEqual([]);
  });
});

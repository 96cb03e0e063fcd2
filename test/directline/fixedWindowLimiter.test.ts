import { ManualClock } from '../../src/clock';
import { ExpiryIndex } from '../../src/storage/expiryIndex';
import { FixedWindowLimiter } from '../../src/directline/fixedWindowLimiter';
import { MemoryClosableStorage } from '../../src/storage/memoryClosableStorage';

function setup(limit: number, start = '2026-02-01T10:00:10Z') {
  const clock = new ManualClock(start);
  const memory: Record<string, string> = {};
  const storage = new MemoryClosableStorage(memory);
  const index = new ExpiryIndex({ storage, clock, prefix: 'test/expiry' });
  const make = () => new FixedWindowLimiter({ storage, clock, index, prefix: 'test/rate/address', limit, windowMs: 60_000 });
  return { clock, memory, make };
}

describe('FixedWindowLimiter', () => {
  it('allows the limit per window, then says when the window ends', async () => {
    const { clock, make } = setup(3);
    const limiter = make();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.take('203.0.113.7'));
    expect(results.slice(0, 3).map((r) => r.allowed)).toEqual([true, true, true]);
    expect(results[2]).toEqual({ allowed: true, remaining: 0 });
    expect(results[3]).toEqual({ allowed: false, retryAfterSeconds: 50 }); // 10:00:10 → 10:01:00
    clock.advance(49_500);
    expect(await limiter.take('203.0.113.7')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(500); // the next window
    expect(await limiter.take('203.0.113.7')).toEqual({ allowed: true, remaining: 2 });
  });

  it('counts each subject on its own', async () => {
    const { make } = setup(1);
    const limiter = make();
    expect((await limiter.take('203.0.113.7')).allowed).toBe(true);
    expect((await limiter.take('203.0.113.7')).allowed).toBe(false);
    expect((await limiter.take('198.51.100.2')).allowed).toBe(true);
  });

  it('shares the count between instances on one storage', async () => {
    const { make } = setup(4);
    const [one, two] = [make(), make()];
    for (let i = 0; i < 4; i++) expect((await (i % 2 ? one : two).take('203.0.113.7')).allowed).toBe(true);
    expect((await one.take('203.0.113.7')).allowed).toBe(false);
    expect((await two.take('203.0.113.7')).allowed).toBe(false);
  });

  it('lets exactly the limit through a burst of concurrent requests, also on a new subject', async () => {
    const { make } = setup(10);
    const [one, two] = [make(), make()];
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).take('198.51.100.99')));
    expect(burst.filter((r) => r.allowed)).toHaveLength(10);
  });

  it('never lets more than the limit through a large burst, and never fails', async () => {
    const { make } = setup(30);
    const [one, two] = [make(), make()];
    const burst = await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 ? one : two).take('198.51.100.98')));
    const allowed = burst.filter((r) => r.allowed).length;
    expect(allowed).toBeLessThanOrEqual(30);
    expect(allowed).toBeGreaterThanOrEqual(25);
  });

  it('keeps no address in storage keys or values', async () => {
    const { memory, make } = setup(5);
    await make().take('203.0.113.7');
    expect(JSON.stringify(memory)).not.toContain('203.0.113.7');
    expect(Object.keys(memory).filter((k) => k.startsWith('test/rate/address/'))).toHaveLength(1);
  });

  it('never limits with a limit of 0', async () => {
    const { memory, make } = setup(0);
    const limiter = make();
    for (let i = 0; i < 100; i++) expect((await limiter.take('x')).allowed).toBe(true);
    expect(Object.keys(memory)).toEqual([]);
  });
});

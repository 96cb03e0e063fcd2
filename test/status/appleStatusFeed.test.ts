import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../src/clock';
import { createLogger } from '../../src/logging/logger';
import { AppleStatusFeed, type AppleStatusFeedOptions } from '../../src/status/appleStatusFeed';
import type { StatusReport } from '../../src/status/statusFeed';
import { readStatusFixture, startFakeStatusFeed, type FakeStatusFeed } from './fakeStatusFeedServer';

function okReport(report: StatusReport) {
  if (!report.ok) throw new Error(`expected ok, got ${report.reason}: ${report.detail}`);
  return report;
}

describe('AppleStatusFeed against a local fake feed', () => {
  let feed: FakeStatusFeed;
  let clock: ManualClock;
  const make = (extra: Partial<AppleStatusFeedOptions> = {}) =>
    new AppleStatusFeed({ url: feed.url, timeoutMs: 1000, cacheSeconds: 60, clock, ...extra });

  beforeEach(async () => {
    clock = new ManualClock('2026-01-01T12:00:00Z');
    feed = await startFakeStatusFeed({ body: readStatusFixture('icloud-drive-outage-callback.js') });
  });
  afterEach(async () => {
    await feed.close();
  });

  it('parses the callback-wrapped feed and reports the iCloud Drive outage', async () => {
    const report = okReport(await make().getStatus());
    expect(report.fetchedAt.toISOString()).toBe('2026-01-01T12:00:00.000Z');
    const drive = report.services.find((s) => s.serviceName === 'iCloud Drive');
    expect(drive?.activeEvents.map((e) => e.statusType)).toEqual(['Outage']);
    expect(feed.requests).toHaveLength(1);
    expect(feed.requests[0].method).toBe('GET');
  });

  it('parses the plain JSON form', async () => {
    feed.setBody(readStatusFixture('all-clear.json'));
    const report = okReport(await make().getStatus());
    expect(report.services).toHaveLength(4);
    expect(report.services.every((s) => s.activeEvents.length === 0)).toBe(true);
  });

  it('reuses the report within the cache window and fetches again after it', async () => {
    const client = make({ cacheSeconds: 60 });
    const first = okReport(await client.getStatus());
    feed.setBody(readStatusFixture('all-clear.json'));
    clock.advance(59_000);
    const second = okReport(await client.getStatus());
    expect(feed.requests).toHaveLength(1);
    expect(second).toBe(first);
    clock.advance(2_000);
    const third = okReport(await client.getStatus());
    expect(feed.requests).toHaveLength(2);
    expect(third.services.find((s) => s.serviceName === 'iCloud Drive')?.activeEvents).toEqual([]);
  });

  it('with cacheSeconds 0 fetches every time', async () => {
    const client = make({ cacheSeconds: 0 });
    await client.getStatus();
    await client.getStatus();
    expect(feed.requests).toHaveLength(2);
  });

  it('shares one in-flight request between concurrent callers', async () => {
    feed.setDelay(100);
    const client = make();
    const reports = await Promise.all([client.getStatus(), client.getStatus(), client.getStatus()]);
    expect(feed.requests).toHaveLength(1);
    expect(reports.every((r) => r.ok)).toBe(true);
  });

  it('times out in about timeoutMs when the feed is slow', async () => {
    feed.setDelay(3000);
    const client = make({ timeoutMs: 300 });
    const started = Date.now();
    const report = await client.getStatus();
    const elapsed = Date.now() - started;
    expect(report).toMatchObject({ ok: false, reason: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(1500); // generous for loaded machines; the feed itself would take 3000
  });

  it('times out even when an injected fetch ignores the abort signal', async () => {
    const client = make({ timeoutMs: 150, fetch: () => new Promise(() => undefined) });
    const started = Date.now();
    expect(await client.getStatus()).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(800);
  });

  it('reports HTTP errors', async () => {
    feed.setStatus(500);
    expect(await make().getStatus()).toMatchObject({ ok: false, reason: 'http-error', detail: 'HTTP 500' });
  });

  it.each(['malformed.json', 'truncated.json', 'not-json.txt'])('reports %s as malformed', async (name) => {
    feed.setBody(readStatusFixture(name));
    expect(await make().getStatus()).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('does not cache failures and recovers when the feed does', async () => {
    feed.setStatus(503);
    const client = make();
    expect((await client.getStatus()).ok).toBe(false);
    feed.setStatus(200);
    expect((await client.getStatus()).ok).toBe(true);
    expect(feed.requests).toHaveLength(2);
  });

  it('logs one warn line per failure and nothing when it works', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', format: 'json', write: (l) => lines.push(l) });
    const client = make({ logger, cacheSeconds: 0 });
    await client.getStatus();
    expect(lines).toEqual([]);
    feed.setStatus(500);
    await client.getStatus();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', reason: 'http-error' });
  });
});

describe('AppleStatusFeed when nothing listens', () => {
  it('reports unreachable for a closed port', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    const client = new AppleStatusFeed({ url: `http://127.0.0.1:${port}/status.js`, timeoutMs: 2000, cacheSeconds: 60, clock: new ManualClock() });
    const report = await client.getStatus();
    expect(report).toMatchObject({ ok: false, reason: 'unreachable' });
    if (!report.ok) expect(report.detail).toMatch(/ECONNREFUSED/);
  });

  it('never throws, even when fetch throws synchronously', async () => {
    const client = new AppleStatusFeed({
      url: 'http://127.0.0.1:1/',
      cacheSeconds: 60,
      clock: new ManualClock(),
      fetch: () => {
        throw new TypeError('bad url');
      },
    });
    expect(await client.getStatus()).toMatchObject({ ok: false, reason: 'unreachable', detail: 'bad url' });
  });
});

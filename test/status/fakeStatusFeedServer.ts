/**
 * A fake Apple system status feed on 127.0.0.1 for tests (status client, dialogs, whole bot).
 *
 *   const feed = await startFakeStatusFeed({ body: readStatusFixture('all-clear.json') });
 *   new AppleStatusFeed({ url: feed.url, ... });
 *   feed.setBody(readStatusFixture('icloud-drive-outage.json'));
 *   await feed.close();
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface FakeStatusFeedOptions {
  /** Response body; default: the all-clear fixture. */
  body?: string;
  /** HTTP status; default 200. */
  status?: number;
  /** Wait this long before answering; default 0. */
  delayMs?: number;
}

export interface FakeStatusFeed {
  url: string;
  setBody(body: string): void;
  setStatus(status: number): void;
  setDelay(delayMs: number): void;
  /** Every request received, oldest first. */
  readonly requests: ReadonlyArray<{ method: string; path: string }>;
  close(): Promise<void>;
}

export const STATUS_FIXTURES_DIR = path.resolve(__dirname, '../fixtures/status');

/** Text of a fixture in test/fixtures/status/ (e.g. `icloud-drive-outage.json`). */
export function readStatusFixture(name: string): string {
  return readFileSync(path.join(STATUS_FIXTURES_DIR, name), 'utf8');
}

export async function startFakeStatusFeed(options: FakeStatusFeedOptions = {}): Promise<FakeStatusFeed> {
  let body = options.body ?? readStatusFixture('all-clear.json');
  let status = options.status ?? 200;
  let delayMs = options.delayMs ?? 0;
  const requests: Array<{ method: string; path: string }> = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    const answer = () => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/javascript; charset=utf-8' });
      res.end(body);
    };
    if (delayMs > 0) {
      const t = setTimeout(() => {
        timers.delete(t);
        answer();
      }, delayMs);
      timers.add(t);
    } else {
      answer();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/support/systemstatus/data/system_status_en_US.js`,
    setBody: (b) => {
      body = b;
    },
    setStatus: (s) => {
      status = s;
    },
    setDelay: (d) => {
      delayMs = d;
    },
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

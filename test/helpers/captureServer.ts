import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface CaptureServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  requests: CapturedRequest[];
  /** Resolves once at least `count` requests arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<CapturedRequest[]>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that records every request and answers with `respond` (default: 200
 * `{ "id": "captured-<n>" }`, which is what a Bot Connector answers). Use it as a bot's
 * `serviceUrl` or as a fake outside service.
 */
export async function startCaptureServer(
  respond: (req: CapturedRequest) => { status: number; body?: unknown } = (r) => ({ status: 200, body: { id: `captured-${r.path.length}` } }),
): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  let waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        /* keep the raw text */
      }
      const captured: CapturedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(captured);
      const answer = respond(captured);
      res.statusCode = answer.status;
      res.setHeader('Content-Type', 'application/json');
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      const current = waiters;
      waiters = [];
      current.forEach((w) => w());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitFor: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`captureServer: ${requests.length}/${count} requests after ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (requests.length >= count) {
            clearTimeout(timer);
            resolve(requests);
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Client for Apple's system status feed. Fetches with a hard timeout, caches the last good report
 * for `cacheSeconds` by the injected clock, shares one request between concurrent callers, and
 * turns every failure into `{ ok: false, reason }`: it never throws and never hangs.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { StatusFeed, StatusReport } from './statusFeed';
import { MalformedStatusError, parseStatusBody } from './statusFeedParser';

export type FetchFn = (url: string, init: { signal: AbortSignal; headers?: Record<string, string> }) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

export interface AppleStatusFeedOptions {
  url: string;
  /** Whole request (connect, headers and body) must finish within this; default 2000. */
  timeoutMs?: number;
  /** How long a good report is reused; 0 = always fetch. */
  cacheSeconds: number;
  clock: Clock;
  /** Injected fetch (defaults to the global one). */
  fetch?: FetchFn;
  /** Receives at most one warn line per failed fetch. */
  logger?: Logger;
}

type FailureReason = Extract<StatusReport, { ok: false }>['reason'];

export const DEFAULT_STATUS_TIMEOUT_MS = 2000;

class FeedFailure extends Error {
  constructor(readonly reason: FailureReason, detail: string) {
    super(detail);
  }
}

export class AppleStatusFeed implements StatusFeed {
  private cached: { report: StatusReport & { ok: true }; expiresAt: number } | undefined;
  private inFlight: Promise<StatusReport> | undefined;
  private readonly timeoutMs: number;
  private readonly fetchFn: FetchFn;

  constructor(private readonly options: AppleStatusFeedOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
    this.fetchFn = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  }

  async getStatus(): Promise<StatusReport> {
    const now = this.options.clock.now().getTime();
    if (this.cached && now < this.cached.expiresAt) return this.cached.report;
    if (!this.inFlight) {
      this.inFlight = this.fetchReport().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async fetchReport(): Promise<StatusReport> {
    try {
      const services = parseStatusBody(await this.fetchBody());
      const fetchedAt = this.options.clock.now();
      const report = { ok: true as const, fetchedAt, services };
      if (this.options.cacheSeconds > 0) {
        this.cached = { report, expiresAt: fetchedAt.getTime() + this.options.cacheSeconds * 1000 };
      }
      return report;
    } catch (err) {
      const failure =
        err instanceof FeedFailure
          ? err
          : err instanceof MalformedStatusError
            ? new FeedFailure('malformed', err.message)
            : new FeedFailure('unreachable', describe(err));
      this.options.logger?.warn('status feed unavailable', { reason: failure.reason, detail: failure.message });
      return { ok: false, reason: failure.reason, detail: failure.message };
    }
  }

  /** The body text, or a FeedFailure. The timer covers the whole exchange, body included. */
  private async fetchBody(): Promise<string> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new FeedFailure('timeout', `no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    const exchange = (async () => {
      let response: Awaited<ReturnType<FetchFn>>;
      try {
        response = await this.fetchFn(this.options.url, { signal: controller.signal, headers: { accept: 'application/json, text/javascript, */*' } });
      } catch (err) {
        if (controller.signal.aborted) throw new FeedFailure('timeout', `no answer within ${this.timeoutMs} ms`);
        throw new FeedFailure('unreachable', describe(err));
      }
      if (!response.ok) throw new FeedFailure('http-error', `HTTP ${response.status}`);
      try {
        return await response.text();
      } catch (err) {
        if (controller.signal.aborted) throw new FeedFailure('timeout', `body not complete within ${this.timeoutMs} ms`);
        throw new FeedFailure('unreachable', `reading the body failed: ${describe(err)}`);
      }
    })();
    // Whichever settles first wins; the loser's rejection is silenced.
    exchange.catch(() => undefined);
    try {
      return await Promise.race([exchange, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function describe(err: unknown): string {
  // Duck-typed: errors from fetch may come from another realm (e.g. under jest), so no instanceof.
  if (err && typeof err === 'object' && 'message' in err) {
    const message = String((err as { message: unknown }).message);
    const cause = (err as { cause?: unknown }).cause;
    const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : undefined;
    return code ? `${message} (${code})` : message;
  }
  return String(err);
}

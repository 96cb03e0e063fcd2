import { createHash, randomBytes } from 'node:crypto';
import type { Storage, StoreItem } from 'botbuilder';
import type { Clock } from '../clock';
import { isETagConflict, type ExpiryIndex } from '../storage/expiryIndex';

/**
 * Counts events per subject (a client address, a conversation) in fixed windows aligned to the
 * clock, in Storage so every instance shares the count:
 *
 *   <prefix>/<sha256(subject)>   { windowStart, count, expiresAt }   (times in ms since the epoch)
 *
 * Subjects are hashed: no address appears in a key. Each update is an eTag-guarded
 * read-modify-write, retried when another writer got in first. Each new window files the document
 * in the expiry index so the sweep deletes it once the subject has gone quiet.
 *
 * A request that loses the eTag race too many times in a row is refused (retry after 1 s). If
 * filing a new window fails after it was written, that document is never swept (a small leak).
 *
 * The first write of a document cannot be guarded (storage has no "create if absent"): it carries a
 * random marker and is read back, and a writer whose creation was replaced counts again against
 * the document that won. Only a creation replaced after its writer read it back (a window of a
 * few milliseconds) can go uncounted. A fixed window lets up to twice the limit through across a
 * window boundary.
 */
export interface FixedWindowLimiterOptions {
  storage: Storage;
  clock: Clock;
  index: ExpiryIndex;
  prefix: string;
  /** Events allowed per window; 0 = no limit. */
  limit: number;
  windowMs: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface WindowDocument {
  windowStart?: unknown;
  count?: unknown;
}

const MAX_ATTEMPTS = 40;

export class FixedWindowLimiter {
  constructor(private readonly options: FixedWindowLimiterOptions) {}

  get limit(): number {
    return this.options.limit;
  }

  /** Counts one event for `subject` if the window has room; otherwise says when to retry. */
  async take(subject: string): Promise<RateDecision> {
    const { storage, clock, index, limit, windowMs } = this.options;
    if (limit <= 0) return { allowed: true, remaining: Number.POSITIVE_INFINITY };
    const key = `${this.options.prefix}/${createHash('sha256').update(subject).digest('hex')}`;
    const now = clock.now().getTime();
    const windowStart = now - (((now % windowMs) + windowMs) % windowMs);
    const windowEnd = windowStart + windowMs;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = (await storage.read([key]))[key] as (WindowDocument & StoreItem) | undefined;
      const sameWindow = current !== undefined && current.windowStart === windowStart;
      const count = sameWindow ? Number(current.count) || 0 : 0;
      if (count >= limit) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
      }
      const next = { windowStart, count: count + 1, expiresAt: windowEnd };
      const allowed: RateDecision = { allowed: true, remaining: limit - count - 1 };
      if (current) {
        try {
          await storage.write({ [key]: { ...next, eTag: current.eTag } });
        } catch (error) {
          if (!isETagConflict(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3 * (attempt + 1)));
          continue;
        }
      } else {
        // A creation cannot be guarded: mark it, read it back, and count again (now guarded by the
        // eTag) when another writer's creation replaced ours. Nothing is awaited between the read
        // above and this write, to keep that window small.
        const writer = randomBytes(8).toString('hex');
        await storage.write({ [key]: { ...next, writer } });
        const back = (await storage.read([key]))[key];
        if (back?.writer !== writer) continue;
      }
      // A new window is filed for the sweep (filing the same key again in one bucket is only a read).
      if (!sameWindow) await index.file(key, windowEnd);
      return allowed;
    }
    // So many writers on one subject at once that this one never got its turn: that is a burst
    // too, so it is refused rather than failed.
    return { allowed: false, retryAfterSeconds: 1 };
  }
}

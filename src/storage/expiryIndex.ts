import { createHash } from 'node:crypto';
import type { Storage, StoreItem } from 'botbuilder';
import type { Clock } from '../clock';

/**
 * Which storage keys may be deleted when, for a `Storage` that cannot list its keys. Keys are filed
 * into time buckets (one per `bucketMs`, split into a few shard documents so writers rarely
 * collide); a sweep walks the buckets whose time is over, oldest first, from a shared cursor:
 *
 *   <prefix>/cursor                     { next: <first bucket not yet swept> }
 *   <prefix>/<bucket>/<shard>           { keys: [storage keys that may be deleted after the bucket] }
 *
 * Filing adds a key to the bucket holding its due time (no duplicates). The index only says which
 * keys to look at: the sweep's `visit` callback reads each item and decides whether to delete it or
 * file it again for later. Two instances may sweep at once: both may visit the same keys (deleting
 * twice is harmless) and the cursor only moves forward.
 *
 * Limit: a storage write cannot be made conditional on a key being absent, so when two instances
 * create the same shard document at the same moment one entry can be lost (a read-back after
 * creating narrows that to a few milliseconds). Such an item is then never swept: a leak, not an
 * error.
 */
export interface ExpiryIndexOptions {
  storage: Storage;
  clock: Clock;
  /** Storage key prefix of the index documents. */
  prefix: string;
  /** Width of a bucket (default one hour). */
  bucketMs?: number;
  /** Documents per bucket (default 16). */
  shards?: number;
  /** A bucket is swept this long after its end, so instances whose clocks run a little behind can still file into it (default 5 minutes). */
  graceMs?: number;
}

export interface SweepVisit {
  /** The bucket being swept (its start, ms since the epoch). */
  bucketStart: number;
  keys: string[];
}

const MAX_ATTEMPTS = 20;

interface BucketDocument {
  keys?: unknown;
}

export class ExpiryIndex {
  private readonly storage: Storage;
  private readonly clock: Clock;
  private readonly prefix: string;
  readonly bucketMs: number;
  private readonly shards: number;
  private readonly graceMs: number;
  private cursorReady?: Promise<void>;
  /** Filings into one document from this process go one after another (no lost creations here). */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(options: ExpiryIndexOptions) {
    this.storage = options.storage;
    this.clock = options.clock;
    this.prefix = options.prefix;
    this.bucketMs = options.bucketMs ?? 3_600_000;
    this.shards = options.shards ?? 16;
    this.graceMs = options.graceMs ?? 300_000;
  }

  /** Files `key` to be looked at once `dueAt` (ms since the epoch) has passed. */
  async file(key: string, dueAt: number): Promise<void> {
    await this.ensureCursor();
    const bucket = Math.floor(dueAt / this.bucketMs);
    const documentKey = this.bucketKey(bucket, this.shardOf(key));
    await this.serially(documentKey, () => this.addKey(documentKey, key));
  }

  /**
   * Visits every bucket whose time (plus the grace) is over, oldest first; after `visit` resolves
   * the bucket's documents are deleted and the cursor moves past it. When `visit` throws, the sweep
   * stops there and that bucket is visited again next time. Resolves with the buckets swept.
   */
  async sweep(visit: (due: SweepVisit) => Promise<void>, maxBuckets = 24 * 14): Promise<number> {
    const cursorKey = this.cursorKey();
    const cursor = (await this.storage.read([cursorKey]))[cursorKey];
    if (!cursor || typeof cursor.next !== 'number') return 0; // nothing was ever filed
    const lastDue = Math.floor((this.clock.now().getTime() - this.graceMs) / this.bucketMs) - 1;
    let swept = 0;
    for (let bucket = cursor.next; bucket <= lastDue && swept < maxBuckets; bucket++) {
      const documentKeys = Array.from({ length: this.shards }, (_, shard) => this.bucketKey(bucket, shard));
      const documents = await this.storage.read(documentKeys);
      const keys = new Set<string>();
      for (const document of Object.values(documents) as BucketDocument[]) {
        if (Array.isArray(document?.keys)) for (const key of document.keys) if (typeof key === 'string') keys.add(key);
      }
      if (keys.size > 0) await visit({ bucketStart: bucket * this.bucketMs, keys: [...keys] });
      const present = documentKeys.filter((k) => documents[k] !== undefined);
      if (present.length > 0) await this.storage.delete(present);
      await this.advanceCursor(bucket + 1);
      swept++;
    }
    return swept;
  }

  /** The cursor document exists before anything is filed, starting a little before now. */
  private ensureCursor(): Promise<void> {
    this.cursorReady ??= (async () => {
      const key = this.cursorKey();
      const existing = (await this.storage.read([key]))[key];
      if (existing && typeof existing.next === 'number') return;
      // Two buckets back: an instance whose clock is a little behind files into no earlier bucket.
      // Every due time filed is at or after "now", so nothing lands before the cursor.
      const start = Math.floor(this.clock.now().getTime() / this.bucketMs) - 2;
      await this.update<{ next: number }>(key, (current) => ({ next: Math.min(current?.next ?? start, start) }));
    })();
    this.cursorReady.catch(() => (this.cursorReady = undefined));
    return this.cursorReady;
  }

  private advanceCursor(next: number): Promise<void> {
    return this.update<{ next: number }>(this.cursorKey(), (current) => ({ next: Math.max(current?.next ?? next, next) }));
  }

  private async addKey(documentKey: string, key: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = (await this.storage.read([documentKey]))[documentKey] as (BucketDocument & StoreItem) | undefined;
      const keys = Array.isArray(current?.keys) ? (current.keys as string[]) : [];
      if (keys.includes(key)) return;
      try {
        await this.storage.write({ [documentKey]: current ? { keys: [...keys, key], eTag: current.eTag } : { keys: [key] } });
      } catch (error) {
        if (!isETagConflict(error)) throw error;
        await pause(attempt);
        continue;
      }
      if (current) return;
      // Created it: another instance may have created it at the same moment. Check ours survived.
      const back = (await this.storage.read([documentKey]))[documentKey] as BucketDocument | undefined;
      if (Array.isArray(back?.keys) && back.keys.includes(key)) return;
    }
    throw new Error(`ExpiryIndex.file(): gave up on ${documentKey} after ${MAX_ATTEMPTS} conflicting writes`);
  }

  /** eTag-guarded read-modify-write of a small document. */
  private async update<T extends object>(key: string, change: (current: T | undefined) => T): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = (await this.storage.read([key]))[key] as (T & StoreItem) | undefined;
      const next = change(current);
      try {
        await this.storage.write({ [key]: current ? { ...next, eTag: current.eTag } : { ...next } });
        return;
      } catch (error) {
        if (!isETagConflict(error)) throw error;
        await pause(attempt);
      }
    }
    throw new Error(`ExpiryIndex: gave up on ${key} after ${MAX_ATTEMPTS} conflicting writes`);
  }

  private serially(documentKey: string, task: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(documentKey) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.queues.set(documentKey, tail);
    void tail.then(() => {
      if (this.queues.get(documentKey) === tail) this.queues.delete(documentKey);
    });
    return run;
  }

  private shardOf(key: string): number {
    return createHash('sha256').update(key).digest().readUInt32BE(0) % this.shards;
  }

  private bucketKey(bucket: number, shard: number): string {
    return `${this.prefix}/${bucket}/${shard}`;
  }

  private cursorKey(): string {
    return `${this.prefix}/cursor`;
  }
}

export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /eTag conflict/i.test(error.message);
}

/** A short random pause between conflicting writes, growing with the attempt. */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 3 * (attempt + 1)));
}

/**
 * Read-modify-write of one document in botbuilder Storage, guarded by its eTag and retried on
 * conflict, so concurrent writers (two agents, two server instances) never lose an update.
 *
 * Storage cannot create a document only if it is absent: two writers that both find it missing
 * both write. After creating a document the writer reads it back and, when its change is not
 * there, runs its update again on what it finds. Updates must therefore be idempotent (add an
 * id if missing, set a field), which every hub update is.
 */
import type { Storage, StoreItem } from 'botbuilder';

export const MAX_ATTEMPTS = 12;

/** The result of an update: `abort` leaves the document as it is. */
export type UpdateResult<T, R> = { doc: T; result: R } | { abort: true; result: R };

function isConflict(error: unknown): boolean {
  return /etag|conflict|precondition/i.test(String((error as Error)?.message ?? error));
}

function strip<T>(item: StoreItem | undefined): T | undefined {
  if (!item) return undefined;
  const { eTag: _eTag, ...rest } = item;
  return rest as T;
}

export async function readDoc<T>(storage: Storage, key: string): Promise<T | undefined> {
  const items = await storage.read([key]);
  return strip<T>(items[key]);
}

/**
 * Applies `fn` to the current document (undefined when absent) and writes the result with the
 * eTag it was read with; on an eTag conflict it reads again and retries.
 */
export async function updateDoc<T extends object, R>(storage: Storage, key: string, fn: (current: T | undefined) => UpdateResult<T, R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const items = await storage.read([key]);
    const stored = items[key];
    const current = strip<T>(stored);
    const outcome = fn(current === undefined ? undefined : (structuredClone(current) as T));
    if ('abort' in outcome) return outcome.result;
    const eTag = stored?.eTag;
    try {
      await storage.write({ [key]: { ...outcome.doc, eTag: stored ? (eTag ?? '*') : undefined } });
    } catch (error) {
      if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
      await pause(attempt);
      continue;
    }
    if (stored) return outcome.result;
    // Created: make sure a concurrent creator did not overwrite it.
    const back = strip<T>((await storage.read([key]))[key]);
    if (back !== undefined && sameJson(back, outcome.doc)) return outcome.result;
    const again = fn(back === undefined ? undefined : (structuredClone(back) as T));
    if ('abort' in again) return outcome.result;
    if (back !== undefined && sameJson(back, again.doc)) return outcome.result;
    if (attempt >= MAX_ATTEMPTS) throw new Error(`updateDoc(): could not write "${key}" after ${attempt} attempts`);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function pause(attempt: number): Promise<void> {
  const ms = Math.min(50, 2 ** attempt) * Math.random();
  return new Promise((resolve) => setTimeout(resolve, ms));
}

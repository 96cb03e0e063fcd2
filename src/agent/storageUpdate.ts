import type { Storage, StoreItem } from 'botbuilder';

const MAX_ATTEMPTS = 20;

/**
 * Read-modify-write of one Storage item guarded by its eTag, retried when another writer got in
 * first. `change` gets the current value (undefined when absent) and returns the new one, or
 * `null` to delete it. Resolves with what was written.
 */
export async function updateItem<T extends object>(
  storage: Storage,
  key: string,
  change: (current: T | undefined) => T | null,
): Promise<T | null> {
  let lastError: unknown;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = (await storage.read([key]))[key] as (T & StoreItem) | undefined;
    const next = change(current ? stripETag(current) : undefined);
    if (next === null) {
      if (current) await storage.delete([key]);
      return null;
    }
    // A new item carries no eTag (MemoryStorage and the SQLite store then write it as is, so two
    // racing creations end last-writer-wins); an existing one must still have the eTag we read.
    const item: StoreItem = current ? { ...next, eTag: current.eTag } : { ...next };
    try {
      await storage.write({ [key]: item });
      return next;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
    }
  }
  throw new Error(`updateItem(${key}): gave up after ${MAX_ATTEMPTS} conflicting writes (${(lastError as Error)?.message ?? lastError})`);
}

export function stripETag<T extends object>(item: T & { eTag?: string }): T {
  const { eTag: _eTag, ...rest } = item;
  return rest as T;
}

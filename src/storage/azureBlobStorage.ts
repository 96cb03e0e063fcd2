import { BlobsStorage, type BlobsStorageOptions } from 'botbuilder-azure-blobs';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { ClosableStorage } from '../app/types';

export interface AzureBlobStorageOptions {
  /** Azure Storage connection string (Azurite's dev account works). */
  connectionString: string;
  /** Blob container; created on first use when missing. */
  container: string;
  /** How long `ping()` waits for the container before answering false (ms). Default 5000. */
  pingTimeoutMs?: number;
  /** Passed to the Azure SDK (retries, timeouts). */
  pipelineOptions?: BlobsStorageOptions['storagePipelineOptions'];
  /** Builds the underlying store (tests); default: botbuilder-azure-blobs' BlobsStorage. */
  createInner?: () => Storage;
}

/** Blob names are limited to 1024 characters; BlobsStorage would silently cut longer ones. */
const MAX_BLOB_NAME = 1024;
const PING_KEY = 'resync/ping';

function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /eTag conflict/i.test(error.message);
}

/** A write is conditional when it carries a real eTag; none, '' and '*' overwrite. */
function isConditional(eTag: unknown): eTag is string {
  return typeof eTag === 'string' && eTag !== '' && eTag !== '*';
}

/**
 * botbuilder `Storage` on Azure Blob Storage for scaled-out instances: botbuilder-azure-blobs'
 * `BlobsStorage` (one JSON blob per key, the blob's ETag as the item's eTag, writes with
 * `If-Match`), wrapped so the project's storage contract (botbuilder's MemoryStorage semantics,
 * the same as SqliteStorage) holds. Measured against Azurite, BlobsStorage alone differs in:
 *
 * - The first write of a key that carries an eTag fails with an eTag conflict (the blob does not
 *   exist, so `If-Match` fails); MemoryStorage accepts it. Here a conflict on a key that does not
 *   exist is retried as a plain write. Two instances creating the same key at the same moment then
 *   end last-writer-wins, as with MemoryStorage and the project's `updateItem`.
 * - Keys are cut into path segments and empty segments dropped, so `a//b` and `a/b` named the same
 *   blob, and names longer than 1024 characters were cut. Keys are encoded here first, so every
 *   key has its own blob; a key whose blob name would be too long is refused with an error.
 * - A failed container creation (storage unreachable at start) is remembered by BlobsStorage for
 *   ever; here any failure other than an eTag conflict drops the BlobsStorage, and the next call
 *   builds a fresh one, so an instance recovers when the storage comes back.
 *
 * Like MemoryStorage, a `write` of several keys is not atomic (each key is its own blob).
 * `close()` only stops further calls: the Azure SDK holds no connection that needs closing.
 */
export class AzureBlobStorage implements ClosableStorage {
  private readonly createInner: () => Storage;
  private readonly pingTimeoutMs: number;
  private inner: Storage | undefined;
  private closed = false;

  constructor(options: AzureBlobStorageOptions) {
    if (!options.connectionString) throw new Error('AzureBlobStorage: connectionString is required (AZURE_STORAGE_CONNECTION_STRING).');
    if (!options.container) throw new Error('AzureBlobStorage: container is required (AZURE_STORAGE_CONTAINER).');
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5000;
    this.createInner =
      options.createInner ??
      (() => new BlobsStorage(options.connectionString, options.container, { storagePipelineOptions: options.pipelineOptions }));
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    this.assertOpen();
    if (keys.length === 0) return {};
    const found = await this.call((inner) => inner.read(keys.map(blobKey)));
    const items: StoreItems = {};
    for (const key of keys) {
      const item = found[blobKey(key)];
      if (item) items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    this.assertOpen();
    const plain: StoreItems = {};
    const conditional: [string, StoreItem][] = [];
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...rest } = (item ?? {}) as StoreItem;
      if (isConditional(eTag)) conditional.push([key, { ...rest, eTag }]);
      else plain[blobKey(key)] = rest;
    }
    const writes: Promise<void>[] = [];
    if (Object.keys(plain).length > 0) writes.push(this.call((inner) => inner.write(plain)));
    for (const [key, item] of conditional) writes.push(this.writeConditional(key, item));
    const results = await Promise.allSettled(writes);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    this.assertOpen();
    if (keys.length === 0) return;
    await this.call((inner) => inner.delete(keys.map(blobKey)));
  }

  /** True when the container answers (it is created if missing) within `pingTimeoutMs`. */
  async ping(): Promise<boolean> {
    if (this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.pingTimeoutMs);
      timer.unref();
    });
    const probe = this.call((inner) => inner.read([blobKey(PING_KEY)])).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.inner = undefined;
  }

  private async writeConditional(key: string, item: StoreItem): Promise<void> {
    const name = blobKey(key);
    try {
      await this.call((inner) => inner.write({ [name]: item }));
    } catch (error) {
      if (!isETagConflict(error)) throw error;
      const existing = await this.call((inner) => inner.read([name]));
      if (existing[name]) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      // No such item: MemoryStorage writes it whatever eTag it carries.
      const { eTag: _eTag, ...rest } = item;
      await this.call((inner) => inner.write({ [name]: rest }));
    }
  }

  private async call<T>(operation: (inner: Storage) => Promise<T>): Promise<T> {
    const inner = (this.inner ??= this.createInner());
    try {
      return await operation(inner);
    } catch (error) {
      // Keep the store only after an eTag conflict (it worked); anything else may be a
      // remembered failure to create the container.
      if (!isETagConflict(error) && this.inner === inner) this.inner = undefined;
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('AzureBlobStorage: the storage is closed.');
  }
}

/**
 * The name handed to BlobsStorage: the key percent-encoded, so it has no '/' for BlobsStorage to
 * split and collapse (BlobsStorage encodes it once more into the blob name).
 */
export function blobKey(key: string): string {
  if (typeof key !== 'string' || key === '') throw new Error('AzureBlobStorage: keys must be non-empty strings.');
  const name = encodeURIComponent(key);
  if (encodeURIComponent(name).length > MAX_BLOB_NAME) {
    throw new Error(`AzureBlobStorage: key "${key.slice(0, 80)}…" is too long for a blob name (at most ${MAX_BLOB_NAME} characters once encoded).`);
  }
  return name;
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { StoreItems } from 'botbuilder';
import type { ClosableStorage } from '../app/types';

export interface SqliteStorageOptions {
  /** Path of the database file; its directory is created when missing. */
  file: string;
  /** How long a writer waits for another process's lock (ms). */
  busyTimeoutMs?: number;
  /** Source of new eTags (tests may pass a deterministic one). */
  newETag?: () => string;
}

interface Row {
  key: string;
  etag: string;
  value: string;
}

/**
 * botbuilder `Storage` on an embedded SQLite file (better-sqlite3, WAL).
 *
 * eTag semantics follow botbuilder's MemoryStorage: a write whose item carries no eTag or `*`
 * overwrites; a write whose eTag differs from the stored one fails with
 * `Storage: error writing "<key>" due to eTag conflict.`; a write to a key that does not exist
 * succeeds. Unlike MemoryStorage a `write` is one transaction: when one key conflicts, none of
 * the changes are written.
 */
export class SqliteStorage implements ClosableStorage {
  private readonly db: Database.Database;
  private readonly newETag: () => string;
  private readonly selectOne: Database.Statement<[string], Row>;
  private readonly upsert: Database.Statement<[string, string, string, number]>;
  private readonly remove: Database.Statement<[string]>;
  private closed = false;

  constructor(options: SqliteStorageOptions) {
    mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS store_items (
         key TEXT PRIMARY KEY NOT NULL,
         etag TEXT NOT NULL,
         value TEXT NOT NULL,
         updated_at INTEGER NOT NULL
       ) WITHOUT ROWID`,
    );
    this.newETag = options.newETag ?? (() => randomUUID());
    this.selectOne = this.db.prepare('SELECT key, etag, value FROM store_items WHERE key = ?');
    this.upsert = this.db.prepare(
      `INSERT INTO store_items (key, etag, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.remove = this.db.prepare('DELETE FROM store_items WHERE key = ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    this.assertOpen();
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) items[key] = { ...JSON.parse(row.value), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    this.assertOpen();
    const apply = this.db.transaction((entries: [string, Record<string, unknown>][]) => {
      const now = Date.now();
      for (const [key, item] of entries) {
        const { eTag, ...rest } = item ?? {};
        if (eTag !== undefined && eTag !== null && eTag !== '' && eTag !== '*') {
          const current = this.selectOne.get(key);
          if (current && current.etag !== eTag) {
            throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
          }
        }
        // JSON round trip, like MemoryStorage, so a value that cannot be serialised fails here.
        this.upsert.run(key, this.newETag(), JSON.stringify(rest), now);
      }
    });
    // IMMEDIATE takes the write lock before the eTag check, so two processes cannot both pass it.
    apply.immediate(Object.entries(changes));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    this.assertOpen();
    const run = this.db.transaction((all: string[]) => {
      for (const key of all) this.remove.run(key);
    });
    run(keys);
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteStorage: the database is closed.');
  }
}

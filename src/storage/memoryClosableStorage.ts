import { MemoryStorage, type StoreItems } from 'botbuilder';
import type { ClosableStorage } from '../app/types';

/**
 * botbuilder's MemoryStorage with the ClosableStorage extras. Everything is lost at exit: for
 * experiments and tests. After `close()` every call fails, as with the SQLite store.
 */
export class MemoryClosableStorage implements ClosableStorage {
  private readonly inner: MemoryStorage;
  private closed = false;

  constructor(memory: Record<string, string> = {}) {
    this.inner = new MemoryStorage(memory);
  }

  async read(keys: string[]): Promise<StoreItems> {
    this.assertOpen();
    return await this.inner.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    this.assertOpen();
    return await this.inner.write(changes);
  }

  async delete(keys: string[]): Promise<void> {
    this.assertOpen();
    return await this.inner.delete(keys);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MemoryClosableStorage: the storage is closed.');
  }
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import type { ClosableStorage } from '../../src/app/types';
import { parseConfig } from '../../src/config/config';
import { silentLogger } from '../../src/logging/logger';
import { createStorage } from '../../src/storage/createStorage';
import { MemoryClosableStorage } from '../../src/storage/memoryClosableStorage';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import { makeTempDir } from '../helpers/tempDir';

interface Variant {
  name: string;
  open(dir: string): ClosableStorage;
  /** Whether data survives close + open on the same location. */
  persistent: boolean;
}

const variants: Variant[] = [
  { name: 'SqliteStorage', open: (dir) => new SqliteStorage({ file: path.join(dir, 'nested', 'state.sqlite') }), persistent: true },
  { name: 'MemoryClosableStorage', open: () => new MemoryClosableStorage(), persistent: false },
];

describe.each(variants)('storage contract: $name', ({ open, persistent }) => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: ClosableStorage;

  beforeEach(() => {
    tmp = makeTempDir();
    storage = open(tmp.dir);
  });
  afterEach(async () => {
    await storage.close();
    tmp.remove();
  });

  it('reads nothing for unknown keys', async () => {
    expect(await storage.read(['nope', 'also-nope'])).toEqual({});
  });

  it('writes and reads items back with an eTag', async () => {
    await storage.write({ a: { n: 1, nested: { list: [1, 2] } }, b: { text: 'x' } });
    const items = await storage.read(['a', 'b', 'c']);
    expect(Object.keys(items).sort()).toEqual(['a', 'b']);
    expect(items.a).toMatchObject({ n: 1, nested: { list: [1, 2] } });
    expect(typeof items.a.eTag).toBe('string');
    expect(items.a.eTag).not.toBe('');
    expect(items.b.text).toBe('x');
  });

  it('changes the eTag on every write', async () => {
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k.eTag;
    await storage.write({ k: { v: 2, eTag: first } });
    const second = (await storage.read(['k'])).k;
    expect(second.v).toBe(2);
    expect(second.eTag).not.toBe(first);
  });

  it('rejects a write with a stale eTag and keeps the stored value', async () => {
    await storage.write({ k: { v: 1 } });
    const stale = (await storage.read(['k'])).k.eTag;
    await storage.write({ k: { v: 2, eTag: stale } });
    await expect(storage.write({ k: { v: 3, eTag: stale } })).rejects.toThrow('Storage: error writing "k" due to eTag conflict.');
    expect((await storage.read(['k'])).k.v).toBe(2);
  });

  it('fails like botbuilder MemoryStorage does on the same conflict', async () => {
    const reference = new MemoryStorage();
    await reference.write({ k: { v: 1 } });
    await reference.write({ k: { v: 2, eTag: 'not-the-current-one' } }).catch((e: Error) => {
      expect(e.message).toBe('Storage: error writing "k" due to eTag conflict.');
    });
    await storage.write({ k: { v: 1 } });
    await expect(storage.write({ k: { v: 2, eTag: 'not-the-current-one' } })).rejects.toThrow(/eTag conflict/);
  });

  it('overwrites with eTag "*" or without an eTag', async () => {
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    expect((await storage.read(['k'])).k.v).toBe(2);
    await storage.write({ k: { v: 3 } });
    expect((await storage.read(['k'])).k.v).toBe(3);
  });

  it('accepts the first write of a key whatever eTag it carries (as MemoryStorage does)', async () => {
    await storage.write({ fresh: { v: 1, eTag: 'anything' } });
    expect((await storage.read(['fresh'])).fresh.v).toBe(1);
  });

  it('deletes items and ignores unknown keys', async () => {
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a', 'unknown']);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
    await storage.write({ a: { v: 9, eTag: 'old' } });
    expect((await storage.read(['a'])).a.v).toBe(9);
  });

  it('answers ping while open and not after close', async () => {
    expect(await storage.ping()).toBe(true);
    await storage.close();
    expect(await storage.ping()).toBe(false);
    await expect(storage.read(['a'])).rejects.toThrow(/closed/);
  });

  it(persistent ? 'keeps data across close and reopen' : 'starts empty after reopen', async () => {
    await storage.write({ kept: { v: 42 } });
    const eTag = (await storage.read(['kept'])).kept.eTag;
    await storage.close();
    storage = open(tmp.dir);
    const items = await storage.read(['kept']);
    if (persistent) {
      expect(items.kept).toEqual({ v: 42, eTag });
      await expect(storage.write({ kept: { v: 43, eTag: 'stale' } })).rejects.toThrow(/eTag conflict/);
    } else {
      expect(items).toEqual({});
    }
  });
});

describe('SqliteStorage specifics', () => {
  it('creates the directory, uses WAL and writes atomically across keys', async () => {
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, 'a', 'b', 'state.sqlite');
    const storage = new SqliteStorage({ file });
    try {
      expect(existsSync(file)).toBe(true);
      await storage.write({ x: { v: 1 } });
      expect(existsSync(file + '-wal')).toBe(true);
      const etag = (await storage.read(['x'])).x.eTag;
      await storage.write({ x: { v: 2, eTag: etag } });
      // x now conflicts; y must not be written either.
      await expect(storage.write({ y: { v: 1 }, x: { v: 3, eTag: etag } })).rejects.toThrow(/eTag conflict/);
      expect(await storage.read(['y'])).toEqual({});
    } finally {
      await storage.close();
      tmp.remove();
    }
  });

  it('lets two handles on one file see each other and detect conflicts', async () => {
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, 'shared.sqlite');
    const one = new SqliteStorage({ file });
    const two = new SqliteStorage({ file });
    try {
      await one.write({ k: { v: 1 } });
      const seen = (await two.read(['k'])).k;
      await one.write({ k: { v: 2, eTag: seen.eTag } });
      await expect(two.write({ k: { v: 3, eTag: seen.eTag } })).rejects.toThrow(/eTag conflict/);
    } finally {
      await one.close();
      await two.close();
      tmp.remove();
    }
  });
});

describe('createStorage', () => {
  it('builds SQLite by default at DATA_DIR/resync.sqlite', async () => {
    const tmp = makeTempDir();
    const storage = createStorage(parseConfig({ DATA_DIR: path.join(tmp.dir, 'data') }), silentLogger);
    try {
      expect(storage).toBeInstanceOf(SqliteStorage);
      expect(existsSync(path.join(tmp.dir, 'data', 'resync.sqlite'))).toBe(true);
    } finally {
      await storage.close();
      tmp.remove();
    }
  });

  it('builds memory storage for STORAGE=memory', async () => {
    const storage = createStorage(parseConfig({ STORAGE: 'memory' }), silentLogger);
    expect(storage).toBeInstanceOf(MemoryClosableStorage);
    await storage.close();
  });

  it('says clearly that blob storage is not available yet', () => {
    const config = parseConfig({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
    expect(() => createStorage(config, silentLogger)).toThrow(/STORAGE=blob is not available yet/);
  });
});

import { MemoryStorage } from 'botbuilder';
import type { ClosableStorage } from '../../src/app/types';
import { makeTempDir } from '../helpers/tempDir';

/**
 * The storage contract every ClosableStorage of the project keeps (botbuilder MemoryStorage's
 * eTag semantics plus ping/close), as a suite any backend's test file can run: SQLite and memory
 * in test/storage, Azure Blob against Azurite in test/azure.
 */
export interface StorageVariant {
  name: string;
  /** Opens the store at a location derived from `dir` (a fresh temp dir per test); same dir = same data. */
  open(dir: string): ClosableStorage;
  /** Whether data survives close + open on the same location. */
  persistent: boolean;
}

export function describeStorageContract(variants: StorageVariant[]): void {
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

    it('keeps keys that differ only in their slashes apart', async () => {
      await storage.write({ 'a/b': { v: 1 }, 'a//b': { v: 2 }, '/a/b/': { v: 3 } });
      const items = await storage.read(['a/b', 'a//b', '/a/b/', 'a']);
      expect(Object.fromEntries(Object.entries(items).map(([k, item]) => [k, item.v]))).toEqual({ 'a/b': 1, 'a//b': 2, '/a/b/': 3 });
      await storage.delete(['a//b']);
      expect(Object.keys(await storage.read(['a/b', 'a//b', '/a/b/'])).sort()).toEqual(['/a/b/', 'a/b']);
    });

    it('stores text in any script and keys with spaces and symbols', async () => {
      const text = 'Zoë’s iPhone — café 😀 日本語 ünïcödé';
      await storage.write({ 'msteams/users/29:1a b%20c?x=1#y': { text } });
      expect((await storage.read(['msteams/users/29:1a b%20c?x=1#y']))['msteams/users/29:1a b%20c?x=1#y'].text).toBe(text);
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
}

/** eTag-guarded read-modify-write: concurrent updates are never lost, even when creating. */
import { MemoryStorage } from 'botbuilder';
import { readDoc, updateDoc } from '../../src/handoff/storageDocs';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import path from 'node:path';
import { makeTempDir } from '../helpers/tempDir';

interface Ids {
  ids: string[];
}
const addId = (id: string) => (doc: Ids | undefined) => {
  const ids = doc?.ids ?? [];
  return ids.includes(id) ? { abort: true as const, result: false } : { doc: { ids: [...ids, id] }, result: true };
};

describe('updateDoc', () => {
  it('twenty concurrent adds to a document that does not exist yet: none is lost (memory)', async () => {
    const storage = new MemoryStorage();
    const ids = Array.from({ length: 20 }, (_, i) => `id${i}`);
    await Promise.all(ids.map((id) => updateDoc(storage, 'k', addId(id))));
    expect((await readDoc<Ids>(storage, 'k'))?.ids.sort()).toEqual([...ids].sort());
  });

  it('the same on SQLite with two connections to one file', async () => {
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, 's.sqlite');
    const a = new SqliteStorage({ file });
    const b = new SqliteStorage({ file });
    try {
      const ids = Array.from({ length: 20 }, (_, i) => `id${i}`);
      await Promise.all(ids.map((id, i) => updateDoc(i % 2 ? a : b, 'k', addId(id))));
      expect((await readDoc<Ids>(a, 'k'))?.ids.sort()).toEqual([...ids].sort());
    } finally {
      await a.close();
      await b.close();
      tmp.remove();
    }
  });

  it('abort leaves the document untouched and returns the result', async () => {
    const storage = new MemoryStorage();
    await updateDoc(storage, 'k', addId('x'));
    expect(await updateDoc(storage, 'k', addId('x'))).toBe(false);
    expect((await readDoc<Ids>(storage, 'k'))?.ids).toEqual(['x']);
  });
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/config/config';
import { silentLogger } from '../../src/logging/logger';
import { createStorage, describeAccount } from '../../src/storage/createStorage';
import { AzureBlobStorage } from '../../src/storage/azureBlobStorage';
import { MemoryClosableStorage } from '../../src/storage/memoryClosableStorage';
import { SqliteStorage } from '../../src/storage/sqliteStorage';
import { makeTempDir } from '../helpers/tempDir';
import { describeStorageContract, type StorageVariant } from './storageContractSuite';

const variants: StorageVariant[] = [
  { name: 'SqliteStorage', open: (dir) => new SqliteStorage({ file: path.join(dir, 'nested', 'state.sqlite') }), persistent: true },
  { name: 'MemoryClosableStorage', open: () => new MemoryClosableStorage(), persistent: false },
];

describeStorageContract(variants);

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

  it('builds Azure Blob storage for STORAGE=blob without connecting', async () => {
    const config = parseConfig({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_CONTAINER: 'some-state' });
    const storage = createStorage(config, silentLogger);
    expect(storage).toBeInstanceOf(AzureBlobStorage);
    await storage.close();
    expect(await storage.ping()).toBe(false);
  });

  it('logs where blob storage points, never the account key', () => {
    const key = 'c2VjcmV0LWtleS1ub3QtdG8tbG9n';
    const connection = `DefaultEndpointsProtocol=https;AccountName=resyncprod;AccountKey=${key};EndpointSuffix=core.windows.net`;
    expect(describeAccount(connection)).toBe('resyncprod');
    expect(describeAccount(`AccountName=x;AccountKey=${key};BlobEndpoint=http://127.0.0.1:10000/x;`)).toBe('http://127.0.0.1:10000/x');
    expect(describeAccount('UseDevelopmentStorage=true')).toBe('development storage');
    expect(describeAccount(connection)).not.toContain(key);
  });
});

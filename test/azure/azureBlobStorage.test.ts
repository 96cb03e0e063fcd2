/**
 * The project's storage contract on Azure Blob (AzureBlobStorage over botbuilder-azure-blobs'
 * BlobsStorage), against a real Azurite on a loopback port.
 */
import { createHash } from 'node:crypto';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { AzureBlobStorage } from '../../src/storage/azureBlobStorage';
import { describeStorageContract } from '../storage/storageContractSuite';
import { freePort, startAzurite, azuriteConnectionString, type Azurite } from './azurite';

jest.setTimeout(60_000);

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

/** One container per test directory, so "reopen" finds the same data and tests do not share any. */
function containerFor(dir: string): string {
  return `contract-${createHash('sha256').update(dir).digest('hex').slice(0, 20)}`;
}

let containers = 0;
function freshContainer(): string {
  containers += 1;
  return `blob-${process.pid}-${containers}`;
}

describeStorageContract([
  {
    name: 'AzureBlobStorage (Azurite)',
    open: (dir) => new AzureBlobStorage({ connectionString: azurite.connectionString, container: containerFor(dir) }),
    persistent: true,
  },
]);

describe('AzureBlobStorage specifics', () => {
  it('needs the wrapper: plain BlobsStorage refuses a first write that carries an eTag', async () => {
    // The reason AzureBlobStorage exists; if botbuilder-azure-blobs changes this, the wrapper can shrink.
    const plain = new BlobsStorage(azurite.connectionString, freshContainer());
    await expect(plain.write({ fresh: { v: 1, eTag: 'anything' } })).rejects.toThrow(/eTag conflict/);
    await plain.write({ 'a/b': { v: 1 } });
    expect((await plain.read(['a//b']))['a//b']).toMatchObject({ v: 1 });
  });

  it('lets two instances on one container see each other and detect conflicts', async () => {
    const container = freshContainer();
    const one = new AzureBlobStorage({ connectionString: azurite.connectionString, container });
    const two = new AzureBlobStorage({ connectionString: azurite.connectionString, container });
    await one.write({ k: { v: 1 } });
    const seen = (await two.read(['k'])).k;
    expect(seen.v).toBe(1);
    await one.write({ k: { v: 2, eTag: seen.eTag } });
    await expect(two.write({ k: { v: 3, eTag: seen.eTag } })).rejects.toThrow('Storage: error writing "k" due to eTag conflict.');
    expect((await two.read(['k'])).k.v).toBe(2);
  });

  it('lets exactly one of many racing eTag writers win', async () => {
    const container = freshContainer();
    const writers = Array.from({ length: 6 }, () => new AzureBlobStorage({ connectionString: azurite.connectionString, container }));
    await writers[0].write({ counter: { n: 0 } });
    const eTag = (await writers[0].read(['counter'])).counter.eTag;
    const results = await Promise.allSettled(writers.map((w, i) => w.write({ counter: { n: i + 1, eTag } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    expect((await writers[0].read(['counter'])).counter.n).toBe(winner + 1);
  });

  it('refuses a key too long for a blob name instead of cutting it', async () => {
    const storage = new AzureBlobStorage({ connectionString: azurite.connectionString, container: freshContainer() });
    await expect(storage.write({ ['k'.repeat(1100)]: { v: 1 } })).rejects.toThrow(/too long for a blob name/);
  });

  it('answers ping false while the storage is unreachable and recovers when it comes up', async () => {
    const port = await freePort();
    const storage = new AzureBlobStorage({
      connectionString: azuriteConnectionString(port),
      container: freshContainer(),
      pingTimeoutMs: 3000,
      pipelineOptions: { retryOptions: { maxTries: 1 } },
    });
    expect(await storage.ping()).toBe(false);
    await expect(storage.write({ k: { v: 1 } })).rejects.toThrow();
    const late = await startAzurite({ port });
    try {
      expect(await storage.ping()).toBe(true);
      await storage.write({ k: { v: 1 } });
      expect((await storage.read(['k'])).k.v).toBe(1);
    } finally {
      await storage.close();
      await late.stop();
    }
  });
});

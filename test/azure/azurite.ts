import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../helpers/freePort';
import { makeTempDir } from '../helpers/tempDir';

export { freePort };

/** Azurite's published development account (a well-known public key, not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const BIN = path.resolve(__dirname, '../../node_modules/.bin/azurite-blob');

export function azuriteConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:${port}/${AZURITE_ACCOUNT};`;
}

export interface Azurite {
  port: number;
  connectionString: string;
  /** Ends the Azurite process (its process group) and, unless kept, deletes its data folder. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  location: string;
}

/**
 * Starts Azurite's blob service on 127.0.0.1 (an ephemeral port unless given) with a fresh data
 * folder (or `location`), and resolves when it listens.
 */
export async function startAzurite(options: { port?: number; location?: string; timeoutMs?: number } = {}): Promise<Azurite> {
  const port = options.port ?? (await freePort());
  const temp = options.location ? undefined : makeTempDir('resync-azurite-');
  const location = options.location ?? (temp as { dir: string }).dir;
  const child: ChildProcess = spawn(
    BIN,
    ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', location, '--disableTelemetry', '--silent'],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Azurite did not start on port ${port} in time:\n${output}`)), options.timeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/successfully listens/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    function fail(error: Error) {
      clearTimeout(timer);
      if (child.pid) killGroup(child.pid);
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`Azurite exited (${code}) before listening:\n${output}`)));
  });
  let stopped = false;
  return {
    port,
    location,
    connectionString: azuriteConnectionString(port),
    stop: async ({ keepData = false } = {}) => {
      if (!stopped) {
        stopped = true;
        if (child.exitCode === null && child.pid) {
          killGroup(child.pid);
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
          clearTimeout(timer);
        }
      }
      if (!keepData) temp?.remove();
    },
  };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

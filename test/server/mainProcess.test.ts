import { spawn, type ChildProcess } from 'node:child_process';
import { buildIfStale, MAIN, ROOT } from '../helpers/builtMain';
import { makeTempDir } from '../helpers/tempDir';

interface Started {
  child: ChildProcess;
  url: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

function startMain(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info', DOTENV_CONFIG_QUIET: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      err += chunk.toString();
      const line = err.split('\n').find((l) => l.includes('Resync is listening'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    };
    child.stderr!.on('data', onData);
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', () => reject(new Error(`exited before listening:\n${err}${out}`)));
  });
  url.catch(() => undefined);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, url, exit, stderr: () => err };
}

describe('node dist/src/main.js', () => {
  beforeAll(() => buildIfStale(), 200_000);

  it('serves, then exits 0 within 10 s of SIGTERM', async () => {
    const tmp = makeTempDir('resync-main-');
    const started = startMain({ DATA_DIR: tmp.dir });
    try {
      const url = await started.url;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const conv = await (await fetch(`${url}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"user":{"id":"dl_main"}}' })).json();
      const posted = await fetch(`${url}/v3/directline/conversations/${conv.conversationId}/activities`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${conv.token}` },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
      });
      expect(posted.status).toBe(200);

      const signalled = Date.now();
      started.child.kill('SIGTERM');
      const result = await started.exit;
      expect(result.code).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(10_000);
      expect(started.stderr()).toContain('"msg":"stopped"');
      expect(started.stderr()).not.toContain(conv.token);
    } finally {
      if (started.child.exitCode === null) started.child.kill('SIGKILL');
      tmp.remove();
    }
  }, 90_000);

  it('prints each configuration problem and exits 1', async () => {
    const tmp = makeTempDir('resync-main-');
    const started = startMain({ DATA_DIR: tmp.dir, PORT: 'abc', LOG_LEVEL: 'loud' });
    try {
      const result = await started.exit;
      expect(result.code).toBe(1);
      const lines = started.stderr().trim().split('\n');
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^config: PORT: /), expect.stringMatching(/^config: LOG_LEVEL: /)]));
      expect(lines).toHaveLength(2);
    } finally {
      tmp.remove();
    }
  }, 30_000);
});

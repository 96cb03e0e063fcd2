/**
 * Tester round 7, items 1, 2, 8, 9 and 17, on the real entry (dist/src/main.js) and on `npm start`:
 * a start-up problem is one line naming the setting and exit 1, never Node's raw dump or a silent
 * hang; wrong keys are named; `npm start` passes SIGTERM on to the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { buildIfStale, MAIN, ROOT } from '../helpers/builtMain';
import { makeTempDir } from '../helpers/tempDir';

const APP_ID = '11111111-2222-3333-4444-555555555555';

interface Run {
  child: ChildProcess;
  exit: Promise<{ code: number | null; ms: number }>;
  stderr: () => string;
  /** Resolves with the URL once "Resync is listening" is logged. */
  listening: Promise<string>;
}

/** The environment every run starts from: loopback only, a dead status feed, JSON logs. */
function baseEnv(dataDir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    INTENTS_DIR: path.join(ROOT, 'intents'),
    DIALOGS_DIR: path.join(ROOT, 'dialogs'),
    STATUS_FEED_URL: 'http://127.0.0.1:9/status.js',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    DOTENV_CONFIG_QUIET: 'true',
  };
}

/** Every process started here, ended after each test however it went (a hung start-up included). */
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

function run(command: string, args: string[], env: Record<string, string>, cwd = ROOT, detached = false): Run {
  const started = Date.now();
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached });
  children.push(child);
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (err += c.toString()));
  const listening = new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const line = err.split('\n').find((l) => l.includes('Resync is listening'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', () => reject(new Error(`exited before listening:\n${err}`)));
  });
  listening.catch(() => undefined);
  const exit = new Promise<{ code: number | null; ms: number }>((resolve) => child.once('exit', (code) => resolve({ code, ms: Date.now() - started })));
  return { child, exit, stderr: () => err, listening };
}

/** Lines that are not Node's own deprecation notices. */
function ownLines(text: string): string[] {
  return text
    .trim()
    .split('\n')
    .filter((l) => l && !/DeprecationWarning|--trace-deprecation/.test(l));
}

async function canConnect(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('start-up problems (dist/src/main.js)', () => {
  beforeAll(() => buildIfStale(), 200_000);
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir('resync-startup-');
  });
  afterEach(() => tmp.remove());

  it('a port in use: one line naming PORT, exit 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = run(process.execPath, [MAIN], { ...baseEnv(tmp.dir), PORT: String(port), STORAGE: 'memory' });
      expect((await r.exit).code).toBe(1);
      const last = ownLines(r.stderr()).pop();
      expect(last).toBe(`resync: failed to start: PORT: ${port} is already in use on 127.0.0.1 (another process is listening there); choose another PORT or stop that process`);
      expect(r.stderr()).not.toMatch(/Unhandled 'error' event|\n\s+at /);
    } finally {
      blocker.close();
    }
  }, 90_000);

  it('a HOST that is not an address of this machine: one line naming HOST, exit 1', async () => {
    const r = run(process.execPath, [MAIN], { ...baseEnv(tmp.dir), HOST: '192.0.2.1', STORAGE: 'memory' });
    expect((await r.exit).code).toBe(1);
    expect(ownLines(r.stderr()).pop()).toMatch(/^resync: failed to start: HOST: 192\.0\.2\.1 is not an address of this machine/);
    expect(r.stderr()).not.toMatch(/Unhandled 'error' event|\n\s+at /);
  }, 90_000);

  it('a DATA_DIR that cannot be written fails at once, naming DATA_DIR', async () => {
    const r = run(process.execPath, [MAIN], { ...baseEnv('/proc/forbidden') });
    const { code, ms } = await r.exit;
    expect(code).toBe(1);
    expect(ownLines(r.stderr()).pop()).toMatch(/^resync: failed to start: DATA_DIR: cannot write to \/proc\/forbidden \(E[A-Z]+\)/);
    expect(ms).toBeLessThan(15_000);
  }, 90_000);

  it('a malformed blob connection string names the variable, never the value', async () => {
    const r = run(process.execPath, [MAIN], { ...baseEnv(tmp.dir), STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=c2VjcmV0a2V5;garbage' });
    expect((await r.exit).code).toBe(1);
    expect(ownLines(r.stderr())).toEqual(['config: AZURE_STORAGE_CONNECTION_STRING: not a valid connection string (part 2 of 2 is not Name=Value)']);
  }, 90_000);

  it('a mistyped app id in .env stops start-up, naming the keys and not their values', async () => {
    writeFileSync(path.join(tmp.dir, '.env'), `MicrosoftAppID=${APP_ID}\nMICROSOFT_APP_PASSWORD=SuperSecret123\n`);
    const r = run(process.execPath, [MAIN], baseEnv(tmp.dir), tmp.dir);
    expect((await r.exit).code).toBe(1);
    const text = r.stderr();
    expect(text).toMatch(/^config: MicrosoftAppID: .*did you mean MicrosoftAppId\?/m);
    expect(text).toMatch(/^config: MICROSOFT_APP_PASSWORD: .*did you mean MicrosoftAppPassword\?/m);
    expect(text).not.toContain(APP_ID);
    expect(text).not.toContain('SuperSecret123');
  }, 90_000);

  it('a password without an app id stops start-up', async () => {
    const r = run(process.execPath, [MAIN], { ...baseEnv(tmp.dir), MicrosoftAppPassword: 'SuperSecret123' });
    expect((await r.exit).code).toBe(1);
    expect(ownLines(r.stderr())).toEqual([expect.stringMatching(/^config: MicrosoftAppPassword: is set but MicrosoftAppId is not/)]);
  }, 90_000);

  it('warns about other wrong keys and, once, about local mode; then serves', async () => {
    writeFileSync(path.join(tmp.dir, '.env'), 'LOGLEVEL=debug\nSOMETHING_ELSE=private-value\n');
    const r = run(process.execPath, [MAIN], { ...baseEnv(tmp.dir), STORAGE: 'memory' }, tmp.dir);
    try {
      await r.listening;
      const lines = ownLines(r.stderr()).map((l) => JSON.parse(l) as { level: string; msg: string; key?: string });
      const warnings = lines.filter((l) => l.level === 'warn' && l.msg.startsWith('config: '));
      expect(warnings.map((w) => w.key).filter(Boolean).sort()).toEqual(['LOGLEVEL', 'SOMETHING_ELSE']);
      expect(warnings.filter((w) => /without authentication/.test(w.msg))).toHaveLength(1);
      expect(r.stderr()).not.toContain('private-value');
    } finally {
      r.child.kill('SIGTERM');
      await r.exit;
    }
  }, 90_000);
});

describe('npm start', () => {
  beforeAll(() => buildIfStale(), 200_000);

  it('passes SIGTERM on: the server stops cleanly and nothing is left listening', async () => {
    const tmp = makeTempDir('resync-npm-');
    // --ignore-scripts skips the prestart build (done above); the start script itself runs.
    // Its own process group, so a server orphaned by npm can still be ended by the test.
    const r = run('npm', ['start', '--ignore-scripts', '--silent'], { ...baseEnv(tmp.dir), STORAGE: 'memory', npm_config_update_notifier: 'false' }, ROOT, true);
    try {
      const url = await r.listening;
      expect(await canConnect(url)).toBe(true);
      // 'close': every holder of npm's output pipes is gone, the server included (an orphaned
      // server would keep them open, so give up after 30 s).
      const closed = new Promise<void>((resolve) => r.child.once('close', () => resolve()));
      r.child.kill('SIGTERM');
      await Promise.race([closed, new Promise((res) => setTimeout(res, 30_000))]);
      expect(r.stderr()).toContain('"msg":"shutting down"');
      expect(r.stderr()).toContain('"msg":"stopped"');
      expect(await canConnect(url)).toBe(false);
    } finally {
      try {
        process.kill(-(r.child.pid as number), 'SIGKILL');
      } catch {
        // the group is gone already
      }
      tmp.remove();
    }
  }, 120_000);
});

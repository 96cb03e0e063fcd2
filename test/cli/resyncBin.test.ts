/**
 * The real launcher: `node bin/resync.js chat --json` in a child process with piped stdin.
 * Builds dist/ first when it is older than the sources.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfStale, ROOT as REPO } from '../helpers/builtMain';
import { startFakeStatusFeed, type FakeStatusFeed } from '../status/fakeStatusFeedServer';

function run(args: string[], input: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/resync.js'), ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('bin/resync.js', () => {
  let feed: FakeStatusFeed;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildIfStale();
    feed = await startFakeStatusFeed();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'resync-bin-'));
    env = { DATA_DIR: dataDir, STATUS_FEED_URL: feed.url, LOG_LEVEL: 'silent', STORAGE: 'sqlite' };
  }, 120_000);
  afterAll(async () => {
    await feed.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('chat --json prints one JSON line per bot activity and exits 0 at EOF', async () => {
    const { code, stdout, stderr } = await run(['chat', '--json'], 'hi\nhello there\n', env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(3); // welcome + a reply to each of two lines
    for (const line of lines) {
      const record = JSON.parse(line);
      expect(typeof record.type).toBe('string');
      expect(record.text === null || typeof record.text === 'string').toBe(true);
      expect(Array.isArray(record.suggestedActions)).toBe(true);
      expect(Array.isArray(record.attachments)).toBe(true);
      expect(record).toHaveProperty('step');
      expect(record).toHaveProperty('event');
    }
  }, 60_000);

  it('lists its commands without arguments and exits 2 on an unknown one', async () => {
    const list = await run([], '', env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^\s+chat\s+/m);
    const unknown = await run(['nope'], '', env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "nope"');
  }, 30_000);

  it('start runs the HTTP server until SIGTERM, then stops cleanly', async () => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/resync.js'), 'start'], {
      cwd: REPO,
      env: { ...process.env, ...env, STORAGE: 'memory', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening" line in time: ${logs}`)), 30_000);
      const onData = (d: Buffer) => {
        logs += d.toString();
        const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(logs);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${logs}`)));
    });
    const answered = await fetch(url + '/').then((r) => r.status, () => 'unreachable');
    expect(answered).not.toBe('unreachable');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMMANDS, main } from '../../src/cli';
import { startFakeStatusFeed, type FakeStatusFeed } from '../status/fakeStatusFeedServer';
import { testIo } from './cliTestIo';
import { verifyPassword } from '../../src/agent/passwordHash';

const REPO = path.resolve(__dirname, '../..');

describe('resync command list', () => {
  it('with no arguments lists every command on one line each and exits 0', async () => {
    const io = testIo();
    expect(await main([], io)).toBe(0);
    const lines = io.out().split('\n');
    for (const c of COMMANDS) expect(lines.filter((l) => new RegExp(`^\\s+${c.name}\\s+\\S`).test(l))).toHaveLength(1);
    expect(COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(['chat', 'validate', 'nlu', 'help']));
  });

  it('help lists the same, and help <command> shows its usage', async () => {
    const io = testIo();
    expect(await main(['help'], io)).toBe(0);
    const listed = io.out();
    const none = testIo();
    await main([], none);
    expect(listed).toBe(none.out());

    const chat = testIo();
    expect(await main(['help', 'chat'], chat)).toBe(0);
    expect(chat.out()).toMatch(/usage: resync chat .*--json/);
  });

  it('agent-password hashes a password piped on stdin into a hash that verifies it', async () => {
    const io = testIo('S3cret-pass-123\n');
    expect(await main(['agent-password'], io)).toBe(0);
    const hash = io.out().trim().split('\n').pop() ?? '';
    expect(hash).not.toContain('S3cret-pass-123');
    expect(await verifyPassword('S3cret-pass-123', hash)).toBe(true);
    expect(await verifyPassword('other', hash)).toBe(false);
  });

  it('an unknown command prints a message and the list and exits 2', async () => {
    const io = testIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.err()).toContain('unknown command "frobnicate"');
    expect(io.err()).toMatch(/^\s+validate\s+/m);
    expect(io.out()).toBe('');
  });

  it('wrong options are usage errors (exit 2)', async () => {
    const a = testIo();
    expect(await main(['chat', '--storage', 'blob'], a)).toBe(2);
    expect(a.err()).toMatch(/--storage must be memory or sqlite/);
    const b = testIo();
    expect(await main(['chat', '--colour'], b)).toBe(2);
    const c = testIo();
    expect(await main(['nlu', 'train'], c)).toBe(2);
    expect(c.err()).toContain('unknown nlu command "train"');
  });
});

describe('resync validate', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'resync-validate-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('passes on the repository content with a summary line', async () => {
    const io = testIo(null, {}, REPO);
    const code = await main(['validate'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toMatch(/^OK: [1-9]\d* intents, [1-9]\d* playbooks/);
  });

  it('lists each problem with its file and exits 1', async () => {
    cpSync(path.join(REPO, 'intents'), path.join(tmp, 'intents'), { recursive: true });
    cpSync(path.join(REPO, 'dialogs'), path.join(tmp, 'dialogs'), { recursive: true });
    writeFileSync(path.join(tmp, 'dialogs', 'devices.yaml'), 'devices: [ this is: not valid yaml\n');
    const io = testIo(null, {}, tmp);
    expect(await main(['validate', '--intents', 'intents', '--dialogs', 'dialogs'], io)).toBe(1);
    expect(io.err()).toMatch(/dialogs\/devices\.yaml(:\d+)?: /);
    expect(io.err()).toMatch(/\d+ problems? in intents\/ and dialogs\//);
    expect(io.out()).toBe('');
  });
});

describe('resync chat (in-process, whole bot)', () => {
  let feed: FakeStatusFeed;
  let dataDir: string;
  const env = () => ({ DATA_DIR: dataDir, STATUS_FEED_URL: feed.url, LOG_LEVEL: 'silent', INTENTS_DIR: path.join(REPO, 'intents'), DIALOGS_DIR: path.join(REPO, 'dialogs') });

  beforeAll(async () => {
    feed = await startFakeStatusFeed();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'resync-chat-'));
  });
  afterAll(async () => {
    await feed.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the welcome, answers each piped line, and exits 0 at EOF', async () => {
    const io = testIo('hi\n\nmy photos are not syncing\n', env());
    expect(await main(['chat'], io)).toBe(0);
    const lines = io.out().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^resync> \S/);
    expect(lines.every((l) => l.startsWith('resync> ') || l.startsWith(' '.repeat(8)))).toBe(true);
    expect(io.out()).not.toContain('you> '); // no prompt when stdin is not a terminal
  }, 60_000);

  it('--json prints one JSON object per activity with the agreed fields', async () => {
    const io = testIo('hi\n', env());
    expect(await main(['chat', '--json'], io)).toBe(0);
    const records = io.out().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const r of records) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['type', 'text', 'suggestedActions', 'attachments', 'step', 'event']));
      expect(Array.isArray(r.suggestedActions)).toBe(true);
      expect(Array.isArray(r.attachments)).toBe(true);
    }
  }, 60_000);

  it('configuration problems print one line each and exit 1', async () => {
    const io = testIo('hi\n', { ...env(), STATUS_FEED_TIMEOUT_MS: '5', LOG_FORMAT: 'fancy' });
    expect(await main(['chat'], io)).toBe(1);
    const lines = io.err().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => l.includes('STATUS_FEED_TIMEOUT_MS'))).toBe(true);
    expect(lines.some((l) => l.includes('LOG_FORMAT'))).toBe(true);
    expect(io.out()).toBe('');
  });
});

describe('resync nlu', () => {
  it('predict prints one JSON line per input line with the intent', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'resync-nlu-'));
    try {
      const io = testIo('my photos are not syncing to my iphone\nhello\n', { DATA_DIR: dataDir, INTENTS_DIR: path.join(REPO, 'intents') });
      expect(await main(['nlu', 'predict'], io)).toBe(0);
      const records = io.out().trim().split('\n').map((l) => JSON.parse(l));
      expect(records.map((r) => r.text)).toEqual(['my photos are not syncing to my iphone', 'hello']);
      for (const r of records) expect(typeof r.intent).toBe('string');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

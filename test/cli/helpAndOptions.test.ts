/** Tester round 7, item 16: `--help` after any command, and `nlu predict --intents DIR` as in `nlu eval`. */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMMANDS, main } from '../../src/cli';
import { testIo } from './cliTestIo';

const REPO = path.resolve(__dirname, '../..');

describe('resync <command> --help', () => {
  it.each(['validate', 'start', 'nlu', 'chat', 'agent-password'])('%s --help prints its usage on stdout and exits 0', async (name) => {
    const io = testIo();
    expect(await main([name, '--help'], io)).toBe(0);
    const command = COMMANDS.find((c) => c.name === name)!;
    expect(io.out()).toContain(`usage: ${command.usage}`);
    expect(io.err()).toBe('');
  });

  it('validate -h too, and validate with an unknown option still exits 2', async () => {
    const io = testIo();
    expect(await main(['validate', '-h'], io)).toBe(0);
    expect(io.out()).toContain('usage: resync validate');
    const wrong = testIo();
    expect(await main(['validate', '--nope'], wrong)).toBe(2);
  });
});

describe('resync nlu predict --intents DIR', () => {
  it('reads the intents from DIR, as nlu eval does', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'resync-nlu-'));
    const intentsDir = mkdtempSync(path.join(os.tmpdir(), 'resync-intents-'));
    try {
      // A copy of intents/ that keeps two intents only: predictions can come from nowhere else.
      cpSync(path.join(REPO, 'intents'), intentsDir, { recursive: true });
      const files = readdirSync(intentsDir).filter((f) => f.endsWith('.yaml'));
      expect(files.length).toBeGreaterThan(2);
      // Two intents, plus the shared files (entities, settings, the none intent).
      const keep = ['photos-not-syncing.yaml', 'greeting.yaml', 'none.yaml', 'entities.yaml', 'settings.yaml'].filter((f) => files.includes(f));
      expect(keep).toHaveLength(5);
      for (const f of files) if (!keep.includes(f)) rmSync(path.join(intentsDir, f));
      writeFileSync(path.join(intentsDir, '.keep'), '');

      const io = testIo('my photos are not syncing\nmy calendar is broken\n', { DATA_DIR: dataDir, INTENTS_DIR: path.join(REPO, 'intents') });
      expect(await main(['nlu', 'predict', '--intents', intentsDir], io)).toBe(0);
      const records = io.out().trim().split('\n').map((l) => JSON.parse(l) as { intent: string; alternatives?: Array<{ intent: string }> });
      expect(records).toHaveLength(2);
      const seen = new Set(records.flatMap((r) => [r.intent, ...(r.alternatives ?? []).map((a) => a.intent)]));
      for (const intent of seen) expect(['photos-not-syncing', 'greeting', 'none']).toContain(intent);
      expect(seen.has('calendar-not-syncing')).toBe(false);
      expect(records[0].intent).toBe('photos-not-syncing');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(intentsDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses other options with usage (exit 2)', async () => {
    const io = testIo(null, {});
    expect(await main(['nlu', 'predict', '--bogus'], io)).toBe(2);
    expect(io.err()).toContain('usage: resync nlu predict [--intents DIR]');
  });
});

/** Tester round 7, item 17: a DATA_DIR that cannot be written fails start-up at once, naming it. */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkDataDir, StartupError } from '../../src/app/dataDirCheck';
import { parseConfig } from '../../src/config/config';
import { makeTempDir } from '../helpers/tempDir';

function failure(run: () => unknown): StartupError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return error as StartupError;
  }
  throw new Error('expected a StartupError');
}

describe('checkDataDir', () => {
  it('refuses a DATA_DIR under /proc at once (it used to hang), naming DATA_DIR', () => {
    const started = Date.now();
    const error = failure(() => checkDataDir(parseConfig({ DATA_DIR: '/proc/forbidden' })));
    expect(error.message).toMatch(/^DATA_DIR: cannot write to \/proc\/forbidden \(E[A-Z]+\)/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a DATA_DIR that is a file', () => {
    const tmp = makeTempDir('resync-datadir-');
    try {
      const file = path.join(tmp.dir, 'plain-file');
      writeFileSync(file, 'x');
      expect(failure(() => checkDataDir(parseConfig({ DATA_DIR: path.join(file, 'data') }))).message).toMatch(/^DATA_DIR: cannot write to .* \(ENOTDIR\)/);
    } finally {
      tmp.remove();
    }
  });

  it('names SQLITE_FILE when that is where the database goes', () => {
    const error = failure(() => checkDataDir(parseConfig({ SQLITE_FILE: '/proc/forbidden/state.sqlite' })));
    expect(error.message).toMatch(/^SQLITE_FILE: cannot write to the folder \/proc\/forbidden/);
  });

  it('only warns when DATA_DIR holds nothing but the NLU cache (STORAGE=memory)', () => {
    const result = checkDataDir(parseConfig({ STORAGE: 'memory', DATA_DIR: '/proc/forbidden' }));
    expect(result.writable).toBe(false);
    expect(result.warning).toMatch(/^DATA_DIR: cannot write to \/proc\/forbidden .*NLU model cache/);
  });

  it('creates a missing DATA_DIR with its parents and leaves no probe behind', () => {
    const tmp = makeTempDir('resync-datadir-');
    try {
      const dir = path.join(tmp.dir, 'a', 'b', 'c');
      expect(checkDataDir(parseConfig({ DATA_DIR: dir }))).toEqual({ writable: true });
      expect(existsSync(dir)).toBe(true);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      tmp.remove();
    }
  });
});

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config';

/** Start-up refused because of a setting; the message names the setting and never a secret. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/**
 * Creates `dir` (and missing parents) one level at a time. Not `mkdirSync(dir, { recursive: true })`:
 * under /proc that call never returns (Node retries an ENOENT whose parent exists), which is how a
 * bad DATA_DIR once hung start-up with no message.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  let current = dir;
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) mkdirSync(folder);
}

/** Creates `dir` when missing and writes and removes a probe file; the error's code on failure. */
function writeProblem(dir: string): string | undefined {
  try {
    makeDirs(dir);
    const probe = path.join(dir, `.resync-write-check-${randomBytes(4).toString('hex')}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
    return undefined;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return e.code ?? e.message;
  }
}

/**
 * Checks, before anything opens a file, that the state directory can be written: with
 * STORAGE=sqlite the database lives there (SQLITE_FILE's folder when that is set), so a folder
 * that cannot be written fails start-up at once with a message naming the setting. For the other
 * storages DATA_DIR holds only the NLU model cache; the returned warning says it will not be kept.
 */
export function checkDataDir(config: Config, cwd: string = process.cwd()): { warning?: string; writable: boolean } {
  const dataDir = path.resolve(cwd, config.DATA_DIR);
  if (config.STORAGE === 'sqlite' && config.SQLITE_FILE) {
    const folder = path.dirname(path.resolve(cwd, config.SQLITE_FILE));
    const problem = writeProblem(folder);
    if (problem) throw new StartupError(`SQLITE_FILE: cannot write to the folder ${folder} (${problem}); choose a folder this process may write`);
  }
  const problem = writeProblem(dataDir);
  if (!problem) return { writable: true };
  if (config.STORAGE === 'sqlite' && !config.SQLITE_FILE) {
    throw new StartupError(`DATA_DIR: cannot write to ${dataDir} (${problem}); the SQLite state lives there, choose a folder this process may write`);
  }
  return { writable: false, warning: `DATA_DIR: cannot write to ${dataDir} (${problem}); the NLU model cache will not be kept, so every start trains the recogniser again` };
}

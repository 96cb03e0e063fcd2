/**
 * A fresh copy of dialogs/ in a temporary folder for each test, to break on purpose and check with
 * checkDialogs: problems come back with the file relative to the copy, so they read as
 * `resync validate` prints them.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { checkDialogs } from '../../src/content/loadContent';
import { readIntentRefs } from '../../src/content/validate';
import { makeTempDir } from '../helpers/tempDir';

export interface DialogsCopy {
  /** The copy's dialogs/ folder (valid only inside a test). */
  readonly dir: string;
  /** The real intents/, as the validator reads them. */
  readonly intents: ReturnType<typeof readIntentRefs>['intents'] & object;
  /** Parses a YAML file of the copy, lets `change` edit it, and writes it back. */
  edit<T = Record<string, unknown>>(file: string, change: (doc: T) => void): void;
  /** The copy's problems: file (relative to the copy), field, message. */
  problems(): { file: string; field: string; message: string }[];
}

/** Registers the jest hooks that make and remove the copy. */
export function useDialogsCopy(prefix: string): DialogsCopy {
  const intents = readIntentRefs('intents').intents!;
  let temp: ReturnType<typeof makeTempDir> | undefined;
  let dir = '';
  beforeEach(() => {
    temp = makeTempDir(prefix);
    dir = path.join(temp.dir, 'dialogs');
    cpSync('dialogs', dir, { recursive: true });
  });
  afterEach(() => temp?.remove());
  return {
    get dir() {
      return dir;
    },
    intents,
    edit<T>(file: string, change: (doc: T) => void): void {
      const full = path.join(dir, file);
      const doc = parse(readFileSync(full, 'utf8')) as T;
      change(doc);
      writeFileSync(full, stringify(doc));
    },
    problems() {
      return checkDialogs(dir, intents).problems.map((p) => ({ file: path.relative(dir, p.file), field: p.field, message: p.message }));
    },
  };
}

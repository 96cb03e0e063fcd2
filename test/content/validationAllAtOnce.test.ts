/**
 * Tester round 7, items 5–7: `resync validate` (validateAll) and start-up list every problem in one
 * run. A typo in one file does not hide the checks across files; a file that fails to parse gives
 * one syntax error and nothing that only follows from it; the intents' own cross-checks come in
 * the same list, with their line; createRuntime throws the same list as validate.
 *
 * Each test copies the real dialogs/ and intents/ to a temporary folder and breaks them the way
 * the tester did. Lines are looked up in the broken text, so edits to the content elsewhere do not
 * break the tests.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRuntime } from '../../src/app/runtime';
import { parseConfig } from '../../src/config/config';
import { ContentError, formatProblem } from '../../src/content/problems';
import { validateAll } from '../../src/content/validate';
import { silentLogger } from '../../src/logging/logger';
import { makeTempDir } from '../helpers/tempDir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('resync-validation-');
  cpSync('dialogs', path.join(temp.dir, 'dialogs'), { recursive: true });
  cpSync('intents', path.join(temp.dir, 'intents'), { recursive: true });
});
afterEach(() => temp.remove());

const dirs = () => ({ intentsDir: path.join(temp.dir, 'intents'), dialogsDir: path.join(temp.dir, 'dialogs') });

/** Replaces the first match in a copied file (`dialogs/…` or `intents/…`); fails when nothing matched. */
function breakFile(file: string, from: RegExp, to: string): void {
  const full = path.join(temp.dir, file);
  const text = readFileSync(full, 'utf8');
  expect(text).toMatch(from);
  writeFileSync(full, text.replace(from, to));
}

/** 1-based line of the first line of a copied file matching `pattern`. */
function lineOf(file: string, pattern: RegExp): number {
  const lines = readFileSync(path.join(temp.dir, file), 'utf8').split('\n');
  const index = lines.findIndex((l) => pattern.test(l));
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** The problems as `resync validate` prints them, paths relative to the copy. */
function listed(): string[] {
  return validateAll(dirs()).map((p) => formatProblem(p).split(temp.dir + path.sep).join(''));
}

describe('one typo does not hide the rest (item 5, first copy)', () => {
  it("'wrapUpp' and 'restrat' in notes-not-syncing.yaml: both in the first run, one line each", () => {
    const file = 'dialogs/playbooks/notes-not-syncing.yaml';
    breakFile(file, /^wrapUp:/m, 'wrapUpp:');
    breakFile(file, /\brestart\b/, 'restrat');
    expect(listed()).toEqual([
      `${file}:${lineOf(file, /^wrapUpp:/)}: wrapUpp: unknown field (did you mean 'wrapUp'?)`,
      expect.stringMatching(new RegExp(`^${file}:${lineOf(file, /restrat/)}: steps\\[\\d+\\]: unknown step id 'restrat' \\(no dialogs/steps/restrat\\.yaml\\)$`)),
    ]);
  });

  it('a field that is wrong, not unknown, still leaves the steps list checked', () => {
    const file = 'dialogs/playbooks/notes-not-syncing.yaml';
    breakFile(file, /^title: .*$/m, 'title: ""');
    breakFile(file, /\brestart\b/, 'restrat');
    const problems = listed();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/notes-not-syncing\.yaml:\d+: title: must not be empty$/);
    expect(problems[1]).toMatch(/notes-not-syncing\.yaml:\d+: steps\[\d+\]: unknown step id 'restrat'/);
  });

  it("a broken intents/ file elsewhere does not stop dialogs/ being checked against the intents that parsed", () => {
    // A duplicate utterance in intents/ used to skip every playbook -> intent check.
    const greeting = readFileSync(path.join(temp.dir, 'intents/greeting.yaml'), 'utf8');
    const firstUtterance = /^ {2}- (.+)$/m.exec(greeting)![1];
    breakFile('intents/goodbye.yaml', /^utterances:\n/m, `utterances:\n  - ${firstUtterance}\n`);
    breakFile('dialogs/playbooks/notes-not-syncing.yaml', /^intent: notes-not-syncing$/m, 'intent: notes-not-synced');
    const problems = listed();
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^intents/greeting\\.yaml:\\d+: utterances\\[0\\]: "${firstUtterance}" duplicates intent "goodbye"`)));
    expect(problems).toContainEqual(expect.stringMatching(/notes-not-syncing\.yaml:\d+: intent: unknown intent 'notes-not-synced'/));
    expect(problems).toContainEqual(expect.stringMatching(/intents\/notes-not-syncing\.yaml:\d+: handler: intent 'notes-not-syncing' has handler 'playbook' but no playbook/));
    expect(problems).toHaveLength(3);
  });
});

/** The tester's second copy: a tab in devices.yaml, `acton:` and `storage-spaec` in storage.yaml, help.yaml as a playbook. */
function breakSecondCopy(): void {
  breakFile('dialogs/devices.yaml', /^ {4}label: iPhone$/m, '\tlabel: iPhone');
  breakFile('dialogs/steps/storage.yaml', /^( +)action: continue$/m, '$1acton: continue');
  breakFile('dialogs/steps/storage.yaml', /ifNotFixedStep: storage-space\b/, 'ifNotFixedStep: storage-spaec');
  breakFile('intents/help.yaml', /^handler: help$/m, 'handler: playbook');
}

describe('every problem of the second copy in one run (items 5 and 6)', () => {
  it('one syntax line for the tab, the unknown field, the unknown ifNotFixedStep and the help intent with its line', () => {
    breakSecondCopy();
    expect(listed()).toEqual([
      expect.stringMatching(new RegExp(`^dialogs/devices\\.yaml:${lineOf('dialogs/devices.yaml', /^\t/)}: YAML syntax error: Tabs are not allowed as indentation`)),
      expect.stringMatching(new RegExp(`^dialogs/steps/storage\\.yaml:${lineOf('dialogs/steps/storage.yaml', /acton:/)}: question\\.choices\\[\\d+\\]\\.acton: unknown field \\(did you mean 'action'\\?\\)$`)),
      expect.stringMatching(
        new RegExp(`^dialogs/steps/storage\\.yaml:${lineOf('dialogs/steps/storage.yaml', /storage-spaec/)}: question\\.choices\\[\\d+\\]\\.ifNotFixedStep: unknown step id 'storage-spaec'`),
      ),
      `intents/help.yaml:${lineOf('intents/help.yaml', /^handler:/)}: handler: intent 'help' has handler 'playbook' but no playbook in dialogs/playbooks has intent: help`,
    ]);
  });

  it('start-up throws the same complete list as validate (item 7)', async () => {
    breakSecondCopy();
    // A fifth problem on the intents side: the one start-up used to list alone.
    breakFile('intents/greeting.yaml', /^handler: greeting$/m, 'handler: greting');
    const expected = validateAll(dirs());
    expect(expected).toHaveLength(5);
    const config = parseConfig({ STORAGE: 'memory', INTENTS_DIR: dirs().intentsDir, DIALOGS_DIR: dirs().dialogsDir, DATA_DIR: temp.dir, LOG_LEVEL: 'silent' });
    const error = await createRuntime(config, { logger: silentLogger }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual(expected);
    expect((error as ContentError).message).toMatch(/^Invalid content \(5 problems\)/);
  });
});

describe('a file that fails to parse: its error once, nothing that follows from it (item 6)', () => {
  it("' mac:' pushed in one space in restart.yaml: one syntax error, no 'unknown step id' in the playbooks", () => {
    const file = 'dialogs/steps/restart.yaml';
    breakFile(file, /^ {2}mac:/m, '   mac:');
    expect(listed()).toEqual([expect.stringMatching(new RegExp(`^${file}:${lineOf(file, /^ {3}mac:/)}: YAML syntax error: `))]);
  });

  it('a step file that fails its schema is not reported again as missing where it is used', () => {
    const file = 'dialogs/steps/restart.yaml';
    breakFile(file, /^order: \d+$/m, 'order: six');
    expect(listed()).toEqual([`${file}:${lineOf(file, /^order:/)}: order: Expected number, received string`]);
  });

  it("a playbook that fails to parse does not make its intent 'have no playbook'", () => {
    const file = 'dialogs/playbooks/notes-not-syncing.yaml';
    breakFile(file, /^steps: \[/m, 'steps: [[');
    const problems = listed();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^dialogs\/playbooks\/notes-not-syncing\.yaml:\d+: YAML syntax error: /);
  });

  it('an intent file that fails its schema is not reported again as an unknown intent by its playbook', () => {
    breakFile('intents/notes-not-syncing.yaml', /^handler: playbook$/m, 'handler: playbok');
    const problems = listed();
    expect(problems).toEqual([expect.stringMatching(/^intents\/notes-not-syncing\.yaml:\d+: handler: /)]);
  });

  it('one tab gives one syntax line, saying how many more errors followed', () => {
    const file = 'dialogs/devices.yaml';
    breakFile(file, /^ {4}label: iPhone$/m, '\tlabel: iPhone');
    const problems = listed();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/\(and \d+ more errors? after it, most likely caused by this one\)$/);
  });
});

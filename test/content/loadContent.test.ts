/**
 * Content validation: each broken fixture (test/fixtures/dialogs-broken/<case>, an overlay on a
 * copy of dialogs/) gives exactly the expected problem, with file, line and field; start-up fails
 * with a ContentError that names them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { createRuntime } from '../../src/app/runtime';
import { parseConfig } from '../../src/config/config';
import { checkDialogs, loadContent } from '../../src/content/loadContent';
import { ContentError, type ContentProblem } from '../../src/content/problems';
import { readIntentRefs } from '../../src/content/validate';
import { ENGINE_MESSAGES } from '../../src/dialogs/messages';
import { silentLogger } from '../../src/logging/logger';

const FIXTURES = path.resolve('test/fixtures/dialogs-broken');
const intents = readIntentRefs('intents').intents!;
let tmp: string;

beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'resync-content-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of dialogs/ with the fixture's files on top; returns its folder. */
function broken(fixture?: string): string {
  const dir = path.join(tmp, 'dialogs');
  cpSync('dialogs', dir, { recursive: true });
  if (fixture) cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

/** Problems with paths relative to the copied folder, for exact comparison. */
function problemsOf(dir: string, intentList = intents): ContentProblem[] {
  const { content, problems } = checkDialogs(dir, intentList);
  if (problems.length > 0) expect(content).toBeNull();
  return problems.map((p) => ({ ...p, file: path.relative(dir, p.file), message: p.message.split(dir).join('dialogs') }));
}

describe('checkDialogs', () => {
  it('accepts the real content and versions every playbook', () => {
    const { content, problems } = checkDialogs('dialogs', intents);
    expect(problems).toEqual([]);
    const versions = Object.values(content!.playbooks).map((p) => p.contentVersion);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('unknown step id in a playbook', () => {
    expect(problemsOf(broken('unknown-step-id'))).toEqual([
      { file: 'playbooks/photos-not-syncing.yaml', line: 10, field: 'steps[2]', message: "unknown step id 'stroage' (no dialogs/steps/stroage.yaml)" },
    ]);
  });

  it('missing text for a platform', () => {
    expect(problemsOf(broken('missing-device-text'))).toEqual([
      { file: 'steps/restart.yaml', line: 5, field: 'instructions.windows', message: "missing text for platform 'windows' (or give 'all')" },
    ]);
  });

  it('duplicate step ids: the file whose name does not match is reported', () => {
    expect(problemsOf(broken('duplicate-ids'))).toEqual([
      { file: 'steps/restart-again.yaml', line: 2, field: 'id', message: "duplicate step id 'restart' (also in dialogs/steps/restart.yaml)" },
    ]);
  });

  it('playbook for an unknown intent', () => {
    expect(problemsOf(broken('unknown-intent'))).toEqual([
      { file: 'playbooks/printer-not-syncing.yaml', line: 3, field: 'intent', message: "unknown intent 'printer-not-syncing' (no intents/printer-not-syncing.yaml)" },
    ]);
  });

  it("steps out of the guide's order, and a last step that is not the handoff", () => {
    expect(problemsOf(broken('wrong-order-and-end'))).toEqual([
      { file: 'playbooks/notes-not-syncing.yaml', line: 7, field: 'steps[2]', message: "step 'apple-id' (order 2) comes after 'network' (order 5): keep the guide's order" },
      { file: 'playbooks/notes-not-syncing.yaml', line: 7, field: 'steps[3]', message: "the last step must be a handoff step, 'restart' is kind 'instruction'" },
    ]);
  });

  it('unknown placeholder and unknown service id in a step', () => {
    expect(problemsOf(broken('unknown-placeholder-and-service'))).toEqual([
      { file: 'steps/restart.yaml', line: 6, field: 'instructions.all', message: 'unknown placeholder {colour}' },
      { file: 'steps/restart.yaml', line: 8, field: 'services.fax', message: "unknown service id 'fax' (not in services.yaml)" },
    ]);
  });

  it('a playbook whose intent is not handled by a playbook, and an intent left without one', () => {
    const dir = broken();
    const changed = intents.map((i) => (i.id === 'notes-not-syncing' ? { ...i, handler: 'help' } : i));
    const extra = [...changed, { id: 'fax-not-syncing', handler: 'playbook', file: 'intents/fax-not-syncing.yaml' }];
    expect(problemsOf(dir, extra)).toEqual([
      { file: 'playbooks/notes-not-syncing.yaml', line: 3, field: 'intent', message: "intent 'notes-not-syncing' has handler 'help', not 'playbook'" },
      {
        file: path.relative(dir, 'intents/fax-not-syncing.yaml'),
        field: 'handler',
        message: "intent 'fax-not-syncing' has handler 'playbook' but no playbook in dialogs/playbooks has intent: fax-not-syncing",
      },
    ]);
  });

  it('messages.yaml missing a key the engine uses, or with a placeholder it does not fill', () => {
    const dir = broken();
    const file = path.join(dir, 'messages.yaml');
    const doc = parseDocument(readFileSync(file, 'utf8'));
    doc.deleteIn(['messages', 'fixed.question']);
    doc.setIn(['messages', 'goodbye'], 'Bye {name}!');
    writeFileSync(file, doc.toString());
    const problems = problemsOf(dir);
    expect(problems.map(({ file: f, field, message }) => ({ f, field, message }))).toEqual([
      { f: 'messages.yaml', field: 'messages.goodbye', message: 'unknown placeholder {name}' },
      { f: 'messages.yaml', field: 'messages', message: "missing message 'fixed.question' (the engine uses it)" },
    ]);
    expect(problems.every((p) => typeof p.line === 'number')).toBe(true);
  });

  it('every engine message key is in the real messages.yaml', () => {
    const { content } = checkDialogs('dialogs', intents);
    expect(Object.keys(content!.messages).sort()).toEqual(Object.keys(ENGINE_MESSAGES).sort());
  });

  it('a YAML syntax error names its line', () => {
    const dir = broken();
    writeFileSync(path.join(dir, 'steps', 'restart.yaml'), 'version: 1\nid: restart\ntitle: [unclosed\n');
    const problems = problemsOf(dir);
    expect(problems[0]).toMatchObject({ file: 'steps/restart.yaml', field: '' });
    expect(problems[0].message).toMatch(/^YAML syntax error/);
    expect(problems[0].line).toBeGreaterThanOrEqual(3);
  });
});

describe('loadContent and start-up', () => {
  it('loadContent throws a ContentError listing file:line: field', () => {
    const dir = broken('unknown-step-id');
    expect(() => loadContent(dir, intents)).toThrow(ContentError);
    expect(() => loadContent(dir, intents)).toThrow(/photos-not-syncing\.yaml:10: steps\[2\]: unknown step id 'stroage'/);
  });

  it('createRuntime refuses to start on broken content, naming file and field', async () => {
    const dir = broken('missing-device-text');
    const config = parseConfig({ STORAGE: 'memory', DIALOGS_DIR: dir, DATA_DIR: tmp, LOG_LEVEL: 'silent' });
    await expect(createRuntime(config, { logger: silentLogger })).rejects.toThrow(/restart\.yaml:5: instructions\.windows: missing text for platform 'windows'/);
  });
});

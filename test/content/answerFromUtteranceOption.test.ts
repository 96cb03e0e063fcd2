/**
 * The playbook step option `answerFromUtterance` is checked like `answer`: only for a step with a
 * question, a boolean, and not together with a fixed answer (which would always win).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { checkDialogs } from '../../src/content/loadContent';
import { readIntentRefs } from '../../src/content/validate';
import { makeTempDir } from '../helpers/tempDir';

const intents = readIntentRefs('intents').intents!;
let temp: ReturnType<typeof makeTempDir>;
let dir: string;

beforeEach(() => {
  temp = makeTempDir('resync-utterance-option-');
  dir = path.join(temp.dir, 'dialogs');
  cpSync('dialogs', dir, { recursive: true });
});
afterEach(() => temp.remove());

function edit(file: string, change: (doc: Record<string, unknown>) => void): void {
  const full = path.join(dir, file);
  const doc = parse(readFileSync(full, 'utf8')) as Record<string, unknown>;
  change(doc);
  writeFileSync(full, stringify(doc));
}

function problems(): [string, string, string][] {
  return checkDialogs(dir, intents).problems.map((p) => [path.relative(dir, p.file), p.field, p.message]);
}

describe('stepOptions.<step>.answerFromUtterance', () => {
  it('the real content uses it and is valid', () => {
    const loaded = checkDialogs(dir, intents);
    expect(loaded.problems).toEqual([]);
    const users = Object.values(loaded.content!.playbooks).filter((p) => Object.values(p.stepOptions ?? {}).some((o) => o.answerFromUtterance));
    expect(users.map((p) => p.id)).toContain('sign-in-problem');
  });

  it('on a step without a question is a problem', () => {
    edit('playbooks/sign-in-problem.yaml', (d) => {
      d.stepOptions = { restart: { answerFromUtterance: true } };
    });
    expect(problems()).toEqual([['playbooks/sign-in-problem.yaml', 'stepOptions.restart.answerFromUtterance', "step 'restart' has no question to answer"]]);
  });

  it('together with a fixed answer is a problem (the fixed answer always wins)', () => {
    edit('playbooks/sign-in-problem.yaml', (d) => {
      d.stepOptions = { 'account-access': { answer: 'locked', answerFromUtterance: true } };
    });
    expect(problems()).toEqual([['playbooks/sign-in-problem.yaml', 'stepOptions.account-access.answerFromUtterance', expect.stringContaining('already has a fixed answer')]]);
  });

  it('must be a boolean', () => {
    edit('playbooks/sign-in-problem.yaml', (d) => {
      d.stepOptions = { 'account-access': { answerFromUtterance: 'yes' } };
    });
    // The playbook is then invalid, so its intent also has no playbook: only this file's problem matters here.
    expect(problems().filter(([file]) => file.startsWith('playbooks/'))).toEqual([['playbooks/sign-in-problem.yaml', 'stepOptions.account-access.answerFromUtterance', expect.any(String)]]);
  });
});

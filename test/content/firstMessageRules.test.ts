/**
 * What content says about the first message: a playbook's `whenSaid` lines and `firstWhen` rule,
 * a step's `alreadyDone` phrases and a question choice's `saidFirst`. Each mistake is one problem
 * naming the file and field.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { useDialogsCopy } from './dialogsCopy';

const copy = useDialogsCopy('resync-first-message-');

const edit = (file: string, change: (doc: Record<string, unknown>) => void): void => copy.edit(file, change);
const problems = (): [string, string, string][] => copy.problems().map((p) => [p.file, p.field, p.message]);

describe('first-message rules in content', () => {
  it('the real content uses them and is valid', () => {
    const photos = parse(readFileSync('dialogs/playbooks/photos-not-syncing.yaml', 'utf8')) as { whenSaid?: unknown[] };
    const signIn = parse(readFileSync('dialogs/playbooks/sign-in-problem.yaml', 'utf8')) as { firstWhen?: unknown };
    const restart = parse(readFileSync('dialogs/steps/restart.yaml', 'utf8')) as { alreadyDone?: unknown[] };
    expect(photos.whenSaid?.length).toBeGreaterThan(0);
    expect(signIn.firstWhen).toBeDefined();
    expect(restart.alreadyDone?.length).toBeGreaterThan(0);
    expect(problems()).toEqual([]);
  });

  it('an unknown placeholder in whenSaid.say or firstWhen.say is reported at its field', () => {
    edit('playbooks/photos-not-syncing.yaml', (d) => {
      d.whenSaid = [{ phrases: ['gone'], say: 'Look in {album} first.' }];
    });
    edit('playbooks/sign-in-problem.yaml', (d) => {
      d.firstWhen = { phrases: ['cant sign in'], say: 'First {problem}.' };
    });
    expect(problems()).toEqual([
      ['playbooks/photos-not-syncing.yaml', 'whenSaid[0].say', 'unknown placeholder {album}'],
      ['playbooks/sign-in-problem.yaml', 'firstWhen.say', 'unknown placeholder {problem}'],
    ]);
  });

  it('a rule without phrases, an empty phrase, and a misspelt field are errors', () => {
    edit('playbooks/photos-not-syncing.yaml', (d) => {
      d.whenSaid = [{ phrases: [], say: 'Hello.' }];
    });
    edit('playbooks/sign-in-problem.yaml', (d) => {
      d.firstWhen = { phrases: ['cant sign in'], says: 'typo' };
    });
    edit('steps/restart.yaml', (d) => {
      d.alreadyDone = ['restarted', ' '];
    });
    const found = problems().map(([file, field]) => `${file} ${field}`);
    expect(found).toEqual(
      expect.arrayContaining(['playbooks/photos-not-syncing.yaml whenSaid[0].phrases', 'steps/restart.yaml alreadyDone[1]']),
    );
    expect(found.some((f) => f.startsWith('playbooks/sign-in-problem.yaml firstWhen'))).toBe(true);
  });

  it('storage answers "fine" and "full" from the first message (saidFirst), each with its line', () => {
    const storage = parse(readFileSync('dialogs/steps/storage.yaml', 'utf8')) as { question: { choices: { id: string; action?: string; saidFirst?: { phrases: string[]; say: string } }[] } };
    const said = storage.question.choices.filter((c) => c.saidFirst).map((c) => [c.id, c.action]);
    expect(said).toEqual([
      ['full', 'continue'],
      ['has-space', 'skip'],
    ]);
  });

  it('a saidFirst on a choice that ends the playbook as fixed, an unknown placeholder in its say, and a misspelt field are errors', () => {
    edit('steps/apple-id.yaml', (d) => {
      const choices = (d.question as { choices: Record<string, unknown>[] }).choices;
      choices[0].action = 'fixed';
      choices[0].saidFirst = { phrases: ['same account'], say: 'Noted.' };
      choices[1].saidFirst = { phrases: ['other account'], say: 'Noted for {album}.' };
    });
    edit('steps/storage.yaml', (d) => {
      const choices = (d.question as { choices: Record<string, unknown>[] }).choices;
      choices[0].saidFirst = { phrase: ['storage full'], say: 'Noted.' };
    });
    const found = problems();
    expect(found).toEqual(
      expect.arrayContaining([
        ['steps/apple-id.yaml', 'question.choices[0].saidFirst', expect.stringContaining('fixed')],
        ['steps/apple-id.yaml', 'question.choices[1].saidFirst.say', 'unknown placeholder {album}'],
      ]),
    );
    expect(found.some(([file, field]) => file === 'steps/storage.yaml' && field.startsWith('question.choices[0].saidFirst'))).toBe(true);
  });
});

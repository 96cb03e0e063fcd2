/**
 * What content says about the first message: a playbook's `whenSaid` lines and `firstWhen` rule,
 * and a step's `alreadyDone` phrases. Each mistake is one problem naming the file and field.
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
});

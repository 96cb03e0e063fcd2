/**
 * The playbook options (askDevice, handoff, stepOptions) and a step's unavailableOn are checked
 * across files: each mistake is one problem naming the file and field.
 */
import { checkDialogs } from '../../src/content/loadContent';
import { useDialogsCopy } from './dialogsCopy';

const copy = useDialogsCopy('resync-options-');
const intents = copy.intents;

const edit = (file: string, change: (doc: Record<string, unknown>) => void): void => copy.edit(file, change);
const problems = () => copy.problems();

describe('playbook options', () => {
  it('the real content is valid', () => {
    expect(problems()).toEqual([]);
  });

  it('stepOptions for a step the playbook does not have', () => {
    edit('playbooks/storage-full.yaml', (d) => {
      d.stepOptions = { network: { answer: 'wifi' } };
    });
    expect(problems()).toEqual([{ file: 'playbooks/storage-full.yaml', field: 'stepOptions.network', message: "step 'network' is not one of this playbook's steps" }]);
  });

  it('an answer that is not a choice of the question, and an answer for a step without a question', () => {
    edit('playbooks/photos-not-syncing.yaml', (d) => {
      d.stepOptions = { storage: { answer: 'maybe-full' }, restart: { answer: 'done' } };
    });
    expect(problems().map((p) => [p.field, p.message])).toEqual([
      ['stepOptions.storage.answer', expect.stringContaining("unknown choice 'maybe-full'")],
      ['stepOptions.restart.answer', "step 'restart' has no question to answer"],
    ]);
  });

  it('statusScope on a step that is not a status step; a message the step kind does not have; an unknown placeholder', () => {
    edit('playbooks/photos-not-syncing.yaml', (d) => {
      d.stepOptions = { restart: { statusScope: 'all' }, 'system-status': { messages: { nope: 'x', allClear: 'All fine with {problem}.' } } };
    });
    expect(problems().map((p) => [p.field, p.message])).toEqual([
      ['stepOptions.restart.statusScope', "statusScope is for status steps; 'restart' is kind 'instruction'"],
      ['stepOptions.system-status.messages.nope', "unknown message 'nope' for a status step"],
      ['stepOptions.system-status.messages.allClear', 'unknown placeholder {problem}'],
    ]);
  });

  it('handoff: false with a handoff step; without it, a playbook not ending at the handoff step', () => {
    edit('playbooks/notes-not-syncing.yaml', (d) => {
      d.handoff = false;
    });
    edit('playbooks/service-status.yaml', (d) => {
      delete d.handoff;
    });
    expect(problems().map((p) => [p.file, p.message])).toEqual([
      ['playbooks/notes-not-syncing.yaml', expect.stringContaining("in a playbook with handoff: false")],
      ['playbooks/service-status.yaml', expect.stringContaining('the last step must be a handoff step')],
    ]);
  });

  it('unavailableOn needs a text that says so (not skip) and the elsewhere messages', () => {
    edit('steps/service-toggles.yaml', (d) => {
      (d.services as Record<string, Record<string, string>>).backup.web = 'skip';
      delete (d.messages as Record<string, string>).elsewhereStop;
      (d.unavailableOn as Record<string, string[]>).nosuch = ['web'];
    });
    const found = problems().map((p) => [p.field, p.message]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['unavailableOn.backup', expect.stringContaining("'backup' is unavailable on 'web'")],
        ['messages', "missing message 'elsewhereStop' (unavailableOn needs it)"],
        ['unavailableOn.nosuch', "unknown service id 'nosuch' (not in services.yaml)"],
      ]),
    );
  });
});

/** Problems as [file, field, message] triples. */
function problemTuples(): [string, string, string][] {
  return problems().map((p) => [p.file, p.field, p.message]);
}

// `answerFromUtterance` is checked like `answer`: only for a step with a question, a boolean, and
// not together with a fixed answer (which would always win).
describe('stepOptions.<step>.answerFromUtterance', () => {
  it('the real content uses it and is valid', () => {
    const loaded = checkDialogs(copy.dir, intents);
    expect(loaded.problems).toEqual([]);
    const users = Object.values(loaded.content!.playbooks).filter((p) => Object.values(p.stepOptions ?? {}).some((o) => o.answerFromUtterance));
    expect(users.map((p) => p.id)).toContain('sign-in-problem');
  });

  it('on a step without a question is a problem', () => {
    edit('playbooks/sign-in-problem.yaml', (d) => {
      d.stepOptions = { restart: { answerFromUtterance: true } };
    });
    expect(problemTuples()).toEqual([['playbooks/sign-in-problem.yaml', 'stepOptions.restart.answerFromUtterance', "step 'restart' has no question to answer"]]);
  });

  it('together with a fixed answer is a problem (the fixed answer always wins)', () => {
    edit('playbooks/sign-in-problem.yaml', (d) => {
      d.stepOptions = { 'account-access': { answer: 'locked', answerFromUtterance: true } };
    });
    expect(problemTuples()).toEqual([['playbooks/sign-in-problem.yaml', 'stepOptions.account-access.answerFromUtterance', expect.stringContaining('already has a fixed answer')]]);
  });

  it('must be a boolean', () => {
    edit('playbooks/sign-in-problem.yaml', (d) => {
      d.stepOptions = { 'account-access': { answerFromUtterance: 'yes' } };
    });
    // The playbook is then invalid, so its intent also has no playbook: only this file's problem matters here.
    expect(problemTuples().filter(([file]) => file.startsWith('playbooks/'))).toEqual([['playbooks/sign-in-problem.yaml', 'stepOptions.account-access.answerFromUtterance', expect.any(String)]]);
  });
});

describe('texts for one device', () => {
  it('an unknown device id, and an unknown placeholder in a device text, name the file and field', () => {
    edit('steps/service-toggles.yaml', (d) => {
      const services = d.services as Record<string, Record<string, unknown>>;
      services.contacts.devices = { android: 'Contacts on this phone.', other: 'Open {nowhere}.' };
    });
    expect(problems().map((p) => [p.file, p.field, p.message])).toEqual(
      expect.arrayContaining([
        ['steps/service-toggles.yaml', 'services.contacts.devices.android', "unknown device id 'android' (not in devices.yaml)"],
        ['steps/service-toggles.yaml', 'services.contacts.devices.other', 'unknown placeholder {nowhere}'],
      ]),
    );
  });
});

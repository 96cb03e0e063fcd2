/**
 * A question's choice may be limited to some platforms (`onlyOn`). The list is checked by the step
 * schema (known platform names, none twice, not empty) and across the content: every platform the
 * question is asked on keeps at least two choices, a choice's own text for a platform it is not
 * offered on is flagged, and a playbook cannot fix the answer to a choice some platforms lack.
 * Each mistake is one problem naming the file, line and field, as `resync validate` prints it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { checkDialogs } from '../../src/content/loadContent';
import { choicesOn, PLATFORMS } from '../../src/content/playbookSchema';
import { formatProblem } from '../../src/content/problems';
import { useDialogsCopy } from './dialogsCopy';

const copy = useDialogsCopy('resync-onlyon-');
const intents = copy.intents;

type Doc = Record<string, unknown> & { question: { text: Record<string, string>; choices: Record<string, unknown>[] } };

const edit = (file: string, change: (doc: Doc) => void): void => copy.edit<Doc>(file, change);
const problems = () => copy.problems();

/** Offers a choice only on `platforms`, dropping its own texts for the others (they would never be shown). */
function limit(choice: Record<string, unknown>, platforms: string[]): void {
  choice.onlyOn = platforms;
  const own = choice.instructions as Record<string, string> | undefined;
  for (const key of Object.keys(own ?? {})) if (key !== 'all' && !platforms.includes(key)) delete own![key];
}

/** The index of a choice id in a step file's question. */
function indexOf(file: string, id: string): number {
  const doc = parse(readFileSync(path.join(copy.dir, file), 'utf8')) as Doc;
  return doc.question.choices.findIndex((c) => c.id === id);
}

describe('onlyOn in the step schema', () => {
  it('the real content is valid with it', () => {
    expect(problems()).toEqual([]);
  });

  it('an unknown platform name is one problem naming the file, the field and the known names', () => {
    const at = indexOf('steps/apple-id.yaml', 'different');
    edit('steps/apple-id.yaml', (d) => {
      d.question.choices[at].onlyOn = ['mac', 'iphone'];
    });
    expect(problems()).toEqual([
      {
        file: 'steps/apple-id.yaml',
        field: `question.choices[${at}].onlyOn[1]`,
        message: expect.stringContaining("unknown platform 'iphone' (platforms: ios, mac, windows, web, other"),
      },
    ]);
  });

  it('as `resync validate` prints it: file:line: field: message, the line of the bad name', () => {
    const at = indexOf('steps/network.yaml', 'cable');
    edit('steps/network.yaml', (d) => {
      d.question.choices[at].onlyOn = ['mac', 'Windows'];
    });
    const [problem, ...rest] = checkDialogs(copy.dir, intents).problems;
    expect(rest).toEqual([]);
    const lines = readFileSync(path.join(copy.dir, 'steps/network.yaml'), 'utf8').split('\n');
    expect(lines[problem.line! - 1]).toMatch(/Windows/);
    expect(formatProblem({ ...problem, file: path.relative(copy.dir, problem.file) })).toBe(
      `steps/network.yaml:${problem.line}: question.choices[${at}].onlyOn[1]: unknown platform 'Windows' (platforms: ios, mac, windows, web, other; devices.yaml says which device reads which)`,
    );
  });

  it('a platform listed twice, and an empty list', () => {
    const different = indexOf('steps/apple-id.yaml', 'different');
    const notSure = indexOf('steps/apple-id.yaml', 'not-sure');
    edit('steps/apple-id.yaml', (d) => {
      d.question.choices[different].onlyOn = ['mac', 'windows', 'mac'];
      d.question.choices[notSure].onlyOn = [];
    });
    expect(problems().map((p) => [p.field, p.message])).toEqual([
      [`question.choices[${different}].onlyOn[2]`, "platform 'mac' is listed twice"],
      [`question.choices[${notSure}].onlyOn`, expect.stringContaining('list at least one platform')],
    ]);
  });
});

describe('onlyOn across the content', () => {
  it('a platform left with one choice is a problem naming it and the choice left', () => {
    edit('steps/apple-id.yaml', (d) => {
      for (const c of d.question.choices) if (c.id !== 'same') limit(c, ['mac', 'windows']);
    });
    expect(problems()).toEqual(
      ['ios', 'web', 'other'].map((p) => ({
        file: 'steps/apple-id.yaml',
        field: 'question.choices',
        message: `on platform '${p}' the question would offer only 'same'; a question needs at least 2 choices on every platform it is asked on (see onlyOn)`,
      })),
    );
  });

  it('a platform left with no choice at all', () => {
    edit('steps/apple-id.yaml', (d) => {
      for (const c of d.question.choices) limit(c, ['ios', 'mac', 'windows', 'web']);
    });
    expect(problems().map((p) => [p.field, p.message])).toEqual([['question.choices', expect.stringContaining("on platform 'other' the question would offer no choice")]]);
  });

  it('a platform where the question is not asked (its text is skip) needs no choices', () => {
    edit('steps/network.yaml', (d) => {
      d.question.text.ios = 'skip';
      for (const c of d.question.choices) if (c.id !== 'wifi' && c.id !== 'cable') limit(c, ['mac', 'windows', 'web', 'other']);
    });
    expect(problems()).toEqual([]);
  });

  it("a choice's own text for a platform it is not offered on is never shown", () => {
    const at = indexOf('steps/network.yaml', 'cable');
    edit('steps/network.yaml', (d) => {
      (d.question.choices[at].instructions as Record<string, string>).ios = 'Plug a cable into your iPhone.';
    });
    expect(problems()).toEqual([
      { file: 'steps/network.yaml', field: `question.choices[${at}].instructions.ios`, message: "never shown: choice 'cable' is only offered on mac, windows, web" },
    ]);
  });

  it("a playbook's fixed answer must be a choice of every platform", () => {
    edit('playbooks/photos-not-syncing.yaml', (d) => {
      d.stepOptions = { network: { answer: 'cable' } };
    });
    expect(problems()).toEqual([
      {
        file: 'playbooks/photos-not-syncing.yaml',
        field: 'stepOptions.network.answer',
        message: "choice 'cable' of step 'network' is only offered on mac, windows, web; a playbook's answer must be a choice of every platform",
      },
    ]);
  });
});

describe('choicesOn', () => {
  const step = {
    question: {
      text: { all: 'How?' },
      choices: [
        { id: 'a', title: 'A', synonyms: [], action: 'continue' as const },
        { id: 'b', title: 'B', synonyms: [], action: 'continue' as const, onlyOn: ['mac' as const] },
        { id: 'c', title: 'C', synonyms: [], action: 'continue' as const, onlyOn: ['ios' as const, 'mac' as const] },
      ],
    },
  };
  it.each([
    ['ios', ['a', 'c']],
    ['mac', ['a', 'b', 'c']],
    ['windows', ['a']],
  ] as const)('on %s: %j, in content order', (platform, ids) => {
    expect(choicesOn(step, platform).map((c) => c.id)).toEqual(ids);
  });
  it('a step without a question has none', () => {
    expect(PLATFORMS.map((p) => choicesOn({}, p))).toEqual(PLATFORMS.map(() => []));
  });
});

/**
 * dialogs/questions.yaml, the side questions with a sure answer: checked by its schema and across
 * its entries (an id or a `whenAsked` phrase used twice, a placeholder the engine would not fill),
 * each mistake one problem naming the file and field, as `resync validate` prints it. The file is
 * optional: without it there are no known questions and nothing else changes.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { checkDialogs } from '../../src/content/loadContent';
import { useDialogsCopy } from './dialogsCopy';

const copy = useDialogsCopy('resync-questions-');

type Doc = { questions: { id: string; whenAsked: string[]; answer: Record<string, string> }[] };
const edit = (change: (doc: Doc) => void): void => copy.edit<Doc>('questions.yaml', change);

describe('questions.yaml', () => {
  it('the real file is valid and loads every entry with an answer for all platforms', () => {
    expect(copy.problems()).toEqual([]);
    const { content } = checkDialogs(copy.dir, copy.intents);
    expect(content!.questions.length).toBeGreaterThanOrEqual(5);
    for (const q of content!.questions) expect(q.answer.all.length).toBeGreaterThan(40);
  });

  it('an id used twice is one problem at the second entry', () => {
    edit((d) => {
      d.questions[1]!.id = d.questions[0]!.id;
    });
    expect(copy.problems()).toEqual([{ file: 'questions.yaml', field: 'questions[1].id', message: expect.stringContaining('duplicate question id') }]);
  });

  it('a phrase in two entries names the phrase and the other entry', () => {
    edit((d) => {
      d.questions[2]!.whenAsked.push(` ${d.questions[0]!.whenAsked[0]!.toUpperCase()}`);
    });
    const [only, ...rest] = copy.problems();
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ file: 'questions.yaml', field: expect.stringMatching(/^questions\[2\]\.whenAsked\[\d+\]$/) });
    expect(only!.message).toContain(`also in whenAsked of question '${'optimize-storage'}'`);
  });

  it('a missing `all`, an unknown platform and an empty phrase list are each named', () => {
    edit((d) => {
      delete d.questions[0]!.answer.all;
      d.questions[1]!.answer.iphone = 'Text.';
      d.questions[2]!.whenAsked = [];
    });
    expect(copy.problems().map((p) => `${p.file} ${p.field}: ${p.message}`)).toEqual([
      'questions.yaml questions[0].answer.all: Required',
      'questions.yaml questions[1].answer.iphone: unknown field',
      expect.stringMatching(/^questions\.yaml questions\[2\]\.whenAsked: .*at least 1/),
    ]);
  });

  it('a placeholder in an answer is a problem (answers are said as written)', () => {
    edit((d) => {
      d.questions[0]!.answer.mac = 'Open {settings} on your {device}.';
    });
    const found = copy.problems();
    expect(found).toHaveLength(2);
    expect(found.every((p) => p.field === 'questions[0].answer.mac' && /unknown placeholder/.test(p.message))).toBe(true);
  });

  it('without the file there are no known questions and no problem', () => {
    rmSync(path.join(copy.dir, 'questions.yaml'));
    const { content, problems } = checkDialogs(copy.dir, copy.intents);
    expect(problems).toEqual([]);
    expect(content!.questions).toEqual([]);
  });
});

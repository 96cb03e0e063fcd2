/**
 * How a misspelt or unknown field is reported (checkWithSchema): one problem at the line of the
 * field, a "did you mean" for a near miss of a field the schema has, and the rest of the file still
 * usable for the checks across files.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { checkWithSchema, nearMiss, type YamlFile } from '../../src/content/yamlFile';

/** A YamlFile from text, with lines as readYamlFile gives them (first line of the key). */
function yamlOf(text: string): YamlFile {
  const data = parseDocument(text).toJS();
  const lines = text.split('\n');
  return {
    file: 'x.yaml',
    data,
    lineOf: (p) => {
      const key = p[p.length - 1];
      const i = typeof key === 'string' ? lines.findIndex((l) => l.trimStart().startsWith(`${key}:`) || l.trimStart().startsWith(`- ${key}:`)) : -1;
      return i >= 0 ? i + 1 : 1;
    },
  };
}

const schema = z
  .object({
    title: z.string().min(1, 'must not be empty'),
    wrapUp: z.string(),
    steps: z.array(z.string()),
    choices: z.array(z.object({ id: z.string(), action: z.enum(['continue', 'skip']).default('continue') }).strict()).optional(),
  })
  .strict();

describe('nearMiss', () => {
  it.each([
    ['wrapUpp', 'wrapUp', true],
    ['acton', 'action', true],
    ['WrapUp', 'wrapUp', true],
    ['stpes', 'steps', true],
    ['step', 'steps', true],
    ['intro', 'title', false],
    ['wrapUp', 'wrapUp', false],
  ])('%s ~ %s: %s', (typed, known, expected) => {
    expect(nearMiss(typed, known)).toBe(expected);
  });
});

describe('checkWithSchema', () => {
  it('a near miss of a required field is one problem, and the value is usable with it read as that field', () => {
    const r = checkWithSchema(yamlOf('title: Notes\nwrapUpp: Done\nsteps: [a, b]\n'), schema);
    expect(r.value).toBeNull();
    expect(r.problems).toEqual([{ file: 'x.yaml', line: 2, field: 'wrapUpp', message: "unknown field (did you mean 'wrapUp'?)" }]);
    expect(r.usable).toEqual({ title: 'Notes', wrapUp: 'Done', steps: ['a', 'b'] });
  });

  it('a near miss of an optional field inside a list names the field it misses; its value is kept', () => {
    const r = checkWithSchema(yamlOf('title: T\nwrapUp: W\nsteps: [a]\nchoices:\n  - id: one\n    acton: skip\n'), schema);
    expect(r.problems).toEqual([{ file: 'x.yaml', line: 6, field: 'choices[0].acton', message: "unknown field (did you mean 'action'?)" }]);
    expect(r.usable?.choices).toEqual([{ id: 'one', action: 'skip' }]);
  });

  it('an unknown field with no near miss is dropped; the rest is usable', () => {
    const r = checkWithSchema(yamlOf('title: T\nwrapUp: W\nsteps: [a]\ncolour: red\n'), schema);
    expect(r.problems).toEqual([{ file: 'x.yaml', line: 4, field: 'colour', message: 'unknown field' }]);
    expect(r.usable).toEqual({ title: 'T', wrapUp: 'W', steps: ['a'] });
  });

  it('a wrong value leaves the valid top-level fields, and names the broken ones', () => {
    const r = checkWithSchema(yamlOf('title: ""\nwrapUpp: W\nsteps: [a, b]\n'), schema);
    expect(r.usable).toBeNull();
    expect(r.problems.map((p) => `${p.field}: ${p.message}`)).toEqual(['title: must not be empty', "wrapUpp: unknown field (did you mean 'wrapUp'?)"]);
    expect(r.fields).toEqual({ wrapUp: 'W', steps: ['a', 'b'] });
    expect([...r.broken]).toEqual(['title']);
  });

  it('a valid file comes back whole, with no problem', () => {
    const r = checkWithSchema(yamlOf('title: T\nwrapUp: W\nsteps: [a]\n'), schema);
    expect(r).toMatchObject({ value: { title: 'T', wrapUp: 'W', steps: ['a'] }, problems: [] });
  });
});

import path from 'node:path';
import { ContentError, type ContentProblem } from '../../src/content/problems';
import { checkIntents, loadIntents, normaliseUtterance } from '../../src/nlu/trainingData';

const broken = (name: string) => path.join(__dirname, '..', 'fixtures', 'intents-broken', name);
const REAL_INTENTS = path.join(__dirname, '..', '..', 'intents');

function only(problems: ContentProblem[], file: string): ContentProblem[] {
  return problems.filter((p) => path.basename(p.file) === file);
}

describe('checkIntents on broken fixtures', () => {
  it('reports a YAML syntax error with file and line', () => {
    const { data, problems } = checkIntents(broken('bad-syntax'));
    expect(data).toBeNull();
    const [p, ...rest] = only(problems, 'greeting.yaml');
    expect(rest).toEqual([]);
    expect(p!.file).toMatch(/intents-broken[/\\]bad-syntax[/\\]greeting\.yaml$/);
    expect(p!.message).toMatch(/YAML syntax error/);
    expect(p!.line).toBeGreaterThanOrEqual(7); // the unterminated quote opens on line 7
    expect(only(problems, 'none.yaml')).toEqual([]);
  });

  it('names a missing field', () => {
    const { problems } = checkIntents(broken('missing-field'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'handler', line: expect.any(Number) });
    expect(problems[0]!.file).toMatch(/greeting\.yaml$/);
    expect(problems[0]!.message).toMatch(/required/i);
  });

  it('finds the same utterance under two intents, after normalising case and punctuation', () => {
    const { problems } = checkIntents(broken('duplicate-utterance'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'utterances[2]', line: 8 });
    expect(problems[0]!.file).toMatch(/help\.yaml$/);
    expect(problems[0]!.message).toMatch(/greeting/);
  });

  it('rejects an unknown handler and lists the allowed ones', () => {
    const { problems } = checkIntents(broken('unknown-handler'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'handler', line: 3 });
    expect(problems[0]!.message).toMatch(/playbook/);
  });

  it('needs at least 25 training utterances by default', () => {
    const { problems } = checkIntents(broken('too-few'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'utterances', line: 5 }); // the utterances: key
    expect(problems[0]!.file).toMatch(/greeting\.yaml$/);
    expect(problems[0]!.message).toMatch(/3 training utterances.*25/);
  });

  it('checks across files: ids, file names, held-out leaks, entity types, empty intents', () => {
    const { problems } = checkIntents(broken('cross-file'));
    const summary = problems.map((p) => `${path.basename(p.file)}:${p.line}:${p.field}`).sort();
    expect(summary).toEqual(
      [
        'goodbye.yaml:5:utterances', // empty intent
        'greeting.yaml:5:entities[1]', // unknown entity type "colour"
        'greeting.yaml:11:heldOut[1]', // held-out "Good morning." is trained on
        'hello.yaml:2:intent', // file name is not the intent id
        'hello.yaml:2:intent', // duplicate intent id
      ].sort(),
    );
    const texts = problems.map((p) => p.message).join('\n');
    expect(texts).toMatch(/unknown entity type "colour"/);
    expect(texts).toMatch(/duplicate intent id "greeting"/);
    expect(texts).toMatch(/does not match the file name/);
    expect(texts).toMatch(/no training utterances/);
  });

  it('reports a missing directory instead of throwing', () => {
    const { data, problems } = checkIntents(broken('does-not-exist'));
    expect(data).toBeNull();
    expect(problems[0]!.message).toMatch(/not found/);
  });

  it('loadIntents throws a ContentError that lists every problem', () => {
    expect(() => loadIntents(broken('cross-file'))).toThrow(ContentError);
    try {
      loadIntents(broken('cross-file'));
    } catch (error) {
      expect((error as ContentError).problems.length).toBe(5);
      expect((error as Error).message).toMatch(/goodbye\.yaml:5: utterances:/);
    }
  });
});

describe('normaliseUtterance', () => {
  it('ignores case, punctuation and spacing', () => {
    expect(normaliseUtterance("  Photos WON'T sync!! ")).toBe(normaliseUtterance('photos wont sync'));
    expect(normaliseUtterance('photos sync')).not.toBe(normaliseUtterance('photo sync'));
  });
});

describe('the real intents/ directory', () => {
  it('is valid, has the none intent and every handler kind it routes to', () => {
    const { data, problems } = checkIntents(REAL_INTENTS);
    expect(problems).toEqual([]);
    const ids = data!.intents.map((i) => i.id);
    expect(ids).toContain('none');
    expect(new Set(ids).size).toBe(ids.length);
    for (const intent of data!.intents) expect(intent.utterances.length).toBeGreaterThanOrEqual(data!.settings.minUtterances);
  });
});

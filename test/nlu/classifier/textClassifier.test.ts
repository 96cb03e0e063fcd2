import { TextClassifier, type TrainingExample } from '../../../src/nlu/classifier/textClassifier';

/** A small synthetic set: three intents with distinct vocabulary, plus some shared words. */
const TRAINING: TrainingExample[] = [
  ...[
    'my photos are not syncing to icloud',
    'icloud photos stopped uploading',
    'pictures from my iphone do not show on my mac',
    'photo library is stuck on uploading',
    'new photos never appear on my ipad',
    'the photos app says syncing paused',
  ].map((text) => ({ text, label: 'photos' })),
  ...[
    'i forgot my apple id password',
    'how do i reset my password',
    'my account is locked after too many password attempts',
    'cannot sign in because the password is wrong',
    'change the password for my apple account',
    'password reset email never arrived',
  ].map((text) => ({ text, label: 'password' })),
  ...[
    'icloud storage is full',
    'how do i buy more storage',
    'storage almost full warning keeps popping up',
    'what is using all my icloud storage',
    'upgrade my storage plan to 200 gb',
    'free up space in icloud',
  ].map((text) => ({ text, label: 'storage' })),
];

function expectProbabilities(scores: { label: string; score: number }[], labels: readonly string[]): void {
  expect(scores.map((s) => s.label).sort()).toEqual([...labels].sort());
  for (const s of scores) {
    expect(Number.isFinite(s.score)).toBe(true);
    expect(s.score).toBeGreaterThanOrEqual(0);
    expect(s.score).toBeLessThanOrEqual(1);
  }
  expect(scores.reduce((sum, s) => sum + s.score, 0)).toBeCloseTo(1, 6);
  for (let i = 1; i < scores.length; i++) expect(scores[i - 1]!.score).toBeGreaterThanOrEqual(scores[i]!.score);
}

describe('TextClassifier', () => {
  const classifier = TextClassifier.train(TRAINING);

  it('knows the labels of its training data', () => {
    expect([...classifier.labels].sort()).toEqual(['password', 'photos', 'storage']);
  });

  it.each([
    ['my pictures will not sync with icloud', 'photos'],
    ['i need to reset the password of my apple id', 'password'],
    ['my icloud storage is almost full', 'storage'],
    // Unseen inflections are matched through stems and character n-grams.
    ['photo uploads are stuck', 'photos'],
    ['passwords', 'password'],
  ])('classifies %p as %p', (text, label) => {
    const scores = classifier.predict(text);
    expectProbabilities(scores, classifier.labels);
    expect(scores[0]!.label).toBe(label);
  });

  it('is surer of a training sentence than of unrelated text', () => {
    const seen = classifier.predict('icloud storage is full')[0]!.score;
    const unrelated = classifier.predict('what is the weather in paris tomorrow')[0]!.score;
    expect(seen).toBeGreaterThan(unrelated);
  });

  it.each([
    ['empty', ''],
    ['spaces', '   \n\t '],
    ['emoji only', '😀🙈🔥'],
    ['punctuation', '?!...,;:'],
    ['other script', 'Привет, как дела? 你好'],
    ['huge', 'photos sync '.repeat(50_000)],
    ['control characters', '\u0000\u0007abc\uFFFF'],
  ])('does not throw on %s input and still gives probabilities', (_name, text) => {
    const scores = classifier.predict(text);
    expectProbabilities(scores, classifier.labels);
  });

  it('gives the prior (equal-ish scores) when nothing in the text is known', () => {
    const scores = classifier.predict('');
    // Only the biases speak: with balanced classes no label dominates.
    expect(scores[0]!.score - scores[scores.length - 1]!.score).toBeLessThan(0.2);
  });

  it('round-trips through JSON with identical scores', () => {
    const copy = TextClassifier.fromJSON(JSON.parse(JSON.stringify(classifier.toJSON())));
    expect(copy.labels).toEqual(classifier.labels);
    for (const text of ['my photos are missing', 'password', '', 'storage full 😀', 'zzz qqq']) {
      expect(copy.predict(text)).toEqual(classifier.predict(text));
    }
  });

  it('round-trips a model with the neighbour scorer', () => {
    const model = TextClassifier.train(TRAINING, { neighbourWeight: 0.3 });
    const copy = TextClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const text of ['photos not syncing', 'reset password', 'buy storage', '']) {
      expect(copy.predict(text)).toEqual(model.predict(text));
    }
    expect(model.predict('buy more icloud storage')[0]!.label).toBe('storage');
  });

  it('trains deterministically: same data, options and seed give the same model', () => {
    const a = TextClassifier.train(TRAINING, { seed: 7 });
    const b = TextClassifier.train(TRAINING, { seed: 7 });
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
  });

  it('depends on the seed (the shuffling is really seeded)', () => {
    const a = TextClassifier.train(TRAINING, { seed: 1 });
    const b = TextClassifier.train(TRAINING, { seed: 2 });
    expect(JSON.stringify(a.toJSON())).not.toBe(JSON.stringify(b.toJSON()));
  });

  it('works with a single label', () => {
    const one = TextClassifier.train([{ text: 'hello there', label: 'greeting' }]);
    expect(one.predict('anything')).toEqual([{ label: 'greeting', score: 1 }]);
  });

  it('rejects empty training data and bad options with a clear message', () => {
    expect(() => TextClassifier.train([])).toThrow(/no training examples/);
    expect(() => TextClassifier.train(TRAINING, { epochs: 0 })).toThrow(/epochs/);
    expect(() => TextClassifier.train(TRAINING, { epoch: 3 } as never)).toThrow(/invalid options/);
  });

  it('rejects JSON that is not a saved classifier', () => {
    expect(() => TextClassifier.fromJSON(null)).toThrow(/not a saved classifier/);
    expect(() => TextClassifier.fromJSON({ format: 'something-else' })).toThrow(/not a saved classifier/);
    const json = classifier.toJSON() as Record<string, unknown>;
    expect(() => TextClassifier.fromJSON({ ...json, bias: Buffer.from([1, 2, 3, 4]).toString('base64') })).toThrow(/bias/);
  });
});

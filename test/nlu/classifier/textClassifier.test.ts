import { labelAsText, TextClassifier, type TrainingExample } from '../../../src/nlu/classifier/textClassifier';

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

  it('reads tags given with the text, in training and prediction alike', () => {
    // Two labels that only the tags tell apart: the words are the same.
    const tagged: TrainingExample[] = [];
    for (let i = 0; i < 6; i++) {
      tagged.push({ text: `it does not sync ${i}`, label: 'photos', tags: ['service:photos'] });
      tagged.push({ text: `it does not sync ${i}`, label: 'notes', tags: ['service:notes'] });
    }
    const model = TextClassifier.train(tagged);
    expect(model.predict('it does not sync', ['service:photos'])[0]!.label).toBe('photos');
    expect(model.predict('it does not sync', ['service:notes'])[0]!.label).toBe('notes');
    const untagged = model.predict('it does not sync');
    expect(Math.abs(untagged[0]!.score - untagged[1]!.score)).toBeLessThan(0.2);
    // Tags are ignored with tag weight 0.
    const blind = TextClassifier.train(tagged, { tagWeight: 0 });
    expect(blind.predict('it does not sync', ['service:photos'])).toEqual(blind.predict('it does not sync'));
    // A saved model reads tags the same way.
    const copy = TextClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predict('it does not sync', ['service:notes'])).toEqual(model.predict('it does not sync', ['service:notes']));
  });

  it('never throws on odd tags', () => {
    expect(() => classifier.predict('photos', null as never)).not.toThrow();
    expect(() => classifier.predict('photos', [''] as never)).not.toThrow();
  });

  it('folds the centroid scorer into the weights: stronger with fewer examples per label', () => {
    const without = TextClassifier.train(TRAINING, { centroidWeight: 0 });
    const withCentroids = TextClassifier.train(TRAINING, { centroidWeight: 150 });
    const text = 'pictures photos library';
    // The centroid term adds to the right label's logit, so it is surer.
    const score = (m: TextClassifier) => m.predict(text).find((s) => s.label === 'photos')!.score;
    expect(score(withCentroids)).toBeGreaterThan(score(without));
    // Same size of model and exact round trip (nothing extra is stored).
    const json = withCentroids.toJSON() as { weights: string };
    expect(json.weights.length).toBe((without.toJSON() as { weights: string }).weights.length);
    expect(TextClassifier.fromJSON(JSON.parse(JSON.stringify(json))).predict(text)).toEqual(withCentroids.predict(text));
    // The rule divides by examples per label: twice the data per label, half the pull.
    // (naive Bayes off: its log-likelihoods would add to the gap; label names off: they would not double.)
    const doubled = TextClassifier.train([...TRAINING, ...TRAINING], { centroidWeight: 150, epochs: 1, minUpdates: 0, learningRate: 1e-9, nbWeight: 0, labelNameExamples: 0 });
    const single = TextClassifier.train(TRAINING, { centroidWeight: 150, epochs: 1, minUpdates: 0, learningRate: 1e-9, nbWeight: 0, labelNameExamples: 0 });
    const logitGap = (m: TextClassifier) => {
      const [a, b] = m.predict(text);
      return Math.log(a!.score / b!.score);
    };
    expect(logitGap(single) / logitGap(doubled)).toBeCloseTo(2, 1);
  });

  it('averages in a naive-Bayes model over word counts by log-probability, saved and restored exactly', () => {
    const softmaxOnly = TextClassifier.train(TRAINING, { nbWeight: 0 });
    const withNb = TextClassifier.train(TRAINING, { nbWeight: 0.5 });
    expect((softmaxOnly.toJSON() as { naiveBayes?: string }).naiveBayes).toBeUndefined();
    const json = withNb.toJSON() as { naiveBayes?: string; weights: string };
    expect(json.naiveBayes?.length).toBe(json.weights.length);
    const text = 'pictures photos library';
    expect(withNb.predict(text)).not.toEqual(softmaxOnly.predict(text));
    expect(withNb.predict(text)[0]!.label).toBe('photos');
    expect(TextClassifier.fromJSON(JSON.parse(JSON.stringify(json))).predict(text)).toEqual(withNb.predict(text));
    // With only naive Bayes's vote (weight 1), a text of known words goes to the label whose
    // training texts use those words, and a text of unknown words gets every label alike.
    const nbOnly = TextClassifier.train(TRAINING, { nbWeight: 1 });
    expect(nbOnly.predict(text)[0]!.label).toBe('photos');
    const flat = nbOnly.predict('zzqx wvvy');
    expect(flat[0]!.score).toBeCloseTo(flat[flat.length - 1]!.score, 6);
  });

  it('trains with averaged SGD and class balance, still classifying the easy cases', () => {
    for (const options of [{ averaged: true }, { balance: 1 }]) {
      const model = TextClassifier.train(TRAINING, options);
      expect(model.predict('reset my apple id password')[0]!.label).toBe('password');
      expect(model.predict('icloud storage full')[0]!.label).toBe('storage');
    }
    expect(JSON.stringify(TextClassifier.train(TRAINING, { averaged: true }).toJSON())).not.toBe(JSON.stringify(classifier.toJSON()));
  });
});

describe('label names as training examples', () => {
  it('reads a label as words', () => {
    expect(labelAsText('FindConnection')).toBe('Find Connection');
    expect(labelAsText('Software Recommendation')).toBe('Software Recommendation');
    expect(labelAsText('sign-in-problem')).toBe('sign in problem');
    expect(labelAsText('credit_limit_change')).toBe('credit limit change');
    expect(labelAsText('None')).toBe('None');
    expect(labelAsText('--')).toBe('');
  });

  // Two labels with one example each that share no word with the question: only the names tell.
  const tiny: TrainingExample[] = [
    { text: 'how do i get rid of my myspace profile', label: 'Delete Account' },
    { text: 'youtube clip to my disk', label: 'Download Video' },
  ];

  it('lets a label with few examples be found by the words of its name', () => {
    const withNames = TextClassifier.train(tiny);
    expect(withNames.options.labelNameExamples).toBe(1);
    expect(withNames.predict('delete my account')[0]!.label).toBe('Delete Account');
    expect(withNames.predict('download a video')[0]!.label).toBe('Download Video');
  });

  it('can be switched off, and then the names are not evidence', () => {
    const withNames = TextClassifier.train(tiny);
    const without = TextClassifier.train(tiny, { labelNameExamples: 0 });
    const delete1 = (m: TextClassifier) => m.predict('delete account').find((s) => s.label === 'Delete Account')!.score;
    expect(delete1(without)).toBeLessThan(delete1(withNames) - 0.2);
  });

  it('keeps the option through a save and load', () => {
    const model = TextClassifier.train(tiny, { labelNameExamples: 2 });
    const loaded = TextClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(loaded.options.labelNameExamples).toBe(2);
    expect(loaded.predict('download video')).toEqual(model.predict('download video'));
  });
});

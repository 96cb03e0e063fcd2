import { baseForms, buildSynonymTable, lookUpSynsets } from '../../../src/nlu/classifier/wordnetSynonyms';
import { TextClassifier, type TrainingExample } from '../../../src/nlu/classifier/textClassifier';

describe('WordNet synonym table', () => {
  it('maps an unseen synonym to the synset of a training word, and an unrelated word to nothing', () => {
    const table = buildSynonymTable(['photo', 'mail'], 2);
    const photo = lookUpSynsets(table, 'photo');
    expect(photo.length).toBeGreaterThan(0);
    // "photograph" shares photo's only sense; "photographs" reaches it through its base form. "picture"
    // has it only as its 10th sense, so it is not mapped there (a rare sense does not pull).
    expect(lookUpSynsets(table, 'photograph').some((id) => photo.includes(id))).toBe(true);
    expect(lookUpSynsets(table, 'photographs').some((id) => photo.includes(id))).toBe(true);
    expect(lookUpSynsets(table, 'picture').some((id) => photo.includes(id))).toBe(false);
    expect(lookUpSynsets(table, 'banana')).toEqual([]);
  });

  it('tries inflection-stripped forms', () => {
    expect(baseForms('syncing')).toContain('sync');
    expect(baseForms('libraries')).toContain('library');
  });

  it('lets the classifier read a synonym it never saw in training, and saves the table in the model', () => {
    const training: TrainingExample[] = [
      ...['my photo is gone', 'photo missing', 'lost a photo', 'the photo will not load'].map((text) => ({ text, label: 'photos' })),
      ...['my mail is gone', 'mail missing', 'lost a mail', 'the mail will not load'].map((text) => ({ text, label: 'mail' })),
    ];
    const opts = { synonymWeight: 1, nbWeight: 0 };
    const withSynonyms = TextClassifier.train(training, opts);
    const without = TextClassifier.train(training, { nbWeight: 0 });
    const score = (m: TextClassifier) => m.predict('photograph')[0]!;
    expect(score(withSynonyms).label).toBe('photos');
    expect(score(withSynonyms).score).toBeGreaterThan(without.predict('photograph').find((s) => s.label === 'photos')!.score);
    const copy = TextClassifier.fromJSON(JSON.parse(JSON.stringify(withSynonyms.toJSON())));
    expect(copy.predict('photograph')).toEqual(withSynonyms.predict('photograph'));
  });
});

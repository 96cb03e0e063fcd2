import { createFrustrationDetector } from '../../src/handoff/frustration';

const detector = createFrustrationDetector();

describe('frustration: single messages', () => {
  it.each([
    'this is useless!!!',
    "I've tried all that already",
    'NOTHING WORKS',
    'what a waste of time',
    'I tried that twice',
    'already did that',
    'this is ridiculous',
    'I am so frustrated',
    'WHY IS THIS NOT SYNCING',
    'that does not help',
    'nothing is working, I give up',
    'this bot is pointless!!',
  ])('%s → frustrated', (text) => {
    expect(detector.isFrustrated([text])).toBe(true);
  });

  it.each([
    'thanks, that helped',
    "my photos aren't syncing",
    'hi',
    'THANK YOU!!!',
    'it worked, thanks!!',
    'my iCloud ID is on the iPhone',
    'I use a USB cable and WIFI',
    'what does this setting do?',
    "it didn't work",
    'no',
    'I tried all the steps and now it works',
    'contacts are missing on my Mac',
    '',
  ])('%s → not frustrated', (text) => {
    expect(detector.isFrustrated([text])).toBe(false);
  });
});

describe('frustration: scores', () => {
  it('adds the signals it finds', () => {
    const detail = detector.scoreDetailed('this is useless!!!');
    expect(Object.keys(detail.signals).sort()).toEqual(['exclamation', 'sentiment', 'strongPhrase']);
    expect(detail.score).toBeCloseTo((detail.signals.sentiment ?? 0) + 2 + 1, 3);
  });

  it('is zero for neutral and positive text and grows with more signals', () => {
    expect(detector.score('my photos are not syncing')).toBe(0);
    expect(detector.score('thanks, that helped')).toBe(0);
    expect(detector.score('NOTHING WORKS!!!')).toBeGreaterThan(detector.score('nothing works'));
  });

  it('is deterministic', () => {
    const texts = ['this is useless!!!', 'still not working', 'hi'];
    expect(texts.map(detector.score)).toEqual(texts.map(createFrustrationDetector().score));
  });
});

describe('frustration: recent messages', () => {
  it('"still not working" once is not enough, repeated it is', () => {
    expect(detector.isFrustrated(['my photos are not syncing', 'still not working'])).toBe(false);
    const assessment = detector.assess(['still not working', 'I did that', 'it still does not sync']);
    expect(assessment.frustrated).toBe(true);
    expect(assessment.reasons).toContain('repeated');
  });

  it('only looks at the window of recent messages', () => {
    const older = ['still not working', 'still not working'];
    expect(detector.isFrustrated([...older, 'hmm', 'let me see', 'what now'])).toBe(false);
    expect(detector.isFrustrated([...older, 'hmm'])).toBe(true);
    expect(createFrustrationDetector({ window: 5 }).isFrustrated([...older, 'hmm', 'let me see', 'what now'])).toBe(true);
  });

  it('an earlier outburst does not keep the person frustrated once things improve', () => {
    expect(detector.isFrustrated(['this is useless!!!', 'oh wait', 'thanks, that helped'])).toBe(false);
    expect(detector.isFrustrated(['still not working', "still doesn't sync", 'great, it works now'])).toBe(false);
    expect(detector.assess(['this is useless!!!', 'oh wait', 'hmm']).reasons).toEqual(['cumulative']);
  });

  it('mild negative messages add up across the window', () => {
    const texts = ['this is bad', 'that is terrible', "it didn't work"];
    for (const t of texts) expect(detector.isFrustrated([t])).toBe(false);
    const assessment = detector.assess(texts);
    expect(assessment.frustrated).toBe(true);
    expect(assessment.reasons).toContain('cumulative');
  });

  it('is not frustrated with no messages', () => {
    expect(detector.isFrustrated([])).toBe(false);
  });
});

describe('frustration: options', () => {
  it('thresholds change the decision', () => {
    const strict = createFrustrationDetector({ threshold: 5 });
    expect(strict.isFrustrated(["I've tried all that already"])).toBe(false);
    const touchy = createFrustrationDetector({ threshold: 1 });
    expect(touchy.isFrustrated(["it didn't work"])).toBe(true);
  });

  it('weights and phrase lists can be replaced', () => {
    const noCaps = createFrustrationDetector({ weights: { caps: 0, strongPhrase: 0 } });
    expect(noCaps.isFrustrated(['NOTHING WORKS'])).toBe(false);
    const custom = createFrustrationDetector({ strongPhrases: [/\bmarre\b/i] });
    expect(custom.isFrustrated(["j'en ai marre"])).toBe(true);
    expect(custom.isFrustrated(['nothing works'])).toBe(false); // built-in phrases are gone
  });

  it('rejects nonsense options', () => {
    expect(() => createFrustrationDetector({ window: 0 })).toThrow(/window/);
    expect(() => createFrustrationDetector({ threshold: Number.NaN })).toThrow(/threshold/);
  });
});

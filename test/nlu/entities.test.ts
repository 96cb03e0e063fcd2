import path from 'node:path';
import { DamerauLevenshteinDistance } from 'natural';
import { boundedTypoDistance, EntityExtractor } from '../../src/nlu/entities';
import { loadIntents, type Gazetteer } from '../../src/nlu/trainingData';

const gazetteer: Gazetteer = {
  device: [
    { value: 'iphone', synonyms: ['iphone', 'iPhone 15', 'my phone'] },
    { value: 'ipad', synonyms: ['ipad', 'ipad mini', 'ipad pro'] },
    { value: 'mac', synonyms: ['mac', 'macbook', 'macbook pro', 'macbook air', 'imac', 'mac mini'] },
    { value: 'windows', synonyms: ['windows', 'windows pc', 'pc', 'laptop'] },
    { value: 'web', synonyms: ['icloud.com', 'icloud dot com', 'browser'] },
  ],
  service: [
    { value: 'photos', synonyms: ['photos', 'pictures', 'icloud photos'] },
    { value: 'drive', synonyms: ['drive', 'icloud drive'] },
    { value: 'contacts', synonyms: ['contacts'] },
  ],
  network: [
    { value: 'wifi', synonyms: ['wifi', 'wi-fi', 'wireless'] },
    { value: 'cellular', synonyms: ['cellular', 'mobile data', '5g'] },
  ],
};

const extractor = new EntityExtractor(gazetteer);
const brief = (text: string) => extractor.extract(text).map((e) => `${e.type}:${e.value}=${e.text}`);

describe('EntityExtractor', () => {
  it('maps synonyms to the canonical value, whatever the case', () => {
    expect(brief('My MacBook Pro will not sync')).toEqual(['device:mac=MacBook Pro']);
    expect(brief('IPAD MINI')).toEqual(['device:ipad=IPAD MINI']);
    expect(brief('on icloud.com')).toEqual(['device:web=icloud.com']);
    expect(brief('on icloud dot com')).toEqual(['device:web=icloud dot com']);
  });

  it('ignores separators inside a phrase: Wi-Fi, wifi and wi fi are all wifi', () => {
    expect(brief('on Wi-Fi')).toEqual(['network:wifi=Wi-Fi']);
    expect(brief('on wifi')).toEqual(['network:wifi=wifi']);
    expect(brief('on wi fi')).toEqual(['network:wifi=wi fi']);
    expect(brief('Mac-Book Pro')).toEqual(['device:mac=Mac-Book Pro']);
  });

  it('forgives typos in longer words', () => {
    expect(brief('iphne photos not going to my mac')).toEqual(['device:iphone=iphne', 'service:photos=photos', 'device:mac=mac']);
    expect(brief('my macbok air')).toEqual(['device:mac=macbok air']);
    expect(brief('picutres gone')).toEqual(['service:photos=picutres']);
    expect(brief('celullar only')).toEqual(['network:cellular=celullar']);
  });

  it('does not forgive typos in short words, nor turn common words into entities', () => {
    expect(brief('I may have a map')).toEqual([]);
    expect(brief('pad of paper')).toEqual([]);
    expect(brief('the printer driver crashed')).toEqual([]);
    expect(brief('I drove home')).toEqual([]);
    expect(brief('this is fine, thanks')).toEqual([]);
  });

  it('accepts plurals', () => {
    expect(brief('both my iPhones')).toEqual(['device:iphone=iPhones']);
  });

  it('prefers the longest match and never overlaps', () => {
    const entities = extractor.extract('icloud photos on the ipad pro');
    expect(entities.map((e) => e.text)).toEqual(['icloud photos', 'ipad pro']);
    for (let i = 1; i < entities.length; i++) expect(entities[i]!.start).toBeGreaterThanOrEqual(entities[i - 1]!.end);
  });

  it('finds several entities in one sentence, with offsets into the original text', () => {
    const text = 'Contacts from my iPhone 15 are not on my Windows PC over Wi-Fi';
    const entities = extractor.extract(text);
    expect(entities.map((e) => [e.type, e.value])).toEqual([
      ['service', 'contacts'],
      ['device', 'iphone'],
      ['device', 'windows'],
      ['network', 'wifi'],
    ]);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(entities[1]).toMatchObject({ text: 'iPhone 15', start: 17, end: 26 });
  });

  it('keeps offsets right around HTML and does not read tags', () => {
    const text = '<p>my <b>ipad</b> &amp; <i class="pc">mac</i></p>';
    const entities = extractor.extract(text);
    expect(entities.map((e) => e.value)).toEqual(['ipad', 'mac']);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('does not join words across sentence punctuation', () => {
    expect(brief('my, phone')).toEqual([]);
    expect(brief('my phone')).toEqual(['device:iphone=my phone']);
  });

  it('copes with empty, emoji-only and other-script text', () => {
    expect(extractor.extract('')).toEqual([]);
    expect(extractor.extract('🙂🙂🙂')).toEqual([]);
    expect(extractor.extract('我的照片没有同步')).toEqual([]);
    expect(brief('照片 iphone 没有同步')).toEqual(['device:iphone=iphone']);
  });

  it('matches an emoji the gazetteer lists, each emoji a word of its own', () => {
    const withEmoji = new EntityExtractor({ service: [{ value: 'photos', synonyms: ['photos', '📸'] }, { value: 'calendar', synonyms: ['📅'] }] });
    const found = (text: string) => withEmoji.extract(text).map((e) => `${e.value}=${e.text}`);
    expect(found('📸 not syncing')).toEqual(['photos=📸']);
    expect(found('my📸and📅')).toEqual(['photos=📸', 'calendar=📅']);
    expect(found('🙂📸🙂')).toEqual(['photos=📸']);
    expect(found('🙂🙂')).toEqual([]);
  });
});

describe('EntityExtractor on the real intents/entities.yaml', () => {
  const real = new EntityExtractor(loadIntents(path.join(__dirname, '..', '..', 'intents')).gazetteer);
  const values = (text: string) => real.extract(text).map((e) => `${e.type}:${e.value}`);

  it.each([
    ['my macbook pro', ['device:mac']],
    ['on icloud.com', ['device:web']],
    ['iphne', ['device:iphone']],
    ['iphonee', ['device:iphone']],
    ['over Wi-Fi', ['network:wifi']],
    ['MacBook Air and iPad Mini over LTE', ['device:mac', 'device:ipad', 'network:cellular']],
    ['one photo missing', ['service:photos']],
    ['icloud drive on my windows 11 pc', ['service:drive', 'device:windows']],
    ['the weather in paris', []],
    ['iphone iphone', ['device:iphone']],
    // An email address names an account: not the iCloud website, not a Mac.
    ['it shows sam@icloud.com on both', []],
    ['my apple id is me@mac.com on my iphone', ['device:iphone']],
    ['sam@icloud.com works on icloud.com', ['device:web']],
    // A typo never joins two words into a one-word synonym (tester round 4).
    ['backup not working on this ipad', ['service:backup', 'device:ipad']],
    ['after updating to ios 17 my contacts stopped', ['service:contacts']],
    // ...but still forgives a typo in a phrase of as many words.
    ['apple wach', ['device:apple-watch']],
    ['windos 10', ['device:windows']],
    // "other" is an ordinary word; only phrases such as "other device" name that device.
    ['no other problems, thanks', []],
    ['my other mac', ['device:mac']],
    ['some other device', ['device:other']],
    ['my android phone', ['device:other']],
  ])('%s', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });
});

describe('boundedTypoDistance', () => {
  it.each([
    ['iphne', 'iphone', 1],
    ['ipohne', 'iphone', 1], // neighbouring letters swapped: one edit
    ['conatcts', 'contacts', 1],
    ['fotos', 'photos', 2],
    ['abc', 'abc', 0],
    ['', 'abc', 3],
  ])('%p to %p is %p', (a, b, d) => {
    expect(boundedTypoDistance(a, b, 3)).toBe(d);
  });

  it('stops at max + 1 and agrees with natural\'s restricted Damerau-Levenshtein below it', () => {
    const words = ['iphone', 'iphne', 'photos', 'fotos', 'windows', 'widnows', 'calendar', 'calender', 'macbook', 'mackbook', 'notes', 'nots', 'ab', 'ba', 'x', ''];
    for (const a of words) {
      for (const b of words) {
        for (const max of [0, 1, 2]) {
          const expected = Math.min(DamerauLevenshteinDistance(a, b, { restricted: true }), max + 1);
          expect([a, b, max, boundedTypoDistance(a, b, max)]).toEqual([a, b, max, expected]);
        }
      }
    }
  });
});

describe('EntityExtractor memo', () => {
  it('gives the same answers the second time (the memo is keyed by word and context)', () => {
    const fresh = () => new EntityExtractor(gazetteer);
    const warm = fresh();
    const texts = ['my macbok and my iphne', 'Pictures on the macbook pro', 'driver', 'wi fi on my ipad mini', 'macbok'];
    const first = texts.map((t) => warm.extract(t));
    expect(texts.map((t) => warm.extract(t))).toEqual(first);
    expect(texts.map((t) => fresh().extract(t))).toEqual(first);
  });
});


/**
 * Messages (src/dialogs/messages.ts): the phrase lists it hands out are built once per content
 * load and kept on the instance, raw and normalised.
 */
import { normalise } from '../../src/dialogs/answers';
import { Messages } from '../../src/dialogs/messages';

const map = { 'synonyms.yes': ['Yes', "Yeah, I've", '  '], 'synonyms.no': 'Nope', greeting: ['Hi!', 'Hello!'] };

describe('Messages phrase lists', () => {
  it('gives the same frozen list on every call, with the values as written', () => {
    const messages = new Messages(map);
    const first = messages.list('synonyms.yes');
    expect(first).toEqual(['Yes', "Yeah, I've", '  ']);
    expect(messages.list('synonyms.yes')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as string[]).push('x')).toThrow();
    expect(messages.list('synonyms.no')).toEqual(['Nope']);
    expect(messages.list('synonyms.stop')).toEqual([]);
  });

  it('normalises each list once: the same array on every call, as normalise reads it, empty phrases left out', () => {
    const messages = new Messages(map);
    const once = messages.normalisedList('synonyms.yes');
    expect(once).toEqual(['yes', 'yeah ive']);
    expect(once).toEqual(['Yes', "Yeah, I've"].map(normalise));
    expect(messages.normalisedList('synonyms.yes')).toBe(once);
  });

  it('keeps its lists on the instance: another content load has its own', () => {
    const a = new Messages(map);
    const b = new Messages({ ...map, 'synonyms.yes': ['Sure'] });
    expect(a.list('synonyms.yes')).not.toBe(b.list('synonyms.yes'));
    expect(b.normalisedList('synonyms.yes')).toEqual(['sure']);
    expect(a.normalisedList('synonyms.yes')).toEqual(['yes', 'yeah ive']);
  });

  it('still varies the text of a key with several variants', () => {
    expect(new Messages(map, () => 0).text('greeting')).toBe('Hi!');
    expect(new Messages(map, () => 0.99).text('greeting')).toBe('Hello!');
  });
});

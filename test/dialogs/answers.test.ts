import { CHOICE_VALUE_KEY, matchChoice, normalise, type PromptChoice } from '../../src/dialogs/answers';

const choices: PromptChoice[] = [
  { id: 'fixed', title: "Yes, it's syncing", synonyms: ['yes', 'yep', 'it works', 'it works now'] },
  { id: 'not-fixed', title: 'No, still not', synonyms: ['no', 'nope', 'still broken', 'not working'] },
  { id: 'agent', title: 'Talk to a person', synonyms: [] },
];

describe('matchChoice', () => {
  it.each([
    ['1', 'exact', 'fixed'],
    ['3', 'exact', 'agent'],
    ['4', 'exact', undefined],
    ['0', 'exact', undefined],
    ["yes, it’s syncing!", 'exact', 'fixed'],
    ['  NOPE ', 'exact', 'not-fixed'],
    ['nope still broken', 'exact', undefined],
    ['nope still broken', 'loose', 'not-fixed'],
    ['yes it works now', 'loose', 'fixed'],
    ['no it works now', 'loose', 'fixed'], // the longer phrase wins
    ['yes no', 'loose', undefined], // a tie is no answer
    ['nowhere', 'loose', undefined], // whole words only
    ['', 'loose', undefined],
  ] as const)('"%s" (%s) → %s', (text, mode, expected) => {
    expect(matchChoice(choices, { text }, mode)).toBe(expected);
  });

  it('a card value picks the choice whatever the text', () => {
    expect(matchChoice(choices, { text: 'whatever', value: { [CHOICE_VALUE_KEY]: 'agent' } }, 'exact')).toBe('agent');
    expect(matchChoice(choices, { text: '', value: 'not-fixed' }, 'exact')).toBe('not-fixed');
    expect(matchChoice(choices, { text: '', value: { [CHOICE_VALUE_KEY]: 'unknown' } }, 'exact')).toBeUndefined();
  });

  it('normalise drops punctuation, apostrophes and case', () => {
    expect(normalise("  It's   SYNCING, now! ")).toBe('its syncing now');
  });
});

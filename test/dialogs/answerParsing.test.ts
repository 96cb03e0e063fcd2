/**
 * Free-text answers to the engine's own yes/no prompts, with the real phrase lists of
 * dialogs/messages.yaml: negation voids a phrase, the part after "but" counts, and words that
 * answer nothing ("ok", "sure", "not sure") pick no choice.
 */
import { matchChoice, mentionsPhrase, negatedChoice, type PromptChoice } from '../../src/dialogs/answers';
import { Messages } from '../../src/dialogs/messages';
import { realContent } from './helpers';

const messages = new Messages(realContent().messages, () => 0);
const choice = (id: string, titleKey: 'fixed.yes' | 'fixed.no' | 'fixed.agent', synonymKeys: ('synonyms.yes' | 'synonyms.fixed' | 'synonyms.no' | 'synonyms.notFixed')[] = []): PromptChoice => ({
  id,
  title: messages.text(titleKey),
  synonyms: [titleKey, ...synonymKeys].flatMap((k) => messages.list(k)),
});
/** The "Did that fix it?" choices as PlaybookDialog builds them. */
const fixedChoices: PromptChoice[] = [
  choice('fixed', 'fixed.yes', ['synonyms.yes', 'synonyms.fixed']),
  choice('not-fixed', 'fixed.no', ['synonyms.no', 'synonyms.notFixed']),
  choice('agent', 'fixed.agent'),
];
const answer = (text: string) => matchChoice(fixedChoices, { text }, 'exact') ?? matchChoice(fixedChoices, { text }, 'loose');

describe('"Did that fix it?" in free text', () => {
  it.each([
    // what the tester typed after a restart
    ['restarted it, still not syncing', 'not-fixed'],
    ['did the restart, no luck', 'not-fixed'],
    ['restart didnt help', 'not-fixed'],
    ['stopped and restarted, same problem', 'not-fixed'],
    ['i restarted it, nothing changed', 'not-fixed'],
    // partial answers: not fixed, so the next check comes
    ['it works but only on wifi', 'not-fixed'],
    ['yes but only some photos', 'not-fixed'],
    ['partly', 'not-fixed'],
    ['it syncs, except only some of them', 'not-fixed'],
    // negation
    ['nothing works!!!', 'not-fixed'],
    ['not yet', 'not-fixed'],
    ["it isn't working now", 'not-fixed'],
    // plain answers keep working
    ['yes', 'fixed'],
    ['yes it works now', 'fixed'],
    ['no, it works now', 'fixed'],
    ["it's fine now", 'fixed'],
    ['nope still broken', 'not-fixed'],
    ['still not working, but thanks', 'not-fixed'],
    ['no but it works now', 'fixed'],
  ])('"%s" → %s', (text, expected) => {
    expect(answer(text)).toBe(expected);
  });

  it.each(['not sure', 'ok', 'okay', 'sure', 'ok done that', 'later', 'i dont know', 'this is ridiculous', "i don't think it works now", 'never fixed', 'yes, partly'])(
    '"%s" picks nothing',
    (text) => {
      expect(answer(text)).toBeUndefined();
    },
  );
});

describe('negation and contrast', () => {
  const yesNo: PromptChoice[] = [
    { id: 'yes', title: 'Yes', synonyms: ['sure', 'it works'] },
    { id: 'no', title: 'No', synonyms: ['not working'] },
  ];
  it('a negator up to three words before a phrase voids it; a contrast word ends the look-back', () => {
    expect(matchChoice(yesNo, { text: 'not sure' }, 'loose')).toBeUndefined();
    expect(matchChoice(yesNo, { text: "I don't think it works" }, 'loose')).toBeUndefined();
    expect(matchChoice(yesNo, { text: 'not at all sure' }, 'loose')).toBeUndefined();
    expect(matchChoice(yesNo, { text: 'never in a million years sure' }, 'loose')).toBe('yes');
    expect(matchChoice(yesNo, { text: "didn't before but it works" }, 'loose')).toBe('yes');
  });

  it('after "but" wins over a longer phrase before it', () => {
    expect(matchChoice(yesNo, { text: 'it works but no' }, 'loose')).toBe('no');
    expect(matchChoice(yesNo, { text: 'not working but sure' }, 'loose')).toBe('yes');
  });

  it('negatedChoice names the choice whose phrase appears only negated', () => {
    expect(negatedChoice(yesNo, { text: "I'm not sure" })).toBe('yes');
    expect(negatedChoice(yesNo, { text: 'sure' })).toBeUndefined();
    expect(negatedChoice(yesNo, { text: '' })).toBeUndefined();
  });

  it('mentionsPhrase: whole text, or whole words inside it unless negated', () => {
    const stop = ['cancel', 'start over'];
    expect(mentionsPhrase(stop, 'Cancel!', false)).toBe(true);
    expect(mentionsPhrase(stop, 'no, cancel', false)).toBe(false);
    expect(mentionsPhrase(stop, 'no, cancel', true)).toBe(true);
    expect(mentionsPhrase(stop, "let's start over please", true)).toBe(true);
    expect(mentionsPhrase(stop, "don't cancel", true)).toBe(false);
    expect(mentionsPhrase(stop, 'cancelled', true)).toBe(false);
    expect(mentionsPhrase(stop, '   ', true)).toBe(false);
  });
});

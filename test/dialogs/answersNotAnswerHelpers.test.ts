/**
 * The phrase helpers behind "not answers yet" at a question (src/dialogs/answers.ts): a message made
 * only of wait phrases, and a stuck phrase followed by words of the step's own text.
 */
import { followedByWordsOf, isOnlyPhrases } from '../../src/dialogs/answers';

describe('isOnlyPhrases', () => {
  const wait = ['wait', 'one sec', 'let me check', 'brb', 'give me a minute'];
  const lead = ['ok', 'okay', 'sure'];

  it('takes one or several phrases, with lead words before or between', () => {
    for (const text of ['wait', 'One sec!', 'ok, one sec', 'wait, let me check', 'sure brb', 'ok wait ok give me a minute']) {
      expect(isOnlyPhrases(wait, lead, text)).toBe(true);
    }
  });

  it('refuses anything else in the message, and lead words alone', () => {
    for (const text of ['ok', '', 'wait, it works now', 'let me check later', 'one second', 'wait what']) {
      expect(isOnlyPhrases(wait, lead, text)).toBe(false);
    }
  });
});

describe('followedByWordsOf', () => {
  const leads = ['cant find', 'whats', 'where is'];
  const step = 'Go to Settings › [your name] › iCloud. Under Saved to iCloud tap See All and make sure everything is on.';
  const common = ['the', 'my', 'is', 'to', 'and', 'it', 'your'];

  it('a lead followed in the same clause by two words of the step, or one long one', () => {
    expect(followedByWordsOf(leads, "what's See All?", step, common)).toBe(true);
    expect(followedByWordsOf(leads, "I can't find See All, where is it?", step, common)).toBe(true);
    expect(followedByWordsOf(leads, 'where is Settings', step, common)).toBe(true);
  });

  it('not words the step does not hold, common words, words before the lead, or another clause', () => {
    expect(followedByWordsOf(leads, "I can't find my photos", step, common)).toBe(false);
    expect(followedByWordsOf(leads, "what's the time", step, common)).toBe(false);
    expect(followedByWordsOf(leads, 'See All: where is it', step, common)).toBe(false);
    expect(followedByWordsOf(leads, "I can't find it. Settings is open", step, common)).toBe(false);
    expect(followedByWordsOf(leads, 'tap See All', step, common)).toBe(false);
  });
});

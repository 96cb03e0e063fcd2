/**
 * The sign-in playbook's question "What happens when you try to sign in?" answered in free text,
 * the way the second exploratory report typed it. The step's choices (dialogs/steps/account-access.yaml)
 * are matched the way the bot matches any answer: exactly first, then loosely (negation-aware).
 * One conversation checks the same through the whole bot.
 */
import { matchChoice } from '../../src/dialogs/answers';
import { harness, last, realContent, type BotHarness, type Reply } from '../dialogs/helpers';

const content = realContent();
const step = content.steps['account-access'];
const choices = step.question!.choices;

function answer(text: string): string | undefined {
  return matchChoice(choices, { text }, 'exact') ?? matchChoice(choices, { text }, 'loose');
}

const freeText: [string, string][] = [
  ['password incorrect', 'forgot-password'],
  ['it says my password is wrong', 'forgot-password'],
  ['my password is hunter2 and it still says wrong', 'forgot-password'],
  ['it keeps rejecting my password', 'forgot-password'],
  ['i never get the code', 'no-code'],
  ['no code arrives', 'no-code'],
  ["I didn't get the code", 'no-code'],
  ['the code never comes', 'no-code'],
  ['it says wrong code', 'no-code'],
  ['account locked', 'locked'],
  ['it locked me out', 'locked'],
  ['it just spins', 'other-error'],
  ['the sign in keeps spinning forever', 'other-error'],
  ['it hangs on verifying', 'other-error'],
  ['how do i reset my icloud password', 'forgot-password'],
  ['account recovery is stuck', 'no-code'],
  ['not sure', 'not-sure'],
];

describe('"What happens when you try to sign in?" understands free text', () => {
  it.each(freeText)('"%s" picks %s', (text, choiceId) => {
    expect(answer(text)).toBe(choiceId);
  });

  it('a password that works with a code that does not is about the code', () => {
    expect(answer('my password is right but the code is wrong')).toBe('no-code');
  });

  it('button titles fit (at most 40 characters) and no phrase belongs to two choices', () => {
    const owner = new Map<string, string>();
    for (const c of choices) {
      expect(c.title.length).toBeLessThanOrEqual(40);
      for (const p of [c.title, ...c.synonyms].map((x) => x.toLowerCase())) {
        expect(owner.get(p) ?? c.id).toBe(c.id);
        owner.set(p, c.id);
      }
    }
  });
});

/** Answers until the bot asks the account-access question (status step first). */
async function untilAccountQuestion(h: BotHarness, first: Reply[]): Promise<Reply[]> {
  let replies = first;
  for (let turn = 0; turn < 6; turn++) {
    const prompt = last(replies);
    if (prompt.resync?.messageKey === 'step.question' && prompt.resync.stepId === 'account-access') return replies;
    replies = await h.say('1');
  }
  throw new Error('account-access question never asked');
}

describe('through the whole bot', () => {
  it('"i never get the code" at the question shows the step\'s instructions for a missing code', async () => {
    const h = harness();
    await untilAccountQuestion(h, await h.say('sign-in-problem on my iphone'));
    const replies = await h.say('i never get the code');
    const shown = replies.find((r) => r.resync?.messageKey === 'step.instructions');
    expect(shown?.resync?.stepId).toBe('account-access');
    expect(shown?.text).toContain("Didn't get a verification code?");
    expect(last(replies).resync?.messageKey).toBe('fixed.question');
  });
});

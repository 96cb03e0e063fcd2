/**
 * "No, there's plenty of space" typed at "Did that fix it?" after the Apple Account step: the "no"
 * answers the prompt and the rest answers the storage question to come. The storage check is left
 * out with the same line a first message gets ("You said there's room…"), not asked later as if
 * nothing had been said. A plain "no" still leads to the storage question.
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';

const bot = useRealBot('later-after-no');
let n = 0;

async function atAccountFixedQuestion(first: string): Promise<(text: string) => Promise<ReplyLine[]>> {
  const chat = personalChat(bot.runtime.bot, `later-after-no-${++n}`);
  const say = async (text: string) => (await chat(text)).map(lineOf);
  await say(first);
  const fixed = await say('yes');
  expect(fixed[fixed.length - 1].key).toBe('fixed.question');
  return say;
}

const stepsAsked = (replies: ReplyLine[]) => replies.filter((r) => r.key === 'step.question').map((r) => r.stepId);

describe('an answer to a later question, after the "no" at "Did that fix it?"', () => {
  it.each([
    ['photos not syncing on my iphone', "no, there's plenty of space"],
    ['notes not syncing on my mac', 'nope but storage isnt full'],
  ])('"%s", "yes", "%s": the storage check is left out, with the line that says why', async (first, answer) => {
    const say = await atAccountFixedQuestion(first);
    const replies = await say(answer);
    expect(replies[0].key).toBe('playbook.saidFirst');
    expect(replies[0].text).toMatch(/storage/i);
    expect(replies.some((r) => r.stepId === 'storage')).toBe(false);
    // And it is not asked later either: through to the next checks.
    const later = [...replies];
    for (let i = 0; i < 6 && later[later.length - 1].key === 'fixed.question'; i++) later.push(...(await say('no')));
    expect(later.some((r) => r.stepId === 'storage')).toBe(false);
  });

  it('a plain "no" still goes on to the storage question', async () => {
    const say = await atAccountFixedQuestion('photos not syncing on my iphone');
    expect(stepsAsked(await say('no'))).toEqual(['storage']);
  });

  it('"no, still not" (nothing about a later question) says nothing extra', async () => {
    const say = await atAccountFixedQuestion('photos not syncing on my iphone');
    const replies = await say('no, still not');
    expect(replies.map((r) => r.key)).not.toContain('playbook.saidFirst');
    expect(stepsAsked(replies)).toEqual(['storage']);
  });
});

/**
 * Tester report 4 (new problems 1, 4, 9, 14) in the tester's words, through the real recogniser
 * and content: "it doesn't work" is never a goodbye, a fix that did not last reopens the problem,
 * a second goodbye is short, and a device named before "Did you mean …?" is not asked again.
 * Asserts what happens, never what the classifier scored.
 */
import { useRealBot } from '../helpers/realBot';

const bot = useRealBot('toplevel');
const keysOf = (turns: { messageKey?: string }[]) => turns.map((t) => t.messageKey);

describe('a complaint is never taken as a goodbye (new problem 1)', () => {
  it.each([
    ['as the first message', [], "it doesn't work"],
    ['after "hi"', ['hi'], "it's not working"],
  ])('%s', async (_name, before, complaint) => {
    const say = bot.conversation(`rr-vague-${complaint.length}-${before.length}`);
    for (const text of before) await say(text);
    const replies = await say(complaint);
    expect(keysOf(replies)).not.toContain('goodbye');
    // Something is asked: what isn't syncing, which problem, or the first step of one.
    expect(replies[replies.length - 1]?.choices?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('after a fix (new problems 9 and 14)', () => {
  it('"it\'s not working" at "anything else?" reopens the problem, not a goodbye', async () => {
    const say = await bot.atFixedQuestion('rr-reopen-1', 'my photos are not syncing on my iphone');
    expect(keysOf(await say('1')).slice(-1)).toEqual(['wrapUp.more']);
    const replies = await say("it's not working");
    expect(keysOf(replies)[0]).toBe('playbook.reopened');
    expect(keysOf(replies)).not.toContain('goodbye');
  });

  it('"actually only some of them came back" reopens it as a partial fix', async () => {
    const say = await bot.atFixedQuestion('rr-reopen-2', 'my photos are not syncing on my iphone');
    await say('1');
    expect(keysOf(await say('actually only some of them came back'))[0]).toBe('playbook.reopenedPartly');
  });

  it('"ok bye" after the goodbye does not repeat the same line', async () => {
    const say = await bot.atFixedQuestion('rr-bye', 'my photos are not syncing on my iphone');
    await say('1');
    expect(keysOf(await say('no thanks'))).toEqual(['goodbye']);
    const again = await say('ok bye');
    expect(keysOf(again)).not.toContain('goodbye');
  });
});

describe('the device said with a problem is kept through "Did you mean …?" (new problem 4)', () => {
  it('"my photos and notes stopped syncing on the mac": the device is never asked', async () => {
    const say = bot.conversation('rr-dym');
    let replies = await say('my photos and notes stopped syncing on the mac');
    if (replies[replies.length - 1]?.messageKey === 'didYouMean') {
      const choices = replies[replies.length - 1]!.choices!;
      const notes = choices.findIndex((c) => c.startsWith('intent:') && c.includes('notes'));
      replies = await say(String((notes >= 0 ? notes : 0) + 1));
    }
    expect(keysOf(replies)).toContain('playbook.intro');
    expect(keysOf(replies)).not.toContain('device.question');
  });
});

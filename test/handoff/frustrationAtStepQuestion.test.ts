/**
 * The frustration offer at a step's "Did that fix it?" (QA transcript a10), in the person's words,
 * through the whole bot with the real recogniser and content:
 * - "this is useless" gets the offer alone, not "Sorry, I didn't catch that answer." first;
 * - more anger at the offer ("this is bullshit, nothing works") is no "Keep trying": a person;
 * - "Keep trying" and a plain "no" still keep trying.
 */
import { useRealBot, type Say } from '../helpers/realBot';

const bot = useRealBot('frustration-step');
let n = 0;

/** Photos on an iPhone, at "Did that fix it?" after the Apple Account step. */
async function atFixedQuestion(): Promise<Say> {
  const say = bot.conversation(`frustration-step-${++n}`);
  await say("my fucking photos won't sync on my iphone");
  const replies = await say('2');
  expect(replies[replies.length - 1]).toMatchObject({ messageKey: 'fixed.question', stepId: 'apple-id' });
  return say;
}

const keysOf = (replies: { messageKey: string }[]) => replies.map((r) => r.messageKey);

describe('an angry message at "Did that fix it?"', () => {
  it('"this is useless" gets the offer of a person alone', async () => {
    const say = await atFixedQuestion();
    const replies = await say('this is useless');
    // No agent accounts in this harness: the offer promises no live chat (round 11, B13).
    expect(keysOf(replies)).toEqual(['handoff.frustration.offerNoLive']);
  });

  it('"this is bullshit, nothing works" at the offer is a person, not the next step', async () => {
    const say = await atFixedQuestion();
    await say('this is useless');
    const replies = await say('this is bullshit, nothing works');
    expect(replies.some((r) => r.stepId === 'storage')).toBe(false);
    expect(replies.some((r) => r.stepId === 'contact-support')).toBe(true);
    expect(keysOf(replies)).not.toContain('handoff.frustration.keepTrying');
  });

  it.each(['keep trying', 'no'])('"%s" at the offer keeps trying: the question above still waits', async (text) => {
    const say = await atFixedQuestion();
    await say('this is useless');
    expect(keysOf(await say(text))).toEqual(['handoff.frustration.keepTrying']);
    const next = await say('2');
    expect(next.some((r) => r.stepId === 'storage')).toBe(true);
  });

  it('a calm message the bot does not follow still gets "didn\'t catch that" and the question', async () => {
    const say = await atFixedQuestion();
    const replies = await say('purple elephant');
    expect(keysOf(replies)).toEqual(['answer.notUnderstood', 'fixed.question']);
  });
});

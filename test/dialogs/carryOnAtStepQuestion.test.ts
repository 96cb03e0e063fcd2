/**
 * Tester round 8 (item 3, mid-way): "continue please" at a step's question was read as a stop
 * ("Do you want to stop here?", and "yes" ended the conversation). Carrying on is never a stop:
 * "OK, let's carry on where we were" and the same question again. "stop" still stops.
 */
import { useRealBot } from '../helpers/realBot';

const bot = useRealBot('carry-on-step');

describe('"continue please" at a step question', () => {
  it.each(['continue please', 'please continue', 'keep going'])('"%s" carries on with the same question, no stop offered', async (text) => {
    const say = bot.conversation(`carry-on-${text}`);
    const first = await say('my notes are not syncing on my mac');
    const asked = first[first.length - 1];
    expect(asked.messageKey).toBe('step.question');
    const replies = await say(text);
    const keys = replies.map((r) => r.messageKey);
    expect(keys).not.toContain('cancel.confirm');
    expect(keys).not.toContain('cancel.done');
    const last = replies[replies.length - 1];
    expect([last.messageKey, last.stepId]).toEqual(['step.question', asked.stepId]);
  });

  it('"stop" still stops', async () => {
    const say = bot.conversation('carry-on-stop');
    await say('my notes are not syncing on my mac');
    expect((await say('stop')).map((r) => r.messageKey)).toEqual(['cancel.done']);
  });
});

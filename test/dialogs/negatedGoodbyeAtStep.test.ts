/**
 * A goodbye with a negation at a step's question ("I can't find See All" at a step whose text has
 * no "See All") never ends the playbook: the question stays. A plain
 * "thanks, bye" still does. Real recogniser and content, in the tester's words.
 */
import { useRealBot } from '../helpers/realBot';

const bot = useRealBot('negated-goodbye');
const keysOf = (turns: { messageKey?: string }[]) => turns.map((t) => t.messageKey);

describe('at the first step question of the photos problem on an iPhone', () => {
  it.each(["I can't find See All", 'cant find see all'])('"%s" keeps the question', async (text) => {
    const say = bot.conversation(`neg-bye-${text.length}`);
    const first = await say("photos aren't syncing on my iphone");
    expect(first[first.length - 1]?.messageKey).toBe('step.question');
    const replies = await say(text);
    expect(keysOf(replies)).not.toContain('playbook.goodbye');
    expect(replies[replies.length - 1]?.messageKey).toBe('step.question');
  });

  it('"thanks, bye" still leaves', async () => {
    const say = bot.conversation('neg-bye-plain');
    await say("photos aren't syncing on my iphone");
    expect(keysOf(await say('thanks, bye'))).toContain('playbook.goodbye');
  });
});

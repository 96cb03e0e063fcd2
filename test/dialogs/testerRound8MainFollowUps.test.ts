/**
 * Tester round 8, in the tester's own words, through the whole bot with the real recogniser and
 * content:
 * - item 8 (B15): at "You also mentioned 'Contacts not syncing'. Shall we look at that now?" after
 *   Photos was fixed, "yes fixed photos, now contacts?" starts Contacts (never Photos again).
 * - item 15 (E02): with Apple's status feed down, "ok so is it or not?" after "I couldn't reach
 *   Apple's status feed" reads it again (can't tell, the status page), never the problem list.
 * - item 15 (B05): "still pending" at "anything else?" after a premature yes reopens the problem,
 *   as "still nothing" does.
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW } from './helpers';
import { useRealBot } from '../helpers/realBot';

const feed = new FixtureStatusFeed(ALL_CLEAR);
const bot = useRealBot('round8-main-follow-ups', { clock: new ManualClock(NOW), statusFeed: feed });
const keys = (replies: { messageKey: string }[]) => replies.map((r) => r.messageKey);

describe('tester round 8: follow-ups at the top level', () => {
  it('B15: "yes fixed photos, now contacts?" at the next-problem offer starts Contacts on the iPhone', async () => {
    feed.report = ALL_CLEAR;
    const say = bot.conversation('round8-b15');
    expect(keys(await say('my photos and contacts both stopped syncing on my iphone'))).toContain('queue.noted');
    await say('yes');
    expect(keys(await say('yes'))).toContain('queue.offer');
    const replies = await say('yes fixed photos, now contacts?');
    expect(keys(replies)).not.toContain('queue.noted');
    expect(replies.some((r) => r.playbook === 'photos-not-syncing')).toBe(false);
    expect(replies[replies.length - 1]).toMatchObject({ playbook: 'contacts-not-syncing' });
  });

  it('"continue" at the next-problem offer is a yes to it, never "nothing to carry on with"', async () => {
    feed.report = ALL_CLEAR;
    const say = bot.conversation('round8-b15-continue');
    await say('my photos and contacts both stopped syncing on my iphone');
    await say('yes');
    expect(keys(await say('yes'))).toContain('queue.offer');
    const replies = await say('continue');
    expect(keys(replies)).not.toContain('carryOn.nothing');
    expect(replies[replies.length - 1]).toMatchObject({ playbook: 'contacts-not-syncing' });
  });

  it('E02: feed down, "ok so is it or not?" reads the status again: cannot tell, the status page; no problem list', async () => {
    feed.report = { ok: false, reason: 'unreachable', detail: 'ECONNREFUSED' };
    const say = bot.conversation('round8-e02');
    expect(keys(await say('is icloud down'))).toContain('status.unavailable');
    const replies = await say('ok so is it or not?');
    expect(keys(replies)).toContain('status.unavailable');
    expect(keys(replies)).not.toContain('problem.vague');
    feed.report = ALL_CLEAR;
  });

  it('B05: "still pending" at "anything else?" after a yes picks the problem up again, as "still nothing" does', async () => {
    feed.report = ALL_CLEAR;
    for (const [id, line] of [['round8-b05', 'still pending'], ['round8-b05-nothing', 'still nothing']]) {
      const say = await bot.atFixedQuestion(id, "iCloud Drive folder on my windows 11 pc is stuck on 'sync pending'");
      expect(keys(await say('yes'))).toContain('wrapUp.more');
      const replies = await say(line);
      expect(keys(replies)).toContain('playbook.reopened');
      expect(keys(replies)).not.toContain('more.question');
    }
  });
});

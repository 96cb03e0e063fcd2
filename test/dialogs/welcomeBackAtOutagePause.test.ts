/**
 * Tester round 8, F01 / E03: someone who leaves at the outage pause ("Continue anyway / Stop, I'll
 * check later") without answering and says "hi again" hours later got the old pause question again,
 * although Apple's status had cleared. Now Apple's status is read again after the welcome back:
 * cleared → said so and on with the checks; still listed → the outage said again and the pause.
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW, outage, realContent } from './helpers';
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';

const content = realContent();
const statusName = (id: string) => content.services.find((s) => s.id === id)!.statusNames[0];
const feed = new FixtureStatusFeed(ALL_CLEAR);
const clock = new ManualClock(NOW);
const bot = useRealBot('welcome-back-pause', { clock, statusFeed: feed });
let n = 0;

async function leftAtPause(service: string, first: string, minutes: number): Promise<(text: string) => Promise<ReplyLine[]>> {
  feed.report = outage(statusName(service));
  const chat = personalChat(bot.runtime.bot, `welcome-back-pause-${++n}`);
  const say = async (text: string) => (await chat(text)).map(lineOf);
  const first_ = await say(first);
  expect(first_[first_.length - 1].key).toBe('status.pauseQuestion');
  clock.advance(minutes * 60_000);
  return say;
}
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);

describe('back after hours at the outage pause, never answered', () => {
  it('F01: the outage is over: "hi again" hears that Apple shows it working and goes on with the checks', async () => {
    const say = await leftAtPause('photos', 'photos not syncing on my iphone', 240);
    feed.report = ALL_CLEAR;
    const replies = await say('hi again');
    expect(keys(replies)).toContain('status.asideAllClear');
    expect(keys(replies)).not.toContain('status.pauseQuestion');
    expect(replies[replies.length - 1]).toMatchObject({ key: 'step.question', playbook: 'photos-not-syncing' });
  });

  it('E03: still listed: the outage is said again, then the pause question', async () => {
    const say = await leftAtPause('backup', 'my iphone backup keeps failing', 240);
    const replies = await say('hi again');
    expect(keys(replies)).toContain('status.asideOutage');
    expect(replies[replies.length - 1].key).toBe('status.pauseQuestion');
  });
});

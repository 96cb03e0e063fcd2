/**
 * Tester round 8, item 4 (F15, F01, E03), in the tester's own words, through the whole bot with the
 * real recogniser and content and a status feed the test switches: after "Stop, I'll check later"
 * at an outage, coming back hours later ("hi again", "back, still not syncing", "hi again, backup
 * still failing") reads Apple's status again before anything else. Cleared: "… working normally
 * again. Is it syncing on your side now?"; still listed: said so, with the device checks or waiting
 * offered again (never straight back into the checks as if nothing were wrong).
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW, outage, realContent } from './helpers';
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';

const content = realContent();
const statusName = (id: string) => content.services.find((s) => s.id === id)!.statusNames[0];

const feed = new FixtureStatusFeed(ALL_CLEAR);
const clock = new ManualClock(NOW);
const bot = useRealBot('round8-outage-return', { clock, statusFeed: feed });

let n = 0;
/** `first` during an outage of `service`, "stop" at the pause, then `minutes` pass. */
async function stoppedAtOutage(service: string, first: string, minutes: number): Promise<(text: string) => Promise<ReplyLine[]>> {
  feed.report = outage(statusName(service));
  const chat = personalChat(bot.runtime.bot, `round8-outage-return-${++n}`);
  const say = async (text: string) => (await chat(text)).map(lineOf);
  expect((await say(first)).map((r) => r.key)).toContain('status.pauseQuestion');
  expect((await say('stop')).map((r) => r.key)).toEqual(['status.stopped']);
  clock.advance(minutes * 60_000);
  return say;
}

const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);

describe('coming back after a stop at an outage (round 8, item 4)', () => {
  it('F15: still listed, "back, still not syncing" says Apple still lists it and offers the checks or waiting', async () => {
    const say = await stoppedAtOutage('drive', 'icloud drive on my mac not syncing', 180);
    const replies = await say('back, still not syncing');
    expect(keys(replies)).toEqual(['outage.stillListed']);
    expect(replies[0].text).toMatch(/still lists a problem/);
    expect(replies[0].choices).toHaveLength(2);
    expect(keys(replies)).not.toContain('playbook.resumed');
  });

  it('F15: then "yes go through the checks" carries on after the status step; "no ill wait" leaves it with the status page', async () => {
    const say = await stoppedAtOutage('drive', 'icloud drive on my mac not syncing', 180);
    await say('back, still not syncing');
    const replies = await say('yes go through the checks');
    expect(keys(replies)).toContain('playbook.resumed');
    expect(replies[replies.length - 1]).toMatchObject({ key: 'step.question', playbook: 'drive-not-syncing' });

    const again = await stoppedAtOutage('drive', 'icloud drive on my mac not syncing', 180);
    await again('hi again');
    expect(keys(await again('no, ill wait'))).toEqual(['outage.waiting']);
  });

  it('"hi again" hours later, the outage over: Apple shows it working again, is it syncing now?', async () => {
    const say = await stoppedAtOutage('photos', 'photos not syncing on my iphone', 240);
    feed.report = ALL_CLEAR;
    const replies = await say('hi again');
    expect(keys(replies)).toEqual(['outage.backNow']);
    expect(replies[0].text).toContain('working normally again');
  });

  it('E03: "hi again, backup still failing" with the outage over: asked whether it syncs now, then "no" carries on', async () => {
    const say = await stoppedAtOutage('backup', 'iphone backup wont complete', 240);
    feed.report = ALL_CLEAR;
    expect(keys(await say('hi again, backup still failing'))).toEqual(['outage.backNow']);
    const replies = await say('no');
    expect(keys(replies)).toContain('playbook.resumed');
    expect(replies[replies.length - 1].key).toBe('step.question');
  });

  it('"hi again" while still listed: said so, never the checks straight away nor a plain greeting', async () => {
    const say = await stoppedAtOutage('photos', 'photos not syncing on my iphone', 240);
    const replies = await say('hi again');
    expect(keys(replies)).toEqual(['outage.stillListed']);
  });
});

/**
 * Tester round 7, item 1 (E02, B14), in the tester's own words, through the whole bot with the real
 * recogniser and content and a status feed the test switches: after "Stop, I'll check later" at an
 * outage, "back, is it working now?" hours later reads Apple's status again for that service (never
 * the goodbye "Glad I could help"): cleared, "… working normally again. Is it syncing on your side
 * now?" (no: the checks pick up where they stopped; yes: "anything else?"); still listed, the
 * outage is reported again.
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW, outage, realContent } from './helpers';
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';

const content = realContent();
const contacts = content.services.find((s) => s.id === 'contacts')!;

const feed = new FixtureStatusFeed(ALL_CLEAR);
const clock = new ManualClock(NOW);
const bot = useRealBot('round7-outage', { clock, statusFeed: feed });

let n = 0;
/** "contacts not syncing iphone" during a Contacts outage, "stop, ill check later", then five hours pass. */
async function stoppedHoursAgo(): Promise<(text: string) => Promise<ReplyLine[]>> {
  feed.report = outage(contacts.statusNames[0]);
  const chat = personalChat(bot.runtime.bot, `round7-outage-${++n}`);
  const say = async (text: string) => (await chat(text)).map(lineOf);
  expect((await say('contacts not syncing iphone')).map((r) => r.key)).toContain('status.pauseQuestion');
  expect((await say('stop, ill check later')).map((r) => r.key)).toEqual(['status.stopped']);
  clock.advance(5 * 60 * 60_000);
  return say;
}

const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);

describe('back after stopping at an outage (item 1, E02)', () => {
  it('"back, is it working now?" once the outage has cleared: Apple shows it working again, is it syncing now?', async () => {
    const say = await stoppedHoursAgo();
    feed.report = ALL_CLEAR;
    const replies = await say('back, is it working now?');
    expect(keys(replies)).toEqual(['outage.backNow']);
    expect(replies[0].text).toContain(`${contacts.statusNames[0]} working normally again`);
    expect(replies[0].text).not.toMatch(/Glad I could help/);
  });

  it('"no" then: the contacts checks carry on after the status step, not the problem list', async () => {
    const say = await stoppedHoursAgo();
    feed.report = ALL_CLEAR;
    await say('back, is it working now?');
    const replies = await say('no');
    expect(keys(replies)).toContain('playbook.resumed');
    expect(replies[replies.length - 1]).toMatchObject({ key: 'step.question', playbook: 'contacts-not-syncing' });
    expect(keys(replies)).not.toContain('notUnderstood');
  });

  it('"yes its syncing" then: glad it is back, and "anything else?" takes a "no" as the goodbye', async () => {
    const say = await stoppedHoursAgo();
    feed.report = ALL_CLEAR;
    await say('hi, is it fixed now?');
    expect(keys(await say('yes its syncing'))).toEqual(['outage.backGlad']);
    expect(keys(await say('no thanks'))).toEqual(['goodbye']);
  });

  it('still an outage: "is it fixed now?" reports it again, never "not one I can answer" nor the goodbye', async () => {
    const say = await stoppedHoursAgo();
    const replies = await say('hi, is it fixed now?');
    expect(replies.some((r) => r.text.includes(contacts.statusNames[0]))).toBe(true);
    expect(keys(replies)).not.toContain('question.cantAnswer');
    expect(keys(replies)).not.toContain('goodbye');
    expect(keys(replies)).not.toContain('outage.backNow');
  });

  it('without an outage before, "is it working now?" is not read as a status question', async () => {
    const chat = personalChat(bot.runtime.bot, `round7-outage-${++n}`);
    feed.report = ALL_CLEAR;
    const replies = (await chat('is it working now?')).map(lineOf);
    expect(keys(replies)).not.toContain('outage.backNow');
  });
});

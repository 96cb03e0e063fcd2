/**
 * Tester round 8, what was still open after the round's fixes, in the testers' words, through the
 * whole bot with the real recogniser and content:
 * - F02: "ipad" alone at "Did that fix it?" while the checks already run on the iPad (the person
 *   answers a "which device?" that the long first message made unnecessary): "we're already on your
 *   iPad" and the same question, never "didn't catch that"; another device still changes it.
 * - E01: "how long will the outage last?" at a step when Apple's status lists nothing: the status is
 *   read again and said (all clear, with the time), never "a person can answer that"; with an outage,
 *   the outage is listed.
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW, outage, realContent } from './helpers';
import { sayAll, useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const content = realContent();
const photosStatus = content.services.find((s) => s.id === 'photos')!.statusNames[0]!;

const feed = new FixtureStatusFeed(ALL_CLEAR);
const bot = useRealBot('round8-leftovers', { clock: new ManualClock(NOW), statusFeed: feed });
beforeEach(() => {
  feed.report = ALL_CLEAR;
});

let n = 0;
const chat = (): LineChat => bot.lineChat(`round8-leftovers-${++n}`);
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1]!;

describe('F02: the device we are on, said alone', () => {
  it.each([['ipad'], ['my ipad'], ['its the ipad']])('"%s" at "Did that fix it?" on the iPad: already there, the same question', async (text) => {
    const c = chat();
    const asked = await sayAll(c, ['photos not syncing on my ipad', 'yes']);
    expect(lastOf(asked)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
    const replies = await c.say(text);
    expect(keys(replies)).toEqual(['device.already', 'fixed.question']);
    expect(replies[0]!.text).toContain('iPad');
    expect(lastOf(replies).stepId).toBe('apple-id');
  });

  it('"ipad" at the step question on the iPad: already there, the same question; "mac" there still changes the device', async () => {
    const c = chat();
    expect(lastOf(await c.say('photos not syncing on my ipad'))).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
    expect(keys(await c.say('ipad'))).toEqual(['device.already', 'step.question']);
    expect(keys(await c.say('mac'))).toContain('device.changed');
  });

  it('a sentence naming the device is not taken for it alone ("the ipad is signed in fine" answers nothing about devices)', async () => {
    const c = chat();
    await sayAll(c, ['photos not syncing on my ipad', 'yes']);
    expect(keys(await c.say('the ipad is signed in fine'))).not.toContain('device.already');
  });
});

describe('E01: "how long will the outage last?" at a step', () => {
  it('with nothing listed: Apple\'s status read again and said, then the same question', async () => {
    const c = chat();
    const asked = await sayAll(c, ['photos not syncing to my ipad', 'yes', 'plenty']);
    expect(lastOf(asked)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
    const calls = feed.calls;
    const replies = await c.say('how long will the outage last?');
    expect(feed.calls).toBe(calls + 1);
    expect(keys(replies)).not.toContain('question.cantAnswer');
    expect(keys(replies)[0]).toBe('status.asideAllClear');
    expect(lastOf(replies)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  });

  it('with an outage of the service listed by then: the outage is said', async () => {
    const c = chat();
    await sayAll(c, ['photos not syncing to my ipad', 'yes']);
    feed.report = outage(photosStatus);
    const replies = await c.say('how long will the outage last?');
    expect(keys(replies)).not.toContain('question.cantAnswer');
    expect(replies.map((r) => r.text).join('\n')).toContain(photosStatus);
  });
});

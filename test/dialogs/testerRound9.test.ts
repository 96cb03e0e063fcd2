/**
 * Tester round 9, in the testers' words, through the whole bot with the real recogniser and content:
 * - item 1: a yes with a fact at "Did that fix it?" ("yes, 50gb free") is never "fixed": the fact is
 *   noted and the question asked again;
 * - item 2: "it works now" in other words ("theyre showing up now", "it worked thanks", "backed up
 *   now!") closes the problem, never "didn't catch that" nor the next check;
 * - item 4: an amount free ("i have 150 gb free in icloud") is no switch to "iCloud storage full";
 * - item 6: "hi again" / "hello?" at a question says where we are, then the question;
 * - item 7: "should i update? will it delete anything?" gets the update answer, not the sign-out one;
 * - item 8: at the outage pause "is there anything i can do in the meantime?" gets the advice without
 *   "Yes:", and "ok ill wait then" stops;
 * - item 13: "wifi fine" at another step is noted for the connection question.
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW, outage, realContent } from './helpers';
import { sayAll, useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const content = realContent();
const photosStatus = content.services.find((s) => s.id === 'photos')!.statusNames[0]!;
const feed = new FixtureStatusFeed(ALL_CLEAR);
const bot = useRealBot('round9', { clock: new ManualClock(NOW), statusFeed: feed });
beforeEach(() => {
  feed.report = ALL_CLEAR;
});

let n = 0;
const chat = (): LineChat => bot.lineChat(`round9-${++n}`);
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1]!;

describe('item 1: yes with a fact at "Did that fix it?"', () => {
  it.each([
    ['contacts not syncing on my ipad', 'yes, 50gb free'],
    ['icloud drive not syncing on mac', 'yeah i have loads of space'],
    ['photos not syncing on iphone', 'yes wifi at home'],
  ])('%s, then "%s": the fact noted, the question again, nothing closed', async (first, answer) => {
    const c = chat();
    expect(lastOf(await sayAll(c, [first, 'yes']))).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
    const replies = await c.say(answer);
    expect(keys(replies)).toEqual(['playbook.saidFirst', 'fixed.yesWithFact', 'fixed.question']);
    expect(lastOf(replies).stepId).toBe('apple-id');
    // A plain yes then is the fix.
    expect(keys(await c.say('yes'))).toContain('playbook.wrapUp');
  });

  it('"yes its syncing, plenty of space" is still the fix', async () => {
    const c = chat();
    await sayAll(c, ['photos not syncing on iphone', 'yes']);
    expect(keys(await c.say('yes its syncing, plenty of space'))).toContain('playbook.wrapUp');
  });
});

describe('item 2: it works now, in other words', () => {
  it.each([['theyre showing up now'], ['oh wait nevermind they just showed up'], ['it worked thanks'], ['turned it off and on, now its uploading']])(
    '"%s" at "Did that fix it?" closes the problem',
    async (text) => {
      const c = chat();
      await sayAll(c, ['photos not syncing on iphone', 'yes']);
      const replies = await c.say(text);
      expect(keys(replies)).toContain('playbook.wrapUp');
      expect(keys(replies)).not.toContain('answer.notUnderstood');
    },
  );

  it('"backed up now!" at the backup playbook\'s step question closes it instead of the next check', async () => {
    const c = chat();
    expect(lastOf(await c.say('icloud backup not working on iphone'))).toMatchObject({ key: 'step.question' });
    const replies = await sayAll(c, ['yes', 'backed up now!']);
    expect(keys(replies)).toContain('playbook.wrapUp');
    expect(replies.some((r) => r.key === 'step.question')).toBe(false);
  });
});

describe('item 4: an amount free is no switch to "storage full"', () => {
  it('"i have 150 gb free in icloud" during a backup problem is noted as room, no switch offer', async () => {
    const c = chat();
    await sayAll(c, ['icloud backup stuck on my iphone', 'yes']);
    const replies = await c.say('i have 150 gb free in icloud');
    expect(keys(replies)).not.toContain('switch.offer');
    expect(keys(replies)).toEqual(['playbook.saidFirst', 'fixed.question']);
  });
});

describe('item 6: a greeting at a question', () => {
  it.each([['hi again'], ['hello?']])('"%s" says where we are, then the same question', async (text) => {
    const c = chat();
    const asked = await c.say('photos not syncing on iphone');
    const replies = await c.say(text);
    expect(keys(replies)).toEqual(['welcomeBack.soon', lastOf(asked).key]);
    expect(replies[0]!.text).toContain('Photos not syncing');
    expect(lastOf(replies).stepId).toBe(lastOf(asked).stepId);
  });
});

describe('item 7: a question about updating', () => {
  it('"should i update? will it delete anything?" gets the update answer', async () => {
    const c = chat();
    await sayAll(c, ['photos not syncing on iphone', 'yes']);
    expect(keys(await c.say('should i update? will it delete anything?'))).toEqual(['question.update-keeps-data', 'fixed.question']);
  });
});

describe('item 8: the outage pause', () => {
  it('"is there anything i can do in the meantime?" gets the advice without "Yes:", then "ok ill wait then" stops', async () => {
    feed.report = outage(photosStatus);
    const c = chat();
    await c.say('photos not syncing on iphone');
    const advice = await c.say('is there anything i can do in the meantime?');
    expect(keys(advice)[0]).toBe('outage.pauseAdviceOpen');
    expect(advice[0]!.text).not.toMatch(/^Yes/);
    const stop = await c.say('ok ill wait then');
    expect(keys(stop)).not.toContain('outage.pauseAdviceOpen');
    expect(keys(stop)).not.toContain('outage.pauseAdvice');
    expect(stop.some((r) => r.key === 'step.question' || r.key === 'fixed.question')).toBe(false);
  });
});

describe('item 13: "wifi fine" at another step', () => {
  it.each([['wifi fine'], ['wifi ok']])('"%s" at "Did that fix it?" of the account step is noted for the connection', async (text) => {
    const c = chat();
    await sayAll(c, ['photos not syncing on iphone', 'yes']);
    const replies = await c.say(text);
    expect(keys(replies)).toEqual(['playbook.saidFirst', 'fixed.question']);
    expect(replies[0]!.text).toMatch(/Wi-Fi/);
  });
});

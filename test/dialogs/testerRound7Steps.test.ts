/**
 * Tester round 7 (items 2, 5, 6, 7, 9, 13), in the tester's own words, through the whole bot with the
 * real recogniser and content, a status feed the test switches and a manual clock: outage questions
 * at a step's prompts, device words at the device question, unsure answers at a step's question,
 * "I don't have a Mac", the hand-over after account recovery, and "there's room now" in the photos
 * checks.
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW, outage, realContent } from './helpers';
import { sayAll, useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const content = realContent();
const notesStatus = content.services.find((s) => s.id === 'notes')!.statusNames[0];
const photosStatus = content.services.find((s) => s.id === 'photos')!.statusNames[0];

const feed = new FixtureStatusFeed(ALL_CLEAR);
const clock = new ManualClock(NOW);
const bot = useRealBot('round7-steps', { clock, statusFeed: feed });

beforeEach(() => {
  feed.report = ALL_CLEAR;
});

let n = 0;
const chat = (): LineChat => bot.lineChat(`round7-steps-${++n}`);
const run = sayAll;
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1];
const stepsShown = (replies: ReplyLine[]) => replies.filter((r) => r.key === 'step.instructions').map((r) => r.stepId);

interface StoredStep {
  step: string;
  outcome: string;
}
async function recordedSteps(id: string): Promise<StoredStep[]> {
  const key = `test/conversations/${id}/`;
  const stored = (await bot.runtime.storage.read([key]))[key] as { troubleshooting?: { steps: StoredStep[] } } | undefined;
  return stored?.troubleshooting?.steps ?? [];
}

describe('outage questions at a step (item 2, E01 and A7-F04)', () => {
  /** E01: Notes on the iPhone, at the Apple Account step's "Did that fix it?" when a Notes outage starts. */
  async function atFixedDuringOutage(): Promise<LineChat> {
    const c = chat();
    await run(c, ['notes not syncing iphone', 'yes']);
    feed.report = outage(notesStatus);
    return c;
  }

  it('"still not working, is it apple?" at "Did that fix it?" checks Apple\'s status and pauses, never the next step', async () => {
    const c = await atFixedDuringOutage();
    const replies = await c.say('still not working, is it apple?');
    expect(keys(replies)).toEqual(['status.asideOutage', 'status.pauseQuestion']);
    expect(replies[0].text).toContain(notesStatus);
    expect(stepsShown(replies)).toEqual([]);
    expect(replies.some((r) => r.stepId === 'storage')).toBe(false);
  });

  it('"still not working, is it apple?" at the storage question (A7-F04): the status check, not "a person can answer that"', async () => {
    const c = chat();
    await run(c, ['photos not uploading iphone', 'yes', 'no']);
    feed.report = outage(photosStatus);
    clock.advance(60 * 60_000);
    const replies = await c.say('still not working, is it apple?');
    expect(keys(replies)).not.toContain('question.cantAnswer');
    expect(keys(replies)).toEqual(['status.asideOutage', 'status.pauseQuestion']);
  });

  it('with Apple all clear, "is it apple?" at a step\'s question says so and asks the question again', async () => {
    const c = chat();
    await run(c, ['photos not uploading iphone', 'yes', 'no']);
    const replies = await c.say('still not working, is it apple?');
    expect(keys(replies)).toEqual(['status.asideAllClear', 'status.asideResume', 'step.question']);
    expect(lastOf(replies).stepId).toBe('storage');
  });

  it('"ok so should i wait?" then gets the honest answer and the pause again; "stop, ill check later" stops for the outage', async () => {
    const c = await atFixedDuringOutage();
    await c.say('still not working, is it apple?');
    const advice = await c.say('ok so should i wait?');
    expect(keys(advice)).toEqual(['outage.pauseAdvice', 'status.pauseQuestion']);
    expect(keys(await c.say('stop, ill check later'))).toEqual(['status.stopped']);
  });

  it('after "Continue anyway", "ok so should i wait?" at the step gets the honest answer and the prompt, not "fair question"', async () => {
    const c = await atFixedDuringOutage();
    await c.say('still not working, is it apple?');
    expect(lastOf(await c.say('Continue anyway')).key).toBe('fixed.question');
    const replies = await c.say('ok so should i wait?');
    expect(keys(replies)).toEqual(['outage.pauseAdvice', 'fixed.question']);
  });

  it('hours later at the pause, "hi, is it fixed now?" checks again: cleared, back to "Did that fix it?"', async () => {
    const c = await atFixedDuringOutage();
    await c.say('still not working, is it apple?');
    await c.say('ok so should i wait?');
    feed.report = ALL_CLEAR;
    clock.advance(4 * 60 * 60_000);
    const replies = await c.say('hi, is it fixed now?');
    expect(keys(replies)).toEqual(['status.asideAllClear', 'status.asideResume', 'fixed.question']);
    expect(keys(replies)).not.toContain('question.cantAnswer');
  });

  it('hours later at the pause, still down: "hi, is it fixed now?" reports it again and the pause stays', async () => {
    const c = await atFixedDuringOutage();
    await c.say('still not working, is it apple?');
    clock.advance(4 * 60 * 60_000);
    const replies = await c.say('hi, is it fixed now?');
    expect(keys(replies)).toEqual(['status.asideOutage', 'status.pauseQuestion']);
  });

  it('hours later at a step\'s question, "hi, is it fixed now?" checks the status again, then the question', async () => {
    const c = chat();
    await run(c, ['notes not syncing iphone', 'yes', 'no']);
    clock.advance(4 * 60 * 60_000);
    const replies = await c.say('hi, is it fixed now?');
    expect(keys(replies)).toContain('status.asideAllClear');
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'storage' });
  });
});

describe('device words at "Which device is giving you trouble?" (item 5, A5-H01, E04, D08)', () => {
  it('"my phone": which phone, with iPhone and Android only; "iphone" then starts the checks there', async () => {
    const c = chat();
    expect(lastOf(await c.say('my calendar stopped syncing')).key).toBe('device.question');
    const replies = await c.say('my phone');
    expect(keys(replies)).toEqual(['device.whichOf']);
    expect(replies[0].text).toMatch(/^Which phone is it\?/);
    expect(replies[0].choices).toEqual(['iphone', 'other']);
    const then = await c.say('iphone');
    expect(keys(then)).not.toContain('answer.notUnderstood');
    expect(then.some((r) => r.key === 'step.question' || r.key === 'step.instructions')).toBe(true);
  });

  it.each(['my computer', 'my laptop'])('"%s": Mac or Windows PC', async (text) => {
    const c = chat();
    await c.say('notes not syncing');
    const replies = await c.say(text);
    expect(keys(replies)).toEqual(['device.whichOf']);
    expect(replies[0].choices).toEqual(['mac', 'windows']);
  });

  it('"the macbook" after "my laptop" is the Mac', async () => {
    const c = chat();
    await run(c, ['reminders not syncing', 'my laptop']);
    const replies = await c.say('the macbook');
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    expect(replies.some((r) => r.key === 'step.question')).toBe(true);
  });
});

describe('unsure answers at a step\'s question (item 6, A5-A02 and B18)', () => {
  const toAccount = ['photos on my macbook stopped updating'];

  it('"i think so?" at "same Apple Account?" is the hedged yes: the account check, then "Did that fix it?"', async () => {
    const c = chat();
    expect(lastOf(await run(c, toAccount))).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
    const replies = await c.say('i think so?');
    expect(keys(replies)).toEqual(['step.instructions', 'fixed.question']);
    expect(replies[0].stepId).toBe('apple-id');
  });

  it('"dunno" at the account question is "I\'m not sure"', async () => {
    const c = chat();
    await run(c, toAccount);
    const replies = await c.say('dunno');
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    expect(keys(replies)).toEqual(['step.instructions', 'fixed.question']);
  });

  it('"ok" at the account question (B18) is asked again without "give it a minute and check again"', async () => {
    const c = chat();
    await c.say('my imessages arent syncing to my mac');
    const replies = await c.say('ok');
    expect(replies[0].key).toBe('answer.unclearQuestion');
    expect(replies[0].text).not.toMatch(/give it a minute|check again/);
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
  });

  it('"ok" at "Did that fix it?" keeps the "check again" wording', async () => {
    const c = chat();
    await run(c, [...toAccount, 'yes']);
    expect((await c.say('ok'))[0].key).toBe('answer.unclear');
  });

  it('"yes room now" at the account question is not "Yes, the same account"', async () => {
    const c = chat();
    await run(c, toAccount);
    const replies = await c.say('yes room now');
    expect(stepsShown(replies)).toEqual([]);
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
  });
});

describe('"i dont have a mac" at "Did that fix it?" (item 7, A6-K03)', () => {
  const toSwitches = ['notes not syncing on my ipad', 'yes', 'no', 'no'];

  it('never offers the Mac: the iPad we are on is one they have, so we stay, and "no" goes on to the next check', async () => {
    const c = chat();
    expect(lastOf(await run(c, toSwitches)).key).toBe('fixed.question');
    const replies = await c.say('i dont have a mac, only ipad and iphone');
    expect(replies.some((r) => (r.choices ?? []).includes('mac'))).toBe(false);
    expect(keys(replies)).not.toContain('device.whichNow');
    expect(lastOf(replies).key).toBe('fixed.question');
    const then = await c.say('no');
    expect(keys(then)).not.toContain('answer.unclearDevice');
    expect(keys(then)).not.toContain('device.whichNow');
    expect(then.some((r) => r.key === 'step.question' || r.key === 'step.instructions')).toBe(true);
  });

  it('"i dont have a mac" alone does not move the checks to a Mac', async () => {
    const c = chat();
    await run(c, toSwitches);
    const replies = await c.say('i dont have a mac');
    expect(keys(replies)).not.toContain('device.changed');
    expect(replies.some((r) => r.key === 'step.instructions')).toBe(false);
  });

  it('"no" at "which device should we work on?" stays on the device, never that question again', async () => {
    const c = chat();
    await run(c, toSwitches);
    expect(lastOf(await c.say('my ipad and my mac')).key).toBe('device.whichNow');
    const replies = await c.say('no');
    expect(keys(replies)).toEqual(['device.unchanged', 'fixed.question']);
  });
});

describe('after account recovery and the hand-over offer (item 9, A2-D02 and A2-K06)', () => {
  it.each([
    ['cant sign in on my ipad, the verification code never comes', 'i dont have my old phone anymore'],
    ['cant sign in on my new iphone, the code goes to my old phone which is broken', 'its broken'],
    // E06: a trusted number the person no longer has (the content's whenSaid phrase).
    ['cant sign in on my iphone, code goes to my old number which i dont have', 'its an old number'],
  ])('"%s", "%s", then "no" to the offer: no "Can you sign in now?", no second Apple Support block', async (first, lost) => {
    const c = chat();
    await c.say(first);
    const offered = await c.say(lost);
    expect(offered.filter((r) => r.stepId === 'contact-support' && r.key === 'step.instructions')).toHaveLength(1);
    const declined = await c.say('no');
    expect(declined.some((r) => /Can you sign in now\?/.test(r.text))).toBe(false);
    const again = await c.say('no');
    expect(again.some((r) => r.stepId === 'contact-support' && r.key === 'step.instructions')).toBe(false);
    const steps = await recordedSteps(c.id);
    expect(steps.filter((s) => s.step === 'contact-support')).toHaveLength(1);
    // The account step comes before the hand-over in the record.
    const order = steps.map((s) => s.step);
    expect(order.indexOf('account-access')).toBeLessThan(order.indexOf('contact-support'));
  });
});

describe('"theres room now" in the photos checks (item 13, D05)', () => {
  const toFullTips = ['photos arent uploading on my iphone', 'yes', 'no', 'full'];

  it('room again is not photos syncing: asked whether photos sync now, never "your photos are syncing again"', async () => {
    const c = chat();
    await run(c, [...toFullTips, 'no still full', 'ill try later']);
    clock.advance(4 * 60 * 60_000);
    const replies = await c.say('back, deleted stuff, theres room now');
    expect(keys(replies)).not.toContain('playbook.wrapUp');
    expect(replies.some((r) => /syncing again\./.test(r.text) && r.key === 'playbook.wrapUp')).toBe(false);
    expect(lastOf(replies).key).toBe('fixed.caseSolved');
    expect(lastOf(replies).text).toMatch(/Is iCloud Photos syncing again now\?/);
    expect(lastOf(replies).choices).toEqual(['fixed', 'not-fixed', 'agent']);
  });

  it('then "yes" is the fix; "no" goes on to the next check, not the storage help or the hand-over', async () => {
    const yes = chat();
    await run(yes, [...toFullTips, 'theres room now']);
    expect(keys(await yes.say('yes'))).toContain('playbook.wrapUp');
    const no = chat();
    await run(no, [...toFullTips, 'theres room now']);
    const replies = await no.say('no');
    expect(stepsShown(replies)).toEqual(['service-toggles']);
  });

  it('in the storage-full checks, "theres room now" is the fix itself', async () => {
    const c = chat();
    await c.say('my icloud storage is full on my iphone');
    expect(keys(await c.say('theres room now'))).toContain('playbook.wrapUp');
  });
});

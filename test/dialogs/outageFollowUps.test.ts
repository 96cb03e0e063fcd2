/**
 * Tester round 3, item 11: outages. (a) After "Stop, I'll check later" at an outage, "ok when will
 * it be fixed?" / "how long will it be down?" get an honest answer (Apple gives no time), the status
 * page and the device checks offered meanwhile, never the goodbye. (b) "is it down now?" mid-way
 * that finds an outage of the service being worked on offers the status step's own choice
 * (device checks anyway, or stop) instead of carrying on silently. The whole bot with the real
 * recogniser and content, and a status feed the test switches.
 */
import { ManualClock } from '../../src/clock';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import { ALL_CLEAR, FixtureStatusFeed, NOW, outage, realContent } from './helpers';
import { personalChat, resyncOf, textOf, useRealBot } from '../helpers/realBot';

interface Turn {
  resync: ResyncChannelData;
  text: string;
}
type Say = (text: string) => Promise<Turn[]>;

const content = realContent();
const photos = Object.values(content.playbooks).find((p) => p.service === 'photos')!;
const photosService = content.services.find((s) => s.id === 'photos')!;
const mail = content.services.find((s) => s.id === 'mail')!;
const statusStep = content.steps[photos.steps.find((id) => content.steps[id].kind === 'status')!];
const STATUS_PAGE = 'https://www.apple.com/support/systemstatus/';

const feed = new FixtureStatusFeed(ALL_CLEAR);
const clock = new ManualClock(NOW);
const bot = useRealBot('outage', { clock, statusFeed: feed });

beforeEach(() => {
  feed.report = ALL_CLEAR;
});

function conversation(id: string): Say {
  const chat = personalChat(bot.runtime.bot, id);
  return async (text) => (await chat(text)).map((a) => ({ resync: resyncOf(a), text: textOf(a) }));
}

const keysOf = (turns: Turn[]) => turns.map((t) => t.resync.messageKey);
const lastOf = (turns: Turn[]) => turns[turns.length - 1]!;

/** "my pics wont sync to my mac" during a Photos outage, then "Stop, I'll check later" (h3c/c04). */
async function stoppedAtOutage(id: string): Promise<Say> {
  feed.report = outage(photosService.statusNames[0]);
  const say = conversation(id);
  const paused = await say('my pics wont sync to my mac');
  expect(lastOf(paused).resync.messageKey).toBe('status.pauseQuestion');
  expect(keysOf(await say('2'))).toEqual(['status.stopped']);
  return say;
}

describe('after "Stop, I\'ll check later" at an outage (h3c/c04)', () => {
  it.each(['ok when will it be fixed?', 'how long will it be down?'])('"%s": no time from Apple, the status page, the checks offered; no goodbye', async (question) => {
    const say = await stoppedAtOutage(`when-${question.length}`);
    const replies = await say(question);
    expect(keysOf(replies)).toEqual(['outage.whenFixed']);
    expect(replies[0].text).toContain(STATUS_PAGE);
    expect(lastOf(replies).resync.choices).toHaveLength(2);
  });

  it('yes: the device checks pick up after the status step, on the Mac', async () => {
    const say = await stoppedAtOutage('when-yes');
    await say('ok when will it be fixed?');
    const resumed = await say('1');
    expect(keysOf(resumed)[0]).toBe('playbook.resumed');
    const asked = lastOf(resumed).resync;
    expect(asked.playbook).toBe(photos.id);
    expect(photos.steps.indexOf(asked.stepId!)).toBeGreaterThan(photos.steps.indexOf(statusStep.id));
    expect(keysOf(resumed)).not.toContain('device.question');
  });

  it('no: left there with the status page; "still not working" later still picks it up', async () => {
    const say = await stoppedAtOutage('when-no');
    await say('how long will it be down?');
    const waiting = await say("no, I'll wait");
    expect(keysOf(waiting)).toEqual(['outage.waiting']);
    expect(waiting[0].text).toContain(STATUS_PAGE);
    expect(keysOf(await say('still not working'))[0]).toBe('playbook.resumed');
  });

  it('"help" at that question: the help text and the question again', async () => {
    const say = await stoppedAtOutage('when-help');
    await say('ok when will it be fixed?');
    expect(keysOf(await say('help'))).toEqual(['help', 'outage.whenFixed']);
  });

  it('without an outage, a stop is not followed by this answer (a plain goodbye stays a goodbye)', async () => {
    const say = conversation('when-fixed-then-bye');
    const first = await say('my photos are not syncing on my mac');
    expect(keysOf(first)).toContain('status.allClear');
    expect(keysOf(await say('bye'))).not.toContain('outage.whenFixed');
  });
});

/** The photos playbook on the iPad, all clear at the start, at "Did that fix it?" of its first check (h3e/e14). */
async function atFirstCheck(id: string): Promise<{ say: Say; stepId: string }> {
  const say = conversation(id);
  const started = await say("my photos aren't syncing on ipad");
  expect(keysOf(started)).toContain('status.allClear');
  const fixed = await say('1');
  expect(lastOf(fixed).resync.messageKey).toBe('fixed.question');
  return { say, stepId: lastOf(fixed).resync.stepId! };
}

describe('"is it down now?" finds an outage of the service mid-way (h3e/e14)', () => {
  it("lists it, then the status step's choice (checks anyway / stop) instead of the question", async () => {
    const { say } = await atFirstCheck('mid-offer');
    feed.report = outage(photosService.statusNames[0]);
    const replies = await say('is it down now?');
    expect(keysOf(replies)).toEqual(['status.asideOutage', 'status.pauseQuestion']);
    expect(lastOf(replies).text).toContain(statusStep.messages.pauseQuestion.slice(0, 30));
    expect(lastOf(replies).resync.choices).toHaveLength(2);
  });

  it('continue: back to "Did that fix it?" of the same step, and the checks go on from there', async () => {
    const { say, stepId } = await atFirstCheck('mid-continue');
    feed.report = outage(photosService.statusNames[0]);
    await say('is it down now?');
    const back = await say('1');
    expect(keysOf(back)).toEqual(['status.asideResume', 'fixed.question']);
    expect(lastOf(back).resync.stepId).toBe(stepId);
    const next = await say('2');
    expect(photos.steps.indexOf(lastOf(next).resync.stepId!)).toBeGreaterThan(photos.steps.indexOf(stepId));
  });

  it('stop: the status step\'s "stopped" words; then "when will it be fixed?" is answered and yes picks up after that step', async () => {
    const { say, stepId } = await atFirstCheck('mid-stop');
    feed.report = outage(photosService.statusNames[0]);
    await say('is it down now?');
    const stopped = await say('2');
    expect(keysOf(stopped)).toEqual(['status.stopped']);
    expect(stopped[0].text).toContain(STATUS_PAGE);
    expect(keysOf(await say('when will it be fixed?'))).toEqual(['outage.whenFixed']);
    const resumed = await say('1');
    expect(keysOf(resumed)[0]).toBe('playbook.resumed');
    expect(photos.steps.indexOf(lastOf(resumed).resync.stepId!)).toBeGreaterThan(photos.steps.indexOf(stepId));
  });

  it('at a step\'s question, stop then "still not working" asks that same question again', async () => {
    const { say } = await atFirstCheck('mid-question');
    const question = lastOf(await say('2'));
    expect(question.resync.messageKey).toBe('step.question');
    feed.report = outage(photosService.statusNames[0]);
    expect(lastOf(await say('is it down now?')).resync.messageKey).toBe('status.pauseQuestion');
    await say('2');
    const resumed = await say('still not working');
    expect(lastOf(resumed).resync.messageKey).toBe('step.question');
    expect(lastOf(resumed).resync.stepId).toBe(question.resync.stepId);
  });

  it('an outage of another service only: listed, then back to the question as before', async () => {
    const { say, stepId } = await atFirstCheck('mid-other');
    feed.report = outage(mail.statusNames[0]);
    const replies = await say('is it down now?');
    expect(keysOf(replies)).toEqual(['status.asideOutage', 'status.asideResume', 'fixed.question']);
    expect(lastOf(replies).resync.stepId).toBe(stepId);
  });
});

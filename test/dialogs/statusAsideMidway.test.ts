/**
 * "Is iCloud down?" asked mid-way through a playbook, after its status step ran: the injected
 * status feed is read again and answered (the events with their start in UTC, or no problems
 * reported right now, or the status page when the feed fails), then the pending prompt is put
 * back; an outage of the playbook's own service gets the status step's choice instead (continue or
 * stop: outageFollowUps.test.ts). No switch offer, nothing recorded, the place kept. Another problem is still offered as a
 * switch.
 */
import type { StatusReport } from '../../src/status/statusFeed';
import { ALL_CLEAR, answerUntilFixedQuestion, FixtureStatusFeed, harness, keys, last, NOW, outage, pick, realContent, record, type BotHarness } from './helpers';
import { useRealBot } from '../helpers/realBot';

const content = realContent();
const photos = Object.values(content.playbooks).find((p) => p.service === 'photos' && content.steps[p.steps[0]].kind === 'status')!;
const contacts = Object.values(content.playbooks).find((p) => p.service === 'contacts')!;
const statusOnly = Object.values(content.playbooks).find((p) => p.steps.every((id) => content.steps[id].kind === 'status'))!;
const mail = content.services.find((s) => s.id === 'mail')!;
const photosService = content.services.find((s) => s.id === 'photos')!;
const STATUS_PAGE = 'https://www.apple.com/support/systemstatus/';
const ASIDE = ['status.asideAllClear', 'status.asideResume'];

async function atFixed(feed = new FixtureStatusFeed(ALL_CLEAR)): Promise<{ h: BotHarness; stepId: string }> {
  const h = harness({ feed });
  const { stepId } = await answerUntilFixedQuestion(h, content, `${photos.intent} on my iphone`);
  expect(feed.calls).toBe(1);
  return { h, stepId };
}

describe('"is iCloud down?" at "Did that fix it?"', () => {
  it('all clear: says so with the time of the check, then "Did that fix it?" again; no switch offer', async () => {
    const { h, stepId } = await atFixed();
    const before = await record(h);
    const replies = await h.say(`is icloud down right now? ${statusOnly.intent}`);
    expect(keys(replies)).toEqual([...ASIDE, 'fixed.question']);
    expect(h.feed.calls).toBe(2);
    expect(replies[0].text).toContain('15:30 UTC');
    expect(replies.every((r) => r.resync?.stepId === stepId)).toBe(true);
    expect(await record(h)).toEqual(before);
  });

  it('nothing is lost: the answers after it go on exactly as without it', async () => {
    const asked = await atFixed();
    const plain = await atFixed();
    await asked.h.say(statusOnly.intent);
    const next = await asked.h.say('no');
    const nextPlain = await plain.h.say('no');
    expect(keys(next)).toEqual(keys(nextPlain));
    expect(last(next).resync?.stepId).toBe(last(nextPlain).resync?.stepId);
    expect((await record(asked.h)).steps.map((s) => [s.step, s.outcome])).toEqual((await record(plain.h)).steps.map((s) => [s.step, s.outcome]));
  });

  it('an outage since then: lists it with its start in UTC and the time of the check', async () => {
    const { h } = await atFixed();
    h.feed.report = outage(photosService.statusNames[0], '2026-03-10T15:05:00Z');
    h.clock.advance(10 * 60_000);
    const replies = await h.say(statusOnly.intent);
    // Photos is the service being worked on: the status step's choice, not the question.
    expect(keys(replies)).toEqual(['status.asideOutage', 'status.pauseQuestion']);
    expect(replies[0].text).toContain(photosService.statusNames[0]);
    expect(replies[0].text).toContain('since 15:05 UTC');
    expect(replies[0].text).toContain('15:40 UTC');
    expect(keys(replies)).not.toContain('switch.offer');
  });

  it('an event from another day carries its date; one without a start says so', async () => {
    const { h } = await atFixed();
    const report: StatusReport = {
      ok: true,
      fetchedAt: new Date(NOW),
      services: [
        { serviceName: photosService.statusNames[0], activeEvents: [{ statusType: 'Outage', eventStatus: 'ongoing', usersAffected: 'Some users', start: new Date('2026-03-08T09:00:00Z'), message: 'Slow.' }] },
        { serviceName: content.alwaysCheck[0], activeEvents: [{ statusType: 'Issue', eventStatus: 'ongoing', usersAffected: 'All users', start: null, message: 'Sign-in fails.' }] },
        { serviceName: mail.statusNames[0], activeEvents: [{ statusType: 'Maintenance', eventStatus: 'resolved', usersAffected: '', start: new Date(NOW), message: '' }] },
      ],
    };
    h.feed.report = report;
    const [list] = await h.say(statusOnly.intent);
    expect(list.text).toContain('since 2026-03-08 09:00 UTC');
    expect(list.text).toContain(content.alwaysCheck[0]);
    expect(list.text).toContain('no start time');
    // A resolved event is not listed.
    expect(list.text).not.toContain(mail.statusNames[0]);
  });

  it('a service named that is fine while others are not: says so first', async () => {
    const { h } = await atFixed();
    h.feed.report = outage(photosService.statusNames[0]);
    const replies = await h.say(`${statusOnly.intent} service:${mail.id}`);
    expect(keys(replies)).toEqual(['status.namedServiceFine', 'status.asideOutage', 'status.pauseQuestion']);
    expect(replies[0].text).toContain(mail.label);
  });

  it.each([
    ['unreachable', (): Promise<StatusReport> => Promise.reject(new Error('ECONNREFUSED'))],
    ['hanging', (): Promise<StatusReport> => new Promise<StatusReport>(() => undefined)],
    ['failed', async (): Promise<StatusReport> => ({ ok: false, reason: 'http-error', detail: '503' })],
  ])('%s feed: points to the status page, then the question again', async (_name, answer) => {
    const { h, stepId } = await atFixed();
    h.feed.report = answer;
    const replies = await h.say(statusOnly.intent);
    expect(keys(replies)).toEqual(['status.asideUnavailable', 'status.asideResume', 'fixed.question']);
    expect(replies[0].text).toContain(STATUS_PAGE);
    expect(last(replies).resync?.stepId).toBe(stepId);
  });

  it('another problem is still offered as a switch', async () => {
    const { h } = await atFixed();
    expect(keys(await h.say(contacts.intent))).toEqual(['switch.offer']);
  });
});

describe('"is iCloud down?" at other prompts', () => {
  it("at a step's question: that question again", async () => {
    const h = harness();
    const replies = await h.say(`${photos.intent} on my iphone`);
    const prompt = last(replies).resync!;
    expect(prompt.messageKey).toBe('step.question');
    const after = await h.say(statusOnly.intent);
    expect(keys(after)).toEqual([...ASIDE, 'step.question']);
    expect(last(after).resync?.stepId).toBe(prompt.stepId);
    expect(last(after).resync?.choices).toEqual(prompt.choices);
  });

  it('at the outage pause: the latest status, then the pause question again', async () => {
    const feed = new FixtureStatusFeed(outage(photosService.statusNames[0]));
    const h = harness({ feed });
    expect(last(await h.say(`${photos.intent} on my iphone`)).resync?.messageKey).toBe('status.pauseQuestion');
    const still = await h.say(statusOnly.intent);
    expect(keys(still)).toEqual(['status.asideOutage', 'status.pauseQuestion']);
    // The pause still answers as before.
    const go = await h.say(pick(still, 'continue'));
    expect(keys(go)).not.toContain('status.pauseQuestion');
  });

  it('at the outage pause, once the outage has cleared (round 7, E01): the latest status, then the checks go on', async () => {
    const feed = new FixtureStatusFeed(outage(photosService.statusNames[0]));
    const h = harness({ feed });
    expect(last(await h.say(`${photos.intent} on my iphone`)).resync?.messageKey).toBe('status.pauseQuestion');
    feed.report = ALL_CLEAR;
    const after = await h.say(statusOnly.intent);
    expect(keys(after)).toEqual([...ASIDE, 'step.question']);
  });

  it('at the switch offer: the offer again', async () => {
    const { h } = await atFixed();
    await h.say(contacts.intent);
    expect(keys(await h.say(statusOnly.intent))).toEqual([...ASIDE, 'switch.offer']);
  });
});

describe('with the real recogniser', () => {
  const bot = useRealBot('status-aside');
  let n = 0;

  const atFixedReal = () => bot.atFixedQuestion(`status-aside-${++n}`, 'photos not syncing on my iphone');

  it.each(['is iCloud down right now?', 'is apple having an outage'])('"%s" is answered, then the question again', async (text) => {
    const say = await atFixedReal();
    const replies = (await say(text)).map((r) => r.messageKey);
    expect(replies).toEqual([...ASIDE, 'fixed.question']);
  }, 30_000);

  it('with an outage reported, lists it', async () => {
    const feed = bot.runtime.statusFeed as FixtureStatusFeed;
    const say = await atFixedReal();
    feed.report = outage(photosService.statusNames[0]);
    try {
      const replies = await say('is icloud down?');
      expect(replies.map((r) => r.messageKey)).toEqual(['status.asideOutage', 'status.pauseQuestion']);
    } finally {
      feed.report = ALL_CLEAR;
    }
  }, 30_000);
});

/**
 * The status step: all clear goes on; an outage for the person's service pauses with continue /
 * stop; an unreachable, malformed, throwing or hanging feed falls back to the status page and goes on.
 */
import type { StatusReport } from '../../src/status/statusFeed';
import { formatSince, relevantEvents } from '../../src/dialogs/statusCheck';
import { fill } from '../../src/dialogs/messages';
import { ALL_CLEAR, FixtureStatusFeed, harness, keys, last, NOW, outage, pick, realContent, record } from './helpers';

const content = realContent();
const playbook = Object.values(content.playbooks).find((p) => content.steps[p.steps[0]].kind === 'status' && p.service)!;
const statusStep = content.steps[playbook.steps[0]];
const service = content.services.find((s) => s.id === playbook.service)!;
const nextStep = playbook.steps[1];

async function start(report: StatusReport | (() => Promise<StatusReport>), statusTimeoutMs?: number) {
  const feed = new FixtureStatusFeed(report);
  const h = harness({ feed, statusTimeoutMs });
  const replies = await h.say(`${playbook.intent} on my iphone`);
  return { h, feed, replies };
}

describe('status step', () => {
  it('all clear: says so and goes on to the next step', async () => {
    const { h, feed, replies } = await start(ALL_CLEAR);
    expect(feed.calls).toBe(1);
    expect(keys(replies)).toEqual(['playbook.intro', 'status.allClear', expect.any(String)]);
    expect(replies[1].resync?.step).toBe(`${playbook.id}/${statusStep.id}`);
    expect(last(replies).resync?.stepId).toBe(nextStep);
    expect((await record(h)).steps[0]).toMatchObject({ step: statusStep.id, outcome: 'not-fixed' });
  });

  it("an outage elsewhere is not the person's problem", async () => {
    const { replies } = await start(outage('Some Other Service'));
    expect(keys(replies)).toContain('status.allClear');
  });

  it('an outage for the service pauses; continue goes on to the next step', async () => {
    const { h, replies } = await start(outage(service.statusNames[0]));
    expect(keys(replies)).toEqual(['playbook.intro', 'status.outageIntro', 'status.pauseQuestion']);
    const report = replies[1].text;
    expect(report).toContain(service.statusNames[0]);
    expect(report).toContain('13:05 UTC'); // started today: HH:MM and the zone
    expect(report).toContain('Users may be unable to sync.');
    expect(last(replies).resync?.choices).toEqual(['continue', 'stop']);
    const after = await h.say(pick(replies, 'continue'));
    expect(after[0].resync?.stepId).toBe(nextStep);
    expect((await record(h)).steps[0]).toMatchObject({ step: statusStep.id, outcome: 'not-fixed' });
  });

  it('an outage for the service pauses; stop ends the playbook with the stop message', async () => {
    const { h, replies } = await start(outage(service.statusNames[0]));
    const after = await h.say(pick(replies, 'stop'));
    expect(keys(after)).toEqual(['status.stopped']);
    expect(after[0].text).toBe(fill(statusStep.messages.stopped, { statusPage: 'https://www.apple.com/support/systemstatus/', service: service.label }));
    expect((await record(h)).steps[0]).toMatchObject({ step: statusStep.id, outcome: 'user-left' });
    expect(keys(await h.say('hello'))).toEqual(['greeting']);
  });

  it('an outage of an always-checked service pauses too', async () => {
    const { replies } = await start(outage(content.alwaysCheck[0]));
    expect(last(replies).resync?.messageKey).toBe('status.pauseQuestion');
  });

  it('an event that started on another day shows the date', async () => {
    const { replies } = await start(outage(service.statusNames[0], '2026-03-08T09:00:00Z'));
    expect(replies[1].text).toContain('2026-03-08');
  });

  it.each<[string, StatusReport | (() => Promise<StatusReport>)]>([
    ['unreachable', { ok: false, reason: 'unreachable', detail: 'ECONNREFUSED' }],
    ['malformed', { ok: false, reason: 'malformed', detail: 'not JSON' }],
    ['timeout', { ok: false, reason: 'timeout', detail: 'slow' }],
    ['garbage that claims ok', { ok: true, fetchedAt: new Date(NOW), services: 'nope' } as unknown as StatusReport],
    ['throwing', () => Promise.reject(new Error('boom'))],
  ])('%s feed: gives the status page and goes on', async (_name, report) => {
    const { h, replies } = await start(report);
    expect(keys(replies)).toEqual(['playbook.intro', 'status.unavailable', expect.any(String)]);
    expect(replies[1].text).toContain('https://www.apple.com/support/systemstatus/');
    expect(last(replies).resync?.stepId).toBe(nextStep);
    expect((await record(h)).steps[0]).toMatchObject({ step: statusStep.id, outcome: 'skipped' });
  });

  it('a feed that never answers does not hang the turn', async () => {
    const started = Date.now();
    const { replies } = await start(() => new Promise<StatusReport>(() => undefined), 100);
    expect(keys(replies)).toContain('status.unavailable');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('statusCheck helpers', () => {
  it('keeps unresolved, non-upcoming events of the wanted names, case-insensitively', () => {
    const report = {
      ok: true as const,
      fetchedAt: new Date(NOW),
      services: [
        { serviceName: 'Photos', activeEvents: [{ statusType: 'Outage', eventStatus: 'ongoing', usersAffected: '', start: null, message: 'a' }] },
        { serviceName: 'iCloud Drive', activeEvents: [{ statusType: 'Maintenance', eventStatus: 'upcoming', usersAffected: '', start: null, message: 'b' }] },
        { serviceName: 'Maps', activeEvents: [{ statusType: 'Outage', eventStatus: 'ongoing', usersAffected: '', start: null, message: 'c' }] },
      ],
    };
    expect(relevantEvents(report, ['photos', 'iCloud Drive']).map((e) => e.event.message)).toEqual(['a']);
  });

  it('formats since as HH:MM UTC today, a date and time otherwise, nothing without a start', () => {
    const now = new Date(NOW);
    expect(formatSince(new Date('2026-03-10T08:07:00Z'), now)).toBe('08:07 UTC');
    expect(formatSince(new Date('2026-02-28T08:07:00Z'), now)).toBe('2026-02-28 08:07 UTC');
    expect(formatSince(null, now)).toBeUndefined();
  });
});

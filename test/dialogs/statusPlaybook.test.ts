/**
 * "Is iCloud down?" (the status-only playbook, `askDevice: false`, `handoff: false`, status scope
 * `all`): no device question, every active iCloud event listed, and the answer ends there — no
 * pause question, no device checks, no handoff. Status times carry their zone; an event without a
 * start time is said without one.
 */
import type { HandoffService } from '../../src/dialogs/handoffService';
import type { StatusReport } from '../../src/status/statusFeed';
import { FixtureStatusFeed, harness, keys, NOW, outage, realContent, record } from './helpers';

const content = realContent();
const statusOnly = Object.values(content.playbooks).find((p) => p.handoff === false)!;
const photos = content.services.find((s) => s.id === 'photos')!;
const drive = content.services.find((s) => s.id === 'drive')!;

function report(events: { name: string; start: string | null; type?: string }[]): StatusReport {
  return {
    ok: true,
    fetchedAt: new Date(NOW),
    services: [
      ...events.map((e) => ({
        serviceName: e.name,
        activeEvents: [{ statusType: e.type ?? 'Outage', eventStatus: 'ongoing', usersAffected: 'Some users are affected', start: e.start ? new Date(e.start) : null, message: `${e.name} is down.` }],
      })),
      { serviceName: 'Maps', activeEvents: [{ statusType: 'Outage', eventStatus: 'ongoing', usersAffected: '', start: null, message: 'Not iCloud.' }] },
    ],
  };
}

class CountingHandoff implements HandoffService {
  calls = 0;
  async requestHandoff() {
    this.calls++;
    return 'unavailable' as const;
  }
}

describe('Is iCloud down?', () => {
  it('is content: the status-only playbook asks no device and has no handoff step', () => {
    expect(statusOnly).toBeDefined();
    expect(statusOnly.askDevice).toBe(false);
    expect(statusOnly.steps.every((id) => content.steps[id].kind !== 'handoff')).toBe(true);
  });

  it('with Photos and iCloud Drive outages and no service named: lists both, then ends (no device question, no pause, no handoff)', async () => {
    const handoff = new CountingHandoff();
    const h = harness({ feed: new FixtureStatusFeed(report([{ name: photos.statusNames[0], start: '2026-03-10T13:05:00Z' }, { name: drive.statusNames[0], start: '2026-03-09T21:36:00Z' }])), handoff });
    const replies = await h.say(statusOnly.intent);
    expect(keys(replies)).toEqual(['playbook.intro', 'status.outageIntro', 'status.stopped']);
    const listed = replies[1].text;
    expect(listed).toContain(photos.statusNames[0]);
    expect(listed).toContain(drive.statusNames[0]);
    expect(listed).not.toContain('Not iCloud.');
    expect(listed).toContain('13:05 UTC');
    expect(listed).toContain('2026-03-09 21:36 UTC');
    expect(replies.every((r) => (r.resync?.choices ?? []).length === 0)).toBe(true);
    expect(handoff.calls).toBe(0);
    const rec = await record(h);
    expect(rec.steps.map((s) => s.step)).toEqual(statusOnly.steps);
    // Nothing pending: the next message is a new one.
    expect(keys(await h.say('hello'))).toEqual(['greeting']);
  });

  it('a named service comes first in the list', async () => {
    const h = harness({ feed: new FixtureStatusFeed(report([{ name: photos.statusNames[0], start: null }, { name: drive.statusNames[0], start: null }])) });
    const replies = await h.say(`${statusOnly.intent} service:${drive.id}`);
    const lines = replies[1].text.split('\n');
    const lineOf = (name: string) => lines.findIndex((l) => l.includes(`${name} is down.`));
    expect(lineOf(drive.statusNames[0])).toBeGreaterThan(0);
    expect(lineOf(drive.statusNames[0])).toBeLessThan(lineOf(photos.statusNames[0]));
  });

  it('all clear: says so and ends', async () => {
    const handoff = new CountingHandoff();
    const h = harness({ feed: new FixtureStatusFeed(report([])), handoff });
    const replies = await h.say(statusOnly.intent);
    expect(keys(replies)).toEqual(['playbook.intro', 'status.allClear']);
    expect(handoff.calls).toBe(0);
  });

  it('feed unreachable: says so with the status page link and ends', async () => {
    const handoff = new CountingHandoff();
    const h = harness({ feed: new FixtureStatusFeed({ ok: false, reason: 'unreachable', detail: 'ECONNREFUSED' }), handoff });
    const replies = await h.say(statusOnly.intent);
    expect(keys(replies)).toEqual(['playbook.intro', 'status.unavailable']);
    expect(replies[1].text).toContain('https://www.apple.com/support/systemstatus/');
    expect(handoff.calls).toBe(0);
    expect(keys(await h.say('hello'))).toEqual(['greeting']);
  });
});

describe('status times', () => {
  it('an event without a start time is said without "since"', async () => {
    const service = Object.values(content.playbooks).find((p) => p.service && content.steps[p.steps[0]].kind === 'status')!;
    const names = content.services.find((s) => s.id === service.service)!.statusNames;
    const h = harness({ feed: new FixtureStatusFeed(report([{ name: names[0], start: null, type: 'Issue' }])) });
    const replies = await h.say(`${service.intent} on my iphone`);
    const line = replies.find((r) => r.resync?.messageKey === 'status.outageIntro')!.text.split('\n')[1];
    expect(line).toContain(names[0]);
    expect(line).not.toMatch(/\bsince\b/);
    expect(line).not.toContain(content.messages['status.sinceUnknown'] as string);
  });

  it('an event with a start says its time with the zone', async () => {
    const h = harness({ feed: new FixtureStatusFeed(outage(content.alwaysCheck[0], '2026-03-10T21:36:00Z')) });
    const pb = Object.values(content.playbooks).find((p) => p.service && content.steps[p.steps[0]].kind === 'status')!;
    const replies = await h.say(`${pb.intent} on my iphone`);
    expect(replies.find((r) => r.resync?.messageKey === 'status.outageIntro')!.text).toContain('21:36 UTC');
  });
});

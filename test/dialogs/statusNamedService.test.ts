/**
 * "Is iCloud Mail down?" when Mail has no event but other iCloud services do: the bot says first
 * that Mail itself is working normally (`status.namedServiceFine`), then lists the others as for
 * "Is iCloud down?". With an event on Mail, or no service named, there is no such line.
 */
import type { StatusReport } from '../../src/status/statusFeed';
import { FixtureStatusFeed, harness, keys, NOW, realContent } from './helpers';

const content = realContent();
const statusOnly = Object.values(content.playbooks).find((p) => p.handoff === false && p.stepOptions?.[p.steps[0]]?.statusScope === 'all')!;
const mail = content.services.find((s) => s.id === 'mail')!;
const photos = content.services.find((s) => s.id === 'photos')!;
const drive = content.services.find((s) => s.id === 'drive')!;

function report(names: string[]): StatusReport {
  return {
    ok: true,
    fetchedAt: new Date(NOW),
    services: names.map((name) => ({
      serviceName: name,
      activeEvents: [{ statusType: 'Outage', eventStatus: 'ongoing', usersAffected: 'Some users are affected', start: new Date('2026-03-10T13:05:00Z'), message: `${name} is down.` }],
    })),
  };
}

describe('status for a named service', () => {
  it('Mail named, only Photos and iCloud Drive down: Mail is fine first, then the list, then the end', async () => {
    const h = harness({ feed: new FixtureStatusFeed(report([photos.statusNames[0], drive.statusNames[0]])) });
    const replies = await h.say(`${statusOnly.intent} service:${mail.id}`);
    expect(keys(replies)).toEqual(['playbook.intro', 'status.namedServiceFine', 'status.outageIntro', 'status.stopped']);
    expect(replies[1].text).toContain(mail.label);
    expect(replies[1].resync).toMatchObject({ playbook: statusOnly.id, stepId: statusOnly.steps[0] });
    expect(replies[2].text).toContain(photos.statusNames[0]);
    expect(replies[2].text).toContain(drive.statusNames[0]);
  });

  it('Mail named and Mail down: no "working normally" line', async () => {
    const h = harness({ feed: new FixtureStatusFeed(report([photos.statusNames[0], mail.statusNames[0]])) });
    const replies = await h.say(`${statusOnly.intent} service:${mail.id}`);
    expect(keys(replies)).toEqual(['playbook.intro', 'status.outageIntro', 'status.stopped']);
  });

  it('no service named: no "working normally" line', async () => {
    const h = harness({ feed: new FixtureStatusFeed(report([photos.statusNames[0]])) });
    const replies = await h.say(statusOnly.intent);
    expect(keys(replies)).toEqual(['playbook.intro', 'status.outageIntro', 'status.stopped']);
  });

  it('Mail named and nothing down anywhere: the all-clear only', async () => {
    const h = harness({ feed: new FixtureStatusFeed(report([])) });
    const replies = await h.say(`${statusOnly.intent} service:${mail.id}`);
    expect(keys(replies)).toEqual(['playbook.intro', 'status.allClear']);
  });
});

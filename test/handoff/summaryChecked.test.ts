/**
 * Tester round 7, item 14 (tickets of B03, E07, C01, D02): what the agent summary says was checked.
 * Storage answered "No, there's plenty of space" was stored as `skipped` (an agent reads "not
 * checked"); the status check was listed as `not-fixed` in every ticket, outage or not; D02 listed
 * contact-support twice, with account-access after the first. Now: `checked` with the answer,
 * "checked: no outage" (or the outage found), and each step once with its last outcome.
 */
import type { StepRecord, TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { buildSummary, CHECKED_OUTCOME, lastOutcomes, stepLabel, statusLine } from '../../src/handoff/handoffSummary';
import { stepCatalog } from '../../src/handoff/stepCatalog';
import { realContent } from '../dialogs/helpers';

const AT = '2026-03-10T15:45:00.000Z';
const catalog = stepCatalog(realContent().steps);
const ALL_CLEAR_LINE = statusLine({ ok: true, fetchedAt: new Date(AT), services: [] });

function step(playbook: string, name: string, outcome: StepRecord['outcome'], answer?: string): StepRecord {
  return { playbook, step: name, outcome, at: AT, ...(answer ? { answer } : {}) };
}

/** The B03 ticket's record: iCloud Drive on a Mac, storage answered "plenty", the switches step, then a person. */
const b03: TroubleshootingRecord = {
  intent: 'drive-not-syncing',
  service: 'drive',
  device: 'mac',
  firstUtterance: 'desktop folder on my imac not showing on my macbook',
  steps: [
    step('drive-not-syncing', 'system-status', 'not-fixed'),
    step('drive-not-syncing', 'apple-id', 'not-fixed', 'same'),
    step('drive-not-syncing', 'storage', 'skipped', 'has-space'),
    step('drive-not-syncing', 'service-toggles', 'not-fixed'),
    step('drive-not-syncing', 'contact-support', 'support-options'),
  ],
};

/** The D02 record (A2-D02 in round 7): the handoff step, then the two-factor step answered, then the handoff step again. */
const d02: TroubleshootingRecord = {
  intent: 'sign-in-problem',
  device: 'ipad',
  steps: [
    step('sign-in-problem', 'system-status', 'not-fixed'),
    step('sign-in-problem', 'contact-support', 'support-options'),
    step('sign-in-problem', 'account-access', 'not-fixed', 'no-code'),
    step('sign-in-problem', 'contact-support', 'support-options'),
  ],
};

describe('tester round 7, item 14: the agent summary', () => {
  it('B03: storage answered "No, there\'s plenty of space" is checked with its answer, not skipped', () => {
    const summary = buildSummary({ record: b03, status: ALL_CLEAR_LINE, catalog });
    const storage = summary.steps.find((s) => s.step === 'storage')!;
    expect(storage.outcome).toBe(CHECKED_OUTCOME);
    expect(storage.answer).toBe("No, there's plenty of space");
    expect(stepLabel(storage)).toBe("checked: No, there's plenty of space");
    // Still not counted as a step tried: 2 (the account and the switches).
    expect(summary.oneLine).toContain(' · 2 steps tried');
  });

  it('every ticket listed system-status as not fixed: with no outage it is "checked: no outage"', () => {
    const summary = buildSummary({ record: b03, status: ALL_CLEAR_LINE, catalog });
    const status = summary.steps.find((s) => s.step === 'system-status')!;
    expect(status).toEqual({ playbook: 'drive-not-syncing', step: 'system-status', outcome: CHECKED_OUTCOME, answer: 'no outage' });
    expect(stepLabel(status)).toBe('checked: no outage');
  });

  it('with an outage listed, the status check says the outage found', () => {
    const outage = statusLine({
      ok: true,
      services: [{ serviceName: 'iCloud Drive', activeEvents: [{ statusType: 'Outage', eventStatus: 'ongoing', start: new Date('2026-03-10T13:05:00Z') }] }],
    } as never);
    const status = buildSummary({ record: b03, status: outage, catalog }).steps[0];
    expect(stepLabel(status)).toBe('checked: iCloud Drive: Outage since 2026-03-10 13:05 UTC');
  });

  it('with the feed unreadable or not asked, the status check is "checked" and nothing is made up', () => {
    const unreadable = buildSummary({ record: b03, status: statusLine({ ok: false, reason: 'timeout' } as never), catalog }).steps[0];
    expect(stepLabel(unreadable)).toBe('checked');
    const unasked = buildSummary({ record: b03, catalog }).steps[0];
    expect(unasked).not.toHaveProperty('answer');
    // A status check stopped at (an outage, "Stop, I'll check later") still says so.
    const stopped = buildSummary({ record: { steps: [step('drive-not-syncing', 'system-status', 'user-left')] }, status: ALL_CLEAR_LINE, catalog }).steps[0];
    expect(stepLabel(stopped)).toBe('stopped here');
  });

  it('D02: contact-support once, after account-access (each step once, its last outcome, in that order)', () => {
    const summary = buildSummary({ record: d02, status: ALL_CLEAR_LINE, catalog });
    expect(summary.steps.map((s) => s.step)).toEqual(['system-status', 'account-access', 'contact-support']);
    expect(summary.steps[1]).toMatchObject({ outcome: 'not-fixed', answer: 'The code never arrives' });
    expect(summary.oneLine).toContain(' · 1 step tried');
  });

  it('a step tried twice keeps its last outcome; the same step id in two playbooks is two steps', () => {
    const steps = [
      step('photos-not-syncing', 'network', 'partly-fixed'),
      step('photos-not-syncing', 'restart', 'not-fixed'),
      step('photos-not-syncing', 'network', 'not-fixed', 'wifi'),
      step('sign-in-problem', 'network', 'not-fixed'),
    ];
    expect(lastOutcomes(steps).map((s) => `${s.playbook}/${s.step}:${s.outcome}`)).toEqual([
      'photos-not-syncing/restart:not-fixed',
      'photos-not-syncing/network:not-fixed',
      'sign-in-problem/network:not-fixed',
    ]);
  });

  it('a summary stored before "checked" existed (skipped with an answer) still reads as checked', () => {
    expect(stepLabel({ outcome: 'skipped', answer: "No, there's plenty of space" })).toBe("checked: No, there's plenty of space");
    expect(stepLabel({ outcome: 'skipped' })).toBe('skipped');
  });
});

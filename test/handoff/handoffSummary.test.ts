/**
 * The agent's summary of a troubleshooting record: which steps were tried, which helped partly
 * (never counted as a fix), and records saved before `partly-fixed` existed read as before.
 */
import type { StepRecord, TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { buildSummary, OUTCOME_LABELS, outcomeLabel } from '../../src/handoff/handoffSummary';

const AT = '2026-03-10T15:30:00.000Z';
const step = (step: string, outcome: string): StepRecord => ({ playbook: 'photos-not-syncing', step, outcome: outcome as StepRecord['outcome'], at: AT });
const record = (...steps: StepRecord[]): TroubleshootingRecord => ({ intent: 'photos-not-syncing', service: 'photos', device: 'iphone', steps });

describe('buildSummary', () => {
  it('a partial fix counts as tried and is named in the one line, never as a fix', () => {
    const summary = buildSummary({ record: record(step('system-status', 'not-fixed'), step('apple-id', 'partly-fixed'), step('storage', 'skipped'), step('contact-support', 'support-options')) });
    expect(summary.oneLine).toBe('photos-not-syncing · photos · iphone · 3 steps tried (1 helped partly)');
    expect(summary.steps.map((s) => s.outcome)).toEqual(['not-fixed', 'partly-fixed', 'skipped', 'support-options']);
    expect(summary.steps.some((s) => s.outcome === 'fixed')).toBe(false);
  });

  it('two partial fixes, and one step tried', () => {
    expect(buildSummary({ record: record(step('apple-id', 'partly-fixed'), step('network', 'partly-fixed')) }).oneLine).toContain('2 steps tried (2 helped partly)');
    expect(buildSummary({ record: record(step('apple-id', 'partly-fixed')) }).oneLine).toContain('1 step tried (1 helped partly)');
  });

  it('an old record (before partly-fixed) reads as before: no "helped partly"', () => {
    const old = JSON.parse(JSON.stringify(record(step('apple-id', 'not-fixed'), step('storage', 'skipped'), step('contact-support', 'handed-off')))) as TroubleshootingRecord;
    const summary = buildSummary({ record: old, problem: 'my photos stopped' });
    expect(summary.oneLine).toBe('photos-not-syncing · photos · iphone · 2 steps tried · "my photos stopped"');
    expect(summary.oneLine).not.toContain('partly');
  });

  it('problems named in the same message and not started yet are in the one line and the summary', () => {
    const summary = buildSummary({ record: { ...record(step('apple-id', 'not-fixed')), alsoReported: ['contacts-not-syncing', 'notes-not-syncing'] }, problem: 'all three' });
    expect(summary.oneLine).toBe('photos-not-syncing · photos · iphone · 1 step tried · also reported: contacts-not-syncing, notes-not-syncing · "all three"');
    expect(summary.alsoReported).toEqual(['contacts-not-syncing', 'notes-not-syncing']);
    expect(buildSummary({ record: record(step('apple-id', 'not-fixed')) }).alsoReported).toBeUndefined();
  });

  it('an outcome this version does not know is listed, not counted as tried', () => {
    const summary = buildSummary({ record: record(step('apple-id', 'some-later-outcome'), step('network', 'not-fixed')) });
    expect(summary.steps[0].outcome).toBe('some-later-outcome');
    expect(summary.oneLine).toContain('1 step tried');
  });
});

describe('outcomeLabel', () => {
  it('names every outcome for an agent; a partial fix "helped partly"', () => {
    expect(outcomeLabel('partly-fixed')).toBe('helped partly');
    expect(outcomeLabel('not-fixed')).not.toBe(outcomeLabel('partly-fixed'));
    expect(new Set(Object.values(OUTCOME_LABELS)).size).toBe(Object.keys(OUTCOME_LABELS).length);
  });

  it('shows an unknown outcome as stored (and nothing inherited from Object)', () => {
    expect(outcomeLabel('some-later-outcome')).toBe('some-later-outcome');
    expect(outcomeLabel('toString')).toBe('toString');
  });
});

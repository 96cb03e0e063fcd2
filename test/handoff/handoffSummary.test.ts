/**
 * The agent's summary of a troubleshooting record: which steps were tried, which helped partly
 * (never counted as a fix), and records saved before `partly-fixed` existed read as before.
 */
import type { StepRecord, TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { buildSummary, OUTCOME_LABELS, outcomeLabel, stepLabel } from '../../src/handoff/handoffSummary';
import { stepCatalog } from '../../src/handoff/stepCatalog';
import { realContent } from '../dialogs/helpers';

const AT = '2026-03-10T15:30:00.000Z';
const step = (step: string, outcome: string): StepRecord => ({ playbook: 'photos-not-syncing', step, outcome: outcome as StepRecord['outcome'], at: AT });
const record = (...steps: StepRecord[]): TroubleshootingRecord => ({ intent: 'photos-not-syncing', service: 'photos', device: 'iphone', steps });

describe('buildSummary', () => {
  it('a partial fix counts as tried and is named in the one line, never as a fix', () => {
    const summary = buildSummary({ record: record(step('system-status', 'not-fixed'), step('apple-id', 'partly-fixed'), step('storage', 'skipped'), step('contact-support', 'support-options')) });
    // Without the content's step kinds the status check counts; a skipped step never does (tester round 6, A9).
    expect(summary.oneLine).toBe('photos-not-syncing · photos · iphone · 2 steps tried (1 helped partly)');
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
    expect(summary.oneLine).toBe('photos-not-syncing · photos · iphone · 1 step tried · "my photos stopped"');
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

describe('tester round 6, A9: what the summary says was done', () => {
  const catalog = stepCatalog(realContent().steps);
  const answered = (name: string, outcome: string, answer: string): StepRecord => ({ ...step(name, outcome), answer });
  /** G01: a Mac's photos, every device step done, storage answered "plenty". */
  const g01: TroubleshootingRecord = {
    ...record(
      step('system-status', 'not-fixed'),
      answered('apple-id', 'not-fixed', 'same'),
      answered('storage', 'skipped', 'has-space'),
      step('service-toggles', 'not-fixed'),
      answered('network', 'not-fixed', 'wifi'),
      step('restart', 'not-fixed'),
      step('software-update', 'not-fixed'),
      step('contact-support', 'support-options'),
    ),
    device: 'mac',
  };

  it('G01 said "7 steps tried": only the 5 steps the person did count (not the status check, not storage, answered "plenty")', () => {
    const summary = buildSummary({ record: g01, problem: 'photos not syncing on my macbook air', catalog });
    expect(summary.oneLine).toContain(' · 5 steps tried · ');
  });

  it('A06 said "2 steps tried" with only the account step done: 1 step tried', () => {
    const summary = buildSummary({ record: record(step('system-status', 'not-fixed'), step('apple-id', 'not-fixed'), step('contact-support', 'support-options')), catalog });
    expect(summary.oneLine).toContain(' · 1 step tried');
  });

  it('storage answered "plenty of space" shows as checked with the answer, not as skipped; chosen answers are in words', () => {
    const summary = buildSummary({ record: g01, catalog });
    const storage = summary.steps.find((s) => s.step === 'storage')!;
    expect(storage.answer).toMatch(/plenty of space/);
    expect(stepLabel(storage)).toMatch(/^checked: .*plenty of space/);
    expect(stepLabel(storage)).not.toContain('skipped');
    const network = summary.steps.find((s) => s.step === 'network')!;
    expect(network.answer).toBe('Wi-Fi');
    expect(stepLabel(network)).toBe("didn't help (answered: Wi-Fi)");
  });

  it('"storage full" chosen is in the summary', () => {
    const summary = buildSummary({ record: record(answered('storage', 'not-fixed', 'full')), catalog });
    expect(stepLabel(summary.steps[0])).toMatch(/full/i);
  });

  it('an answer the content no longer has is shown by its id; a step with none reads as before', () => {
    const summary = buildSummary({ record: record(answered('network', 'not-fixed', 'carrier-pigeon'), step('storage', 'skipped')), catalog });
    expect(summary.steps[0].answer).toBe('carrier-pigeon');
    expect(stepLabel(summary.steps[1])).toBe('skipped');
    expect(summary.steps[1]).not.toHaveProperty('answer');
  });

  it('the lines that described the problem reach the summary, redacted, the problem itself once, the last five', () => {
    const said = ['photos not syncing on my iphone', 'the code goes to my old phone which is broken', 'my number is +44 20 7946 0000 if you need it'];
    const summary = buildSummary({ record: record(step('apple-id', 'not-fixed')), problem: 'photos not syncing on my iphone', said });
    expect(summary.said?.[0]).toBe('the code goes to my old phone which is broken');
    expect(summary.said?.[1]).not.toContain('7946');
    expect(summary.said).toHaveLength(2);
    const many = buildSummary({ record: record(), said: Array.from({ length: 8 }, (_, i) => `line number ${i} about it`) });
    expect(many.said).toEqual(['line number 3 about it', 'line number 4 about it', 'line number 5 about it', 'line number 6 about it', 'line number 7 about it']);
    expect(buildSummary({ record: record() })).not.toHaveProperty('said');
  });
});

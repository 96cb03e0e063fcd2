/**
 * What the agent sees first about an escalation: built from the dialog engine's troubleshooting
 * record, the status feed's one line, and the person's problem in their own words (redacted).
 */
import type { StatusReport } from '../status/statusFeed';
import { TRIED_OUTCOMES, type StepOutcome, type TroubleshootingRecord } from '../dialogs/troubleshootingRecord';
import { redactText } from '../privacy/redact';
import type { HandoffSummary } from './agentHub';
import type { StepCatalog } from './stepCatalog';

/** How an agent reads each step outcome (the summary's one line, the agent console). */
export const OUTCOME_LABELS: Record<StepOutcome, string> = {
  fixed: 'fixed it',
  'partly-fixed': 'helped partly',
  'not-fixed': "didn't help",
  skipped: 'skipped',
  'user-left': 'stopped here',
  'support-options': "Apple's support options given",
  'handed-off': 'handed to a person',
};

/** The agent's words for an outcome; an outcome this version does not know is shown as stored. */
export function outcomeLabel(outcome: string): string {
  return Object.hasOwn(OUTCOME_LABELS, outcome) ? OUTCOME_LABELS[outcome as StepOutcome] : outcome;
}

/**
 * The summary's own outcome for a step that was looked at and needed nothing done: a question whose
 * answer left nothing to do (storage "No, there's plenty of space"), or the bot's status check.
 * Never in a troubleshooting record (there the step is `skipped`, or the status check `not-fixed`).
 */
export const CHECKED_OUTCOME = 'checked';

/** The answer of the status check when Apple reports no problem (else the outage found, the status line). */
export const NO_OUTAGE = 'no outage';

/** `statusLine` when the feed lists no unresolved event. */
export const NO_PROBLEMS_LINE = 'no problems reported by Apple';

/** How `statusLine` starts when the feed could not be read. */
const STATUS_UNAVAILABLE = 'status feed unavailable';

/**
 * The agent's words for a step of the summary: a checked step ("checked: No, there's plenty of
 * space", "checked: no outage"; a summary stored before `checked` existed says skipped with an
 * answer), any other answer follows the outcome; without one, the outcome.
 */
export function stepLabel(step: { outcome: string; answer?: string }): string {
  if (step.outcome === CHECKED_OUTCOME) return step.answer ? `checked: ${step.answer}` : 'checked';
  if (!step.answer) return outcomeLabel(step.outcome);
  if (step.outcome === 'skipped') return `checked: ${step.answer}`;
  return `${outcomeLabel(step.outcome)} (answered: ${step.answer})`;
}

/** Longest `oneLine` and `problem` kept; at most SAID_MAX other lines of SAID_LINE_MAX characters. */
export const ONE_LINE_MAX = 140;
export const PROBLEM_MAX = 1000;
export const SAID_MAX = 5;
export const SAID_LINE_MAX = 300;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + '…';
}

export interface SummaryInput {
  record: TroubleshootingRecord;
  /** The person's problem in their own words (redacted here). */
  problem?: string;
  /** The status feed's one line; undefined when it was not asked. */
  status?: string | null;
  /** Other lines in which the person described the problem (redacted here; the problem itself is left out). */
  said?: readonly string[];
  /** Step kinds and choice titles from the content (see AgentHubDeps.steps). */
  catalog?: StepCatalog;
}

type SummaryStep = HandoffSummary['steps'][number];

/**
 * Each step once, with its last outcome, in the order of those last outcomes: a step asked for a
 * person at and answered after ("contact-support", "account-access", "contact-support") is listed
 * where it ended, and the hand-over step once at the end.
 */
export function lastOutcomes<T extends { playbook: string; step: string }>(steps: readonly T[]): T[] {
  const key = (s: T) => `${s.playbook}\u0000${s.step}`;
  const last = new Map<string, number>();
  steps.forEach((s, i) => last.set(key(s), i));
  return steps.filter((s, i) => last.get(key(s)) === i);
}

/**
 * A record's step as the agent reads it: the answer by its title; a step skipped because its answer
 * left nothing to do is `checked`, with the answer; the bot's status check that went on (the
 * record's `not-fixed`: nothing of Apple's stopped it, or the person carried on anyway) is `checked`,
 * with what Apple's status says at the hand-over ("no outage", or the outage found; none when unknown).
 */
function summaryStep(s: TroubleshootingRecord['steps'][number], status: string | null | undefined, catalog: StepCatalog | undefined): SummaryStep {
  const step: SummaryStep = { playbook: s.playbook, step: s.step, outcome: s.outcome };
  if (s.answer) step.answer = catalog?.choiceTitle(s.step, s.answer) ?? s.answer;
  if (s.outcome === 'skipped' && step.answer) step.outcome = CHECKED_OUTCOME;
  if (catalog?.kind(s.step) === 'status' && s.outcome === 'not-fixed') {
    step.outcome = CHECKED_OUTCOME;
    const found = status === NO_PROBLEMS_LINE ? NO_OUTAGE : status && !status.startsWith(STATUS_UNAVAILABLE) ? status : undefined;
    if (found) step.answer = found;
  }
  return step;
}

export function buildSummary({ record, problem, status, said, catalog }: SummaryInput): HandoffSummary {
  const words = problem?.trim() ? clip(redactText(problem).text, PROBLEM_MAX) : undefined;
  const steps = lastOutcomes(record.steps).map((s) => summaryStep(s, status, catalog));
  // Steps the person did: not the bot's own status check, not one skipped.
  const tried = steps.filter((s) => TRIED_OUTCOMES.includes(s.outcome) && catalog?.kind(s.step) !== 'status').length;
  const partly = steps.filter((s) => s.outcome === 'partly-fixed').length;
  const parts = [record.intent ?? 'asked for a person', record.service, record.device].filter((p): p is string => Boolean(p));
  let oneLine = parts.join(' · ');
  if (steps.length > 0) oneLine += ` · ${tried} step${tried === 1 ? '' : 's'} tried${partly > 0 ? ` (${partly} ${OUTCOME_LABELS['partly-fixed']})` : ''}`;
  const also = record.alsoReported ?? [];
  if (also.length > 0) oneLine += ` · also reported: ${also.join(', ')}`;
  if (words) oneLine += ` · "${words}"`;
  const summary: HandoffSummary = { steps, oneLine: clip(oneLine, ONE_LINE_MAX) };
  if (record.intent) summary.intent = record.intent;
  if (record.device) summary.device = record.device;
  if (record.service) summary.service = record.service;
  if (also.length > 0) summary.alsoReported = [...also];
  if (words) summary.problem = words;
  const lines = [...new Set((said ?? []).map((l) => clip(redactText(l).text, SAID_LINE_MAX)).filter((l) => l && l !== words))].slice(-SAID_MAX);
  if (lines.length > 0) summary.said = lines;
  if (status !== undefined) summary.status = status;
  return summary;
}

/** One line for the agent: the unresolved events, or that none are reported, or why we don't know. */
export function statusLine(report: StatusReport): string {
  if (!report.ok) return `${STATUS_UNAVAILABLE} (${report.reason})`;
  const events: string[] = [];
  for (const service of report.services ?? []) {
    for (const event of service.activeEvents ?? []) {
      const state = String(event.eventStatus ?? '').toLowerCase();
      if (state === 'resolved' || state === 'upcoming') continue;
      events.push(`${service.serviceName}: ${event.statusType || 'issue'}${event.start ? ` since ${event.start.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}`);
    }
  }
  return events.length ? clip(events.join('; '), 300) : NO_PROBLEMS_LINE;
}

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
 * The agent's words for a step of the summary: a skipped step with an answer was checked ("checked:
 * No, there's plenty of space"), any other answer follows the outcome; without one, the outcome.
 */
export function stepLabel(step: { outcome: string; answer?: string }): string {
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

export function buildSummary({ record, problem, status, said, catalog }: SummaryInput): HandoffSummary {
  const words = problem?.trim() ? clip(redactText(problem).text, PROBLEM_MAX) : undefined;
  const steps = record.steps.map((s) => {
    const step: HandoffSummary['steps'][number] = { playbook: s.playbook, step: s.step, outcome: s.outcome };
    if (s.answer) step.answer = catalog?.choiceTitle(s.step, s.answer) ?? s.answer;
    return step;
  });
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
  if (!report.ok) return `status feed unavailable (${report.reason})`;
  const events: string[] = [];
  for (const service of report.services ?? []) {
    for (const event of service.activeEvents ?? []) {
      const state = String(event.eventStatus ?? '').toLowerCase();
      if (state === 'resolved' || state === 'upcoming') continue;
      events.push(`${service.serviceName}: ${event.statusType || 'issue'}${event.start ? ` since ${event.start.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}`);
    }
  }
  return events.length ? clip(events.join('; '), 300) : 'no problems reported by Apple';
}

/**
 * What a playbook says about Apple's system status: at its status step (the person's service and
 * `alwaysCheck`, or every iCloud service with `statusScope: all`), and when "is iCloud down?" is
 * asked mid-way (every service, with the time of the check). Pure functions of the feed's report;
 * the dialog fetches it, sends the lines and moves the flow on.
 */
import type { Step } from '../../content/playbookSchema';
import type { Recognition } from '../../nlu/recognizer';
import type { StatusReport } from '../../status/statusFeed';
import { fill } from '../messages';
import { formatSince, relevantEvents } from '../statusCheck';
import type { PlaybookState } from './state';
import { stepMessage, stepOptions, statusStep, varsFor, type Line, type PlaybookRun } from './stepContent';

/**
 * The status step's reply to the report, and what follows it: `skipped` (no report), `not-fixed`
 * (all clear, or an outage at the last step: report and end, never pause or promise device checks)
 * or `pause` (an outage: the pause question, device checks anyway or stop).
 */
export function statusStepReply(run: PlaybookRun, state: PlaybookState, step: Step, report: StatusReport): { lines: Line[]; then: 'skipped' | 'not-fixed' | 'pause' } {
  const m = (key: string) => stepMessage(run, step, key) ?? '';
  const last = state.stepIndex >= run.playbook.steps.length - 1;
  if (!report.ok) return { lines: [{ text: fill(m('unavailable'), varsFor(run, state)), key: 'status.unavailable' }], then: 'skipped' };
  const events = relevantEvents(report, statusNames(run, state, step));
  if (events.length === 0) return { lines: [{ text: fill(m('allClear'), varsFor(run, state)), key: 'status.allClear' }], then: 'not-fixed' };
  const lines: Line[] = [];
  // Asked about one service ("is iCloud Mail down?") and only others have events: answer that first.
  const named = namedServiceFine(run, state, step, events);
  if (named) lines.push({ text: run.engine.messages.text('status.namedServiceFine', varsFor(run, state, { service: named })), key: 'status.namedServiceFine' });
  const now = run.engine.clock.now();
  const eventLines = events.map(({ serviceName, event }) => {
    const since = formatSince(event.start, now);
    const vars = varsFor(run, state, { serviceName, statusType: event.statusType, usersAffected: event.usersAffected, message: event.message });
    if (since === undefined && stepMessage(run, step, 'eventLineNoStart')) return fill(m('eventLineNoStart'), vars);
    return fill(m('eventLine'), { ...vars, since: since ?? run.engine.messages.text('status.sinceUnknown') });
  });
  lines.push({ text: [fill(m('outageIntro'), varsFor(run, state)), ...eventLines].join('\n'), key: 'status.outageIntro' });
  if (!last) return { lines, then: 'pause' };
  lines.push({ text: fill(m('stopped'), varsFor(run, state)), key: 'status.stopped' });
  return { lines, then: 'not-fixed' };
}

/**
 * The label of the service the person named, when the status step lists every iCloud service
 * (`statusScope: all`) and none of the events is that service's; undefined otherwise.
 */
function namedServiceFine(run: PlaybookRun, state: PlaybookState, step: Step, events: readonly { serviceName: string }[]): string | undefined {
  if (stepOptions(run, step.id)?.statusScope !== 'all' || !state.service) return undefined;
  const service = run.engine.content.services.find((s) => s.id === state.service);
  if (!service) return undefined;
  const names = new Set(service.statusNames.map((n) => n.trim().toLowerCase()));
  return events.some((e) => names.has(e.serviceName.trim().toLowerCase())) ? undefined : service.label;
}

/** Status-feed names to look up: the service's and alwaysCheck, or (scope `all`) every iCloud service's too. */
function statusNames(run: PlaybookRun, state: PlaybookState, step: Step): string[] {
  const services = run.engine.content.services;
  const named = services.find((s) => s.id === state.service)?.statusNames ?? [];
  const names = [...named, ...run.engine.content.alwaysCheck];
  if (stepOptions(run, step.id)?.statusScope === 'all') names.push(...services.flatMap((s) => s.statusNames));
  return [...new Set(names)];
}

/**
 * "Is iCloud down?" asked mid-way: the events of every iCloud service (the one asked about first,
 * and a line when it has none), or that none are reported, with the time of the check (`now`) in UTC.
 */
export function statusAsideLines(run: PlaybookRun, state: PlaybookState, report: StatusReport, recognition: Recognition, now: Date): Line[] {
  const e = run.engine;
  const checkedAt = formatSince(now, now);
  if (!report.ok) return [{ text: e.messages.text('status.asideUnavailable', varsFor(run, state)), key: 'status.asideUnavailable' }];
  const asked = e.content.services.find((s) => s.id === e.serviceIn(recognition));
  const names = [...(asked?.statusNames ?? []), ...e.content.alwaysCheck, ...e.content.services.flatMap((s) => s.statusNames)];
  const events = relevantEvents(report, [...new Set(names)]);
  if (events.length === 0) return [{ text: e.messages.text('status.asideAllClear', { checkedAt }), key: 'status.asideAllClear' }];
  const lines: Line[] = [];
  const askedNames = new Set((asked?.statusNames ?? []).map((n) => n.trim().toLowerCase()));
  if (asked && !events.some((x) => askedNames.has(x.serviceName.trim().toLowerCase()))) {
    lines.push({ text: e.messages.text('status.namedServiceFine', varsFor(run, state, { service: asked.label })), key: 'status.namedServiceFine' });
  }
  const eventLines = events.map(({ serviceName, event }) => {
    const since = formatSince(event.start, now);
    const vars = { serviceName, statusType: event.statusType, usersAffected: event.usersAffected, message: event.message };
    if (since === undefined) return e.messages.text('status.asideEventNoStart', vars);
    return e.messages.text('status.asideEvent', { ...vars, since });
  });
  lines.push({ text: [e.messages.text('status.asideOutage', { checkedAt }), ...eventLines].join('\n'), key: 'status.asideOutage' });
  return lines;
}

/**
 * True when an outage of the service being worked on, found by "is iCloud down?" at a step's
 * question or "Did that fix it?", calls for the choice the status step offers at the start (its
 * pause question and buttons: device checks anyway, or stop), in this playbook's words. False when
 * the playbook has no status step or nothing matches.
 */
export function outagePausesHere(run: PlaybookRun, state: PlaybookState, report: StatusReport & { ok: true }): boolean {
  if (state.phase !== 'question' && state.phase !== 'fixed') return false;
  return outageOfService(run, state, report);
}

/**
 * True when the report lists an outage of the service being worked on (the names the playbook's
 * status step looks up) and the playbook can pause for it (its status step has a pause question):
 * the test for the pause mid-way (outagePausesHere), and at the pause itself for "is it fixed now?"
 * (false: the outage has cleared).
 */
export function outageOfService(run: PlaybookRun, state: PlaybookState, report: StatusReport & { ok: true }): boolean {
  const step = statusStep(run);
  if (!step || run.handoffOnly || !stepMessage(run, step, 'pauseQuestion')) return false;
  return relevantEvents(report, statusNames(run, state, step)).length > 0;
}

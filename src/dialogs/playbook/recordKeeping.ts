/**
 * What a playbook writes into the troubleshooting record and the person's profile: what it starts
 * on, a step's outcome (replacing the "not fixed" kept when a person was asked for mid-way), the handoff that
 * ended a live chat, and a device change. Pure functions on the record, profile and state; the
 * dialog loads and saves them through the engine.
 */
import type { StepOutcome, TroubleshootingRecord, UserProfile } from '../troubleshootingRecord';
import { redacted, type PlaybookOptions, type PlaybookState } from './state';
import type { PlaybookRun } from './stepContent';

/**
 * Adds a step's outcome. The step's real answer replaces the "not fixed" recorded when a person
 * was asked for at it (state.interrupted), which is then cleared. `answer`: the choice picked at
 * the step's question ("full": the summary can say the storage is full).
 */
export function addOutcome(record: TroubleshootingRecord, playbookId: string, state: PlaybookState, outcome: StepOutcome, stepId: string, at: string, answer?: string): void {
  const interrupted = state.interrupted;
  if (interrupted?.step === stepId) {
    state.interrupted = undefined;
    const i = record.steps.findIndex((s) => s.playbook === playbookId && s.step === stepId && s.outcome === 'not-fixed' && s.at === interrupted.at);
    if (i >= 0) record.steps.splice(i, 1);
  }
  record.steps.push({ playbook: playbookId, step: stepId, outcome, at, ...(answer !== undefined ? { answer } : {}) });
}

/** A person from the support team had the conversation and closed the chat: the handoff step is recorded handed off, once. */
export function noteHandedOff(record: TroubleshootingRecord, playbookId: string, handoffStepId: string | undefined, at: string): void {
  const last = record.steps[record.steps.length - 1];
  if (handoffStepId && last?.outcome !== 'handed-off') record.steps.push({ playbook: playbookId, step: handoffStepId, outcome: 'handed-off', at });
}

/** The device we work on changes: steps tried and questions answered so far were for the other one. */
export function changeDevice(state: PlaybookState, profile: UserProfile, record: TroubleshootingRecord, deviceId: string): void {
  state.device = deviceId;
  state.tried = [];
  state.answered = [];
  profile.device = deviceId;
  record.device = deviceId;
}

/**
 * A playbook starts: the device named for it is remembered; the record takes its intent, service,
 * the first message (redacted, only the first) and the device (not for the stand-alone "talk to a
 * person" flow, which has no problem of its own).
 */
export function noteStart(run: PlaybookRun, state: PlaybookState, opts: PlaybookOptions, profile: UserProfile, record: TroubleshootingRecord): void {
  if (opts.device && run.engine.device(opts.device)) profile.device = opts.device;
  if (!run.handoffOnly) {
    record.intent = run.playbook.intent;
    record.service = state.service;
    if (opts.utterance && !record.firstUtterance) record.firstUtterance = redacted(opts.utterance);
  }
  if (state.device) record.device = state.device;
}

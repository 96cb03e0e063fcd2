/**
 * Content changed under a running conversation (the state's content version is not this
 * playbook's): where the conversation carries on. Moves the state there and says what the dialog
 * does next; the dialog logs, sends and runs.
 */
import { leaveHandoff, settle, type PlaybookState } from './state';
import { placeStillFits, type PlaybookRun } from './stepContent';

export type AfterChange =
  /** Same content: nothing to do. */
  | { then: 'unchanged' }
  /** The step id still exists: carry on there; `stillValid` false when its place no longer fits (run from it again). */
  | { then: 'sameStep'; stillValid: boolean }
  /** The step is gone: the playbook starts again (a short note first), at the device question when `askDevice`. */
  | { then: 'restart'; askDevice: boolean };

/**
 * Carry on at the same step id when it still exists (a switch offer or a handoff underway is
 * dropped, back to the prompt it interrupted); otherwise this playbook from its start, with what
 * was tried and answered forgotten. The state takes the new version either way.
 */
export function placeAfterChange(run: PlaybookRun, state: PlaybookState): AfterChange {
  const { playbook, engine } = run;
  if (state.version === playbook.contentVersion) return { then: 'unchanged' };
  state.version = playbook.contentVersion;
  state.switchTo = undefined;
  settle(state);
  if (state.phase === 'handoff') leaveHandoff(state);
  // On a choice's further step (not in the playbook): the step it came from holds the place.
  const index = playbook.steps.indexOf(state.further?.from ?? state.stepId);
  const step = engine.content.steps[state.stepId];
  if (index >= 0 && step) {
    state.stepIndex = index;
    if (state.phase === 'switch') state.phase = state.resumePhase ?? 'fixed';
    return { then: 'sameStep', stillValid: placeStillFits(run, state, step) };
  }
  state.stepIndex = 0;
  state.tried = [];
  state.answered = [];
  const askDevice = !state.device && !run.handoffOnly && playbook.askDevice !== false;
  if (askDevice) state.phase = 'device';
  return { then: 'restart', askDevice };
}

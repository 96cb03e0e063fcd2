/**
 * Another problem named mid-way (recognised with confidence as another playbook): what it is to
 * the playbook under way. Pure functions of (run, state, recognition); the dialog answers the
 * status aside, queues the addition or offers the switch, and sends; then the answer to that
 * offer (answerSwitch).
 */
import type { LoadedPlaybook } from '../../content/loadContent';
import type { Recognition } from '../../nlu/recognizer';
import { matchChoice } from '../answers';
import { addsProblem } from '../main/queueHandOver';
import { correctedProblem, type QueuedProblem } from '../problemQueue';
import { deniesProblem, isCurrentProblem } from './answerReading';
import { FIXED, promptChoices, SWITCH } from './prompts';
import { redacted, settle, type PlaybookOptions, type PlaybookState } from './state';
import { markTried, type PlaybookRun } from './stepContent';

export interface OtherProblem {
  target: LoadedPlaybook;
  /** "Is iCloud down?" mid-way: answered from the status feed here, then the pending prompt (no switch). */
  status: boolean;
  /** "yes, notes too" at "Did that fix it?": this problem is fixed, then the offer of the other one. */
  fixedToo: boolean;
  /** What the switch offer keeps: the words (redacted), the service and a device named with it that is news. */
  switchTo: NonNullable<PlaybookState['switchTo']>;
  /** "ok my contacts too then": an addition to wait in the main dialog's queue (a switch offer when it can't). */
  addition?: QueuedProblem;
}

/**
 * The other problem the recognition names, or undefined when it means nothing here: no other
 * playbook, this problem said again, or that problem denied ("my storage isn't full").
 */
export function otherProblemIn(run: PlaybookRun, state: PlaybookState, recognition: Recognition): OtherProblem | undefined {
  const e = run.engine;
  const target = e.playbookForIntent(recognition.intent);
  if (!target || target.id === run.playbook.id || run.handoffOnly || isCurrentProblem(run, state, recognition)) return undefined;
  if (deniesProblem(target, recognition.text)) return undefined;
  const fixedToo = state.phase === 'fixed' && matchChoice(promptChoices(run, state), { text: recognition.text }, 'loose') === FIXED.yes;
  const kept = e.namedDevices(recognition).filter((n) => !n.ruledOut);
  const device = kept.length === 1 && kept[0].device.id !== state.device ? kept[0].device.id : undefined;
  const utterance = redacted(recognition.text) ?? '';
  const service = e.serviceIn(recognition);
  const addition = !fixedToo && state.phase !== 'switch' && addsProblem(e, recognition.text) ? { playbookId: target.id, utterance, service, ...(device ? { device } : {}) } : undefined;
  return { target, status: e.answersFromStatus(target), fixedToo, switchTo: { playbookId: target.id, utterance, service, device }, addition };
}

/** The switch offer becomes the pending prompt; the one it interrupts is kept to go back to ("no, stay"). */
export function offerSwitch(state: PlaybookState, other: OtherProblem): void {
  settle(state);
  if (state.phase !== 'switch') state.resumePhase = state.phase;
  state.phase = 'switch';
  state.switchTo = other.switchTo;
}

export type SwitchAnswer =
  /** "Yes": the other playbook starts with these options; `left`: this step is recorded as left (not when it was fixed first). */
  | { then: 'switch'; playbookId: string; options: PlaybookOptions; left: boolean }
  /** "No, stay" (or the other playbook is gone): back to the prompt the offer interrupted, or the end when this one was fixed first. */
  | { then: 'stay'; fixedFirst: boolean };

/**
 * The answer to the switch offer. A step whose instructions were already shown counts as tried;
 * steps tried and questions answered here carry over only to the same device.
 */
export function answerSwitch(run: PlaybookRun, state: PlaybookState, choiceId: string): SwitchAnswer {
  const target = state.switchTo;
  const fixedFirst = state.fixedFirst === true;
  state.fixedFirst = undefined;
  if (choiceId === SWITCH.yes && target && run.engine.content.playbooks[target.playbookId]) {
    if (state.resumePhase === 'fixed' && !fixedFirst) markTried(run, state);
    const sameDevice = !target.device || target.device === state.device;
    const options: PlaybookOptions = { utterance: target.utterance, device: target.device ?? state.device, service: target.service, tried: sameDevice ? state.tried : [], answered: sameDevice ? state.answered : [], moreQueued: state.moreQueued };
    return { then: 'switch', playbookId: target.playbookId, options, left: !fixedFirst };
  }
  state.phase = state.resumePhase ?? 'fixed';
  state.switchTo = undefined;
  state.resumePhase = undefined;
  return { then: 'stay', fixedFirst };
}

/**
 * A correction of the problem mid-way (see correctedProblem), where a step question, "Did that fix
 * it?" or the device question is pending.
 */
export function problemCorrection(run: PlaybookRun, state: PlaybookState, recognition: Recognition): { playbook: LoadedPlaybook; service: string } | undefined {
  if (run.handoffOnly || !(state.phase === 'question' || state.phase === 'fixed' || state.phase === 'device')) return undefined;
  return correctedProblem(run.engine, recognition, run.playbook.id);
}

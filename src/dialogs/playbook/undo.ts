/**
 * "Oops, wrong button", "go back": the place kept before an answer (UndoPoint), when it applies, and
 * the state put back to it.
 */
import type { Recognition } from '../../nlu/recognizer';
import { matchChoice, normalise, type PromptChoice } from '../answers';
import { settle, type Phase, type PlaybookState, type UndoPoint } from './state';
import type { PlaybookRun } from './stepContent';
import { promptChoices } from './prompts';

/** The prompts an answer can be undone at. */
const UNDO_PHASES: readonly Phase[] = ['question', 'fixed', 'statusPause'];

/** Where the flow stands now, kept before an answer moves it on (see UndoPoint). */
export function undoPointOf(state: PlaybookState, recorded: number): UndoPoint {
  return {
    stepIndex: state.stepIndex,
    stepId: state.stepId,
    phase: state.phase,
    choiceId: state.choiceId,
    tried: [...(state.tried ?? [])],
    answered: (state.answered ?? []).map((a) => ({ ...a })),
    afterDoneAsked: state.afterDoneAsked,
    recorded,
  };
}

/**
 * True when an undo asked for now goes back to `point`: at a step's question, "Did that fix it?" or
 * the status pause, and not when the message names another device or another service (a
 * correction or a new problem, handled as usual).
 */
export function undoApplies(run: PlaybookRun, state: PlaybookState, point: UndoPoint | undefined, recognition: Recognition): point is UndoPoint {
  if (!point || run.handoffOnly || !UNDO_PHASES.includes(state.phase)) return false;
  const e = run.engine;
  if (e.namedDevices(recognition).some((n) => !n.ruledOut && n.device.id !== state.device)) return false;
  const service = e.serviceIn(recognition);
  return service === undefined || service === state.service;
}

/** The most words a message may have and still be only a request to go back ("oops, can we go back one step please"). */
const UNDO_REQUEST_WORDS = 8;

/**
 * True when an undo was asked for ("go back", "undo", "previous step") and there is nothing to go
 * back to: the last message answered nothing, or this is the first question. Not when the message
 * says more than that: a device or a service named (a correction or a new problem), a choice's
 * words ("I meant the same account" at the first question answers it), or a long sentence.
 */
export function nothingToUndo(run: PlaybookRun, state: PlaybookState, point: UndoPoint | undefined, recognition: Recognition, choices: readonly PromptChoice[], text: string): boolean {
  if (run.handoffOnly || state.phase === 'handoff') return false;
  if (point && UNDO_PHASES.includes(state.phase)) return false;
  const e = run.engine;
  if (e.namedDevices(recognition).some((n) => !n.ruledOut) || e.serviceIn(recognition) !== undefined) return false;
  if (matchChoice(choices, { text }, 'loose') !== undefined) return false;
  return normalise(text).split(' ').filter(Boolean).length <= UNDO_REQUEST_WORDS;
}

/** Puts the state back where the point was: the step, the prompt, what was tried and answered. */
export function restoreUndoPoint(state: PlaybookState, point: UndoPoint): void {
  settle(state);
  state.switchTo = undefined;
  state.resumePhase = undefined;
  state.stepIndex = point.stepIndex;
  state.stepId = point.stepId;
  state.phase = point.phase;
  state.choiceId = point.choiceId;
  state.tried = point.tried;
  state.answered = point.answered;
}

/**
 * True when the typed text is exactly a button title of the prompt the last answer was given at
 * (`point`), and answers nothing of the prompt now waiting ("No, still not" sent twice, the second
 * landing on the storage question, where it would read as "No, there's plenty of space").
 */
export function staleAnswer(run: PlaybookRun, state: PlaybookState, point: UndoPoint | undefined, input: { text: string; value?: unknown }, choices: readonly PromptChoice[]): boolean {
  if (!point || input.value !== undefined || run.handoffOnly || !UNDO_PHASES.includes(state.phase)) return false;
  if (point.stepId === state.stepId && point.phase === state.phase) return false;
  const said = normalise(input.text);
  if (!said || choices.some((c) => normalise(c.title) === said)) return false;
  const before = promptChoices(run, { ...state, stepIndex: point.stepIndex, stepId: point.stepId, phase: point.phase, choiceId: point.choiceId });
  return before.some((c) => normalise(c.title) === said);
}

/**
 * What a running playbook keeps in its dialog state (persisted through botbuilder Storage: field
 * names and values are a stored shape), the options it starts with, and the small pure helpers on
 * them that need no content lookup.
 */
import type { LoadedPlaybook } from '../../content/loadContent';
import { choicesOn, type Platform, type Step } from '../../content/playbookSchema';
import { redactText } from '../../privacy/redact';

/**
 * What the dialog is waiting for. `elsewhere`: the service does not exist on this device, carry on
 * with which one? `handoff`: the agent hub has the conversation for now (`handoffFrom` is the
 * prompt to go back to when it gives it back). `whichDevice`: devices were named mid-way without one
 * clear device ("my iPad and my Mac", "not the iPhone"); which one (`whichFrom` is the prompt to go
 * back to)?
 */
export type Phase = 'device' | 'question' | 'fixed' | 'statusPause' | 'switch' | 'elsewhere' | 'handoff' | 'whichDevice';

export interface PlaybookState {
  playbookId: string;
  /** Content version the conversation started on (see LoadedPlaybook.contentVersion). */
  version: string;
  stepIndex: number;
  stepId: string;
  phase: Phase;
  device?: string;
  service?: string;
  /** The answer to the current step's question. */
  choiceId?: string;
  /**
   * A different problem the person mentioned, offered as a switch (the words redacted), with the
   * device named with it ("my photos aren't syncing on my Mac"), kept for it.
   */
  switchTo?: { playbookId: string; utterance: string; service?: string; device?: string };
  /**
   * The switch offer came with a fix of this problem ("yes, notes too" at "Did that fix it?"): it
   * is recorded fixed already, so declining ends this playbook as fixed.
   */
  fixedFirst?: boolean;
  /** The phase to return to when the switch is declined. */
  resumePhase?: Phase;
  /** The phase to return to when the agent hub gives the conversation back. */
  handoffFrom?: Phase;
  /** The devices offered at the `whichDevice` prompt, and the phase to return to after it. */
  whichDevices?: string[];
  whichFrom?: Phase;
  /** Instruction steps already gone through on this device without a fix (not repeated after a switch). */
  tried?: string[];
  /**
   * Questions answered on this device in this conversation with a choice that carries over to the
   * next problem (see `answerCarriesOver`): not asked again. Absent in state saved before it existed.
   */
  answered?: AnsweredQuestion[];
  /**
   * The step index to run from once a device is chosen at the `elsewhere` prompt, when that prompt
   * came from the check made as soon as the device was known (not from reaching the step).
   */
  elsewhereFrom?: number;
  /**
   * A step whose instructions were shown when the person asked for a person: recorded `not-fixed`
   * then (so the agent's summary lists it), replaced by the real answer when they come back to it.
   */
  interrupted?: { step: string; at: string };
  /**
   * The message that started this playbook, redacted: read by steps with `answerFromUtterance`
   * ("i forgot my apple id password" answers "What happens when you try to sign in?"). A later
   * question's answer said mid-way ("my storage isn't full") is added on a line of its own.
   */
  utterance?: string;
  /**
   * The step at whose "Did that fix it?" a "yes" that only said the step was done ("yes I
   * checked") was asked about once more: the same answer again is not taken as a fix either.
   */
  afterDoneAsked?: string;
  /**
   * "No" after a choice with `ifNotFixedStep` ("still full" after the storage tips): the state is on
   * that further step (stepId), while stepIndex stays at the step it came from (`from`, answered
   * with `choice`). Cleared as soon as the flow runs on.
   */
  further?: { from: string; choice: string };
  /** A `whenSaid` with `then: handoff` was said at this step ("I don't have my old phone"): its "No" goes to the hand-over. */
  handoffAfter?: string;
  /** Another problem named in the same message waits (PlaybookOptions.moreQueued). */
  moreQueued?: boolean;
  /** Started at the handoff step: a person was asked for (not the checks running out). */
  personAsked?: boolean;
  /** Steps the first message said were done already ("I've restarted twice": steps' `alreadyDone`): skipped. */
  saidDone?: string[];
  /**
   * "Is iCloud down?" mid-way found an outage of this service: the status pause (the playbook's
   * status step's question and buttons) interrupted this prompt, which "continue" goes back to.
   */
  outageFrom?: Phase;
  /**
   * Apple's status listed an outage of this service (at the status step or asked mid-way) and no
   * check since found it cleared: "ok so should i wait?" at a step's prompt gets the honest answer
   * (outage.pauseAdvice), not "a person can answer that".
   */
  outageSeen?: boolean;
  /**
   * At the device question, words that name a kind of device, not one ("my phone": messages.yaml
   * `synonyms.deviceWords`): the question is asked again as "Which phone is it?" with those devices only.
   */
  deviceWord?: { word: string; devices: string[] };
  /**
   * The step at whose case's own question ("Does iCloud show enough free space now?") a "yes" said
   * the cause is gone, in a playbook about a service syncing (caseOnlySolved): asked now whether it
   * syncs, with the usual buttons; "no" goes on to the next check.
   */
  caseSolved?: string;
  /**
   * Where the flow stood before the last answer to a step's question or "Did that fix it?", kept
   * for one turn: "oops, wrong button" then goes back there (see UndoPoint).
   */
  undo?: UndoPoint;
}

/**
 * The place before an answer, to go back to when the next message undoes it: the step, the prompt,
 * what was tried and answered, and how many outcomes the record held (those added since are dropped,
 * so the agent's summary never lists the wrong answer).
 */
export interface UndoPoint {
  stepIndex: number;
  stepId: string;
  phase: Phase;
  choiceId?: string;
  tried?: string[];
  answered?: AnsweredQuestion[];
  afterDoneAsked?: string;
  recorded: number;
}

export interface PlaybookOptions {
  /** The utterance that started this playbook (stored redacted). */
  utterance?: string;
  /** Device id named in the utterance (wins over the remembered one). */
  device?: string;
  /** Service id named in the utterance (wins over the playbook's). */
  service?: string;
  /** Start at the handoff step (someone asked for a person). */
  startAtHandoff?: boolean;
  /** Carry on at this step index, without the intro (a return to a playbook left earlier). */
  resumeAt?: number;
  /** Steps already tried on this device in the playbook switched from. */
  tried?: string[];
  /** Questions answered on this device earlier, whose answers carry over (see `answerCarriesOver`). */
  answered?: AnsweredQuestion[];
  /** Devices the first message ruled out ("not my iPhone"): the remembered device is not used when it is one. */
  ruledOut?: string[];
  /**
   * Another problem named in the same message waits for its turn (src/dialogs/problemQueue.ts):
   * the main dialog offers it when this playbook ends, so a fix does not ask "anything else?" and
   * the end of the checks gives Apple's support options without asking the agent hub yet.
   */
  moreQueued?: boolean;
  /**
   * This playbook was started in place of another whose message holds this one's `firstWhen`
   * phrases ("I can't sign in … and now none of my photos are there"): that one's service, for
   * `firstWhen.say`.
   */
  firstFor?: { service?: string };
}

/** A step's question and the choice the person picked there. */
export interface AnsweredQuestion {
  step: string;
  choice: string;
}

/**
 * True when an answer to a step's question holds for the next problem on the same device: the
 * choice said the step is not the cause (`skip`, "No, there's plenty of space") and the question on
 * this platform does not name the service ("Is {service} turned on?" is answered per service). A
 * choice that led to instructions, or ended with a fix, does not carry over.
 */
export function answerCarriesOver(step: Step, choiceId: string, platform: Platform): boolean {
  if (!step.question) return false;
  const question = platformText(step.question.text, platform);
  if (question === undefined || question.includes('{service}')) return false;
  const choice = choicesOn(step, platform).find((c) => c.id === choiceId);
  return choice?.action === 'skip';
}

/** The questions answered earlier that still hold for this step on this platform. */
export function answeredBefore(answered: readonly AnsweredQuestion[] | undefined, step: Step, platform: Platform): boolean {
  return (answered ?? []).some((a) => a.step === step.id && answerCarriesOver(step, a.choice, platform));
}

/** A step's text for this platform: its own, else the one for all platforms. */
export function platformText(texts: Partial<Record<Platform | 'all', string>> | undefined, platform: Platform): string | undefined {
  if (!texts) return undefined;
  return texts[platform] ?? texts.all;
}

/** Text a person typed, fit to keep in state: secrets and contact details replaced by markers. */
export function redacted(text: string | undefined): string | undefined {
  return text === undefined ? undefined : redactText(text).text;
}

/** Leaves the "which device?" prompt for the one it interrupted. */
export function settle(state: PlaybookState): void {
  if (state.phase === 'whichDevice') state.phase = state.whichFrom ?? 'fixed';
  state.whichFrom = undefined;
  state.whichDevices = undefined;
}

/** Leaves the `handoff` phase for the prompt the agent hub interrupted. */
export function leaveHandoff(state: PlaybookState): void {
  state.phase = state.handoffFrom ?? 'fixed';
  state.handoffFrom = undefined;
}

/** The prompt to come back to after the agent hub or a switch offer: the one they interrupted, else this one. */
export function promptUnderneath(state: PlaybookState): Phase {
  if (state.phase === 'handoff') return state.handoffFrom ?? 'fixed';
  if (state.phase === 'switch') return state.resumePhase ?? 'fixed';
  return state.phase;
}

/**
 * The state a playbook starts with: at its first step (the handoff step for `startAtHandoff`, the
 * step to return to for `resumeAt`), on `device` (known and not ruled out), with the service named,
 * else the playbook's, else (the stand-alone "talk to a person" flow, `handoffOnly`) `recordService`.
 */
export function startState(playbook: LoadedPlaybook, opts: PlaybookOptions, device: string | undefined, handoffOnly: boolean, recordService: string | undefined): PlaybookState {
  return {
    playbookId: playbook.id,
    version: playbook.contentVersion,
    stepIndex: opts.startAtHandoff ? playbook.steps.length - 1 : Math.min(opts.resumeAt ?? 0, playbook.steps.length - 1),
    stepId: playbook.steps[0],
    phase: 'fixed',
    device,
    service: opts.service ?? playbook.service ?? (handoffOnly ? recordService : undefined),
    tried: [...(opts.tried ?? [])],
    answered: [...(opts.answered ?? [])],
    utterance: handoffOnly ? undefined : redacted(opts.utterance),
    moreQueued: opts.moreQueued || undefined,
    personAsked: opts.startAtHandoff || undefined,
  };
}

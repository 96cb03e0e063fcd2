/**
 * What the content says for a running playbook: its steps, their text for the person's device and
 * service, the playbook's own wording (`stepOptions`, `fixedQuestion`), which devices a missing
 * service can be carried on with. Pure lookups on (run, state); nothing here sends or stores.
 */
import type { LoadedPlaybook } from '../../content/loadContent';
import { choicesOn, type Choice, type Device, type FixedQuestion, type Platform, type PlatformText, type ServiceOverride, type Step, type StepOptions } from '../../content/playbookSchema';
import type { StepRef } from '../cards';
import type { Engine } from '../engine';
import type { Vars } from '../messages';
import type { TroubleshootingRecord } from '../troubleshootingRecord';
import { platformText, type PlaybookState } from './state';

/** The playbook a PlaybookDialog runs, with the engine it runs on. */
export interface PlaybookRun {
  readonly engine: Engine;
  readonly playbook: LoadedPlaybook;
  /** True for the stand-alone "talk to a person" flow: no intent, intro or device question. */
  readonly handoffOnly: boolean;
}

/** A text to send, with its message key (Engine.sendText; Engine.say is the same for a messages.yaml key). */
export interface Line {
  text: string;
  key: string;
}

/** The step the state is on. */
export function stepOf(run: PlaybookRun, state: PlaybookState): Step {
  return run.engine.content.steps[state.stepId];
}

/** How this playbook uses a step (playbook `stepOptions`). */
export function stepOptions(run: PlaybookRun, stepId: string): StepOptions | undefined {
  return run.playbook.stepOptions?.[stepId];
}

/**
 * The playbook's own "Did that fix it?" where it fits: at the steps named in its `stepOptions`
 * (the steps it tailors; an entry may be empty, `restart: {}`), or at every step when it has no
 * `stepOptions`, unless the chosen case has its own. Elsewhere the default question: storage-full
 * asks about free space after the storage step, not after the Apple Account one.
 */
export function ownFixedQuestion(run: PlaybookRun, state: PlaybookState): FixedQuestion | undefined {
  // The case's own question was answered yes: now the usual "is it syncing?".
  if (state.caseSolved !== undefined && state.caseSolved === state.stepId) return undefined;
  // The chosen case's own question first, being the most specific ("Has it stopped asking for your
  // password?" after "It keeps asking for my password", where "Can you sign in now?" doesn't fit;
  // "Does iCloud show enough free space now?" after "it's full"), also at its further step.
  const chosen = chosenCase(run, state)?.fixedQuestion;
  if (chosen) return chosen;
  const own = run.playbook.fixedQuestion;
  const tailored = run.playbook.stepOptions;
  return own && (!tailored || Object.prototype.hasOwnProperty.call(tailored, state.stepId)) ? own : undefined;
}

/** The choice whose instructions (or further step: `ifNotFixedStep`) the state is on, if any. */
export function chosenCase(run: PlaybookRun, state: PlaybookState): Choice | undefined {
  if (state.further) return run.engine.content.steps[state.further.from]?.question?.choices.find((c) => c.id === state.further!.choice);
  return state.choiceId === undefined ? undefined : stepOf(run, state)?.question?.choices.find((c) => c.id === state.choiceId);
}

/**
 * The step to show after "No" at "Did that fix it?" when the chosen case names one (a choice's
 * `ifNotFixedStep`: "still full" gets the deeper storage help), unless the playbook lists that
 * step itself (its own order then applies) or the state is on it already.
 */
export function furtherStep(run: PlaybookRun, state: PlaybookState): Step | undefined {
  if (state.further) return undefined;
  const id = chosenCase(run, state)?.ifNotFixedStep;
  if (id === undefined || run.playbook.steps.includes(id)) return undefined;
  return run.engine.content.steps[id];
}

/** A step message, in this playbook's own words when it gives them. */
export function stepMessage(run: PlaybookRun, step: Step, key: string): string | undefined {
  return stepOptions(run, step.id)?.messages?.[key] ?? step.messages[key];
}

/** The step's reference sent with a message (which playbook, which step). */
export function stepRefOf(run: PlaybookRun, state: PlaybookState, stepId = state.stepId): StepRef {
  return { playbook: run.playbook.id, stepId };
}

/** The platform of the person's device (`other` when none is known). */
export function platformOf(run: PlaybookRun, state: PlaybookState): Platform {
  return run.engine.device(state.device)?.platform ?? 'other';
}

/** The step's choice with this id when it is offered on the person's platform (`onlyOn`). */
export function offeredChoice(run: PlaybookRun, step: Step, state: PlaybookState, choiceId: string | undefined): Choice | undefined {
  return choiceId === undefined ? undefined : choicesOn(step, platformOf(run, state)).find((c) => c.id === choiceId);
}

/**
 * A `holdsEverywhere` choice of this step ("Yes, the same account") picked earlier in this
 * conversation, on any device and for any problem, when it is offered here; the latest answer to
 * the step counts ("No, they use different ones" later is no carry-over).
 */
export function answeredEverywhere(run: PlaybookRun, state: PlaybookState, step: Step, record: TroubleshootingRecord): Choice | undefined {
  const latest = [...record.steps].reverse().find((r) => r.step === step.id && r.answer !== undefined);
  const choice = offeredChoice(run, step, state, latest?.answer);
  return choice?.holdsEverywhere ? choice : undefined;
}

/** The variables every text of this playbook fills in: device, service, status page. */
export function varsFor(run: PlaybookRun, state: PlaybookState, extra: Vars = {}): Vars {
  const device = run.engine.device(state.device) ?? run.engine.content.devices.find((d) => d.platform === 'other');
  return { device: device?.label ?? '', service: run.engine.serviceLabel(state.service), statusPage: run.engine.statusPageUrl, ...extra };
}

/** The instructions for this person: the chosen answer's text, then the service's, then the step's. */
export function instructionText(run: PlaybookRun, step: Step, state: PlaybookState): string | undefined {
  const platform = platformOf(run, state);
  const choice = state.choiceId ? step.question?.choices.find((c) => c.id === state.choiceId) : undefined;
  const layers: (ServiceOverride | PlatformText | undefined)[] = [choice?.instructions, state.service ? step.services[state.service] : undefined, step.instructions];
  for (const layer of layers) {
    // A text for this very device first (an Android phone's, in place of the web platform's).
    const own = state.device !== undefined && layer && 'devices' in layer ? (layer.devices as Record<string, string> | undefined)?.[state.device] : undefined;
    const t = own ?? platformText(layer, platform);
    if (t !== undefined) return t;
  }
  return undefined;
}

/**
 * The first step from the current one on that says the person's service does not exist on their
 * device (`unavailableOn`) and has text saying so; undefined when there is none.
 */
export function unavailableIndex(run: PlaybookRun, state: PlaybookState): number | undefined {
  if (run.handoffOnly || !state.service) return undefined;
  for (let i = state.stepIndex; i < run.playbook.steps.length; i++) {
    const step = run.engine.content.steps[run.playbook.steps[i]];
    if (!step || step.kind !== 'instruction' || !step.unavailableOn?.[state.service]?.includes(platformOf(run, state))) continue;
    const text = instructionText(run, step, { ...state, choiceId: undefined });
    if (text !== undefined && text !== 'skip') return i;
  }
  return undefined;
}

/** True when the step says the person's service does not exist on their device. */
export function unavailableHere(run: PlaybookRun, step: Step, state: PlaybookState): boolean {
  return Boolean(state.service && step.unavailableOn?.[state.service]?.includes(platformOf(run, state)));
}

/**
 * Devices to carry on with when the service does not exist on this one: the devices of each
 * platform where it exists (the `other` platform is a watch's: not a place to fix a service). The
 * device listed first for a platform in dialogs/devices.yaml says which: when it is asked about at
 * the device question (the iPhone), the platform's devices asked about there (iPhone and iPad, not
 * an iPod touch); when it is not (the browser, iCloud.com, before "Android or other device"), that
 * device alone.
 */
export function elsewhereDevices(run: PlaybookRun, state: PlaybookState): Device[] {
  const missing: Platform[] = (state.service && stepOf(run, state).unavailableOn?.[state.service]) || [];
  const all = run.engine.content.devices;
  return all.filter((d) => {
    if (d.platform === 'other' || missing.includes(d.platform) || d.id === state.device) return false;
    const first = all.find((x) => x.platform === d.platform)!;
    return first.ask ? d.ask : d.id === first.id;
  });
}

/** A device named at the "carry on with which device?" prompt: any device of a platform offered there. */
export function elsewhereDevice(run: PlaybookRun, state: PlaybookState, device: Device): Device | undefined {
  return elsewhereDevices(run, state).some((d) => d.platform === device.platform) && device.id !== state.device ? device : undefined;
}

/** A step tried in the playbook switched from, whose text is the same for this service: not repeated. */
export function alreadyTried(state: PlaybookState, step: Step): boolean {
  if (step.kind !== 'instruction' || !state.tried?.includes(step.id)) return false;
  return !(state.service && (step.services[state.service] || step.unavailableOn?.[state.service]));
}

/** Notes the current instruction step as tried on this device. */
export function markTried(run: PlaybookRun, state: PlaybookState): void {
  if (stepOf(run, state)?.kind !== 'instruction') return;
  state.tried = [...(state.tried ?? []).filter((id) => id !== state.stepId), state.stepId];
}

/** This playbook's status step (the first), if it has one. */
export function statusStep(run: PlaybookRun): Step | undefined {
  return run.playbook.steps.map((id) => run.engine.content.steps[id]).find((s) => s?.kind === 'status');
}

/** The step whose pause question and buttons the status pause shows: the current one, or the status step when paused mid-way. */
export function pauseStep(run: PlaybookRun, state: PlaybookState): Step {
  return (state.outageFrom !== undefined ? statusStep(run) : undefined) ?? stepOf(run, state);
}

/** The handoff step for "talk to a person" in this playbook: its own, or the content's. */
export function handoffStep(run: PlaybookRun): Step | undefined {
  const own = run.engine.content.steps[run.playbook.steps[run.playbook.steps.length - 1]];
  return own?.kind === 'handoff' ? own : run.engine.handoffStep();
}

/**
 * The devices to offer when devices were named mid-way without one clear device (see
 * PlaybookDialog.onUnclearDevices), at the prompt `settled` (the one "which device?" interrupts):
 * two or more not ruled out, or, when only ruled-out ones are news, every other device asked about;
 * at the "carry on with which device?" prompt only those it offers. Undefined when nothing is news.
 */
export function devicesToOffer(run: PlaybookRun, state: PlaybookState, settled: PlaybookState['phase'], kept: Device[], ruledOut: Device[]): Device[] | undefined {
  let offered: Device[];
  if (kept.length >= 2) offered = kept;
  else if (settled === 'device' || ruledOut.length >= 2 || ruledOut.some((d) => d.id === state.device)) {
    offered = run.engine.content.devices.filter((d) => d.ask && !ruledOut.some((x) => x.id === d.id));
  } else return undefined;
  if (settled === 'elsewhere') offered = offered.filter((d) => elsewhereDevice(run, state, d));
  return offered;
}

/** After a content change, true when the prompt the state waits at still fits its step (same step id). */
export function placeStillFits(run: PlaybookRun, state: PlaybookState, step: Step): boolean {
  const phase = state.phase;
  return (
    phase === 'device' ||
    (phase === 'question' && step.question !== undefined && (!state.choiceId || offeredChoice(run, step, state, state.choiceId) !== undefined)) ||
    (phase === 'fixed' && step.kind === 'instruction') ||
    (phase === 'statusPause' && step.kind === 'status') ||
    (phase === 'elsewhere' && step.kind === 'instruction' && unavailableHere(run, step, state))
  );
}

/**
 * Where "No" at "Did that fix it?" goes when the step's chosen case says so (a choice's
 * `ifNotFixed: handoff`: a locked account only Apple can unlock): the index of this playbook's
 * handoff step, when it has one after the current step. Undefined: the next step, as usual.
 */
export function notFixedJump(run: PlaybookRun, state: PlaybookState): number | undefined {
  const choice = chosenCase(run, state);
  const handoffAt = () => {
    const at = run.playbook.steps.findIndex((id, i) => i > state.stepIndex && run.engine.content.steps[id]?.kind === 'handoff');
    return at >= 0 ? at : undefined;
  };
  // "I don't have my old phone" said here (a whenSaid with then: handoff): nothing else can help.
  if (state.handoffAfter === state.stepId) return handoffAt();
  // A further step comes first; a playbook listing that step itself keeps its own order.
  if (choice?.ifNotFixedStep !== undefined && (!state.further || run.playbook.steps.includes(choice.ifNotFixedStep))) return undefined;
  return choice?.ifNotFixed === 'handoff' ? handoffAt() : undefined;
}

/**
 * True when a "yes" at "Did that fix it?" answers the chosen case's own question in a playbook
 * without one of its own (a playbook about a service syncing: photos, notes): "Yes, there's room now"
 * says the storage has room, not that the photos sync. Playbooks whose own question is what the
 * cases ask about (storage full, signing in) take that yes as the fix.
 */
export function caseOnlySolved(run: PlaybookRun, state: PlaybookState): boolean {
  if (run.handoffOnly || run.playbook.fixedQuestion !== undefined || state.phase !== 'fixed') return false;
  if (state.caseSolved === state.stepId) return false;
  return chosenCase(run, state)?.fixedQuestion !== undefined;
}

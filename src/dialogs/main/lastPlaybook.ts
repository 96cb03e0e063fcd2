/**
 * What comes after a playbook that ended, read from where it stood (MainState.last, the place from
 * Engine.endedPlaybook): "still not working" soon after it was left without a fix picks it up
 * again, "it stopped again" after a fix reopens it, a device correction at "anything else?"
 * reopens it on that device, and the next problem on the same device skips the checks already
 * gone through there. Pure functions of (engine, state or place, …); the dialog sends and starts.
 */
import type { LoadedPlaybook } from '../../content/loadContent';
import type { Device } from '../../content/playbookSchema';
import type { Recognition } from '../../nlu/recognizer';
import { holdsQualifier, mentionsPhrase, type UserInput } from '../answers';
import type { Engine, PlaybookPlace } from '../engine';
import { answeredBefore, type PlaybookOptions } from '../playbook/state';
import { FIXED_OUTCOME, type LastPlaybook, type MainState } from './state';

/**
 * "Still not working" picks a playbook left without a fix up again while it is one of the next
 * RESUME_TURNS messages, or said within RESUME_WINDOW_MS of leaving (injected clock).
 */
export const RESUME_TURNS = 3;
export const RESUME_WINDOW_MS = 30 * 60 * 1000;
/**
 * Outcomes of a playbook that "still not working" picks up again: closed without a fix, fixed and
 * then "it stopped again" / "only some came back" (the step that fixed it is recorded again), or
 * handed to a person who has since closed the chat ("that didnt work either": the checks carry on).
 */
const RESUMABLE_OUTCOMES: readonly string[] = ['left', 'stopped', 'fixed', 'handed-off'];

/** True while the last playbook ended RESUME_TURNS messages ago or less, or within RESUME_WINDOW_MS (injected clock). */
export function recentlyEnded(engine: Engine, last: LastPlaybook): boolean {
  return last.turns <= RESUME_TURNS || engine.clock.now().getTime() - Date.parse(last.at) <= RESUME_WINDOW_MS;
}

/**
 * "Still not working" (messages.yaml `synonyms.notFixed`) soon after the bot left a playbook
 * without a fix (see RESUME_TURNS): not a new problem, unless it names another device or service,
 * a command, or another problem said clearly (a problem with no service of its own, "still not
 * syncing", is the same one).
 */
export function saysStillNotWorking(engine: Engine, last: LastPlaybook | undefined, input: UserInput, recognize: () => Recognition): boolean {
  if (!last || !RESUMABLE_OUTCOMES.includes(last.outcome)) return false;
  if (!recentlyEnded(engine, last) || input.value !== undefined) return false;
  // "actually no it stopped again": the problem back, whatever else the words could be read as (a cancel, a goodbye).
  const again = mentionsPhrase(engine.messages.list('synonyms.stoppedAgain'), input.text, true);
  if (!again && !mentionsPhrase(engine.messages.list('synonyms.notFixed'), input.text, true)) return false;
  const r = recognize();
  if (engine.namedDevices(r).some((n) => !n.ruledOut && n.device.id !== last.place.device)) return false;
  const service = engine.serviceIn(r);
  if (service && service !== last.place.service) return false;
  const handler = engine.handlerOf(r.intent);
  if (handler === 'none' || handler === 'greeting') return true;
  // "It's not working" read as a goodbye: a complaint (see the goodbye at the top level).
  if (handler === 'goodbye' && engine.saysNegation(input.text)) return true;
  if (handler !== 'playbook') return again || r.ambiguous || r.confidence < engine.switchConfidence;
  const playbook = engine.playbookForIntent(r.intent);
  return !playbook || playbook.id === last.place.playbookId || playbook.service === undefined || r.ambiguous || r.confidence < engine.switchConfidence;
}

/**
 * Where a playbook left without a fix is picked up again on the same device: at the step after the
 * last one whose instructions were shown (that one counts as tried), or at the question it was
 * waiting on.
 */
export function resumeOptions(engine: Engine, place: PlaybookPlace): PlaybookOptions {
  const phase = ({ switch: place.resumePhase, handoff: place.handoffFrom, whichDevice: place.whichFrom } as Record<string, string | undefined>)[place.phase] ?? place.phase;
  const shown = phase === 'fixed' || phase === 'statusPause';
  const instruction = engine.content.steps[place.stepId]?.kind === 'instruction';
  const tried = [...(place.tried ?? []).filter((id) => id !== place.stepId), ...(phase === 'fixed' && instruction ? [place.stepId] : [])];
  const resumeAt = phase === 'device' ? 0 : place.stepIndex + (shown ? 1 : 0);
  return { device: place.device, service: place.service, tried, answered: place.answered, resumeAt };
}

/** After a fix, "only some of them came back" (messages.yaml `synonyms.partly`) rather than "it stopped again". */
export function saysPartlyBack(engine: Engine, text: string): boolean {
  return holdsQualifier(engine.messages.list('synonyms.partly'), engine.messages.list('synonyms.partlyExcept'), text);
}

/**
 * Where a fixed playbook reopened carries on: on the same device at the next step (the step that
 * fixed it counts as tried when it is an instruction).
 */
export function reopenOptions(engine: Engine, place: PlaybookPlace): PlaybookOptions {
  const instruction = engine.content.steps[place.stepId]?.kind === 'instruction';
  const tried = [...(place.tried ?? []).filter((id) => id !== place.stepId), ...(instruction ? [place.stepId] : [])];
  return { device: place.device, service: place.service, tried, answered: place.answered, resumeAt: place.stepIndex + 1 };
}

/**
 * A device correction at "anything else?" after a fix ("wait no, it's the mac not the ipad"): the
 * playbook that was fixed, the one device the message names instead, and the options to start it
 * there from the step it had reached. Undefined when the message names another problem clearly
 * ("my notes on the mac too"), no other device, or several.
 */
export function correctedDevice(
  engine: Engine,
  state: MainState,
  recognize: () => Recognition,
): { playbook: LoadedPlaybook; device: Device; options: PlaybookOptions } | undefined {
  const place = state.last?.outcome === FIXED_OUTCOME ? state.last.place : undefined;
  const playbook = place && engine.content.playbooks[place.playbookId];
  if (!place?.device || !playbook || playbook.askDevice === false) return undefined;
  const r = recognize();
  const kept = engine.namedDevices(r).filter((n) => !n.ruledOut);
  if (kept.length !== 1 || kept[0].device.id === place.device) return undefined;
  const other = engine.playbookForIntent(r.intent);
  if (engine.saysProblemClearly(r) && other && other.id !== playbook.id) return undefined;
  const device = kept[0].device;
  return { playbook, device, options: { device: device.id, service: place.service, tried: [], resumeAt: place.stepIndex } };
}

/**
 * Titles of the steps of a playbook about to start that were already gone through without a fix
 * on the same device earlier in this conversation, and that the playbook will skip: instruction
 * steps whose text is not particular to the new playbook's service (alreadyTried in playbook/stepContent.ts),
 * and questions answered with a choice that carries over ("plenty of space": `answerCarriesOver`).
 * The remembered device (`profileDevice`) is read only when something was gone through.
 */
export async function alreadyChecked(
  engine: Engine,
  playbookId: string,
  options: PlaybookOptions,
  place: PlaybookPlace,
  profileDevice: () => Promise<string | undefined>,
): Promise<string[]> {
  const playbook = engine.content.playbooks[playbookId];
  if (!playbook || !place.device || (!place.tried?.length && !place.answered?.length)) return [];
  const profiled = await profileDevice();
  const remembered = profiled && !options.ruledOut?.includes(profiled) ? profiled : undefined;
  if ((options.device ?? remembered) !== place.device) return [];
  const service = options.service ?? playbook.service;
  const platform = engine.device(place.device)?.platform;
  return playbook.steps.flatMap((id) => {
    const step = engine.content.steps[id];
    if (!step) return [];
    if (platform && answeredBefore(place.answered, step, platform)) return [step.title];
    if (step.kind !== 'instruction' || !place.tried?.includes(id)) return [];
    if (service && (step.services[service] || step.unavailableOn?.[service])) return [];
    return [step.title];
  });
}

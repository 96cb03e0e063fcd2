/**
 * The main dialog's device questions before a playbook starts: "which device?" (the message named
 * two or more) and "On your iPhone again?" (a device remembered from an earlier conversation and
 * not named in this one). Their buttons, and what an answer says, as values the dialog acts on:
 * start on a device (or undefined: the playbook asks with every device), ask again, or route the
 * message as usual. The dialog sends, and reads the welcome-back after a long silence itself.
 */
import type { Recognition } from '../../nlu/recognizer';
import { redactText } from '../../privacy/redact';
import { isOnlyPhrase, matchChoice, mentionsPhrase, type PromptChoice, type UserInput } from '../answers';
import type { Engine } from '../engine';
import type { MessageKey } from '../messages';
import type { TroubleshootingRecord } from '../troubleshootingRecord';
import { deviceFromWords } from './deviceWords';
import { phraseChoice } from './phraseChoice';
import type { MainState, PendingStart } from './state';

/** How many times "which device?" is asked with "didn't catch that"; after that, with how to pick one (answer.unclearDevice). */
const WHICH_DEVICE_TRIES = 2;
/** Answers to "On your iPhone again?" (a remembered device not named in this conversation). */
const AGAIN = { yes: 'again-yes', other: 'again-other' } as const;
/** How many times "On your … again?" is asked before the playbook asks with every device. */
const AGAIN_TRIES = 2;

/** One button per device id (unknown ids left out). */
export function deviceChoices(engine: Engine, ids: readonly string[]): PromptChoice[] {
  return ids.flatMap((id) => {
    const d = engine.device(id);
    return d ? [{ id: d.id, title: d.label, synonyms: [d.id] }] : [];
  });
}

/** The buttons of "On your iPhone again?": yes (or that device's name), another device (or no). */
export function againChoices(engine: Engine, deviceId: string): PromptChoice[] {
  const device = engine.device(deviceId);
  return [
    { id: AGAIN.yes, title: engine.messages.text('device.againYes'), synonyms: [...engine.messages.list('synonyms.yes'), ...(device ? [device.id, device.label.toLowerCase()] : [])] },
    { id: AGAIN.other, title: engine.messages.text('device.againOther'), synonyms: [...engine.messages.list('synonyms.no'), engine.messages.text('device.againOther').toLowerCase()] },
  ];
}

/**
 * What an answer to a device question says: start the waiting problem on `device` (undefined: the
 * playbook asks with every device), ask the same question again after "not understood", route
 * the message as usual (the waiting problem is dropped).
 */
export type DeviceAnswer =
  | { kind: 'start'; device: string | undefined }
  /** The first device the message named, said so ("If it's another device, just tell me"); readWhichDevice no longer gives it (round 8). */
  | { kind: 'startFirst'; device: string }
  | { kind: 'askAgain' }
  | { kind: 'route' }
  | { kind: 'unclear' }
  | { kind: 'undo' };

/**
 * Words at a device question that are no answer yet, read as the playbook's device question reads
 * them: "go back", "undo" (messages.yaml `synonyms.undo`; there is nothing to go back to before a
 * playbook starts), or words that pick no one device (`unclearKeys`: "idk", "all of them", "both";
 * asked again with the reply written for a device question). Only when the words name no device
 * ("oops, I meant the iPad" names one).
 */
function notYetAnswer(engine: Engine, input: UserInput, namesDevice: boolean, unclearKeys: readonly MessageKey[]): 'unclear' | 'undo' | undefined {
  if (namesDevice || input.value !== undefined) return undefined;
  if (mentionsPhrase(engine.messages.list('synonyms.undo'), input.text, true)) return 'undo';
  if (mentionsPhrase(unclearKeys.flatMap((k) => engine.messages.list(k)), input.text, true)) return 'unclear';
  return undefined;
}

/**
 * The answer to "which device?": a button, number or device name (also a device not offered:
 * "actually my iPad"; of two named, the one not ruled out; "not the iPhone" leaves the other).
 * "its on the website", "my phone": the device those words name there (deviceWords.ts). Anything else
 * that is understood (another problem, cancel, a person, help) is routed as usual; a message not
 * understood, or one that names no one device ("no", "both", "yes its on"), is asked again, with how to
 * pick one after the first miss: no button is taken for an answer the person did not give.
 */
export function readWhichDevice(engine: Engine, pending: PendingStart, input: UserInput, recognize: () => Recognition): DeviceAnswer {
  const start = (device: string | undefined): DeviceAnswer => ({ kind: 'start', device });
  const choices = deviceChoices(engine, pending.devices);
  const exact = matchChoice(choices, input, 'exact');
  if (exact !== undefined) return start(exact);
  const r = recognize();
  const named = engine.namedDevices(r);
  const kept = named.filter((n) => !n.ruledOut);
  if (kept.length === 1) return start(kept[0].device.id);
  // "Not the iPhone" when two were offered: the other one.
  const left = pending.devices.filter((id) => !named.some((n) => n.ruledOut && n.device.id === id));
  if (kept.length === 0 && left.length === 1 && left.length < pending.devices.length) return start(left[0]);
  const loose = matchChoice(choices, input, 'loose');
  if (loose !== undefined) return start(loose);
  // "its on the website", "my phone" (messages.yaml synonyms.deviceWords): the one device they name here.
  const worded = named.length === 0 && input.value === undefined ? deviceFromWords(engine, input.text, pending.devices) : undefined;
  if (worded !== undefined) return start(worded);
  // No one device yet ("yes its on", "no", "both"): asked again, never the first button taken for an answer
  // (tester round 8: "Let's start with the iPhone, then" when the Mac was the one missing the photos).
  const notYet = notYetAnswer(engine, input, named.length > 0, ['synonyms.allDevices', 'synonyms.unclear']);
  if (notYet !== undefined) return { kind: notYet };
  if (engine.handlerOf(r.intent) !== 'none' || kept.length > 1) return { kind: 'route' };
  return pending.tries < WHICH_DEVICE_TRIES ? { kind: 'askAgain' } : { kind: 'unclear' };
}

/**
 * What an answer to "On your iPhone again?" says, beyond DeviceAnswer: a thanks alone (the problem
 * still waits), "is iCloud down?" (the status playbook `playbookId` answers it with `utterance`
 * and `service`, then the question is put back), several devices named (which one?).
 */
export type AgainAnswer =
  | DeviceAnswer
  | { kind: 'thanks' }
  | { kind: 'aside'; playbookId: string; utterance: string; service?: string }
  | { kind: 'which'; devices: string[] };

/**
 * The answer to "On your iPhone again?" (`deviceId`, the remembered one): yes (or that device)
 * starts there; "another device", no, or ruling it out starts with the device question; another
 * device named starts there (two: which one?). Another problem said clearly, or anything else
 * understood, is routed as usual; a message not understood is asked again once.
 */
export function readDeviceAgain(engine: Engine, pending: PendingStart, deviceId: string, input: UserInput, recognize: () => Recognition): AgainAnswer {
  const start = (device: string | undefined): DeviceAnswer => ({ kind: 'start', device });
  const choices = againChoices(engine, deviceId);
  const exact = matchChoice(choices, input, 'exact');
  if (exact !== undefined) return start(exact === AGAIN.yes ? deviceId : undefined);
  // A thanks alone is politeness: the problem still waits.
  if (isOnlyPhrase(engine.messages.list('synonyms.thanks'), engine.messages.list('synonyms.acknowledge'), input.text)) return { kind: 'thanks' };
  const r = recognize();
  // "Is iCloud down?": answered (the status playbook), then this question again.
  const aside = engine.handlerOf(r.intent) === 'playbook' && !r.ambiguous ? engine.playbookForIntent(r.intent) : undefined;
  if (aside && engine.answersFromStatus(aside) && aside.intent !== pending.intent) {
    return { kind: 'aside', playbookId: aside.id, utterance: redactText(r.text).text, service: engine.serviceIn(r) };
  }
  // Another problem said clearly ("photos on my mac"): routed as usual.
  if (engine.saysProblemClearly(r) && r.intent !== pending.intent) return { kind: 'route' };
  const named = engine.namedDevices(r);
  const kept = named.filter((n) => !n.ruledOut).map((n) => n.device.id);
  if (kept.length === 1) return start(kept[0]);
  if (kept.length > 1) return { kind: 'which', devices: kept };
  if (named.some((n) => n.device.id === deviceId)) return start(undefined);
  const loose = phraseChoice(choices, input, 'loose');
  if (loose !== undefined) return start(loose === AGAIN.yes ? deviceId : undefined);
  // "ok", "sure" may be a yes here: only "all of them" is no one device.
  const notYet = notYetAnswer(engine, input, named.length > 0, ['synonyms.allDevices']);
  if (notYet === 'undo' || (notYet === 'unclear' && pending.tries < AGAIN_TRIES)) return { kind: notYet };
  if (engine.handlerOf(r.intent) !== 'none') return { kind: 'route' };
  if (pending.tries < AGAIN_TRIES) return { kind: 'askAgain' };
  return start(undefined);
}

/**
 * The device remembered from an earlier conversation (`profileDevice`), when this conversation
 * has not named it (nor ruled it out): it is confirmed with one tap before a playbook uses it. The
 * record is read only when there is such a device.
 */
export async function deviceToConfirm(
  engine: Engine,
  state: MainState,
  profileDevice: string | undefined,
  ruledOut: readonly string[],
  record: () => Promise<TroubleshootingRecord>,
): Promise<string | undefined> {
  const remembered = engine.device(profileDevice)?.id;
  if (!remembered || ruledOut.includes(remembered)) return undefined;
  const { intent, device } = await record();
  // A playbook that never asks for the device ("is iCloud down?") put the remembered one in the record unconfirmed.
  const silent = intent !== undefined && engine.playbookForIntent(intent)?.askDevice === false;
  return (state.device ?? (silent ? undefined : device)) === remembered ? undefined : remembered;
}

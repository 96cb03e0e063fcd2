/**
 * Messages at a step's question or at "Did that fix it?" that are no answer but ask for something
 * about the step itself: what the chosen case's `whenSaid` phrases say ("I don't have my old phone
 * anymore" after the two-factor text), pausing ("thanks ill try later": messages.yaml
 * `synonyms.later`), the step again ("what was that again?": `synonyms.repeat`), how to check
 * ("how do i check that?": `synonyms.howToCheck`, with the question's `howTo`) and "help" for this
 * prompt; at the outage pause, "ok so should i wait?" and "can we check my settings anyway"
 * (readOutagePause); Apple's status asked about ("still not working, is it apple?", "hi, is it fixed
 * now?") at any of these prompts, and "should i wait?" once an outage of the service is known. Pure: reads (run, state, text); the dialog sends and moves the state.
 */
import type { LoadedPlaybook } from '../../content/loadContent';
import type { Recognition } from '../../nlu/recognizer';
import { isOnlyPhrase, mentionsPhrase, normalise } from '../answers';
import { deviceFromWords, deviceWordsIn } from '../main/deviceWords';
import { asksAboutApple, readOutagePause } from '../main/outage';
import { promptChoices } from './prompts';
import { platformText, type PlaybookState } from './state';
import { chosenCase, platformOf, stepOf, type PlaybookRun } from './stepContent';

export type StepAside =
  /** The chosen case's `whenSaid`: its line, then the hand-over when `handoff`. */
  | { then: 'whenSaid'; say: string; handoff: boolean }
  /** "I'll try later": the place is kept, nothing asked. */
  | { then: 'pause' }
  /** "What was that again?": the step (its instructions, or its question) again. */
  | { then: 'repeat' }
  /** "How do I check that?" at a question with a `howTo` for this platform. */
  | { then: 'howTo'; text: string }
  /** "help" typed as such: help for this prompt. */
  | { then: 'help' }
  /** At the outage pause: "ok so should i wait?" (the honest answer, the buttons again). */
  | { then: 'outageAdvice' }
  /** At the outage pause: "can we check my settings anyway" (Continue anyway). */
  | { then: 'outageContinue' }
  /**
   * Apple's status asked about ("still not working, is it apple?": `synonyms.isItApple`; "hi, is it
   * fixed now?": `synonyms.isItBack`): checked again, as "is iCloud down?" is (the dialog's status aside).
   */
  | { then: 'status' }
  /**
   * At the device question, device words (messages.yaml `synonyms.deviceWords`, src/dialogs/main/deviceWords.ts):
   * `device` when they name one of the devices offered ("the website"), else `ask` which of `devices`
   * ("my phone": iPhone or Android; "my laptop": Mac or Windows PC).
   */
  | { then: 'deviceWord'; device: string }
  | { then: 'deviceWord'; ask: { word: string; devices: string[] } };

/**
 * Device words at the device question ("my phone", "my laptop"), when the message names no device
 * itself (the dialog checks the recogniser's devices first): see StepAside `deviceWord`.
 */
export function deviceWordAside(run: PlaybookRun, state: PlaybookState, text: string): StepAside | undefined {
  if (run.handoffOnly || state.phase !== 'device') return undefined;
  const e = run.engine;
  const offered = promptChoices(run, state).map((c) => c.id);
  const device = deviceFromWords(e, text, offered);
  if (device !== undefined) return { then: 'deviceWord', device };
  const groups = deviceWordsIn(e, text)
    .map((g) => ({ word: g.word, devices: g.devices.filter((id) => offered.includes(id)) }))
    .filter((g) => g.devices.length > 1);
  return groups.length === 1 ? { then: 'deviceWord', ask: groups[0] } : undefined;
}

/**
 * What the message asks about the step, or undefined (read as usual). `help`: the person typed
 * the help command as such ("help").
 */
export function stepAside(run: PlaybookRun, state: PlaybookState, text: string, help: boolean): StepAside | undefined {
  if (run.handoffOnly) return undefined;
  const asksStatus = asksAboutApple(run.engine, { text }) || mentionsPhrase(run.engine.messages.list('synonyms.isItBack'), text, true);
  if (state.phase === 'statusPause') {
    if (asksStatus) return { then: 'status' };
    const read = readOutagePause(run.engine, { text });
    return read === 'advice' ? { then: 'outageAdvice' } : read === 'continue' ? { then: 'outageContinue' } : undefined;
  }
  if (state.phase !== 'question' && state.phase !== 'fixed') return undefined;
  const messages = run.engine.messages;
  if (state.phase === 'fixed') {
    const said = chosenCase(run, state)?.whenSaid;
    if (said && mentionsPhrase(said.phrases, text, true)) return { then: 'whenSaid', say: said.say, handoff: said.then === 'handoff' };
  }
  if (asksStatus) return { then: 'status' };
  // Apple's outage of this service is known: "ok so should i wait?" is about it (messages.yaml `synonyms.shouldWait`).
  if (state.outageSeen && mentionsPhrase(messages.list('synonyms.shouldWait'), text, true)) return { then: 'outageAdvice' };
  if (mentionsPhrase(messages.list('synonyms.later'), text, true)) return { then: 'pause' };
  if (mentionsPhrase(messages.list('synonyms.repeat'), text, true)) return { then: 'repeat' };
  if (state.phase === 'question' && mentionsPhrase(messages.list('synonyms.howToCheck'), text, true)) {
    const howTo = platformText(stepOf(run, state).question?.howTo, platformOf(run, state));
    if (howTo !== undefined && howTo !== 'skip') return { then: 'howTo', text: howTo };
  }
  // "help" alone (or "ok help"): help for this prompt; "what can you do? help" still gets what the bot does.
  return help && isOnlyPhrase(messages.list('synonyms.help'), messages.list('synonyms.acknowledge'), text) ? { then: 'help' } : undefined;
}

/**
 * A cause to fix first said at a step's question or "Did that fix it?" ("it says i need to sign in
 * again but my password doesnt work" during a sync problem): the playbook whose `firstWhen` phrases
 * the message holds (whole words, not negated), as for a first message. Never this playbook itself.
 */
export function causeSaidMidway(run: PlaybookRun, state: PlaybookState, text: string): LoadedPlaybook | undefined {
  if (run.handoffOnly || (state.phase !== 'question' && state.phase !== 'fixed')) return undefined;
  return Object.values(run.engine.content.playbooks).find((p) => p.id !== run.playbook.id && p.firstWhen !== undefined && mentionsPhrase(p.firstWhen.phrases, text, true));
}

/** Words that may stand between "don't have" and the device ("i dont have a mac", "dont have any macs"). */
const BEFORE_DEVICE = new Set(['a', 'an', 'any', 'the', 'my']);

/**
 * The devices the message says the person doesn't have ("i dont have a mac, only ipad and iphone":
 * messages.yaml `synonyms.notOwned` right before the device, with at most an article between).
 */
export function devicesNotOwned(run: PlaybookRun, recognition: Recognition): string[] {
  const e = run.engine;
  const phrases = e.messages.list('synonyms.notOwned').map((p) => normalise(p)).filter((p) => p !== '');
  const out: string[] = [];
  for (const entity of recognition.entities.filter((x) => x.type === 'device')) {
    const device = e.namedDevices({ ...recognition, entities: [entity] })[0]?.device;
    if (!device) continue;
    const words = normalise(recognition.text.slice(0, entity.start)).split(' ').filter(Boolean);
    while (words.length > 0 && BEFORE_DEVICE.has(words[words.length - 1])) words.pop();
    const before = ` ${words.join(' ')}`;
    if (phrases.some((p) => before.endsWith(` ${p}`)) && !out.includes(device.id)) out.push(device.id);
  }
  return out;
}

/** "No" at "which device should we work on?" (asked mid-way): stay on the device we were on, and the prompt it interrupted. */
export function declinesWhichDevice(run: PlaybookRun, state: PlaybookState, text: string): boolean {
  if (run.handoffOnly || state.phase !== 'whichDevice' || !state.device) return false;
  const messages = run.engine.messages;
  return isOnlyPhrase(messages.list('synonyms.no'), messages.list('synonyms.acknowledge'), text.replace(/[?!.]+\s*$/, ''));
}

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
import { followedByWordsOf, isOnlyPhrase, isOnlyPhrases, matchChoice, mentionsPhrase, normalise, opensWithPhrase } from '../answers';
import { deviceFromWords, deviceWordsIn } from '../main/deviceWords';
import { asksAboutApple, readOutagePause } from '../main/outage';
import { asksForRecap } from '../recap';
import { laterAnswer } from './answerReading';
import { ownWords, promptChoices } from './prompts';
import { platformText, type PlaybookState } from './state';
import type { Step } from '../../content/playbookSchema';
import { chosenCase, instructionText, platformOf, stepOf, type PlaybookRun } from './stepContent';

export type StepAside =
  /** The chosen case's `whenSaid`: its line, then the hand-over when `handoff`. */
  | { then: 'whenSaid'; say: string; handoff: boolean }
  /** "I'll try later": the place is kept, nothing asked. */
  | { then: 'pause' }
  /**
   * "yes, 50gb free" at "Did that fix it?": the yes is likely about the fact (a later question's
   * answer, in `fact`), not the fix; the fact is noted and the question asked again, never "fixed".
   */
  | { then: 'yesWithFact'; fact: string }
  /** "What was that again?": the step (its instructions, or its question) again. */
  | { then: 'repeat' }
  /** "What have we tried so far?": the checks behind us and where we are (src/dialogs/recap.ts), then the prompt again. */
  | { then: 'recap' }
  /** "skip this step", "next": the step recorded skipped, on to the next one. */
  | { then: 'skip' }
  /**
   * "this is useless, ive done all this already": the step was done before this chat, so on to the next one
   * (tried and not fixed at "Did that fix it?", skipped at the step's question); never "thanks for doing that".
   */
  | { then: 'doneBefore' }
  /** "the code is [redacted] but it says wrong" at a step whose text speaks of a code: use the newest code. */
  | { then: 'codeRefused' }
  /** "How do I check that?" at a question with a `howTo` for this platform. */
  | { then: 'howTo'; text: string }
  /** "What should I delete?": a step's instructions (this one's, or a later one's) hold the answer: they again, with the step's title. */
  | { then: 'stepText'; title: string; text: string }
  /** "help" typed as such: help for this prompt. */
  | { then: 'help' }
  /** At the outage pause: "ok so should i wait?" (the honest answer, the buttons again); `open` for "what now" (no yes/no question: no "Yes:"). */
  | { then: 'outageAdvice'; open?: boolean }
  /** At the outage pause: "how long will it last?" (Apple gives no time; the status page; the buttons again). */
  | { then: 'outageWhen' }
  /** At the outage pause: "ok ill wait", "ill check later" (Stop, I'll check later). */
  | { then: 'outageStop' }
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
  if (asksForRecap(run.engine, text)) return { then: 'recap' };
  const asksStatus = asksAboutApple(run.engine, { text }) || mentionsPhrase(run.engine.messages.list('synonyms.isItBack'), text, true);
  if (state.phase === 'statusPause') {
    if (asksStatus) return { then: 'status' };
    // "ok ill wait then": a stop said as a statement, before "wait then" reads as "should I wait?".
    if (!text.trim().endsWith('?') && saysStopInWords(run, text)) return { then: 'outageStop' };
    const read = readOutagePause(run.engine, { text });
    if (read === 'continue') return { then: 'outageContinue' };
    if (read === 'advice') return { then: 'outageAdvice', open: asksWhatNow(run, text) };
    return outagePauseWords(run, text);
  }
  if (state.phase !== 'question' && state.phase !== 'fixed') return undefined;
  const messages = run.engine.messages;
  // "skip this step", "ok next": a step of the checks (not the hand-over) is skipped.
  if (stepOf(run, state).kind === 'instruction' && isOnlyPhrase(messages.list('synonyms.skip'), messages.list('synonyms.acknowledge'), text)) return { then: 'skip' };
  if (stepOf(run, state).kind === 'instruction' && mentionsPhrase(messages.list('synonyms.doneBefore'), text, true) && matchChoice(ownWords(run, promptChoices(run, state)), { text }, 'loose') === undefined) {
    return { then: 'doneBefore' };
  }
  if (state.phase === 'fixed') {
    const said = chosenCase(run, state)?.whenSaid;
    if (said && mentionsPhrase(said.phrases, text, true)) return { then: 'whenSaid', say: said.say, handoff: said.then === 'handoff' };
  }
  if (asksStatus) return { then: 'status' };
  const fact = yesWithFact(run, state, text);
  if (fact !== undefined) return { then: 'yesWithFact', fact };
  if (mentionsPhrase(messages.list('synonyms.codeRefused'), text, true) && speaksOfCode(run, state)) return { then: 'codeRefused' };
  // Apple's outage of this service is known: "ok so should i wait?" is about it (messages.yaml `synonyms.shouldWait`).
  if (state.outageSeen && mentionsPhrase(messages.list('synonyms.shouldWait'), text, true)) return { then: 'outageAdvice', open: asksWhatNow(run, text) };
  if (mentionsPhrase(messages.list('synonyms.later'), text, true)) return { then: 'pause' };
  if (mentionsPhrase(messages.list('synonyms.repeat'), text, true)) return { then: 'repeat' };
  // "how do i see storage?" at another step: the howTo of the playbook's step those words name.
  const named = howToOfStepNamed(run, state, text);
  if (named !== undefined) return { then: 'howTo', text: named };
  // At the step's question, or at its "Did that fix it?" ("how much is the 200gb plan" after the storage tips).
  // A price asked gets the howTo only when it speaks of prices; elsewhere questions.yaml answers it.
  const price = mentionsPhrase(messages.list('synonyms.askPrice'), text, true);
  if (price || mentionsPhrase(messages.list('synonyms.howToCheck'), text, true)) {
    const howTo = howToOf(run, state, stepOf(run, state));
    if (howTo !== undefined && (!price || mentionsPhrase(messages.list('synonyms.priceTopic'), howTo, true))) return { then: 'howTo', text: howTo };
  }
  // "how can i tell if it's syncing?", "is it syncing now?" at "Did that fix it?": how to see it for themselves;
  // "not sure", "i dont know yet" there: no rush, and the same (never a miss).
  if (state.phase === 'fixed') {
    const unsure = isOnlyPhrase([...messages.list('synonyms.dontKnow'), ...messages.list('synonyms.notSyncedYet')], messages.list('synonyms.acknowledge'), text);
    if (unsure || mentionsPhrase(messages.list('synonyms.howToCheck'), text, true) || mentionsPhrase(messages.list('synonyms.isItSyncing'), text, true)) {
      const service = run.engine.content.services.find((s) => s.id === state.service);
      const howToTell = service?.howToTell ?? messages.text('fixed.howToTell');
      return { then: 'howTo', text: unsure ? `${messages.text('fixed.notSureYet')} ${howToTell}` : howToTell };
    }
  }
  const answering = stepTextAnswering(run, state, text);
  if (answering) return answering;
  // "help" alone (or "ok help"): help for this prompt; "what can you do? help" still gets what the bot does.
  return help && isOnlyPhrase(messages.list('synonyms.help'), messages.list('synonyms.acknowledge'), text) ? { then: 'help' } : undefined;
}

/** True when the step under way (its question, or its instructions at "Did that fix it?") speaks of a code. */
function speaksOfCode(run: PlaybookRun, state: PlaybookState): boolean {
  const step = stepOf(run, state);
  const shown = state.phase === 'fixed' ? instructionText(run, step, state) : platformText(step.question?.text, platformOf(run, state));
  return shown !== undefined && normalise(shown).split(' ').includes('code');
}

/** A step's question `howTo` for the person's platform, if it has one. */
function howToOf(run: PlaybookRun, state: PlaybookState, step: Step): string | undefined {
  const howTo = platformText(step.question?.howTo, platformOf(run, state));
  return howTo === undefined || howTo === 'skip' ? undefined : howTo;
}

/**
 * "how do i see storage?" (a phrase of messages.yaml `synonyms.howToCheck` or `synonyms.howToSee`
 * followed by words of a step's title, "Check your iCloud storage"): that step's question `howTo`,
 * for any step of this playbook other than the one under way (its own howTo answers a bare "how do
 * i check that?").
 */
function howToOfStepNamed(run: PlaybookRun, state: PlaybookState, text: string): string | undefined {
  const messages = run.engine.messages;
  const leads = [...messages.list('synonyms.howToCheck'), ...messages.list('synonyms.askPrice'), ...messages.list('synonyms.howToSee')];
  if (!mentionsPhrase(leads, text, true)) return undefined;
  // Words in nearly every title name no one step.
  const common = [...messages.list('stopWords.en'), 'check', 'icloud', 'apple', 'device', 'settings'];
  for (const id of run.playbook.steps) {
    const step = run.engine.content.steps[id];
    if (!step || id === state.stepId) continue;
    const howTo = howToOf(run, state, step);
    if (howTo !== undefined && followedByWordsOf(leads, text, step.title, common)) return howTo;
  }
  return undefined;
}

/** Words of a question that are no verb of it ("what should i delete": delete). */
const QUESTION_WORDS = new Set(['should', 'which', 'where', 'could', 'would']);

/**
 * "what do i delete?", "what should i delete?" (messages.yaml `synonyms.aboutStep`): the step's own
 * text answers it when it holds the question's verb ("delete", "remove": its words of 5 letters or
 * more but the question words). The step under way first (at "Did that fix it?", its instructions were shown), then the
 * playbook's later steps ("I'll go straight to making room" said at the account question): that
 * step's instructions again, with its title.
 */
function stepTextAnswering(run: PlaybookRun, state: PlaybookState, text: string): StepAside | undefined {
  const phrases = run.engine.messages.list('synonyms.aboutStep').filter((p) => mentionsPhrase([p], text, true));
  const verbs = phrases.flatMap((p) => normalise(p).split(' ').filter((w) => w.length >= 5 && !QUESTION_WORDS.has(w)));
  if (verbs.length === 0) return undefined;
  const from = state.phase === 'fixed' ? state.stepIndex : state.stepIndex + 1;
  for (const id of run.playbook.steps.slice(Math.max(0, from))) {
    const step = run.engine.content.steps[id];
    if (step?.kind !== 'instruction') continue;
    const body = instructionText(run, step, id === state.stepId ? state : { ...state, stepId: id, choiceId: undefined });
    if (body === undefined || body === 'skip') continue;
    const words = new Set(normalise(body).split(' '));
    if (verbs.some((v) => words.has(v))) return { then: 'stepText', title: step.title, text: body };
  }
  return undefined;
}

/** "what now", "what do i do": an open question (messages.yaml `synonyms.whatNow`), so the advice opens without "Yes:". */
function asksWhatNow(run: PlaybookRun, text: string): boolean {
  const messages = run.engine.messages;
  return mentionsPhrase(messages.list('synonyms.whatNow'), text, true) && !mentionsPhrase(messages.list('synonyms.shouldWait').filter((p) => !messages.list('synonyms.whatNow').includes(p)), text, true);
}

function outageStopPhrases(run: PlaybookRun): string[] {
  return [...run.engine.messages.list('synonyms.outageStop'), ...run.engine.messages.list('synonyms.later')];
}

/** A Stop phrase of two words or more anywhere in the message ("ok ill wait then", "i'll try later"). */
function saysStopInWords(run: PlaybookRun, text: string): boolean {
  return mentionsPhrase(outageStopPhrases(run).filter((p) => normalise(p).includes(' ')), text, true);
}

/**
 * "wait", "ok ill wait", "later" alone at the outage pause (typed, not a button): the stop button's
 * words, read before a bare "wait" is taken as "one sec" (the dialog asks this before anything else).
 */
export function onlyStopsAtOutagePause(run: PlaybookRun, state: PlaybookState, text: string): boolean {
  if (run.handoffOnly || state.phase !== 'statusPause') return false;
  return isOnlyPhrases(outageStopPhrases(run), run.engine.messages.list('synonyms.acknowledge'), text);
}

/**
 * At the outage pause, after "should i wait?" and "check anyway": the Stop button's own words in a
 * longer message ("ok ill wait", "i'll try later": `synonyms.outageStop`, `synonyms.later`), then
 * "how long will it last?" (a question holding a `synonyms.whenFixed` phrase).
 */
function outagePauseWords(run: PlaybookRun, text: string): StepAside | undefined {
  const messages = run.engine.messages;
  // A one-word phrase ("later") only alone or after "ok": "wait, how long will it last?" is no stop.
  if (isOnlyPhrases(outageStopPhrases(run), messages.list('synonyms.acknowledge'), text) || saysStopInWords(run, text)) return { then: 'outageStop' };
  if (!mentionsPhrase(messages.list('synonyms.whenFixed'), text, true)) return undefined;
  return text.trim().endsWith('?') || opensWithPhrase(messages.list('synonyms.questionStart'), text) ? { then: 'outageWhen' } : undefined;
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

/**
 * At "Did that fix it?", a yes followed by a later question's answer and no word of a fix ("yes, 50gb
 * free", "yeah i have loads of space"): that answer (the words after the yes). Undefined otherwise.
 */
function yesWithFact(run: PlaybookRun, state: PlaybookState, text: string): string | undefined {
  if (state.phase !== 'fixed') return undefined;
  const messages = run.engine.messages;
  const yes = messages.list('synonyms.yes').map(normalise).filter((p) => p !== '').sort((a, b) => b.length - a.length);
  const said = normalise(text);
  const lead = yes.find((p) => said.startsWith(`${p} `));
  if (lead === undefined) return undefined;
  const rest = said.slice(lead.length).trim();
  if (mentionsPhrase([...messages.list('synonyms.fixed'), ...messages.list('synonyms.cameBack')], rest, true)) return undefined;
  return laterAnswer(run, state, rest) ? rest : undefined;
}

/**
 * Reading a message at the top level, before the main dialog routes it by its intent's handler
 * kind: "help" at one of the dialog's questions, several problems in one message, a general
 * problem that names a service with a playbook of its own, "Did you mean …?" when the recogniser
 * is in doubt, a complaint the recogniser can't place that names its services, a complaint with
 * nothing to go on, a device named on its own. Pure functions of
 * (engine, recognition, input); the dialog sends.
 */
import type { Recognition } from '../../nlu/recognizer';
import { isOnlyPhrase, matchChoice, mentionsPhrase, sentencesOf, withoutPhrase, type PromptChoice, type UserInput } from '../answers';
import { COMMAND_PHRASES, type Engine } from '../engine';
import { otherLanguageOf } from '../languageNotice';
import { deniesProblem } from '../playbook/answerReading';
import { namedProblems, serviceProblems, servicesSaidToWork, type NamedProblem } from '../problemQueue';
import { candidates, DID_YOU_MEAN_MAX, didYouMeanMenu, problemWordsByPlaybook } from './menus';
import type { LoadedPlaybook } from '../../content/loadContent';

/**
 * "help" at one of the main dialog's questions: typed as such (the whole text one of messages.yaml
 * `synonyms.help`), or recognised as help with confidence and no doubt.
 */
export function asksForHelp(engine: Engine, input: UserInput, recognize: () => Recognition): boolean {
  if (input.value !== undefined) return false;
  if (mentionsPhrase(COMMAND_PHRASES.help.flatMap((k) => engine.messages.list(k)), input.text, false)) return true;
  const r = recognize();
  return engine.handlerOf(r.intent) === 'help' && !r.ambiguous && r.confidence >= engine.switchConfidence;
}

/**
 * What a new message names before its handler is read: several problems ("photos and contacts":
 * the first named starts, the others wait), a general problem that names one service with a
 * playbook of its own ("📸 not syncing", "my icloud drive isn't syncing on my ipad": that
 * playbook, without "Did you mean …?"), or, when the recogniser is in doubt, the "Did you mean …?"
 * menu. Undefined: route by the intent's handler.
 */
export type ProblemReading = { kind: 'several'; named: NamedProblem[] } | { kind: 'specific'; intent: string } | { kind: 'didYouMean'; menu: PromptChoice[] };

export function readProblems(engine: Engine, r: Recognition, canHandOff: boolean): ProblemReading | undefined {
  const several = namedProblems(engine, r);
  if (several.length > 1) return { kind: 'several', named: several };
  // "my calendar works, it's notes that won't sync": the one service left is the problem, however unsure the recogniser.
  if (several.length === 1 && servicesSaidToWork(engine, r).some((v) => v !== several[0].service)) return { kind: 'specific', intent: several[0].playbook.intent };
  if (several.length === 1) {
    const beside = besideServiceProblem(engine, r, several[0]);
    if (beside) return beside;
  }
  // "im signed in with the same account everywhere": the recognised problem denied in the same words
  // (its notWhen) is no problem of its own; the general one asks what isn't syncing.
  const top = engine.playbookForIntent(r.intent);
  if (several.length === 0 && top && !top.general && deniesProblem(top, r.text)) {
    // Only when the denial is all that names it: without those words the problem is no longer read
    // ("my icloud storage is full but my iphone has plenty of space" stays storage-full).
    const rest = (top.notWhen ?? []).reduce((t, p) => withoutPhrase(t, p), r.text);
    const again = engine.recognizer.recognize(rest);
    const general = Object.values(engine.content.playbooks).find((p) => p.general);
    if (general && (again.intent !== r.intent || again.ambiguous || again.confidence < engine.switchConfidence)) return { kind: 'specific', intent: general.intent };
  }
  const specific = several[0]?.playbook;
  if (specific && specific.intent !== r.intent && engine.playbookForIntent(r.intent)?.general) return { kind: 'specific', intent: specific.intent };
  if (r.ambiguous) {
    const choices = candidates(engine, r, canHandOff);
    if (choices.length > 0) return { kind: 'didYouMean', menu: didYouMeanMenu(engine, choices) };
  }
  return undefined;
}

/**
 * A message naming one service's problem (`named`) and a problem without a service, which the
 * recogniser read as its top intent or weighed against the service's ("my icloud storage is full
 * and photos won't sync on my iphone", "photos not syncing on my iphone and I forgot my apple id
 * password"), both are kept rather than the person asked "Did you mean …?" or one dropped:
 * - a problem the service's playbook checks as one of its steps ("storage is full": its storage
 *   step, coversProblemOf) is left to that step, which takes what the message said of it
 *   (`saidFirst`) or asks: the service's problem starts;
 * - a problem that goes first when said (its `firstWhen`, as "can't sign in") starts, the service's waits;
 * - else the service's problem starts and the other one waits.
 * A problem the message denies (its `notWhen`: "storage is fine") leaves the service's problem
 * to start; a general or status-only one does not count. Undefined when the recogniser is sure of the service's problem, or in doubt
 * without it among its candidates or without such another problem: read as before ("Did you mean
 * …?" with the problems it weighed).
 */
export function besideServiceProblem(engine: Engine, r: Recognition, named: NamedProblem): ProblemReading | undefined {
  const ranked = r.ambiguous ? [r.intent, ...r.alternatives.map((a) => a.intent)].slice(0, DID_YOU_MEAN_MAX) : [r.intent];
  const playbooks = [...new Set(ranked)]
    .filter((intent) => engine.handlerOf(intent) === 'playbook')
    .map((intent) => engine.playbookForIntent(intent))
    .filter((p): p is LoadedPlaybook => p !== undefined);
  const service = named.playbook;
  if (playbooks[0]?.id === service.id && !r.ambiguous) return undefined;
  if (r.ambiguous && !playbooks.some((p) => p.id === service.id)) return undefined;
  const other = playbooks.find((p) => p.id !== service.id && p.service === undefined && !p.general && p.askDevice !== false && !engine.answersFromStatus(p));
  if (!other) return undefined;
  // "icloud storage is fine": the other problem denied, so the service's is the one.
  if (mentionsPhrase(other.notWhen ?? [], r.text, true) || coversProblemOf(engine, service, other)) return { kind: 'specific', intent: service.intent };
  // A long message of several sentences (a vent, then "here is the actual problem: …"): the other problem
  // only when a sentence of its own is read as it; the whole text's mix of words is no second problem.
  const sentences = sentencesOf(r.text);
  if (sentences.length > 2 && !sentences.some((t) => engine.recognizer.recognize(t).intent === other.intent)) return { kind: 'specific', intent: service.intent };
  const alone: NamedProblem = { playbook: other, service: undefined };
  return { kind: 'several', named: other.firstWhen ? [alone, named] : [named, alone] };
}

/**
 * True when `service`'s playbook has the step that `other` is about: its first step that is not a
 * status check (the storage step of the storage-full playbook is one of the photos checks, the
 * sign-in case is no photos check). That step then reads what the message said of it (its
 * `saidFirst`: "my icloud storage is full") or asks.
 */
function coversProblemOf(engine: Engine, service: LoadedPlaybook, other: LoadedPlaybook): boolean {
  const own = other.steps.find((id) => engine.content.steps[id]?.kind !== 'status');
  return own !== undefined && service.steps.includes(own);
}

/**
 * "It doesn't work", "it's not working": a complaint, whatever the classifier made of it (read as a
 * goodbye), unless it says there is nothing else (messages.yaml `synonyms.nothingElse`).
 */
export function complainsAtGoodbye(engine: Engine, text: string): boolean {
  return engine.saysNegation(text) && !mentionsPhrase(engine.messages.list('synonyms.nothingElse'), text, true);
}

/** The one device a message names and does not rule out ("mac", "my iphone"), when the recogniser is not in doubt. */
export function onlyDevice(engine: Engine, r: Recognition): string | undefined {
  const named = engine.namedDevices(r).filter((n) => !n.ruledOut);
  return named.length === 1 && !r.ambiguous ? named[0].device.id : undefined;
}

/**
 * A message the recogniser could not place (its handler `none`, or a goodbye said with a negation)
 * that reads as a complaint and names services with a playbook of their own: those problems, in
 * the order named ("my iphone won't sync photos, I've restarted it already": photos, on the
 * iPhone, the restart skipped by the playbook). A complaint is a negation (messages.yaml
 * `synonyms.negation`), or a message written in another language (languageNotice.ts), whose
 * negations those words can't see ("meine Fotos synchronisieren nicht auf dem iPhone"). Empty
 * otherwise: a device alone, or a complaint naming no service, is asked about.
 */
export function complaintProblems(engine: Engine, r: Recognition, text: string): NamedProblem[] {
  if (!engine.saysNegation(text) && otherLanguageOf(engine.messages, text) === undefined) return [];
  return serviceProblems(engine, r);
}

/** A plain yes typed alone ("yes", "yeah", "ja": messages.yaml `synonyms.yes`, after lead words of `synonyms.acknowledge`). */
export function saysOnlyYes(engine: Engine, input: UserInput): boolean {
  return input.value === undefined && isOnlyPhrase(engine.messages.list('synonyms.yes'), engine.messages.list('synonyms.acknowledge'), input.text);
}

/**
 * The intent of the problem a message the recogniser could not place names in another language's
 * words ("Kontakte", "meine Kontakte synchronisieren nicht": messages.yaml `synonyms.problemWords`,
 * as whole words and not negated), or in its own status line ("uploading 300 items", "paused": Photos),
 * when it names exactly one; else undefined.
 */
export function problemInOtherWords(engine: Engine, input: UserInput): string | undefined {
  if (input.value !== undefined) return undefined;
  const choices: PromptChoice[] = [...problemWordsByPlaybook(engine)].map(([id, words]) => ({ id, title: '', synonyms: words }));
  // Numbers are left out: a status line ("Uploading 300 Items") is read as its words.
  const id = matchChoice(choices, { ...input, text: input.text.replace(/\d+([.,]\d+)?/g, ' ') }, 'loose');
  return id === undefined ? undefined : engine.content.playbooks[id]?.intent;
}

/**
 * When the whole message is no clear problem (none, or in doubt) but it has several sentences and
 * exactly one problem is said clearly in a sentence of its own, that problem's intent ("honestly apple
 * is a joke. my storage got full twice this year. what i need right now is my notes to show up on my
 * mac": notes). Undefined otherwise, and when two sentences say two different problems.
 */
export function problemInOneSentence(engine: Engine, r: Recognition): string | undefined {
  const clear = (x: Recognition) => engine.saysProblemClearly(x);
  if (clear(r)) return undefined;
  const sentences = sentencesOf(r.text);
  if (sentences.length < 2) return undefined;
  // "my storage got full twice this year", "I had a backup issue last year which got sorted": over, not the problem now.
  const over = engine.messages.list('synonyms.pastProblem');
  const said = new Set(sentences.filter((t) => !mentionsPhrase(over, t, true)).map((t) => engine.recognizer.recognize(t)).filter(clear).map((x) => x.intent));
  if (said.size !== 1) return undefined;
  const [intent] = [...said];
  // Only a problem the whole message also weighs ("notes" among its alternatives), never one from a stray sentence.
  return intent === r.intent || r.alternatives.some((a) => a.intent === intent) ? intent : undefined;
}

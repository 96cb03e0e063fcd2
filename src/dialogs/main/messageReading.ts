/**
 * Reading a message at the top level, before the main dialog routes it by its intent's handler
 * kind: "help" at one of the dialog's questions, several problems in one message, a general
 * problem that names a service with a playbook of its own, "Did you mean …?" when the recogniser
 * is in doubt, a complaint the recogniser can't place that names its services, a complaint with
 * nothing to go on, a device named on its own. Pure functions of
 * (engine, recognition, input); the dialog sends.
 */
import type { Recognition } from '../../nlu/recognizer';
import { isOnlyPhrase, mentionsPhrase, type PromptChoice, type UserInput } from '../answers';
import { COMMAND_PHRASES, type Engine } from '../engine';
import { otherLanguageOf } from '../languageNotice';
import { namedProblems, serviceProblems, type NamedProblem } from '../problemQueue';
import { candidates, didYouMeanMenu } from './menus';

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
  const specific = several[0]?.playbook;
  if (specific && specific.intent !== r.intent && engine.playbookForIntent(r.intent)?.general) return { kind: 'specific', intent: specific.intent };
  if (r.ambiguous) {
    const choices = candidates(engine, r, canHandOff);
    if (choices.length > 0) return { kind: 'didYouMean', menu: didYouMeanMenu(engine, choices) };
  }
  return undefined;
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

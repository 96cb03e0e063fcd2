/**
 * Reading what a person typed at a playbook's prompt beyond its buttons: "it works now" anywhere, a
 * partial fix, a step only said to be done, a button's title said shorter, the problem being worked
 * on said again, a late answer to another step's question, another problem named with a device or
 * a "yes". Pure functions of (run, state, input); the recognition is passed in, read only when needed.
 */
import type { Recognition } from '../../nlu/recognizer';
import { followedByWordsOf, holdsQualifier, matchChoice, mentionsPhrase, normalise, type PromptChoice, type UserInput } from '../answers';
import { fill, type MessageKey } from '../messages';
import { ALREADY_FINE, FIXED, genericWords, ownWords, PARTLY, promptChoices, SAID_FIXED, STEP_DONE } from './prompts';
import type { Phase, PlaybookState } from './state';
import { instructionText, ownFixedQuestion, stepOf, varsFor, type PlaybookRun } from './stepContent';

/** The prompts where "it works now" means the problem is fixed. */
const FIXED_ANYWHERE: readonly Phase[] = ['question', 'statusPause', 'elsewhere', 'switch'];

/** The words before the first comma, semicolon, full stop, dash or "but", when more follows. */
function firstClause(text: string): string | undefined {
  const match = /^(.*?)(?:[,;.!\u2013\u2014]|\s-\s|\s+but\s)/i.exec(text.trim());
  const lead = match?.[1]?.trim();
  return lead && lead.length < text.trim().length ? lead : undefined;
}

/**
 * "It works now" (messages.yaml `synonyms.fixed`) at a step's question, the status pause, the
 * switch offer or "which device instead?" means fixed, as at "Did that fix it?" — unless the
 * message also says it is still not fixed ("fixed the date but still not syncing").
 */
export function hiddenAnswers(run: PlaybookRun, state: PlaybookState, input: UserInput): PromptChoice[] {
  if (run.handoffOnly || !FIXED_ANYWHERE.includes(state.phase)) return [];
  const messages = run.engine.messages;
  if (mentionsPhrase(messages.list('synonyms.notFixed'), input.text, true) || saysPartly(run, input)) return [];
  return [{ id: SAID_FIXED, title: '', synonyms: messages.list('synonyms.fixed') }];
}

/**
 * A partial fix ("yes, some photos only", "half of them synced", "kind of, most are there") at
 * "Did that fix it?", or in words that would pick a step question's `fixed` choice or say "it
 * works now" there: not fixed, whatever "yes" it holds. A different problem said clearly ("some
 * of my contacts are missing too") is left to the switch offer.
 */
export function overridingAnswer(run: PlaybookRun, recognize: () => Recognition, state: PlaybookState, input: UserInput): string | undefined {
  if (run.handoffOnly || (state.phase !== 'fixed' && state.phase !== 'question') || /^\s*\d+\s*$/.test(input.text)) return undefined;
  const short = shortButtonAnswer(run, state, input);
  if (short !== undefined) return short;
  if (!saysPartly(run, input)) {
    if (saysAlreadyFine(run, recognize, state, input)) return ALREADY_FINE;
    return saysOnlyStepDone(run, recognize, state, input) ? STEP_DONE : undefined;
  }
  // "no, some are still missing": the first words already answer, and not with a fix.
  const lead = firstClause(input.text);
  if (lead !== undefined && !saysPartly(run, { ...input, text: lead })) {
    const id = matchChoice(promptChoices(run, state), { ...input, text: lead }, 'exact');
    const leadAction = state.phase === 'fixed' ? (id === FIXED.yes ? 'fixed' : id) : stepOf(run, state).question?.choices.find((c) => c.id === id)?.action;
    if (id !== undefined && leadAction !== 'fixed') return undefined;
  }
  if (state.phase === 'question') {
    const step = stepOf(run, state);
    const picked = step.question?.choices.find((c) => c.id === matchChoice(promptChoices(run, state), input, 'loose'));
    const saysFixed = picked === undefined && mentionsPhrase(run.engine.messages.list('synonyms.fixed'), input.text, true);
    if (picked?.action !== 'fixed' && !saysFixed) return undefined;
  }
  const e = run.engine;
  const r = recognize();
  const otherProblem = !r.ambiguous && r.confidence >= e.switchConfidence && e.handlerOf(r.intent) === 'playbook' && !isCurrentProblem(run, state, r);
  return otherProblem ? undefined : PARTLY;
}

/**
 * The whole answer is a playbook's own button title said shorter, without its "yes" / "no"
 * ("I'm in!" for "Yes, I'm signed in", "I still can't" for "No, I still can't"): at least two
 * words, the title's first word first, the rest in the title's order. Only the whole text, so
 * "I'm in Settings" is no such answer.
 */
export function shortButtonAnswer(run: PlaybookRun, state: PlaybookState, input: UserInput): string | undefined {
  const own = state.phase === 'fixed' ? ownFixedQuestion(run, state) : undefined;
  if (!own) return undefined;
  const typed = normalise(input.text).split(' ').filter(Boolean);
  if (typed.length < 2) return undefined;
  const messages = run.engine.messages;
  const lead = new Set([...messages.list('synonyms.yes'), ...messages.list('synonyms.no')].map(normalise));
  for (const [id, title] of [[FIXED.yes, own.yes], [FIXED.no, own.no]] as const) {
    const words = normalise(title).split(' ').filter(Boolean);
    const rest = lead.has(words[0]) ? words.slice(1) : words;
    if (rest[0] !== typed[0]) continue;
    let k = 0;
    for (const w of rest) if (w === typed[k]) k++;
    if (k === typed.length) return id;
  }
  return undefined;
}

/**
 * At "Did that fix it?", an answer that says the step was done or checked ("yes I checked", "yeah
 * it's on", "yes restarted", "it's on") and nothing about a fix: no "it works" phrase, no "no"
 * (messages.yaml `synonyms.stepDone`). Without a "yes", one holding a non-answer ("done", "ok
 * done that", "i did it") is left to the "can't tell" reply as before.
 */
export function saysOnlyStepDone(run: PlaybookRun, recognize: () => Recognition, state: PlaybookState, input: UserInput): boolean {
  if (state.phase !== 'fixed') return false;
  const messages = run.engine.messages;
  if (!mentionsPhrase(messages.list('synonyms.stepDone'), input.text, true)) return false;
  if (mentionsPhrase(messages.list('synonyms.fixed'), input.text, true)) return false;
  const choices = promptChoices(run, state);
  // A button's own words typed ("Yes, I'm signed in") are that button.
  if (matchChoice(choices, { text: input.text }, 'exact') !== undefined) return false;
  const picked = matchChoice(choices, { text: input.text }, 'loose');
  // Without a "yes", a non-answer in it ("ok done that") keeps the "can't tell" reply.
  if (picked !== FIXED.yes && (picked !== undefined || mentionsPhrase(messages.list('synonyms.unclear'), input.text, true))) return false;
  // "it's on my Windows PC" is a device correction.
  return !run.engine.namedDevices(recognize()).some((n) => !n.ruledOut);
}

/**
 * At "Did that fix it?", an answer that says the step's setting was already as it should be ("yes
 * it was already on", "already checked that, it's on": messages.yaml `synonyms.alreadyFine`), and
 * nothing of a fix ("it was already on and now it works" is fixed): that check is not the cause,
 * so the next one. A device named with it is a correction, left to it.
 */
export function saysAlreadyFine(run: PlaybookRun, recognize: () => Recognition, state: PlaybookState, input: UserInput): boolean {
  if (state.phase !== 'fixed') return false;
  const messages = run.engine.messages;
  if (!mentionsPhrase(messages.list('synonyms.alreadyFine'), input.text, true)) return false;
  if (mentionsPhrase(messages.list('synonyms.fixed'), input.text, true)) return false;
  // A button's own words typed are that button.
  if (matchChoice(promptChoices(run, state), { text: input.text }, 'exact') !== undefined) return false;
  return !run.engine.namedDevices(recognize()).some((n) => !n.ruledOut);
}

/**
 * True when the answer says only part of it is back (messages.yaml `synonyms.partly`). A
 * qualifier right after a step-done word says how much was done, not how much came back: "I
 * deleted some old backups" is no partial fix.
 */
export function saysPartly(run: PlaybookRun, input: UserInput): boolean {
  const messages = run.engine.messages;
  const partly = messages.list('synonyms.partly');
  const done = messages.list('synonyms.stepDone');
  const except = [...messages.list('synonyms.partlyExcept'), ...done.flatMap((d) => partly.map((q) => `${d} ${q}`))];
  return holdsQualifier(partly, except, input.text);
}

/**
 * The problem being worked on said again: this playbook's intent, or a complaint that it still
 * doesn't work ("still not syncing", messages.yaml `synonyms.notFixed`) naming no other service,
 * whatever playbook the recogniser reads in it (often the general "iCloud not syncing").
 */
export function isCurrentProblem(run: PlaybookRun, state: PlaybookState, recognition: Recognition): boolean {
  if (run.handoffOnly) return false;
  const target = run.engine.playbookForIntent(recognition.intent);
  if (target?.id === run.playbook.id) return true;
  if (!target || run.engine.answersFromStatus(target)) return false;
  if (saysWhatWasDone(run, state, recognition.text)) return true;
  const service = run.engine.serviceIn(recognition);
  if (service !== undefined && service !== state.service) return false;
  return mentionsPhrase(run.engine.messages.list('synonyms.notFixed'), recognition.text, true);
}

/**
 * "I deleted old backups" while storage is being freed: a phrase of `synonyms.stepDone` followed by
 * words of a step this playbook has shown (its title or text for this device) tells what was done
 * here, not a new problem (see followedByWordsOf).
 */
export function saysWhatWasDone(run: PlaybookRun, state: PlaybookState, text: string): boolean {
  const messages = run.engine.messages;
  // At a step's question its text is not shown yet: only the steps before it count.
  const shown = run.playbook.steps.slice(0, state.phase === 'question' ? state.stepIndex : state.stepIndex + 1).flatMap((id) => {
    const step = run.engine.content.steps[id];
    if (step?.kind !== 'instruction') return [];
    const body = instructionText(run, step, { ...state, stepId: id, choiceId: undefined });
    return [step.title, body === undefined || body === 'skip' ? '' : fill(body, varsFor(run, state))];
  });
  return followedByWordsOf(messages.list('synonyms.stepDone'), text, shown.join(' '), messages.list('stopWords.en'));
}

/** True at a prompt that asks which device to work on (the device question, or "which one?" when several were named). */
export function asksDevice(state: PlaybookState): boolean {
  return state.phase === 'device' || state.phase === 'whichDevice';
}

/** The reply to a non-answer ("idk", "all of them") by the kind of question (see InterruptibleDialog.unclearKey). */
export function unclearReplyKey(state: PlaybookState): MessageKey {
  return asksDevice(state) ? 'answer.unclearDevice' : 'answer.unclear';
}

/**
 * At a step's question, a plain "yes" or "no" together with the words of another step's
 * question of this playbook ("yes same account" at the storage question: a late answer to the
 * Apple Account question) is no answer to this one. The choice's own words ("yes it's full, same
 * account") still answer it. At a device question, words naming no one device ("idk everything",
 * "all of them": messages.yaml `synonyms.allDevices`).
 */
export function isUnclearAnswer(run: PlaybookRun, state: PlaybookState, input: UserInput): boolean {
  if (run.handoffOnly || input.value !== undefined) return false;
  // "everything", "all of them" at "which device?": no one device (a device named in them was taken before this).
  if (asksDevice(state)) return mentionsPhrase(run.engine.messages.list('synonyms.allDevices'), input.text, true);
  if (state.phase !== 'question') return false;
  const choices = promptChoices(run, state);
  if (matchChoice(choices, input, 'loose') === undefined) return false;
  const generic = genericWords(run);
  if (matchChoice(ownWords(run, choices), input, 'loose') !== undefined) return false;
  const ownPhrases = new Set(choices.flatMap((c) => [c.title, ...c.synonyms]).map(normalise));
  const elsewhere = run.playbook.steps
    .filter((id) => id !== state.stepId)
    .flatMap((id) => run.engine.content.steps[id]?.question?.choices ?? [])
    .flatMap((c) => c.synonyms)
    .filter((p) => !generic.has(normalise(p)) && !ownPhrases.has(normalise(p)));
  return mentionsPhrase(elsewhere, input.text, true);
}

/**
 * A different problem said clearly, before a device or a "yes" in the same words is taken: a
 * playbook other than this one, not "is iCloud down?", and not this problem said again (see
 * isCurrentProblem: "still not syncing on my Mac" is a device correction). Only where that
 * changes something: a device named with it ("my photos aren't syncing on my Mac" is not "Mac it
 * is") or a "yes" at "Did that fix it?" ("yes, but now my photos don't sync" is not a plain yes).
 */
export function namesOtherProblem(run: PlaybookRun, state: PlaybookState, recognition: Recognition): boolean {
  if (run.handoffOnly || !(['question', 'fixed', 'statusPause', 'elsewhere'] as Phase[]).includes(state.phase)) return false;
  const target = run.engine.playbookForIntent(recognition.intent);
  if (!target || target.id === run.playbook.id || run.engine.answersFromStatus(target) || isCurrentProblem(run, state, recognition)) return false;
  if (run.engine.namedDevices(recognition).some((n) => !n.ruledOut)) return true;
  const choices = promptChoices(run, state);
  const said = { text: recognition.text };
  if (state.phase === 'fixed' && matchChoice(choices, said, 'loose') === FIXED.yes) return true;
  // "no, sorry, it's actually my photos", "actually no it's my calendar": a bare yes or no in front
  // of another problem is a correction, not the answer (a choice's own words still answer).
  return (state.phase === 'question' || state.phase === 'fixed') && matchChoice(choices, said, 'loose') !== undefined && matchChoice(ownWords(run, choices), said, 'loose') === undefined;
}

/**
 * A clear goodbye ("thanks, bye", "that's all, thanks"): recognised with confidence and without
 * doubt, and not a message that says a step was done ("it's on", "restarted it": they answer the
 * step, whatever the recogniser makes of them) without a word of leaving (`synonyms.bye`: "it's on,
 * bye" is a goodbye).
 */
export function saysGoodbye(run: PlaybookRun, recognition: Recognition, text: string): boolean {
  if (recognition.ambiguous || recognition.confidence < run.engine.switchConfidence) return false;
  const messages = run.engine.messages;
  return !(mentionsPhrase(messages.list('synonyms.stepDone'), text, true) && !mentionsPhrase(messages.list('synonyms.bye'), text, true));
}

/**
 * A clear request when the agent hub gives the conversation back (cancel, help, a person, goodbye,
 * another problem: recognised with confidence, no greeting or nothing), or a device named.
 */
export function asksSomethingClear(run: PlaybookRun, recognition: Recognition): boolean {
  const e = run.engine;
  const handler = e.handlerOf(recognition.intent);
  const clear = !recognition.ambiguous && recognition.confidence >= e.switchConfidence && handler !== 'none' && handler !== 'greeting';
  return clear || Boolean(e.deviceIn(recognition));
}

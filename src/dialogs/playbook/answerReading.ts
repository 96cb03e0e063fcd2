/**
 * Reading what a person typed at a playbook's prompt beyond its buttons: "it works now" anywhere, a
 * partial fix, a step only said to be done, a button's title said shorter, the problem being worked
 * on said again, a late answer to another step's question, another problem named with a device or
 * a "yes". Pure functions of (run, state, input); the recognition is passed in, read only when needed.
 */
import type { LoadedPlaybook } from '../../content/loadContent';
import { choicesOn, type Choice } from '../../content/playbookSchema';
import type { Recognition } from '../../nlu/recognizer';
import { followedByWordsOf, holdsQualifier, isOnlyPhrase, matchChoice, mentionsPhrase, normalise, type PromptChoice, type UserInput } from '../answers';
import { fill, type MessageKey } from '../messages';
import { ALREADY_FINE, FIXED, genericWords, NOTED_LATER, ownWords, PARTLY, promptChoices, SAID_FIXED, SAME_PROBLEM, STEP_DONE } from './prompts';
import { amountVocabulary, saidFirstChoice } from './firstMessage';
import { amountChoice, readStorageAmount } from './storageAmount';
import type { Phase, PlaybookState } from './state';
import { instructionText, ownFixedQuestion, platformOf, stepOf, varsFor, type PlaybookRun } from './stepContent';

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
 * An answer to a later step's question of this playbook, said at another prompt ("my storage isn't
 * full", "not full" at "Did that fix it?" after the Apple Account step): a choice's `saidFirst`
 * phrases, as in a first message, when the words pick nothing of the prompt itself and that
 * question is still to come. The choice, to be taken when its step comes.
 */
export function laterAnswer(run: PlaybookRun, state: PlaybookState, text: string): Choice | undefined {
  if (run.handoffOnly || (state.phase !== 'fixed' && state.phase !== 'question')) return undefined;
  if (matchChoice(promptChoices(run, state), { text }, 'loose') !== undefined) return undefined;
  const said = { ...state, utterance: text };
  for (const id of run.playbook.steps.slice(state.stepIndex + 1)) {
    const step = run.engine.content.steps[id];
    if (!step?.question || state.answered?.some((a) => a.step === id)) continue;
    const choice = saidFirstChoice(run, said, step);
    if (choice) return choice;
  }
  return undefined;
}

/**
 * "No, there's plenty of space" at "Did that fix it?" after the Apple Account step: the first
 * clause answers the prompt, the rest is the answer to a later step's question (laterAnswer). That
 * rest, to keep with the first message's words so the question is answered when it comes.
 */
export function laterAnswerAfterLead(run: PlaybookRun, state: PlaybookState, text: string): { rest: string; choice: Choice } | undefined {
  const lead = firstClause(text);
  if (lead === undefined) return undefined;
  const rest = text
    .trim()
    .slice(lead.length)
    .replace(/^\s*(?:[,;.!\u2013\u2014]+|-|but\b)\s*/i, '')
    .trim();
  const choice = rest === '' ? undefined : laterAnswer(run, state, rest);
  return choice ? { rest, choice } : undefined;
}

/**
 * A partial fix ("yes, some photos only", "half of them synced", "kind of, most are there") at
 * "Did that fix it?", or in words that would pick a step question's `fixed` choice, say "it
 * works now" or say some came back (`synonyms.cameBack`: "some notes came back") there: not
 * fixed, whatever "yes" it holds. A different problem said clearly ("some
 * of my contacts are missing too") is left to the switch offer.
 */
export function overridingAnswer(run: PlaybookRun, recognize: () => Recognition, state: PlaybookState, input: UserInput): string | undefined {
  if (run.handoffOnly || (state.phase !== 'fixed' && state.phase !== 'question') || /^\s*\d+\s*$/.test(input.text)) return undefined;
  const amount = amountAnswer(run, state, input);
  if (amount !== undefined) return amount;
  const short = shortButtonAnswer(run, state, input);
  if (short !== undefined) return short;
  const unsure = unsureAnswer(run, state, input);
  if (unsure !== undefined) return unsure;
  if (!saysPartly(run, input)) {
    if (saysAlreadyFine(run, recognize, state, input)) return ALREADY_FINE;
    if (saysOnlyStepDone(run, recognize, state, input) || saysOnlyChecked(run, recognize, state, input)) return STEP_DONE;
    if (saysProblemAgain(run, recognize, state, input)) return SAME_PROBLEM;
    return laterAnswer(run, state, input.text) !== undefined && !namesOtherPlaybook(run, state, recognize()) ? NOTED_LATER : undefined;
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
    // "some reminders showed up but not all", "some notes came back": a partial fix said in words.
    const cameBack = mentionsPhrase(run.engine.messages.list('synonyms.cameBack'), input.text, true);
    if (picked?.action !== 'fixed' && !saysFixed && !cameBack) return undefined;
  }
  const e = run.engine;
  const r = recognize();
  const otherProblem = !r.ambiguous && r.confidence >= e.switchConfidence && e.handlerOf(r.intent) === 'playbook' && !isCurrentProblem(run, state, r);
  return otherProblem ? undefined : PARTLY;
}

/**
 * A storage amount at a step's question or "Did that fix it?" ("4 GB of 200 GB used", "3% free",
 * "2TB used of 2TB": see readStorageAmount) is the choice that the words for its reading pick
 * (messages.yaml `synonyms.amountFull` for nearly full, `synonyms.amountRoom` for room: "No, it's
 * still full" at "Does iCloud show enough free space now?"); at a plain "Did that fix it?" after the
 * storage check, nearly full is "No". Undefined where no choice takes them (a question about
 * anything but storage) or the text holds no amount that says either.
 */
export function amountAnswer(run: PlaybookRun, state: PlaybookState, input: UserInput): string | undefined {
  if (state.phase !== 'question' && state.phase !== 'fixed') return undefined;
  const words = amountVocabulary(run.engine);
  const direct = amountChoice(input.text, words, promptChoices(run, state));
  if (direct !== undefined || state.phase !== 'fixed') return direct;
  // "it says 2TB used of 2TB" at "Did that fix it?" after a step whose own question it answers with its
  // "full" choice (the storage check): still full, so not fixed. Room says nothing of a fix: left to the other readings.
  if (readStorageAmount(input.text, words) !== 'full') return undefined;
  const own = (stepOf(run, state).question?.choices ?? []).filter((c) => c.action !== 'fixed' && c.action !== 'skip');
  const picked = amountChoice(input.text, words, own.map((c) => ({ id: c.id, title: c.title, synonyms: c.synonyms })));
  return picked !== undefined ? FIXED.no : undefined;
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

/** The words that say "it works now" at this prompt: messages.yaml `synonyms.fixed` and the playbook's own yes words ("I'm in now"). */
function fixedPhrases(run: PlaybookRun, state: PlaybookState): string[] {
  const own = state.phase === 'fixed' ? ownFixedQuestion(run, state)?.yesSynonyms : undefined;
  return [...run.engine.messages.list('synonyms.fixed'), ...(own ?? [])];
}

/** Where one clause ends: punctuation, a dash, or a word that starts a new one ("…, now there's room"). */
const CLAUSE_END = /[,.;:!?\u2013\u2014]|\s-\s|\b(?:but|and|so|now|then)\b/i;

/**
 * A device named only as what a step was done to ("I deleted an old iPad backup", "removed the
 * Mac files"): a phrase of messages.yaml `synonyms.stepDone` before it in its clause, and more of
 * that clause after it (the device says whose thing it was). It says what was done, not which
 * device we work on. A clear statement still changes the device: words of messages.yaml
 * `synonyms.deviceStatement` right before it ("it's actually my iPad", "on my iPad"), the device
 * name alone, and "I restarted my iPad" (the device ends the clause). A device in a clause that
 * says it is fine or has the problem too (messages.yaml `synonyms.deviceAside`: "my Mac shows them
 * fine", "it also happens on my Mac") is in passing too.
 */
export function namedInPassing(run: PlaybookRun, recognition: Recognition, deviceId: string): boolean {
  const e = run.engine;
  const done = e.messages.list('synonyms.stepDone');
  const statement = e.messages.list('synonyms.deviceStatement').map(normalise).filter((p) => p !== '');
  const mentions = recognition.entities.filter((m) => m.type === 'device' && e.namedDevices({ ...recognition, entities: [m] })[0]?.device.id === deviceId);
  if (mentions.length === 0) return false;
  const aside = e.messages.list('synonyms.deviceAside');
  return mentions.every((m) => {
    const before = recognition.text.slice(0, m.start).split(CLAUSE_END).pop() ?? '';
    const after = recognition.text.slice(m.end).split(CLAUSE_END)[0] ?? '';
    // "my Mac shows them fine", "the notes are fine on my Mac", "it also happens on my Mac": that
    // device is fine, or has it too; it is not the one we work on.
    if (mentionsPhrase(aside, `${before} ${after}`, true)) return true;
    // "it's on my Windows PC", "actually my iPad": the words right before say which device it is.
    const lead = normalise(before);
    if (statement.some((p) => lead === p || lead.endsWith(` ${p}`))) return false;
    return normalise(after) !== '' && mentionsPhrase(done, before, true);
  });
}

/** True when the message names a device meant as the one to work on (not ruled out, not named in passing). */
export function devicesMeant(run: PlaybookRun, recognition: Recognition): boolean {
  return run.engine.namedDevices(recognition).some((n) => !n.ruledOut && !namedInPassing(run, recognition, n.device.id));
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
  if (mentionsPhrase(fixedPhrases(run, state), input.text, true)) return false;
  const choices = promptChoices(run, state);
  // A button's own words typed ("Yes, I'm signed in") are that button.
  if (matchChoice(choices, { text: input.text }, 'exact') !== undefined) return false;
  const picked = matchChoice(choices, { text: input.text }, 'loose');
  // Without a "yes", a non-answer in it ("not sure I did it") keeps the "can't tell" reply; "ok
  // done" is no such thing: its lead word and a non-answer that only says it was done leave it done.
  if (picked !== FIXED.yes && (picked !== undefined || mentionsPhrase(notAnswers(run), input.text, true))) return false;
  // "it's on my Windows PC" is a device correction; "I deleted an old iPad backup" is not.
  return !devicesMeant(run, recognize());
}

/**
 * At a step's question, words that only say it was checked ("I checked that as well", "checked it
 * already": messages.yaml `synonyms.checked`) and pick no choice: not an answer yet, so what it
 * showed is asked for. A device meant with them is a correction, left to it.
 */
export function saysOnlyChecked(run: PlaybookRun, recognize: () => Recognition, state: PlaybookState, input: UserInput): boolean {
  if (state.phase !== 'question') return false;
  const messages = run.engine.messages;
  if (!mentionsPhrase(messages.list('synonyms.checked'), input.text, true)) return false;
  if (matchChoice(promptChoices(run, state), { text: input.text }, 'loose') !== undefined) return false;
  if (mentionsPhrase(messages.list('synonyms.fixed'), input.text, true)) return false;
  return !devicesMeant(run, recognize());
}

/**
 * At a step's question, the problem said again in words that pick no choice ("also it says
 * paused", "it's still slow": messages.yaml `synonyms.notFixed`), whatever the recogniser makes of
 * them: no answer, so "we're on it" and the question. Not a partial fix, not with a device meant
 * (a correction), another service or another problem named clearly (a switch).
 */
export function saysProblemAgain(run: PlaybookRun, recognize: () => Recognition, state: PlaybookState, input: UserInput): boolean {
  if (state.phase !== 'question') return false;
  const messages = run.engine.messages;
  if (!mentionsPhrase(messages.list('synonyms.notFixed'), input.text, true) || saysPartly(run, input)) return false;
  if (matchChoice(promptChoices(run, state), { text: input.text }, 'loose') !== undefined) return false;
  const r = recognize();
  const service = run.engine.serviceIn(r);
  if (service !== undefined && service !== state.service) return false;
  return !devicesMeant(run, r) && !namesOtherPlaybook(run, state, r);
}

/** messages.yaml `synonyms.unclear` without the lead words ("ok") and the phrases that only say a step was done ("done that"). */
function notAnswers(run: PlaybookRun): string[] {
  const messages = run.engine.messages;
  const lead = new Set(messages.list('synonyms.acknowledge').map(normalise));
  const done = messages.list('synonyms.stepDone');
  return messages.list('synonyms.unclear').filter((p) => !lead.has(normalise(p)) && !mentionsPhrase(done, p, true));
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
  if (mentionsPhrase(fixedPhrases(run, state), input.text, true)) return false;
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

/**
 * True when the device is named right after a phrase of messages.yaml `synonyms.codeOn` ("i dont
 * get any code on my iphone": at most two words between): where a code should show up, not the
 * device being worked on. Negations before it don't matter ("don't get a code on my iPhone").
 */
export function codeDeviceNamed(run: PlaybookRun, recognition: Recognition, deviceId: string): boolean {
  const phrases = run.engine.messages.list('synonyms.codeOn').map((p) => normalise(p).split(' ').filter(Boolean)).filter((p) => p.length > 0);
  return recognition.entities.some((entity) => {
    if (entity.type !== 'device' || run.engine.namedDevices({ ...recognition, entities: [entity] })[0]?.device.id !== deviceId) return false;
    const clause = recognition.text.slice(0, entity.start).split(/[,.;:!?\u2013\u2014]+/).pop() ?? '';
    const words = normalise(clause).split(' ').filter(Boolean);
    return phrases.some((p) => {
      for (let at = words.length - p.length; at >= Math.max(0, words.length - p.length - 2); at--) {
        if (p.every((w, j) => words[at + j] === w)) return true;
      }
      return false;
    });
  });
}

/** The reply to a non-answer ("idk", "all of them") by the kind of question (see InterruptibleDialog.unclearKey). */
export function unclearReplyKey(state: PlaybookState): MessageKey {
  if (asksDevice(state)) return 'answer.unclearDevice';
  // answer.unclear's "give it a minute and check again" is about "Did that fix it?", no other prompt (a step's question, the outage pause…).
  return state.phase === 'fixed' ? 'answer.unclear' : 'answer.unclearQuestion';
}

/**
 * At a step's question, words that only hedge or only don't know (after lead words of
 * `synonyms.acknowledge`): a hedged yes ("i think so?", messages.yaml `synonyms.hedgedYes`) is the
 * choice that takes a plain "yes" (the person's best guess; its instructions say how to make sure);
 * "dunno" (`synonyms.dontKnow`) is the choice whose own phrases hold such words ("I'm not sure").
 * Undefined when the question has no such choice (then it is no answer, as before).
 */
export function unsureAnswer(run: PlaybookRun, state: PlaybookState, input: UserInput): string | undefined {
  if (run.handoffOnly || state.phase !== 'question' || input.value !== undefined) return undefined;
  const messages = run.engine.messages;
  const lead = messages.list('synonyms.acknowledge');
  const text = input.text.replace(/[?!.]+\s*$/, '');
  const choices = stepOf(run, state).question?.choices ?? [];
  const offered = new Set(promptChoices(run, state).map((c) => c.id));
  const owning = (phrases: readonly string[]) => {
    const wanted = new Set(phrases.map(normalise));
    return choices.find((c) => offered.has(c.id) && c.action !== 'fixed' && c.synonyms.some((p) => wanted.has(normalise(p))))?.id;
  };
  if (isOnlyPhrase(messages.list('synonyms.hedgedYes'), lead, text)) return owning(messages.list('synonyms.yes').slice(0, 1));
  if (isOnlyPhrase(messages.list('synonyms.dontKnow'), lead, text)) return owning(messages.list('synonyms.dontKnow'));
  return undefined;
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
  if (state.phase === 'fixed') return yesWithOtherAnswer(run, state, input);
  if (state.phase !== 'question') return false;
  const choices = promptChoices(run, state);
  if (matchChoice(choices, input, 'loose') === undefined) return false;
  const generic = genericWords(run);
  if (matchChoice(ownWords(run, choices), input, 'loose') !== undefined) return false;
  const ownPhrases = new Set(choices.flatMap((c) => [c.title, ...c.synonyms]).map(normalise));
  const step = stepOf(run, state);
  const own = new Set(normalise([step.title, ...Object.values(step.question?.text ?? {})].join(' ')).split(' '));
  const elsewhere = [
    ...otherQuestionPhrases(run, state.stepId),
    // "yep internet works fine otherwise" at the storage question: about the connection step.
    ...otherQuestionTopics(run, state.stepId).filter((w) => !own.has(w)),
  ].filter((p) => !generic.has(normalise(p)) && !ownPhrases.has(normalise(p)));
  return mentionsPhrase(elsewhere, input.text, true);
}

/** The phrases of this playbook's step questions' choices, but those of `except`. */
function otherQuestionPhrases(run: PlaybookRun, except?: string): string[] {
  return run.playbook.steps
    .filter((id) => id !== except)
    .flatMap((id) => run.engine.content.steps[id]?.question?.choices ?? [])
    // "yes room now" answers storage's own "Does iCloud show enough free space now?", not the account question.
    .flatMap((c) => [...c.synonyms, ...(c.fixedQuestion?.yesSynonyms ?? []), ...(c.fixedQuestion?.noSynonyms ?? [])]);
}

/** How long a word of another question's step title must be to name its topic ("internet", "storage", "account"). */
const TOPIC_LETTERS = 6;

/** The longer words of the titles of this playbook's other steps with a question ("Check the internet connection"). */
function otherQuestionTopics(run: PlaybookRun, except: string): string[] {
  const common = new Set(run.engine.messages.list('stopWords.en').map(normalise));
  return run.playbook.steps
    .filter((id) => id !== except && run.engine.content.steps[id]?.question)
    .flatMap((id) => normalise(run.engine.content.steps[id].title).split(' '))
    .filter((w) => w.length >= TOPIC_LETTERS && !common.has(w));
}

/**
 * At "Did that fix it?", a bare "yes" with words that answer one of this playbook's step
 * questions ("yes, it's full": the storage question's "full"): it contradicts the fix, or answers
 * something else, so it is no plain yes. A fix said in words ("yes, it works now") or a button's
 * own words still answer.
 */
function yesWithOtherAnswer(run: PlaybookRun, state: PlaybookState, input: UserInput): boolean {
  const choices = promptChoices(run, state);
  if (matchChoice(choices, input, 'exact') !== undefined || matchChoice(choices, input, 'loose') !== FIXED.yes) return false;
  if (mentionsPhrase(fixedPhrases(run, state), input.text, true)) return false;
  const generic = genericWords(run);
  const own = new Set(choices.flatMap((c) => [c.title, ...c.synonyms]).map(normalise));
  return mentionsPhrase(otherQuestionPhrases(run).filter((p) => !generic.has(normalise(p)) && !own.has(normalise(p))), input.text, true);
}

/**
 * Another playbook's problem recognised clearly and not denied ("my icloud storage is full" while
 * contacts are being fixed): offered as a switch, not noted as an answer for later.
 */
function namesOtherPlaybook(run: PlaybookRun, state: PlaybookState, r: Recognition): boolean {
  const e = run.engine;
  const target = e.playbookForIntent(r.intent);
  if (!target || r.ambiguous || r.confidence < e.switchConfidence || target.id === run.playbook.id) return false;
  return !e.answersFromStatus(target) && !isCurrentProblem(run, state, r) && !deniesProblem(target, r.text);
}

/** True when the message says the playbook's problem is not the case (its `notWhen` phrases: "my storage isn't full"). */
export function deniesProblem(target: LoadedPlaybook, text: string): boolean {
  return mentionsPhrase(target.notWhen ?? [], text, true);
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
  if (deniesProblem(target, recognition.text)) return false;
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

/**
 * At "Did that fix it?" after a case of the step's question ("I forgot my password"), another case of
 * that question said in words ("it says account locked"): its id, when it has instructions of its
 * own and the words answer nothing of the prompt itself ("no", "still can't" stay answers).
 */
export function otherCaseSaid(run: PlaybookRun, state: PlaybookState, input: UserInput): string | undefined {
  if (run.handoffOnly || state.phase !== 'fixed' || !state.choiceId) return undefined;
  // Any answer to the prompt itself wins, yes and no included ("no sorry I mean yes").
  if (matchChoice(promptChoices(run, state), input, 'exact') !== undefined || matchChoice(promptChoices(run, state), input, 'loose') !== undefined) return undefined;
  const step = stepOf(run, state);
  const others = choicesOn(step, platformOf(run, state)).filter((c) => c.id !== state.choiceId && c.action === 'continue' && c.instructions !== undefined);
  return matchChoice(others.map((c) => ({ id: c.id, title: c.title, synonyms: c.synonyms })), input, 'loose');
}

/**
 * What the message that started a playbook already says: another playbook's problem to fix first
 * (`firstWhen`), lines it calls for (`whenSaid`), steps it says were done (steps' `alreadyDone`),
 * and answers to later step questions (choices' `saidFirst`, `answerFromUtterance`). Pure
 * functions of (run, state).
 */
import type { LoadedPlaybook } from '../../content/loadContent';
import { choicesOn, type Choice, type Step } from '../../content/playbookSchema';
import { holdsQualifier, matchChoice, mentionsPhrase, normalise, type PromptChoice } from '../answers';
import type { Engine } from '../engine';
import { fill } from '../messages';
import type { PlaybookOptions, PlaybookState } from './state';
import { amountChoice, type AmountVocabulary } from './storageAmount';
import { offeredChoice, platformOf, stepOptions, varsFor, type Line, type PlaybookRun } from './stepContent';

/**
 * The playbook to start instead of this one: another whose `firstWhen` phrases the first message
 * holds (not negated), the cause to fix first. Never for a return, a handoff or a status answer.
 */
export function causeFirst(run: PlaybookRun, opts: PlaybookOptions): LoadedPlaybook | undefined {
  return run.handoffOnly ? undefined : causeFirstFor(run.engine, run.playbook, opts);
}

/**
 * {@link causeFirst} for `playbook` before any run of it exists (the main dialog queues the problem
 * behind its cause): the same rule, one copy.
 */
export function causeFirstFor(engine: Engine, playbook: LoadedPlaybook, opts: PlaybookOptions): LoadedPlaybook | undefined {
  const said = opts.utterance;
  if (!said || opts.firstFor || opts.startAtHandoff || opts.resumeAt !== undefined || engine.answersFromStatus(playbook)) return undefined;
  return Object.values(engine.content.playbooks).find((p) => p.id !== playbook.id && p.firstWhen !== undefined && mentionsPhrase(p.firstWhen.phrases, said, true));
}

/**
 * The statements of a message: its clauses cut at punctuation followed by a space (or the end),
 * each read on its own, questions left out. In "photos not syncing, storage is fine" the "not" of
 * the first clause does not reach "storage is fine"; "tried restarting, tried updating" holds two
 * things tried; "is my storage full?" says nothing. "icloud.com" stays whole.
 */
export function clausesOf(text: string): string[] {
  const parts = text.split(/([.,;:!?]+(?=\s|$)|\n+)/);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const clause = parts[i].trim();
    if (normalise(clause) !== '' && !(parts[i + 1] ?? '').includes('?')) out.push(clause);
  }
  return out;
}

/**
 * True when a statement of the message (clausesOf) holds one of the phrases, as whole words and not
 * negated in that clause. A phrase of one word must be the whole clause: "restarted." or "updated!"
 * says it was done, "the contact I updated on my Mac" does not. A number glued to its unit is read
 * as two words ("2TB free" holds "tb free"). A clause holding one of `doubts` ("not sure if the
 * storage is full") states nothing.
 */
export function saysInClause(phrases: readonly string[], text: string, doubts: readonly string[] = []): boolean {
  const single = phrases.filter((p) => !normalise(p).includes(' '));
  const longer = phrases.filter((p) => normalise(p).includes(' '));
  return clausesOf(text)
    .filter((clause) => !mentionsPhrase(doubts, clause, true))
    .map((clause) => clause.replace(/(\d)(\p{L})/gu, '$1 $2'))
    .some((clause) => mentionsPhrase(single, clause, false) || mentionsPhrase(longer, clause, true));
}

/**
 * The message without what it says the trouble began after: in each statement (clausesOf), the
 * words from an `onset` phrase on ("photos stopped syncing after I restarted my iphone", "since the
 * update"). Saying when it started is not having tried that as a fix. Kept whole when the message
 * says the trouble stayed anyway (`stayed`: "still not syncing after I restarted", "even after").
 * The words come back normalised, one statement per sentence.
 */
export function withoutOnset(text: string, onset: readonly string[], stayed: readonly string[]): string {
  if (holdsQualifier(stayed, [], text)) return text;
  const starts = onset.map((p) => normalise(p).split(' ')).filter((p) => p[0] !== '');
  return clausesOf(text)
    .map((clause) => {
      const words = normalise(clause).split(' ');
      const cut = words.findIndex((_, i) => starts.some((p) => p.every((w, j) => words[i + j] === w)));
      return (cut < 0 ? words : words.slice(0, cut)).join(' ');
    })
    .filter((clause) => clause !== '')
    .join('. ');
}

/**
 * The choice of the step's question whose `saidFirst` phrases the message that started the playbook
 * holds ("storage is fine", "my storage is full"), or whose answer a storage amount in it gives
 * ("4.9 GB of 5 GB used": storageAmount.ts, when no phrase matched): only one may match (two is no answer), never a
 * `fixed` choice, and never where the playbook fixes the answer itself (`stepOptions.answer`).
 * Before the device is known every choice counts; after, those offered on its platform.
 */
export function saidFirstChoice(run: PlaybookRun, state: PlaybookState, step: Step): Choice | undefined {
  if (!step.question || !state.utterance || stepOptions(run, step.id)?.answer !== undefined) return undefined;
  const choices = state.device ? choicesOn(step, platformOf(run, state)) : step.question.choices;
  const said = state.utterance;
  const doubts = run.engine.messages.list('synonyms.doubt');
  const hits = choices.filter((c) => c.saidFirst && c.action !== 'fixed' && saysInClause(c.saidFirst.phrases, said, doubts));
  if (hits.length > 0) return hits.length === 1 ? hits[0] : undefined;
  // "icloud says 4.9 GB of 5 GB used": the amount's reading, when it picks a choice that has a line to say so.
  const id = amountChoice(said, amountVocabulary(run.engine), choices);
  return choices.find((c) => c.id === id && c.saidFirst && c.action !== 'fixed');
}

/** messages.yaml's words for reading storage amounts (used / free) and the answers they pick. */
export function amountVocabulary(engine: Engine): AmountVocabulary {
  const list = (key: 'synonyms.amountUsed' | 'synonyms.amountFree' | 'synonyms.amountFull' | 'synonyms.amountRoom') => engine.messages.list(key);
  return { used: list('synonyms.amountUsed'), free: list('synonyms.amountFree'), full: list('synonyms.amountFull'), room: list('synonyms.amountRoom') };
}

/**
 * The choice the message that started this playbook already picks: a choice's `saidFirst` phrases
 * (any step), else, for a step with `answerFromUtterance`: exact, then loose (negation-aware) matching as for any answer, among all
 * the question's choices (a tie is no answer). Only a `continue` choice with instructions of its
 * own counts: a specific case ("forgot my password"), never "I'm not sure", a skip or "fixed",
 * which nobody answers before being asked.
 */
export function answerFromUtterance(run: PlaybookRun, state: PlaybookState, step: Step): string | undefined {
  const saidFirst = saidFirstChoice(run, state, step);
  if (saidFirst) return saidFirst.id;
  if (!stepOptions(run, step.id)?.answerFromUtterance || !step.question || !state.utterance) return undefined;
  const choices: PromptChoice[] = choicesOn(step, platformOf(run, state)).map((c) => ({ id: c.id, title: c.title, synonyms: c.synonyms }));
  const input = { text: state.utterance };
  const id = matchChoice(choices, input, 'exact') ?? matchChoice(choices, input, 'loose');
  const choice = offeredChoice(run, step, state, id);
  return choice && choice.action === 'continue' && choice.instructions ? choice.id : undefined;
}

/**
 * What the first message calls for before the steps, after the intro: why this playbook goes first
 * (`firstWhen.say`), the playbook's `whenSaid` lines its phrases call for, the `saidFirst.say` of
 * each step question it already answers (that answer is then taken when the step comes), and one
 * line naming the steps it says were done already (steps' `alreadyDone`, clause by clause:
 * `saidDone`, which are then skipped).
 */
export function firstMessageLines(run: PlaybookRun, state: PlaybookState, opts: PlaybookOptions): { lines: Line[]; saidDone: string[] } {
  const { engine, playbook } = run;
  const said = state.utterance ?? '';
  const lines: Line[] = [];
  if (opts.firstFor && playbook.firstWhen) {
    const vars = varsFor(run, state, { service: engine.serviceLabel(opts.firstFor.service) });
    lines.push({ text: fill(playbook.firstWhen.say, vars), key: 'playbook.firstWhen' });
  }
  for (const rule of playbook.whenSaid ?? []) {
    if (mentionsPhrase(rule.phrases, said, true)) lines.push({ text: fill(rule.say, varsFor(run, state)), key: 'playbook.whenSaid' });
  }
  const steps = playbook.steps.map((id) => engine.content.steps[id]).filter((step): step is Step => step !== undefined);
  // "I tried restarting the router": done, but not to the device (messages.yaml `synonyms.notTheDevice`).
  const aside = [...engine.messages.list('synonyms.doubt'), ...engine.messages.list('synonyms.notTheDevice')];
  // "stopped syncing after I restarted my iphone": when it began, not a fix tried (synonyms.onset).
  const tried = withoutWhereMade(engine, withoutOnset(said, engine.messages.list('synonyms.onset'), engine.messages.list('synonyms.stayedAfter')));
  const mentioned = steps.filter((step) => step.kind === 'instruction' && step.alreadyDone !== undefined && saysInClause(step.alreadyDone, said, aside));
  const done = mentioned.filter((step) => saysInClause(step.alreadyDone!, tried, aside));
  const onsetOnly = mentioned.filter((step) => !done.includes(step));
  for (const step of steps) {
    const answer = done.includes(step) ? undefined : saidFirstChoice(run, state, step);
    if (answer?.saidFirst) lines.push({ text: fill(answer.saidFirst.say, varsFor(run, state)), key: 'playbook.saidFirst' });
  }
  if (done.length > 0) {
    lines.push({ text: engine.messages.text('playbook.alreadyDone', { steps: titlesOf(done) }), key: 'playbook.alreadyDone' });
  }
  if (onsetOnly.length > 0) {
    lines.push({ text: engine.messages.text('playbook.startedAfter', { steps: titlesOf(onsetOnly) }), key: 'playbook.startedAfter' });
  }
  return { lines, saidDone: done.map((step) => step.id) };
}

/**
 * The message without the words that say where the data was made, in statements that say where it is
 * missing: "the note I updated on my mac doesn't show on my iphone" (messages.yaml `synonyms.madeOn`
 * before `synonyms.missingOn`) tried no software update. Phrases of one word ("from") stay.
 */
export function withoutWhereMade(engine: Engine, text: string): string {
  const made = engine.messages.list('synonyms.madeOn').map((p) => normalise(p)).filter((p) => p.includes(' '));
  const missing = engine.messages.list('synonyms.missingOn');
  return clausesOf(text)
    .map((clause) => {
      if (!mentionsPhrase(missing, clause, true)) return clause;
      let t = ` ${normalise(clause)} `;
      for (const p of made) t = t.split(` ${p} `).join(' ');
      return t.trim();
    })
    .filter((clause) => clause !== '')
    .join('. ');
}

/** Step titles, quoted and listed ("Restart the device or browser", "Update the software"). */
/**
 * Steps still ahead that a message at a step's prompt says were done already ("i already restarted
 * and updated btw"), read as in the first message (steps' `alreadyDone`, clause by clause; not what
 * only says when the trouble began, nor what was done to the router). Steps tried or skipped
 * already are left out.
 */
export function laterStepsSaidDone(run: PlaybookRun, state: PlaybookState, text: string): Step[] {
  const { engine, playbook } = run;
  const aside = [...engine.messages.list('synonyms.doubt'), ...engine.messages.list('synonyms.notTheDevice')];
  const tried = withoutWhereMade(engine, withoutOnset(text, engine.messages.list('synonyms.onset'), engine.messages.list('synonyms.stayedAfter')));
  return playbook.steps
    .slice(state.stepIndex + 1)
    .map((id) => engine.content.steps[id])
    .filter((step): step is Step => step !== undefined && step.kind === 'instruction' && step.alreadyDone !== undefined)
    .filter((step) => !state.tried?.includes(step.id) && !state.saidDone?.includes(step.id) && saysInClause(step.alreadyDone!, tried, aside));
}

/** The steps' titles, quoted, for playbook.alreadyDone. */
export function titlesOf(steps: readonly Step[]): string {
  return steps.map((step) => `"${step.title}"`).join(', ');
}

/** True when the state's utterance answers some step question of this playbook (see answerFromUtterance). */
export function answersSomeQuestion(run: PlaybookRun, state: PlaybookState): boolean {
  return run.playbook.steps.some((id) => run.engine.content.steps[id] && answerFromUtterance(run, state, run.engine.content.steps[id]) !== undefined);
}

/**
 * What the message that started a playbook already says: another playbook's problem to fix first
 * (`firstWhen`), lines it calls for (`whenSaid`), steps it says were done (steps' `alreadyDone`),
 * and answers to later step questions (`answerFromUtterance`). Pure functions of (run, state).
 */
import type { LoadedPlaybook } from '../../content/loadContent';
import { choicesOn, type Step } from '../../content/playbookSchema';
import { matchChoice, mentionsPhrase, type PromptChoice } from '../answers';
import { fill } from '../messages';
import type { PlaybookOptions, PlaybookState } from './state';
import { offeredChoice, platformOf, stepOptions, varsFor, type Line, type PlaybookRun } from './stepContent';

/**
 * The playbook to start instead of this one: another whose `firstWhen` phrases the first message
 * holds (not negated), the cause to fix first. Never for a return, a handoff or a status answer.
 */
export function causeFirst(run: PlaybookRun, opts: PlaybookOptions): LoadedPlaybook | undefined {
  const said = opts.utterance;
  if (run.handoffOnly || !said || opts.firstFor || opts.startAtHandoff || opts.resumeAt !== undefined || run.engine.answersFromStatus(run.playbook)) return undefined;
  return Object.values(run.engine.content.playbooks).find((p) => p.id !== run.playbook.id && p.firstWhen !== undefined && mentionsPhrase(p.firstWhen.phrases, said, true));
}

/**
 * The choice the message that started this playbook already picks, for a step with
 * `answerFromUtterance`: exact, then loose (negation-aware) matching as for any answer, among all
 * the question's choices (a tie is no answer). Only a `continue` choice with instructions of its
 * own counts: a specific case ("forgot my password"), never "I'm not sure", a skip or "fixed",
 * which nobody answers before being asked.
 */
export function answerFromUtterance(run: PlaybookRun, state: PlaybookState, step: Step): string | undefined {
  if (!stepOptions(run, step.id)?.answerFromUtterance || !step.question || !state.utterance) return undefined;
  const choices: PromptChoice[] = choicesOn(step, platformOf(run, state)).map((c) => ({ id: c.id, title: c.title, synonyms: c.synonyms }));
  const input = { text: state.utterance };
  const id = matchChoice(choices, input, 'exact') ?? matchChoice(choices, input, 'loose');
  const choice = offeredChoice(run, step, state, id);
  return choice && choice.action === 'continue' && choice.instructions ? choice.id : undefined;
}

/**
 * What the first message calls for before the steps, after the intro: why this playbook goes first
 * (`firstWhen.say`), the playbook's `whenSaid` lines its phrases call for, and one line naming the
 * steps it says were done already (steps' `alreadyDone`: `saidDone`, which are then skipped).
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
  const done = playbook.steps
    .map((id) => engine.content.steps[id])
    .filter((step): step is Step => step?.kind === 'instruction' && step.alreadyDone !== undefined && mentionsPhrase(step.alreadyDone, said, true));
  if (done.length > 0) {
    lines.push({ text: engine.messages.text('playbook.alreadyDone', { steps: done.map((step) => `"${step.title}"`).join(', ') }), key: 'playbook.alreadyDone' });
  }
  return { lines, saidDone: done.map((step) => step.id) };
}

/** True when the state's utterance answers some step question of this playbook (see answerFromUtterance). */
export function answersSomeQuestion(run: PlaybookRun, state: PlaybookState): boolean {
  return run.playbook.steps.some((id) => run.engine.content.steps[id] && answerFromUtterance(run, state, run.engine.content.steps[id]) !== undefined);
}

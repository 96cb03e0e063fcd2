/**
 * The main dialog's menus: the problem list ("what isn't syncing?"), the help menu (the problems,
 * then a person), "Did you mean …?" built from the recogniser's candidates, and what a choice
 * picked from any of them asks for. Choices name intents by id (`intent:<id>`) from the content;
 * nothing here names an intent.
 */
import type { Recognition } from '../../nlu/recognizer';
import type { PromptChoice } from '../answers';
import type { Engine } from '../engine';
import type { MessageKey } from '../messages';
import type { ProblemWords } from './state';

/** At most this many candidates in "Did you mean …?". */
export const DID_YOU_MEAN_MAX = 3;

/** Menu choice ids: `intent:<id>` starts that intent; these two are the engine's own. */
const AGENT_CHOICE = 'agent';
const SOMETHING_ELSE_CHOICE = 'something-else';
const INTENT_CHOICE_PREFIX = 'intent:';

/**
 * Did-you-mean candidates: problems (by playbook title) and "talk to a person" (only when
 * `canHandOff`: content has a handoff flow).
 */
export function candidates(engine: Engine, r: Recognition, canHandOff: boolean): PromptChoice[] {
  const seen = new Set<string>();
  const out: PromptChoice[] = [];
  for (const intent of [r.intent, ...r.alternatives.map((a) => a.intent)]) {
    if (out.length >= DID_YOU_MEAN_MAX || seen.has(intent)) continue;
    seen.add(intent);
    const handler = engine.handlerOf(intent);
    const playbook = engine.playbookForIntent(intent);
    if (handler === 'playbook' && playbook) out.push({ id: INTENT_CHOICE_PREFIX + intent, title: playbook.title, synonyms: [] });
    else if (handler === 'agent' && canHandOff && !out.some((c) => c.id === AGENT_CHOICE)) out.push(engine.choice(AGENT_CHOICE, 'choice.agent'));
  }
  return out;
}

/**
 * The "Did you mean …?" menu: the candidates and "something else". With one problem offered it is a
 * yes/no question too ("yes", "sí", "nope").
 */
export function didYouMeanMenu(engine: Engine, choices: readonly PromptChoice[]): PromptChoice[] {
  return choices.length === 1
    ? [{ ...choices[0]!, synonyms: engine.messages.list('synonyms.yes') }, engine.choice(SOMETHING_ELSE_CHOICE, 'choice.somethingElse', ['synonyms.no'])]
    : [...choices, engine.choice(SOMETHING_ELSE_CHOICE, 'choice.somethingElse')];
}

/**
 * Words of other languages people type at the problem list ("Kontakte", "calendario"), by
 * playbook id: messages.yaml `synonyms.problemWords`, one entry per playbook written
 * "<playbook id>: word, word". An entry naming no playbook, or with no words, is left out (the
 * content test checks there is none).
 */
export function problemWordsByPlaybook(engine: Engine): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const entry of engine.messages.list('synonyms.problemWords')) {
    const at = entry.indexOf(':');
    const id = entry.slice(0, at).trim();
    const words = entry
      .slice(at + 1)
      .split(',')
      .map((w) => w.trim())
      .filter((w) => w !== '');
    if (at > 0 && engine.content.playbooks[id] && words.length > 0) out.set(id, [...(out.get(id) ?? []), ...words]);
  }
  return out;
}

/**
 * Every problem we have a playbook for (by title), for "what isn't syncing?"; each answers to its
 * words in other languages too ("Kontakte": problemWordsByPlaybook).
 */
export function problemMenu(engine: Engine): PromptChoice[] {
  const words = problemWordsByPlaybook(engine);
  return Object.values(engine.content.playbooks)
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((p) => ({ id: INTENT_CHOICE_PREFIX + p.intent, title: p.title, synonyms: words.get(p.id) ?? [] }));
}

/** Every problem we have a playbook for, then a person (when `canHandOff`). */
export function helpMenu(engine: Engine, canHandOff: boolean): PromptChoice[] {
  const problems = problemMenu(engine);
  return canHandOff ? [...problems, engine.choice(AGENT_CHOICE, 'choice.agent')] : problems;
}

/**
 * What a choice picked from a menu asks for: a person, a problem's playbook, a short reply (help,
 * greeting, goodbye, cancel), or something else.
 */
export type MenuPick = { kind: 'agent' } | { kind: 'playbook'; intent: string } | { kind: 'reply'; key: MessageKey } | { kind: 'somethingElse' };

export function readMenuPick(engine: Engine, choiceId: string): MenuPick {
  if (choiceId === AGENT_CHOICE) return { kind: 'agent' };
  if (choiceId.startsWith(INTENT_CHOICE_PREFIX)) {
    const intent = choiceId.slice(INTENT_CHOICE_PREFIX.length);
    const handler = engine.handlerOf(intent);
    if (handler === 'playbook') return { kind: 'playbook', intent };
    if (handler === 'agent') return { kind: 'agent' };
    if (handler !== 'none') return { kind: 'reply', key: handler === 'cancel' ? 'cancel.done' : (handler as 'help' | 'greeting' | 'goodbye') };
  }
  return { kind: 'somethingElse' };
}

/**
 * What a problem picked from a menu starts with: what the message the menu was about said (its
 * device, service, words), unless the pick itself (`now`) names or rules out a device; a service
 * the pick names replaces the message's.
 */
export function wordsForPick(now: ProblemWords, menuProblem: ProblemWords | undefined): ProblemWords {
  const saysMore = now.devices.length > 0 || now.ruledOut.length > 0;
  if (saysMore || !menuProblem) return now;
  // A button comes back as its title ("Photos not syncing"), which names a service: that service,
  // with the device and words of the message the menu was about.
  return now.service !== undefined && now.service !== menuProblem.service ? { ...menuProblem, service: now.service } : menuProblem;
}

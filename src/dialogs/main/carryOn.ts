/**
 * "Carry on": a playbook left mid-way (handed to a person who has since closed the chat, stopped,
 * left) picked up again when the person says so. After a live chat the hub asks "anything else?";
 * when a playbook was handed off mid-way, "ok continue", "go on", "carry on" resume it, and a plain
 * "yes" or "ok" gets the choice asked plainly ("Shall we carry on with the … checks on your …?").
 * "continue" at the top level never means stop: it resumes the last playbook left mid-way, or asks
 * what to carry on with. Pure functions of (engine, state, input); the dialog sends and starts.
 */
import { normalise, matchChoice, type PromptChoice, type UserInput } from '../answers';
import type { Engine } from '../engine';
import { phraseChoice } from './phraseChoice';
import type { LastPlaybook } from './state';

/** Answers to "Shall we carry on with the … checks?". */
const CARRY_ON = { yes: 'carry-on', other: 'carry-other', no: 'carry-no' } as const;

/** Outcomes of a playbook left mid-way, with checks still to go. */
const LEFT_MIDWAY: readonly string[] = ['left', 'stopped'];

/**
 * The last playbook when it was left with checks still to go: handed to a person mid-way (the
 * playbook was waiting at a step: phase `handoff`), stopped or left. Not one that was fixed, nor one
 * handed off at its own last step (nothing is left to carry on with).
 */
export function resumableLast(engine: Engine, last: LastPlaybook | undefined): LastPlaybook | undefined {
  if (!last || !engine.content.playbooks[last.place.playbookId]) return undefined;
  if (last.outcome === 'handed-off') return last.place.phase === 'handoff' ? last : undefined;
  return LEFT_MIDWAY.includes(last.outcome) ? last : undefined;
}

/** The buttons of "Shall we carry on with the … checks?". */
export function carryOnChoices(engine: Engine): PromptChoice[] {
  return [
    engine.choice(CARRY_ON.yes, 'carryOn.yes', ['synonyms.carryOn', 'synonyms.yes', 'synonyms.goAhead']),
    engine.choice(CARRY_ON.other, 'carryOn.other', ['synonyms.somethingElse']),
    engine.choice(CARRY_ON.no, 'carryOn.no', ['synonyms.no', 'synonyms.nothingElse']),
  ];
}

/** The answer to "Shall we carry on …?": `yes`, `other` (something else), `no`, or undefined (routed as usual). */
export function readCarryOn(engine: Engine, input: UserInput): 'yes' | 'other' | 'no' | undefined {
  const choices = carryOnChoices(engine);
  const picked = matchChoice(choices, input, 'exact') ?? (saysCarryOn(engine, input) ? CARRY_ON.yes : phraseChoice(choices, input, 'loose'));
  return picked === CARRY_ON.yes ? 'yes' : picked === CARRY_ON.other ? 'other' : picked === CARRY_ON.no ? 'no' : undefined;
}

/**
 * A message that only says carry on: a `synonyms.carryOn` phrase ("continue", "go on", "carry on")
 * with nothing else but `synonyms.carryOnWith` words ("ok continue", "yes please continue",
 * "continue please"). Typed words only; "don't continue" is no carry on.
 */
export function saysCarryOn(engine: Engine, input: UserInput): boolean {
  if (input.value !== undefined) return false;
  let words = normalise(input.text).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  const phrases = engine.messages
    .list('synonyms.carryOn')
    .map((p) => normalise(p).split(' ').filter(Boolean))
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length);
  let found = false;
  for (const phrase of phrases) {
    for (let at = 0; at + phrase.length <= words.length; ) {
      if (phrase.every((w, i) => words[at + i] === w)) {
        if (engine.saysNegation(words.slice(Math.max(0, at - 2), at).join(' '))) return false;
        words = [...words.slice(0, at), ...words.slice(at + phrase.length)];
        found = true;
      } else at++;
    }
  }
  if (!found) return false;
  const extra = new Set(engine.messages.list('synonyms.carryOnWith').map(normalise));
  return words.every((w) => extra.has(w));
}

/**
 * Messages at a step's question or at "Did that fix it?" that are no answer but ask for something
 * about the step itself: what the chosen case's `whenSaid` phrases say ("I don't have my old phone
 * anymore" after the two-factor text), pausing ("thanks ill try later": messages.yaml
 * `synonyms.later`), the step again ("what was that again?": `synonyms.repeat`), how to check
 * ("how do i check that?": `synonyms.howToCheck`, with the question's `howTo`) and "help" for this
 * prompt; at the outage pause, "ok so should i wait?" and "can we check my settings anyway"
 * (readOutagePause). Pure: reads (run, state, text); the dialog sends and moves the state.
 */
import type { LoadedPlaybook } from '../../content/loadContent';
import { isOnlyPhrase, mentionsPhrase } from '../answers';
import { readOutagePause } from '../main/outage';
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
  | { then: 'outageContinue' };

/**
 * What the message asks about the step, or undefined (read as usual). `help`: the person typed
 * the help command as such ("help").
 */
export function stepAside(run: PlaybookRun, state: PlaybookState, text: string, help: boolean): StepAside | undefined {
  if (run.handoffOnly) return undefined;
  if (state.phase === 'statusPause') {
    const read = readOutagePause(run.engine, { text });
    return read === 'advice' ? { then: 'outageAdvice' } : read === 'continue' ? { then: 'outageContinue' } : undefined;
  }
  if (state.phase !== 'question' && state.phase !== 'fixed') return undefined;
  const messages = run.engine.messages;
  if (state.phase === 'fixed') {
    const said = chosenCase(run, state)?.whenSaid;
    if (said && mentionsPhrase(said.phrases, text, true)) return { then: 'whenSaid', say: said.say, handoff: said.then === 'handoff' };
  }
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

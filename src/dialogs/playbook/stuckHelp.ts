/**
 * Stuck on a step ("I can't find it", "it's greyed out", "what's See All?"): telling it from an
 * answer, another problem or a device correction, and the step's text to show again.
 */
import type { Recognition } from '../../nlu/recognizer';
import { followedByWordsOf, matchChoice, mentionsPhrase, type UserInput } from '../answers';
import { fill } from '../messages';
import { ownWords, promptChoices } from './prompts';
import { platformText, type PlaybookState } from './state';
import { instructionText, platformOf, stepOf, varsFor, type PlaybookRun } from './stepContent';

/**
 * Undefined when the message is no "stuck on this step" at its question or at "Did that fix it?";
 * else the step's own text for this device to show again (`text` undefined when it has none). A
 * phrase of messages.yaml `synonyms.stuck` is enough; one of `synonyms.stuckAbout` needs words of
 * the step's text after it, and not another problem recognised clearly ("I can't find my photos")
 * nor, at a step's question, words of one of its own choices ("I don't have email": I'm not sure).
 * A device named that is news is a correction instead.
 */
export function stuckOnStep(run: PlaybookRun, state: PlaybookState, input: UserInput, recognition: Recognition): { text: string | undefined } | undefined {
  if (run.handoffOnly || (state.phase !== 'question' && state.phase !== 'fixed')) return undefined;
  const e = run.engine;
  const step = stepOf(run, state);
  if (!step || e.namedDevices(recognition).some((n) => !n.ruledOut && n.device.id !== state.device)) return undefined;
  const raw = instructionText(run, step, state.phase === 'question' ? { ...state, choiceId: undefined } : state);
  const text = raw === undefined || raw === 'skip' ? undefined : fill(raw, varsFor(run, state));
  if (!mentionsPhrase(e.messages.list('synonyms.stuck'), input.text, true)) {
    const clear = !recognition.ambiguous && recognition.confidence >= e.switchConfidence;
    if (clear && e.handlerOf(recognition.intent) === 'playbook') return undefined;
    const question = state.phase === 'question' ? platformText(step.question?.text, platformOf(run, state)) : undefined;
    const source = [step.title, question ?? '', text ?? ''].join(' ');
    if (!followedByWordsOf(e.messages.list('synonyms.stuckAbout'), input.text, source, e.messages.list('stopWords.en'))) return undefined;
    // "I don't have email" at the sign-in question: a choice's own words answer it.
    if (state.phase === 'question' && matchChoice(ownWords(run, promptChoices(run, state)), input, 'loose') !== undefined) return undefined;
  }
  return { text };
}

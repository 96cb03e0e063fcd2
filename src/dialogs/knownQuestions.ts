/**
 * Side questions with a sure answer (dialogs/questions.yaml): "optimize mac storage is on, does
 * that matter?", "time machine?". Read at the top level and at any pending question, before "a
 * person from support can answer that"; the caller says the answer, then asks again what it asked.
 */
import type { KnownQuestion, Platform } from '../content/playbookSchema';
import type { Recognition } from '../nlu/recognizer';
import { mentionsPhrase, normalise, opensWithPhrase } from './answers';
import type { Engine } from './engine';

export interface KnownAnswer {
  id: string;
  text: string;
}

/** A question: ends in "?" (after any closing marks) or opens with a `synonyms.questionStart` phrase. */
export function isQuestion(engine: Engine, text: string): boolean {
  return /\?[\s"')\]»”’!.]*$/u.test(text) || opensWithPhrase(engine.messages.list('synonyms.questionStart'), text);
}

/** Words of the longest `whenAsked` phrase the text holds (0 when none). */
function matchLength(question: KnownQuestion, text: string): number {
  let best = 0;
  for (const phrase of question.whenAsked) {
    const words = normalise(phrase).split(' ').length;
    if (words > best && mentionsPhrase([phrase], text, true)) best = words;
  }
  return best;
}

/**
 * The answer to a known side question, for the platform of the device the question names, else
 * `platform` (the device being talked about), else the text for all. Undefined when the text is no
 * question (nor a phrase alone) or holds none of the phrases.
 */
export function knownAnswer(engine: Engine, recognition: Recognition, platform?: Platform): KnownAnswer | undefined {
  const text = recognition.text;
  if (engine.content.questions.length === 0) return undefined;
  // A phrase alone ("time machine") asks as plainly as with a question mark.
  const alone = engine.content.questions.find((q) => mentionsPhrase(q.whenAsked, text, false));
  if (!alone && !isQuestion(engine, text)) return undefined;
  let best: { question: KnownQuestion; length: number } | undefined;
  for (const question of engine.content.questions) {
    const length = matchLength(question, text);
    if (length > (best?.length ?? 0)) best = { question, length };
  }
  if (!best) return undefined;
  const named = engine.namedDevices(recognition).filter((d) => !d.ruledOut);
  const on = named.length === 1 ? named[0]!.device.platform : platform;
  const answer = best.question.answer;
  return { id: best.question.id, text: (on !== undefined ? answer[on] : undefined) ?? answer.all };
}

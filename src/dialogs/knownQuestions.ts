/**
 * Side questions with a sure answer (dialogs/questions.yaml): "optimize mac storage is on, does
 * that matter?", "time machine?". Read at the top level and at any pending question, before "a
 * person from support can answer that"; the caller says the answer, then asks again what it asked.
 */
import type { KnownQuestion, Platform } from '../content/playbookSchema';
import type { Recognition } from '../nlu/recognizer';
import { mentionsPhrase, normalise, opensWithPhrase, sentencesOf, withoutPhrase } from './answers';
import type { Engine } from './engine';

export interface KnownAnswer {
  id: string;
  text: string;
  /** The phrase of `whenAsked` that matched, normalised ("are you a real person"). */
  phrase: string;
  /** Every phrase of the entry the text holds, normalised (a command word inside any of them is no command). */
  phrases: string[];
}

/** A question: ends in "?" (after any closing marks) or opens with a `synonyms.questionStart` phrase. */
export function isQuestion(engine: Engine, text: string): boolean {
  return /\?[\s"')\]»”’!.]*$/u.test(text) || opensWithPhrase(engine.messages.list('synonyms.questionStart'), text);
}

/** Each entry's phrases, normalised once per content load (keyed by the content's list). */
const NORMALISED = new WeakMap<readonly KnownQuestion[], { question: KnownQuestion; phrases: string[] }[]>();

function normalisedQuestions(questions: readonly KnownQuestion[]): { question: KnownQuestion; phrases: string[] }[] {
  let list = NORMALISED.get(questions);
  if (!list) {
    list = questions.map((question) => ({ question, phrases: question.whenAsked.map(normalise).filter((p) => p !== '') }));
    NORMALISED.set(questions, list);
  }
  return list;
}

/**
 * The answer to a known side question, for the platform of the device the question names, else
 * `platform` (the device being talked about), else the text for all. Undefined when the text holds
 * none of the phrases, or is no question (nor a phrase alone) and the entry is not marked `statements`
 * (`anyStatement`: every entry is read in statements too, for a message nothing else could place).
 */
export function knownAnswer(engine: Engine, recognition: Recognition, platform?: Platform, anyStatement = false): KnownAnswer | undefined {
  const text = recognition.text;
  if (engine.content.questions.length === 0) return undefined;
  const entries = normalisedQuestions(engine.content.questions);
  // A phrase alone ("time machine") asks as plainly as with a question mark.
  const said = normalise(text);
  // A statement ("google photos not syncing") only for entries marked `statements`, or a phrase alone.
  const asked = anyStatement || isQuestion(engine, text) || entries.some((e) => e.phrases.includes(said));
  // The entry with the longest phrase the text holds (whole words, not negated); a tie goes to the entry listed first.
  let best: { question: KnownQuestion; length: number; phrase: string } | undefined;
  for (const { question, phrases } of entries) {
    if (!asked && !question.statements) continue;
    for (const phrase of phrases) {
      const length = phrase.split(' ').length;
      if (length > (best?.length ?? 0) && mentionsPhrase([phrase], said, true)) best = { question, length, phrase };
    }
  }
  if (!best) return undefined;
  const named = engine.namedDevices(recognition).filter((d) => !d.ruledOut);
  const on = named.length === 1 ? named[0]!.device.platform : platform;
  const answer = best.question.answer;
  const held = (entries.find((e) => e.question === best!.question)?.phrases ?? []).filter((p) => mentionsPhrase([p], said, true));
  return { id: best.question.id, text: (on !== undefined ? answer[on] : undefined) ?? answer.all, phrase: best.phrase, phrases: held };
}

/**
 * A known phrase in a sentence of its own beside a problem said clearly in another ("Last week I had
 * a billing issue with my carrier, unrelated. Anyway: my calendar events don't show up on my Mac"):
 * the message is about the problem. True when the sentences without the phrase are recognised as a
 * playbook's problem, clearly. "google photos not syncing" is one sentence: the answer stays.
 */
/** Sentences of a message read one by one at most (a long rant's first ones). */
const SENTENCES_READ = 40;

export function besideClearProblem(engine: Engine, recognition: Recognition, known: KnownAnswer): boolean {
  const sentences = sentencesOf(recognition.text, true);
  if (sentences.length < 2) return false;
  // Sentence by sentence: in a long message, the problem is one sentence among many.
  return sentences.slice(0, SENTENCES_READ).some((sentence) => {
    return !mentionsPhrase([known.phrase], sentence, true) && engine.saysProblemClearly(engine.recognizer.recognize(sentence));
  });
}

/**
 * The text without what its known phrases say and without the verb of a "how do i …" question
 * (messages.yaml `synonyms.askHowTo`): what is left may hold a command said beside the question
 * ("is this a bot? i need to speak to a human"); "how do i stop that" asks, it does not stop.
 */
export function besideKnownPhrases(engine: Engine, known: KnownAnswer, text: string): string {
  const rest = known.phrases.reduce((t, p) => withoutPhrase(t, p), text);
  const words = normalise(rest).split(' ');
  const leads = engine.messages.list('synonyms.askHowTo').map((p) => normalise(p).split(' '));
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const lead = leads.find((l) => l.every((w, j) => words[i + j] === w));
    if (lead) {
      i += lead.length; // the lead and the verb after it
      continue;
    }
    kept.push(words[i]);
  }
  return kept.join(' ');
}

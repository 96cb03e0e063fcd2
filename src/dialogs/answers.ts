/**
 * Understanding a person's answer to a prompt: a card button's value, the button title, its
 * number ("2"), or one of its phrases typed freely ("nope still broken").
 */
export interface PromptChoice {
  id: string;
  title: string;
  /** Phrases that also pick this choice. */
  synonyms: string[];
}

/** What the person sent: the text and, for card buttons (Action.Submit / messageBack), the value. */
export interface UserInput {
  text: string;
  value?: unknown;
}

/** Key in a card button's value that names the choice. */
export const CHOICE_VALUE_KEY = 'resyncChoice';

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function valueChoiceId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = (value as Record<string, unknown>)[CHOICE_VALUE_KEY];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/**
 * Words that negate a phrase right after them ("not sure", "it isn't working now", "I don't think it
 * works now"). A bare "no" is not one: "no, it works now" answers the question, then corrects it.
 */
const NEGATORS = new Set([
  'not', 'never', 'nothing', 'none', 'nobody', 'neither', 'nor', 'without', 'hardly', 'barely',
  'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'cant', 'cannot', 'couldnt', 'wont', 'wouldnt', 'hasnt', 'havent',
]);
/** Negators that, with the word after them, make an idiom negating nothing ("never mind, it works now"). */
const IDIOMS: ReadonlyMap<string, string> = new Map([['never', 'mind']]);
/** How many words before a phrase a negator still applies to it. */
const NEGATION_WINDOW = 3;
/** Words after which the rest of the message is what counts ("yes, but only some photos", "yes — no wait, no", "no sorry I mean yes"). */
const CONTRAST = new Set(['but', 'except', 'though', 'although', 'however', 'wait', 'mean', 'sorry']);

/**
 * The sentences of a message, without empty ones: cut after . ! ? ; (and : with `colon`, "Anyway: …")
 * followed by a space, and at line breaks.
 */
export function sentencesOf(text: string, colon = false): string[] {
  return text.split(colon ? /(?<=[.!?;:])\s+|\n+/u : /(?<=[.!?;])\s+|\n+/u).filter((t) => normalise(t));
}

/** Button places said in words ("the second one", "option 2", "first", "the last one"). */
const ORDINALS: Readonly<Record<string, number>> = { first: 1, '1st': 1, second: 2, '2nd': 2, two: 2, third: 3, '3rd': 3, three: 3, fourth: 4, '4th': 4, four: 4, fifth: 5, '5th': 5, five: 5, sixth: 6, '6th': 6, six: 6 };
/** Words around a place that change nothing ("the … one", "option …"); "one" alone is no place. */
const PLACE_FRAME = new Set(['the', 'option', 'number', 'choice', 'button', 'answer', 'one', 'please', 'pls']);

/** The place (1-based, within `count`) a text names, or undefined. */
function ordinalPlace(words: readonly string[], count: number): number | undefined {
  const core = words.filter((w) => !PLACE_FRAME.has(w));
  if (core.length !== 1) return undefined;
  const w = core[0];
  // A bare number is read before (its own message for a number out of range); "option 2" here.
  const n = w === 'last' ? count : /^\d+$/.test(w) ? (words.length > 1 ? Number(w) : undefined) : ORDINALS[w];
  return n !== undefined && n >= 1 && n <= count ? n : undefined;
}

/** Where `phrase` (words) starts in `words`, every place. */
export function occurrences(words: readonly string[], phrase: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((w, j) => words[i + j] === w)) out.push(i);
  }
  return out;
}

/**
 * True when a negator stands in the `window` words before position `at` (a contrast word ends the
 * look-back).
 */
function negatedAt(words: readonly string[], at: number, window = NEGATION_WINDOW): boolean {
  for (let i = at - 1; i >= Math.max(0, at - window); i--) {
    if (CONTRAST.has(words[i])) return false;
    if (NEGATORS.has(words[i]) && IDIOMS.get(words[i]) !== words[i + 1]) return true;
  }
  return false;
}

/** Pictographic emoji (👍, ✅, ❌…), without skin tones, variation selectors or joiners. */
const EMOJI = /\p{Extended_Pictographic}/gu;

/** The emoji in a text, in order (normalise() drops them: they are no letters). */
export function emojiIn(text: string): string[] {
  return text.match(EMOJI) ?? [];
}

/**
 * A message of emoji only ("👍", "✅✅"): the choice whose phrases hold every one of them (a phrase
 * may be an emoji, as in messages.yaml `synonyms.yes`); none or two choices: no match.
 */
function emojiChoice(choices: readonly PromptChoice[], raw: string): string | undefined {
  const said = new Set(emojiIn(raw));
  if (said.size === 0) return undefined;
  const hits = choices.filter((c) => {
    const own = new Set([c.title, ...c.synonyms].flatMap((p) => (normalise(p) === '' ? emojiIn(p) : [])));
    return [...said].every((e) => own.has(e));
  });
  return hits.length === 1 ? hits[0].id : undefined;
}

/**
 * exact: card value, number, or the whole text equal to the title, id or a phrase.
 * loose: the text contains a title or phrase as whole words, and no negator stands just before it
 * ("not sure" does not pick "sure"). Of several matches, one after the last contrast word wins
 * ("it works, but only on Wi-Fi" → the "but only" phrase), then the one with the most words
 * ("no, it works now" → it works now); a tie between two choices ("yes no") is no match.
 */
export function matchChoice(choices: readonly PromptChoice[], input: UserInput, mode: 'exact' | 'loose'): string | undefined {
  if (choices.length === 0) return undefined;
  const fromValue = valueChoiceId(input.value);
  if (fromValue !== undefined && choices.some((c) => c.id === fromValue)) return fromValue;
  const text = normalise(input.text);
  if (!text) return emojiChoice(choices, input.text);
  if (mode === 'exact') {
    if (/^\d+$/.test(text)) {
      const n = Number(text);
      return n >= 1 && n <= choices.length ? choices[n - 1].id : undefined;
    }
    const hit = choices.find((c) => [c.title, c.id, ...c.synonyms].some((p) => normalise(p) === text));
    if (hit) return hit.id;
    const place = ordinalPlace(text.split(' '), choices.length);
    return place === undefined ? undefined : choices[place - 1].id;
  }
  const words = text.split(' ');
  let lastContrast = -1;
  words.forEach((w, i) => {
    if (CONTRAST.has(w)) lastContrast = i;
  });
  let best: { id: string; rank: number } | undefined;
  let tie = false;
  for (const c of choices) {
    for (const phrase of [c.title, ...c.synonyms]) {
      const p = normalise(phrase);
      if (!p) continue;
      const pw = p.split(' ');
      for (const at of occurrences(words, pw)) {
        if (negatedAt(words, at)) continue;
        // After the last contrast word first, then longer phrases.
        const rank = (lastContrast >= 0 && at >= lastContrast ? 1000 : 0) + pw.length;
        if (!best || rank > best.rank) {
          best = { id: c.id, rank };
          tie = false;
        } else if (rank === best.rank && best.id !== c.id) {
          tie = true;
        }
      }
    }
  }
  return best && !tie ? best.id : undefined;
}

/**
 * The choice whose phrase the text holds only negated ("it isn't working now" holds "working now"
 * after "isn't"): the person is answering, but not with that choice. Undefined when none is.
 */
export function negatedChoice(choices: readonly PromptChoice[], input: UserInput): string | undefined {
  const text = normalise(input.text);
  if (!text) return undefined;
  const words = text.split(' ');
  for (const c of choices) {
    for (const phrase of [c.title, ...c.synonyms]) {
      const p = normalise(phrase);
      if (p && occurrences(words, p.split(' ')).some((at) => negatedAt(words, at))) return c.id;
    }
  }
  return undefined;
}

/** True when the text holds one of `phrases` as whole words, negated or not ("still not working, is it apple?"). */
export function holdsPhrase(phrases: readonly string[], text: string): boolean {
  const padded = ` ${normalise(text)} `;
  return phrases.some((p) => {
    const phrase = normalise(p);
    return phrase !== '' && padded.includes(` ${phrase} `);
  });
}

/** The text normalised, with every whole-word occurrence of `phrase` taken out ("are you a real person" out of "hi are you a real person"). */
export function withoutPhrase(text: string, phrase: string): string {
  const p = normalise(phrase);
  const padded = ` ${normalise(text)} `;
  return p === '' ? padded.trim() : padded.split(` ${p} `).join(' ').replace(/\s+/g, ' ').trim();
}

/** True when the text (normalised) is one of `phrases` or opens with one, as whole words ("how do i …"). */
export function opensWithPhrase(phrases: readonly string[], text: string): boolean {
  const t = normalise(text);
  return phrases.some((phrase) => {
    const p = normalise(phrase);
    return p !== '' && (t === p || t.startsWith(`${p} `));
  });
}

/** True when the text equals one of the phrases, or contains one as whole words (not negated) when `contains`. */
export function mentionsPhrase(phrases: readonly string[], text: string, contains: boolean): boolean {
  const t = normalise(text);
  if (!t) return false;
  if (!contains) return phrases.some((p) => normalise(p) === t);
  const words = t.split(' ');
  return phrases.some((phrase) => {
    const p = normalise(phrase);
    return p !== '' && occurrences(words, p.split(' ')).some((at) => !negatedAt(words, at));
  });
}

/**
 * True when the text holds one of `phrases` as whole words that the word just before does not
 * negate ("not partly" is no "partly") and that is not inside one of `except` ("for some reason"
 * holds no "some"). For qualifiers such as "some", "half", "mostly": only a negator right before
 * one turns it around; "didn't work, half of them missing" still says half.
 */
export function holdsQualifier(phrases: readonly string[], except: readonly string[], text: string): boolean {
  const t = normalise(text);
  if (!t) return false;
  const words = t.split(' ');
  const excluded: [number, number][] = [];
  for (const e of except) {
    const ew = normalise(e).split(' ').filter(Boolean);
    if (ew.length > 0) for (const at of occurrences(words, ew)) excluded.push([at, at + ew.length]);
  }
  return phrases.some((phrase) => {
    const pw = normalise(phrase).split(' ').filter(Boolean);
    if (pw.length === 0) return false;
    return occurrences(words, pw).some((at) => !negatedAt(words, at, 1) && !excluded.some(([from, to]) => from <= at && at + pw.length <= to));
  });
}

/** Words that may stand between "not" and the thing it rules out ("not my iPhone", "not the iPad"). */
const DETERMINERS = new Set(['my', 'the', 'a', 'an', 'this', 'that', 'your', 'our', 'his', 'her', 'their']);
/** Words that rule out the thing named right after them ("it's the iPad, not the iPhone"). */
const RULE_OUT = new Set(['not', 'nor', 'neither', 'isnt', 'wasnt', 'aint']);
/** Two-word phrases that do the same ("the iPad instead of the iPhone"). */
const RULE_OUT_PAIRS: readonly (readonly [string, string])[] = [['instead', 'of'], ['rather', 'than']];

/** Words that join the things ruled out together ("not the iPhone or the iPad"); "and" is left out: "not syncing and my iPad…" names the iPad. */
const LIST_JOINERS = new Set(['or', 'nor']);
/** How many words one thing of such a list may take ("the Windows PC"), so the look-back stays short. */
const LIST_ITEM_WORDS = 3;

/** True when a rule-out word (or pair) ends at word index `i` of `words`. */
function rulesOutAt(words: readonly string[], i: number): boolean {
  if (i < 0) return false;
  if (RULE_OUT.has(words[i])) return true;
  return i >= 1 && RULE_OUT_PAIRS.some(([a, b]) => words[i - 1] === a && words[i] === b);
}

/**
 * True when the thing named at character offset `start` of `text` is ruled out: "not", "isn't",
 * "instead of"… stands right before it, with at most determiners between ("not my iPhone"). A
 * negated verb is no such thing: in "photos don't sync on my iPhone" the iPhone is where the
 * problem is, and "not on my iPhone" says the same, so a preposition between ends the look-back.
 * A list after the rule-out word is ruled out as a whole: in "not the iPhone or the iPad" the
 * iPad is too (the thing before "or" / "nor", at most a few words long, is ruled out).
 */
export function ruledOutAt(text: string, start: number): boolean {
  const words = normalise(text.slice(0, Math.max(0, start))).split(' ').filter(Boolean);
  return ruledOutBefore(words, words.length - 1);
}

/** ruledOutAt on words: is the thing right after word index `end` ruled out? */
function ruledOutBefore(words: readonly string[], end: number): boolean {
  let i = end;
  while (i >= 0 && DETERMINERS.has(words[i])) i--;
  if (i < 0) return false;
  if (rulesOutAt(words, i)) return true;
  if (!LIST_JOINERS.has(words[i])) return false;
  // The thing before the joiner (a few words at most) is ruled out: so is this one.
  for (let j = i - 1; j >= Math.max(0, i - LIST_ITEM_WORDS); j--) {
    if (ruledOutBefore(words, j - 1) && !LIST_JOINERS.has(words[j])) return true;
  }
  return false;
}

/**
 * True when the whole text is one of `phrases` once leading words of `lead` are set aside
 * ("ok thanks", "great, thank you!" with thanks phrases and lead words such as "ok", "great").
 * The lead words alone are not enough.
 */
export function isOnlyPhrase(phrases: readonly string[], lead: readonly string[], text: string): boolean {
  const words = normalise(text).split(' ').filter(Boolean);
  const leading = new Set(lead.map(normalise));
  let i = 0;
  while (i < words.length - 1 && leading.has(words[i])) i++;
  const rest = words.slice(i).join(' ');
  return rest !== '' && phrases.some((p) => normalise(p) === rest);
}

/**
 * True when the whole text is made of `phrases` only, one or more ("wait, let me check", "one sec
 * brb"), with lead words of `lead` before or between them ("ok one sec"). Longer phrases are tried
 * first; the lead words alone are not enough.
 */
export function isOnlyPhrases(phrases: readonly string[], lead: readonly string[], text: string): boolean {
  const words = normalise(text).split(' ').filter(Boolean);
  const leading = new Set(lead.map(normalise));
  const split = phrases
    .map((p) => normalise(p).split(' ').filter(Boolean))
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length);
  let i = 0;
  let found = false;
  while (i < words.length) {
    const hit = split.find((p) => p.every((w, j) => words[i + j] === w));
    if (hit) {
      found = true;
      i += hit.length;
    } else if (leading.has(words[i])) i++;
    else return false;
  }
  return found;
}

/**
 * True when, in one clause of `text` (commas, full stops, question marks end one), a phrase of
 * `leads` is followed by words of `source` ("I can't find See All" with a step text holding "See
 * All"): two words in a row as they stand there, or one word of `minLetters` or more. Words of
 * `common` ("the", "my"…) never count alone, nor two of them together.
 */
export function followedByWordsOf(leads: readonly string[], text: string, source: string, common: readonly string[], minLetters = 5): boolean {
  const skip = new Set(common.map(normalise));
  const known = normalise(source).split(' ').filter(Boolean);
  const singles = new Set(known.filter((w) => w.length >= minLetters && !skip.has(w)));
  const pairs = new Set(known.slice(1).flatMap((w, i) => (skip.has(w) && skip.has(known[i]) ? [] : [`${known[i]} ${w}`])));
  const leadWords = leads.map((l) => normalise(l).split(' ').filter(Boolean)).filter((l) => l.length > 0);
  for (const clause of text.split(/[,.;:!?\u2013\u2014]+/)) {
    const words = normalise(clause).split(' ').filter(Boolean);
    for (const lw of leadWords) {
      for (const at of occurrences(words, lw)) {
        const rest = words.slice(at + lw.length);
        if (rest.some((w) => singles.has(w))) return true;
        if (rest.slice(1).some((w, i) => pairs.has(`${rest[i]} ${w}`))) return true;
      }
    }
  }
  return false;
}

/** How many words may stand between a request and the thing it asks for ("can we do it on the Mac"). */
const REQUEST_GAP = 3;

/**
 * True when the thing named at character offset `start` of `text` is asked for: in its clause
 * (commas, full stops, question marks end one), a phrase of `requests` ("can we do", "what
 * about", "could we try") stands before it, not negated, with at most a few words between ("can
 * we do the Mac instead?", "what about my iPad?"). "Why doesn't it work on my Mac?" asks for nothing.
 */
export function requestedAt(text: string, start: number, requests: readonly string[]): boolean {
  const clause = text.slice(0, Math.max(0, start)).split(/[,.;:!?\u2013\u2014]+/).pop() ?? '';
  const words = normalise(clause).split(' ').filter(Boolean);
  return requests.some((phrase) => {
    const pw = normalise(phrase).split(' ').filter(Boolean);
    if (pw.length === 0) return false;
    return occurrences(words, pw).some((at) => !negatedAt(words, at) && words.length - (at + pw.length) <= REQUEST_GAP);
  });
}

/** The most digits a number may have to be read as a button number ("7"); longer ones ("559812") never are. */
export const BUTTON_NUMBER_DIGITS = 2;

/**
 * A bare number that picks no choice ("7" with three buttons): the number, else undefined. Only
 * short numbers: a longer one is no button number but a code or the like (the redactor may just
 * have hidden it), which must never be echoed back.
 */
export function numberOutOfRange(text: string, count: number): number | undefined {
  const t = text.trim();
  if (!new RegExp(`^\\d{1,${BUTTON_NUMBER_DIGITS}}$`).test(t)) return undefined;
  const n = Number(t);
  return n >= 1 && n <= count ? undefined : n;
}

/**
 * The language a message is clearly written in when that is not English: the first of `lists`
 * (language → its common short words) with at least `minHits` different words in the message,
 * when the message holds none of `english`. Cheap and data-driven: it looks only at whole words
 * ("mes photos ne se synchronisent plus" → fr; "my photos de la plage" is English).
 */
export function otherLanguage(text: string, lists: Readonly<Record<string, readonly string[]>>, english: readonly string[], minHits = 2): string | undefined {
  const words = new Set(normalise(text).split(' ').filter(Boolean));
  if (words.size === 0) return undefined;
  const englishWords = english.map(normalise);
  if (englishWords.some((w) => words.has(w))) return undefined;
  for (const [language, list] of Object.entries(lists)) {
    const hits = new Set(list.map(normalise).filter((w) => words.has(w)));
    if (hits.size >= minHits) return language;
  }
  return undefined;
}

/**
 * Understanding an answer to one of the hub's offers ("Wait anyway / Leave a message / Cancel",
 * "Try again / Leave a message / No thanks"): the button or its number, its title or a phrase
 * (also inside a longer sentence, not negated), a typo of either, a plain yes or no, a goodbye.
 */
import { matchChoice, normalise, type PromptChoice, type UserInput } from '../dialogs/answers';

export type OfferAnswer =
  /** One of the offered choices. */
  | { kind: 'choice'; id: string }
  /** A plain yes where more than one choice could be meant: ask which. */
  | { kind: 'unclear' }
  /** No answer yet: "not sure", "hmm", "?", "which one?" (ask again, naming the choices). */
  | { kind: 'unsure' }
  /** A plain no: decline the offer. */
  | { kind: 'no' }
  /** They are leaving ("thanks bye", "no thanks, bye"). */
  | { kind: 'goodbye' }
  /** Nothing to do with the offer: the person moved on. */
  | { kind: 'other' };

export interface OfferPhrases {
  yes: readonly string[];
  no: readonly string[];
  goodbye: readonly string[];
  /** Hesitations that answer nothing ("not sure", "hmm", "idk"). */
  unsure?: readonly string[];
}

/** "hmmmm" reads as "hmm", "ummm" as "umm": hesitations drawn out. */
function squeeze(text: string): string {
  return text.replace(/(\p{L})\1{2,}/gu, '$1$1');
}

/** Damerau-Levenshtein distance (adjacent swaps count one), capped work for short texts only. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Typos allowed for a phrase of this length: none under 4 letters, one up to 7, two from 8. */
function allowedTypos(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/** The one choice whose title or phrase the whole text is a typo of (none when two are as close). */
export function typoChoice(choices: readonly PromptChoice[], text: string): string | undefined {
  const t = normalise(text);
  if (!t || t.length > 60) return undefined;
  let best: { id: string; distance: number } | undefined;
  let tie = false;
  for (const c of choices) {
    for (const phrase of [c.title, ...c.synonyms]) {
      const p = normalise(phrase);
      if (!p) continue;
      const distance = editDistance(t, p);
      if (distance > allowedTypos(Math.min(t.length, p.length))) continue;
      if (!best || distance < best.distance) {
        best = { id: c.id, distance };
        tie = false;
      } else if (distance === best.distance && best.id !== c.id) {
        tie = true;
      }
    }
  }
  return best && !tie ? best.id : undefined;
}

/**
 * Reads an answer to an offer. `positive` are the choices a plain yes could mean (a single one is
 * taken; several: unclear). A plain no is `no`: the caller declines.
 */
export function readOfferAnswer(choices: readonly PromptChoice[], input: UserInput, phrases: OfferPhrases, positive: readonly string[]): OfferAnswer {
  const exact = matchChoice(choices, input, 'exact');
  if (exact !== undefined) return { kind: 'choice', id: exact };
  const text = normalise(input.text);
  // "?" or "..." alone: a puzzled look, not a new subject.
  if (!text && input.value === undefined && /^[\s?!.…]+$/u.test(input.text) && /[?.…]/u.test(input.text)) return { kind: 'unsure' };
  if (!text || /^\d+$/.test(text)) return { kind: 'other' };
  const asChoices: PromptChoice[] = [
    { id: 'goodbye', title: '', synonyms: [...phrases.goodbye] },
    { id: 'no', title: '', synonyms: [...phrases.no] },
    { id: 'yes', title: '', synonyms: [...phrases.yes] },
  ];
  const whole = matchChoice(asChoices, input, 'exact');
  if (whole === 'goodbye') return { kind: 'goodbye' };
  if (whole === 'no') return { kind: 'no' };
  if (whole === 'yes') return positive.length === 1 ? { kind: 'choice', id: positive[0] } : { kind: 'unclear' };
  const unsure: PromptChoice[] = [{ id: 'unsure', title: '', synonyms: [...(phrases.unsure ?? [])] }];
  const squeezed = { text: squeeze(text) };
  if (matchChoice(unsure, squeezed, 'exact') === 'unsure') return { kind: 'unsure' };
  const loose = matchChoice(choices, input, 'loose');
  if (loose !== undefined) return { kind: 'choice', id: loose };
  const typo = typoChoice(choices, input.text);
  if (typo !== undefined) return { kind: 'choice', id: typo };
  // "no thanks, bye for now", "ok thanks bye": a goodbye inside a short sentence; "no, not now":
  // a sentence that starts with a no ("I have no idea" is not one).
  if (text.split(' ').length <= 6) {
    if (matchChoice(asChoices.slice(0, 1), input, 'loose') === 'goodbye') return { kind: 'goodbye' };
    // "hmm I'm not sure", "no idea really": a hesitation inside a short reply (before "no idea" reads as a no).
    if (unsureInside(unsure[0].synonyms, squeezed.text)) return { kind: 'unsure' };
    if (phrases.no.some((p) => startsWithWords(text, normalise(p)))) return { kind: 'no' };
  }
  return { kind: 'other' };
}

/**
 * A hesitation inside a short reply: a phrase of two words or more as whole words ("hmm I'm not
 * sure", "no idea really"), or a reply made only of one-word hesitations ("hmm um"). A single word
 * such as "what" inside a sentence ("what about my notes") is not one.
 */
function unsureInside(phrases: readonly string[], text: string): boolean {
  const padded = ` ${text} `;
  const single = new Set<string>();
  for (const p of phrases) {
    const n = normalise(p);
    if (!n) continue;
    if (!n.includes(' ')) single.add(n);
    else if (padded.includes(` ${n} `)) return true;
  }
  return text.split(' ').every((w) => single.has(w));
}

function startsWithWords(text: string, phrase: string): boolean {
  return phrase !== '' && (text === phrase || text.startsWith(`${phrase} `));
}

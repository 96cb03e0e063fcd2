import type { Entity } from './recognizer';
import type { Gazetteer } from './trainingData';
import { maskEmails, maskMarkup } from './textCleaning';

/**
 * Gazetteer entity extraction: finds the values of intents/entities.yaml in a message, however
 * it is written ("Wi-Fi", "wifi", "wi fi"), in any case, with a typo or two in longer words
 * ("iphne"), and as the longest phrase that matches ("macbook pro" rather than "macbook").
 *
 * Words and phrases are compared in a compact form (lower case, letters and digits only), so
 * separators inside a phrase do not matter. A typo is forgiven only in longer terms: none up to
 * 4 characters, 1 up to 7, 2 from 8, and the first letter must be right. Plural "s" is allowed.
 * Common words near a term ("driver" is not "drive") never match by typo.
 */

interface Term {
  type: string;
  value: string;
  compact: string;
  maxDistance: number;
  /** Words in the synonym as written ("apple watch": 2). */
  words: number;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

interface Candidate {
  term: Term;
  start: number;
  end: number;
  tokens: number;
  distance: number;
}

/** Words that look like a typo of a term but are ordinary English. */
const NEVER_FUZZY = new Set([
  'driver', 'drivers', 'driven', 'drove', 'drives', 'dried', 'drier',
  'noted', 'nodes', 'votes', 'note', 'notice',
  'photon', 'phones', 'phoned',
  'mails', 'mailed', 'email', 'emails',
  'watched', 'watcher', 'watches', 'match', 'matches',
  'settings', 'setting', 'sitting',
  'clouds', 'cloudy', 'loud',
  'contract', 'contracts', 'contacted',
  'backed', 'backing', 'packup',
  'storage', 'messaged', 'message', 'messages',
  'calendars',
]);

/** Lookups remembered per extractor at most (then the memo starts again). */
const MAX_MEMO = 50_000;

/** Gaps allowed between the words of one phrase: spaces and joining punctuation. */
const PHRASE_GAP = /^[\s\-._/]{1,3}$/;

/** A word of a message: letters and digits, or one emoji (a gazetteer may list "📸" for photos). */
const WORD = /[\p{L}\p{N}]+|\p{Extended_Pictographic}/gu;

export function compactForm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}\p{Extended_Pictographic}]+/gu, '');
}

function maxDistanceFor(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  return 2;
}

export class EntityExtractor {
  private readonly exact = new Map<string, Term[]>();
  private readonly byFirstLetter = new Map<string, Term[]>();
  private readonly maxPhraseTokens: number;
  private readonly maxCompactLength: number;
  /** Lookups already made (words repeat a lot); bounded, and per extractor. */
  private readonly memo = new Map<string, { term: Term; distance: number } | null>();

  constructor(gazetteer: Gazetteer) {
    let maxTokens = 1;
    let maxLength = 0;
    for (const [type, values] of Object.entries(gazetteer)) {
      for (const v of values) {
        for (const synonym of v.synonyms) {
          const compact = compactForm(synonym);
          if (!compact) continue;
          const words = synonym.match(WORD)?.length ?? 1;
          const term: Term = { type, value: v.value, compact, maxDistance: maxDistanceFor(compact.length), words };
          pushTo(this.exact, compact, term);
          if (term.maxDistance > 0) pushTo(this.byFirstLetter, compact[0]!, term);
          // "wi-fi" is two words in a message, "wifi" one; allow one more word than the synonym has.
          maxTokens = Math.max(maxTokens, words + 1);
          maxLength = Math.max(maxLength, compact.length);
        }
      }
    }
    this.maxPhraseTokens = Math.min(maxTokens, 6);
    this.maxCompactLength = maxLength;
  }

  /** Entities in `text`, in order, none overlapping; offsets are into `text`. */
  extract(text: string): Entity[] {
    if (!text) return [];
    const tokens = tokenize(maskEmails(maskMarkup(text)));
    const candidates: Candidate[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let compact = '';
      for (let j = i; j < tokens.length && j - i < this.maxPhraseTokens; j++) {
        if (j > i && !PHRASE_GAP.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) break;
        compact += compactForm(tokens[j]!.text);
        if (compact.length > this.maxCompactLength + 2) break;
        const match = this.lookup(compact, j === i ? tokens[i]!.text : null, j - i + 1);
        // A typo may not swallow a whole short word ("my macbook pro", "photos on"): in a phrase,
        // every word is longer than the typo, and the phrase ends where the term ends.
        if (match && match.distance > 0 && j > i) {
          const words = tokens.slice(i, j + 1);
          if (words.some((w) => w.text.length <= match.distance) || compact.at(-1) !== match.term.compact.at(-1)) continue;
        }
        if (match) candidates.push({ term: match.term, start: tokens[i]!.start, end: tokens[j]!.end, tokens: j - i + 1, distance: match.distance });
      }
    }
    // Longest match wins, then the closest, then the earliest; no overlaps.
    candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.distance - b.distance || a.start - b.start);
    const chosen: Candidate[] = [];
    for (const c of candidates) {
      if (chosen.some((o) => c.start < o.end && o.start < c.end)) continue;
      chosen.push(c);
    }
    chosen.sort((a, b) => a.start - b.start);
    // "windows 11 pc" is one mention of a PC, though two synonyms match it.
    const merged: Candidate[] = [];
    for (const c of chosen) {
      const last = merged.at(-1);
      if (last && last.term.type === c.term.type && last.term.value === c.term.value && PHRASE_GAP.test(text.slice(last.end, c.start))) {
        merged[merged.length - 1] = { ...last, end: c.end, tokens: last.tokens + c.tokens, distance: last.distance + c.distance };
      } else merged.push(c);
    }
    return merged.map((c) => ({ type: c.term.type, value: c.term.value, text: text.slice(c.start, c.end), start: c.start, end: c.end }));
  }

  private lookup(compact: string, singleWord: string | null, words: number): { term: Term; distance: number } | null {
    const key = singleWord === null ? `p${words}:${compact}` : `w:${singleWord.toLowerCase()}:${compact}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const found = this.search(compact, singleWord, words);
    if (this.memo.size >= MAX_MEMO) this.memo.clear();
    this.memo.set(key, found);
    return found;
  }

  private search(compact: string, singleWord: string | null, words: number): { term: Term; distance: number } | null {
    const exact = this.exact.get(compact);
    if (exact) return { term: exact[0]!, distance: 0 };
    // Plural: "iphones", "macs".
    if (compact.length > 3 && compact.endsWith('s')) {
      const singular = this.exact.get(compact.slice(0, -1));
      if (singular) return { term: singular[0]!, distance: 0 };
    }
    if (compact.length < 5) return null;
    if (singleWord !== null && NEVER_FUZZY.has(singleWord.toLowerCase())) return null;
    if (/^\d+$/.test(compact)) return null;
    const bucket = this.byFirstLetter.get(compact[0]!);
    if (!bucket) return null;
    let best: { term: Term; distance: number } | null = null;
    for (const term of bucket) {
      // Nor may a typo join words into a shorter synonym ("this ipad" is not "thinkpad", "to ios"
      // not "todos"): a phrase matches by typo only a synonym of at least as many words.
      if (Math.abs(term.compact.length - compact.length) > term.maxDistance || term.words < words) continue;
      // A typo is forgiven in a term only, never in what is a different, shorter word.
      const allowed = Math.min(term.maxDistance, maxDistanceFor(compact.length));
      if (allowed === 0) continue;
      const distance = boundedTypoDistance(compact, term.compact, allowed);
      if (distance <= allowed && (!best || distance < best.distance)) best = { term, distance };
    }
    return best;
  }
}

/**
 * Restricted Damerau-Levenshtein distance (edits, and swaps of neighbouring letters, each
 * letter edited once), or `max + 1` as soon as it must exceed `max`: the rows of the table
 * stop early, so comparing a word with a long list of terms stays cheap.
 */
export function boundedTypoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = b.length;
  let before = new Int32Array(m + 1);
  let previous = new Int32Array(m + 1);
  let current = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, (before[j - 2] as number) + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[m] as number, max + 1);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    tokens.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  }
  return tokens;
}

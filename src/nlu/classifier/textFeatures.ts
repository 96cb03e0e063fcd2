import { PorterStemmer, RegexpTokenizer } from 'natural';
import { lookUpSynsets, type SynonymTable } from './wordnetSynonyms';

/**
 * Turns text into the sparse features the classifier reads: stemmed words, stemmed word pairs
 * and character n-grams of each word padded with spaces (so "sync" and "syncing" share
 * " syn", "sync"). Unicode letters and digits are kept; apostrophes join ("can't" → "cant").
 */

export interface FeatureOptions {
  /** Character n-gram lengths, inclusive; minChar > maxChar turns them off. */
  minChar: number;
  maxChar: number;
  /** Character n-grams inside each word, or across the whole text (spanning the spaces). */
  charScope: 'word' | 'text';
  /** Stemmed word pairs. */
  bigrams: boolean;
  /** Stemmed pairs one word apart ("reset … password"), weighted as bigrams. */
  skipBigrams: boolean;
  /** Weight of each group before the vector is normalised. */
  wordWeight: number;
  bigramWeight: number;
  charWeight: number;
  /** Weight of the caller's tags (e.g. the entities found in the text). */
  tagWeight: number;
  /** Weight of the WordNet synset features (only with a synonym table). */
  synonymWeight?: number;
}

const tokenizer = new RegexpTokenizer({ pattern: /[^\p{L}\p{N}]+/u });
const APOSTROPHES = /['’`´]/g;

/** Lower-case word tokens (natural's RegexpTokenizer, Unicode letters and digits). */
export function tokenize(text: string): string[] {
  const normalised = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '');
  return tokenizer.tokenize(normalised).filter((t) => t.length > 0);
}

/** A bag of named features: name → count. The name's first letter is its group (w, b, s, c, t, y). */
export type FeatureBag = Map<string, number>;

/** The weight of a feature's group, from its name. */
export function groupWeight(name: string, options: FeatureOptions): number {
  switch (name.charCodeAt(0)) {
    case 119: // w
      return options.wordWeight;
    case 98: // b
    case 115: // s
      return options.bigramWeight;
    case 116: // t
      return options.tagWeight;
    case 121: // y
      return options.synonymWeight ?? 0;
    default:
      return options.charWeight;
  }
}

/** Words read from one text at most; the rest of a pasted log adds nothing but time. */
const MAX_WORDS = 1000;
/** Characters read from one text at most, for the same reason. */
const MAX_CHARS = 20_000;

/**
 * Extracts features with a stem cache (stemming is the slow part and words repeat a lot).
 * Not shared between classifiers, so no state crosses models.
 */
export class FeatureExtractor {
  private readonly stems = new Map<string, string>();
  /** WordNet synsets of the training vocabulary (see wordnetSynonyms.ts); none = no `y:` features. */
  synonyms: SynonymTable | undefined;

  constructor(readonly options: FeatureOptions) {}

  stem(word: string): string {
    let s = this.stems.get(word);
    if (s === undefined) {
      s = /^\p{N}+$/u.test(word) ? '<num>' : PorterStemmer.stem(word);
      if (this.stems.size < 200_000) this.stems.set(word, s);
    }
    return s;
  }

  /**
   * `tags` are features the caller found in the text by other means (the recogniser passes the
   * entities it found: a typo such as "fotos" then reads as the photos service).
   */
  extract(text: string, tags: readonly string[] = []): FeatureBag {
    const { bigrams, wordWeight, bigramWeight, charWeight, charScope, tagWeight } = this.options;
    const bag: FeatureBag = new Map();
    const add = (name: string) => bag.set(name, (bag.get(name) ?? 0) + 1);
    if (tagWeight > 0) for (const tag of tags.slice(0, MAX_WORDS)) add(`t:${tag}`);
    const words = tokenize(text.slice(0, MAX_CHARS)).slice(0, MAX_WORDS);
    let previous: string | undefined;
    let beforePrevious: string | undefined;
    for (const word of words) {
      const stem = this.stem(word);
      if (wordWeight > 0) add(`w:${stem}`);
      if (bigrams && bigramWeight > 0 && previous !== undefined) add(`b:${previous} ${stem}`);
      if (this.options.skipBigrams && bigramWeight > 0 && beforePrevious !== undefined) add(`s:${beforePrevious} ${stem}`);
      beforePrevious = previous;
      previous = stem;
      if (charScope === 'word' && charWeight > 0) this.addCharGrams(` ${word} `, add);
      if (this.synonyms && (this.options.synonymWeight ?? 0) > 0) for (const id of lookUpSynsets(this.synonyms, word)) add(`y:${id}`);
    }
    if (charScope === 'text' && charWeight > 0 && words.length > 0) this.addCharGrams(` ${words.join(' ')} `, add);
    return bag;
  }

  private addCharGrams(padded: string, add: (name: string) => void): void {
    const { minChar, maxChar } = this.options;
    for (let n = minChar; n <= maxChar; n++) {
      if (padded.length < n) break;
      for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`);
    }
  }
}

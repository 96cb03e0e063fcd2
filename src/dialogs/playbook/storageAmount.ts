/**
 * Reading a storage amount typed as an answer ("4 GB of 200 GB used", "10% used", "3% free",
 * "1.9 TB of 2 TB used", "200GB plan with 150 free") into nearly full or room to spare. The
 * numbers and units are read here; the words that say a number is used or free come from content
 * (messages.yaml `synonyms.amountUsed`, `synonyms.amountFree`).
 *
 * The boundary: nearly full when 85% or more is used, or when less than 2 GB of a known total is
 * free (a backup or a few hundred photos need that much); otherwise room. With no total ("2 GB
 * left") a free amount says little about how full the storage is, so it is no reading (asked
 * again), except under 1 GB free, which is nearly full on any plan, and 10 GB free or more ("i have
 * 50gb free", "ok 20gb free"), room for syncing on any plan. Erring towards "nearly full"
 * only shows the storage check; erring towards "room" would skip the cause.
 */
import { matchChoice, mentionsPhrase, normalise, type PromptChoice } from '../answers';

export type StorageReading = 'full' | 'room';

export interface AmountWords {
  /** Words that say a number is what is used ("used", "full"). */
  used: readonly string[];
  /** Words that say a number is what is left ("free", "left"). */
  free: readonly string[];
}

/** At or above this share used, the storage is nearly full. */
export const NEARLY_FULL_SHARE = 0.85;
/** Less free than this (GB) of a known total is nearly full too. */
export const NEARLY_FULL_FREE_GB = 2;
/** Less free than this (GB), total known or not, is nearly full on any plan. */
export const ALWAYS_FULL_FREE_GB = 1;
/** This much free (GB) or more, total known or not, is room on any plan. */
export const ALWAYS_ROOM_FREE_GB = 10;

/** Size units in GB (Apple counts storage in powers of 1000). */
const UNIT_GB: Record<string, number> = {
  kb: 1e-6, kilobyte: 1e-6, kilobytes: 1e-6,
  mb: 1e-3, meg: 1e-3, megs: 1e-3, megabyte: 1e-3, megabytes: 1e-3,
  gb: 1, gig: 1, gigs: 1, gigabyte: 1, gigabytes: 1,
  tb: 1000, tera: 1000, terabyte: 1000, terabytes: 1000,
};
const PERCENT = new Set(['%', 'percent', 'per cent']);

interface Quantity {
  value: number;
  /** 'percent', a size unit (key of UNIT_GB), or undefined (a bare number). */
  unit: string | undefined;
  start: number;
  end: number;
}

const QUANTITY = /(\d+(?:[.,]\d+)?)\s*(%|per cent\b|percent\b|[a-z]+\b)?/g;

/** The numbers of a clause with the unit right after each ("200gb", "1.9 TB", "10%"). */
function quantitiesIn(clause: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of clause.matchAll(QUANTITY)) {
    const digits = m[1];
    // "1,000" is a thousand; "1,5" is one and a half.
    const value = /^\d{1,3},\d{3}$/.test(digits) ? Number(digits.replace(',', '')) : Number(digits.replace(',', '.'));
    const word = m[2];
    const unit = word === undefined ? undefined : PERCENT.has(word) ? 'percent' : word in UNIT_GB ? word : undefined;
    // A word that is no unit is not part of the quantity ("150 free").
    const end = unit === undefined ? m.index + digits.length : m.index + m[0].length;
    out.push({ value, unit, start: m.index, end });
  }
  return out;
}

/** The first `count` words of a text (normalised). */
function firstWords(text: string, count: number): string {
  return normalise(text).split(' ').filter(Boolean).slice(0, count).join(' ');
}

/** The last `count` words of a text (normalised). */
function lastWords(text: string, count: number): string {
  return normalise(text).split(' ').filter(Boolean).slice(-count).join(' ');
}

/** 'used' / 'free' when words of that kind stand in `text` (not negated), else undefined. */
function kindIn(text: string, words: AmountWords): 'used' | 'free' | undefined {
  const used = mentionsPhrase(words.used, text, true);
  const free = mentionsPhrase(words.free, text, true);
  if (used === free) return undefined;
  return used ? 'used' : 'free';
}

/** Words of a clause between two numbers that join a part to its total ("of", "out of", "/"). */
const PART_OF = /^\s*(?:[a-z]+\s+){0,2}?(?:of|out of|from|\/)\s*(?:a|an|my|the|your)?\s*$/;

/** The verdict for a share used (0..1) and, when the total is known, the GB free. */
function verdict(share: number, freeGb?: number): StorageReading {
  if (share >= NEARLY_FULL_SHARE) return 'full';
  if (freeGb !== undefined && freeGb < NEARLY_FULL_FREE_GB) return 'full';
  return 'room';
}

function gb(q: Quantity, fallbackUnit?: string): number | undefined {
  const unit = q.unit ?? fallbackUnit;
  return unit !== undefined && unit !== 'percent' ? q.value * UNIT_GB[unit] : undefined;
}

/** The reading of one clause, or undefined. */
function readClause(clause: string, words: AmountWords): StorageReading | undefined {
  const qs = quantitiesIn(clause);
  // "10% used", "used 96%", "3% free", "it's 96% full".
  for (const q of qs) {
    if (q.unit !== 'percent' || q.value > 100) continue;
    // A percentage with no word of what it is ("it's at 90%") is the share used, as the storage bar shows it.
    const kind = kindIn(firstWords(clause.slice(q.end), 2), words) ?? kindIn(lastWords(clause.slice(0, q.start), 2), words) ?? 'used';
    const share = kind === 'used' ? q.value / 100 : 1 - q.value / 100;
    return verdict(share);
  }
  const sizes = qs.filter((q) => q.unit !== 'percent');
  for (let i = 0; i + 1 < sizes.length; i++) {
    const [a, b] = [sizes[i], sizes[i + 1]];
    if (a.unit === undefined && b.unit === undefined) continue;
    const between = clause.slice(a.end, b.start);
    const after = (q: Quantity, next?: Quantity) => firstWords(clause.slice(q.end, next?.start), 2);
    let part: Quantity;
    let total: Quantity;
    let kind: 'used' | 'free' | undefined;
    if (PART_OF.test(between.toLowerCase().replace(/[^a-z/ ]+/g, ' ').replace(/\s+/g, ' '))) {
      // "4 GB of 200 GB used", "5 GB used of 5 GB", "150 GB free out of 200", "using 4 of 50 GB".
      [part, total] = [a, b];
      kind = kindIn(between, words) ?? kindIn(after(b, sizes[i + 2]), words) ?? kindIn(lastWords(clause.slice(0, a.start), 2), words) ?? 'used';
    } else {
      // "200GB plan with 150 free": the number with a used or free word after it is the part.
      const ka = kindIn(after(a, b), words);
      const kb = kindIn(after(b, sizes[i + 2]), words);
      if ((ka === undefined) === (kb === undefined)) continue;
      [part, total, kind] = ka !== undefined ? [a, b, ka] : [b, a, kb];
    }
    const partGb = gb(part, total.unit);
    const totalGb = gb(total, part.unit);
    if (partGb === undefined || totalGb === undefined || totalGb <= 0 || partGb > totalGb) continue;
    const used = kind === 'used' ? partGb : totalGb - partGb;
    return verdict(used / totalGb, totalGb - used);
  }
  // No total: only a very small amount free ("500 MB left", "0.5 GB free") or a large one ("50gb free") says anything.
  for (const q of sizes) {
    const size = gb(q);
    if (size === undefined || kindIn(firstWords(clause.slice(q.end), 2), words) !== 'free') continue;
    if (size < ALWAYS_FULL_FREE_GB) return 'full';
    if (size >= ALWAYS_ROOM_FREE_GB) return 'room';
  }
  return undefined;
}

/**
 * Nearly full or room, read from a storage amount in the text; undefined when it holds none that
 * says so (no number, a bare "2 GB left").
 */
export function readStorageAmount(text: string, words: AmountWords): StorageReading | undefined {
  // Clauses end at ; ! ? and at a comma or full stop that is no decimal point ("1,5 GB", "1.9 TB").
  for (const clause of text.toLowerCase().split(/[;!?]+|,(?!\d)|\.(?!\d)/)) {
    const reading = readClause(clause, words);
    if (reading) return reading;
  }
  return undefined;
}

/** The content's words for a reading: what says used or free, and the answer words each reading picks. */
export interface AmountVocabulary extends AmountWords {
  /** Answer words a nearly-full reading picks a choice by ("nearly full"). */
  full: readonly string[];
  /** Answer words a room-to-spare reading picks a choice by ("plenty of space"). */
  room: readonly string[];
}

/**
 * The choice a storage amount in the text picks among `choices` (through the reading's answer
 * words, exact then loose), or undefined when the text holds no reading or no choice takes it.
 */
export function amountChoice(text: string, words: AmountVocabulary, choices: readonly PromptChoice[]): string | undefined {
  const reading = readStorageAmount(text, words);
  if (reading === undefined) return undefined;
  for (const answer of reading === 'full' ? words.full : words.room) {
    const id = matchChoice(choices, { text: answer }, 'exact') ?? matchChoice(choices, { text: answer }, 'loose');
    if (id !== undefined) return id;
  }
  return undefined;
}

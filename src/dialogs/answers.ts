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
 * exact: card value, number, or the whole text equal to the title, id or a phrase.
 * loose: the text contains a title or phrase as whole words; the match with the most words wins
 * ("no, it works now" → it works now), and a tie between two choices ("yes no") is no match.
 */
export function matchChoice(choices: readonly PromptChoice[], input: UserInput, mode: 'exact' | 'loose'): string | undefined {
  if (choices.length === 0) return undefined;
  const fromValue = valueChoiceId(input.value);
  if (fromValue !== undefined && choices.some((c) => c.id === fromValue)) return fromValue;
  const text = normalise(input.text);
  if (!text) return undefined;
  if (mode === 'exact') {
    if (/^\d+$/.test(text)) {
      const n = Number(text);
      return n >= 1 && n <= choices.length ? choices[n - 1].id : undefined;
    }
    const hit = choices.find((c) => [c.title, c.id, ...c.synonyms].some((p) => normalise(p) === text));
    return hit?.id;
  }
  const padded = ` ${text} `;
  let best: { id: string; length: number } | undefined;
  let tie = false;
  for (const c of choices) {
    for (const phrase of [c.title, ...c.synonyms]) {
      const p = normalise(phrase);
      if (!p || !padded.includes(` ${p} `)) continue;
      const words = p.split(' ').length;
      if (!best || words > best.length) {
        best = { id: c.id, length: words };
        tie = false;
      } else if (words === best.length && best.id !== c.id) {
        tie = true;
      }
    }
  }
  return best && !tie ? best.id : undefined;
}

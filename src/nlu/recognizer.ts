/**
 * The recogniser contract. Dialogs depend on this interface only, never on the NLP library.
 * Intent ids come from the content in `intents/`; `none` means "not understood / out of scope".
 */
export const NONE_INTENT = 'none';

export interface Entity {
  /** Entity type from intents/entities.yaml, e.g. `device`, `service`, `network`. */
  type: string;
  /** Canonical value, e.g. `mac` for "MacBook Pro". */
  value: string;
  /** The text as the person typed it. */
  text: string;
  /** Character offsets into the original text (end exclusive). */
  start: number;
  end: number;
}

export interface IntentScore {
  intent: string;
  /** In [0, 1]; scores of all intents of one recognition sum to at most 1. */
  confidence: number;
}

export interface Recognition {
  text: string;
  /** The chosen intent, or `none` below the confidence threshold. */
  intent: string;
  confidence: number;
  /** Ranked candidates after the chosen one (best first), for "did you mean…". */
  alternatives: IntentScore[];
  entities: Entity[];
  /** True when the top two candidates are too close to choose between. */
  ambiguous: boolean;
}

export interface Recognizer {
  recognize(text: string): Recognition;
  /** Intent ids the recogniser knows (excluding `none`). */
  readonly intents: readonly string[];
}

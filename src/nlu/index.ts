// PLACEHOLDER until the natural-based recogniser lands (issue 3): understands nothing.
import type { Logger } from '../logging/logger';
import { NONE_INTENT, type Recognizer } from './recognizer';

export interface LoadRecognizerOptions {
  intentsDir: string;
  /** Directory for the trained-model cache (keyed by a hash of the data); omit for no cache. */
  cacheDir?: string;
  logger?: Logger;
}

export async function loadRecognizer(_options: LoadRecognizerOptions): Promise<Recognizer> {
  return {
    intents: [],
    recognize: (text: string) => ({ text, intent: NONE_INTENT, confidence: 0, alternatives: [], entities: [], ambiguous: false }),
  };
}

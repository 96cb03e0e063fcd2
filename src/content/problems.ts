/** One problem found in a content file (intents/ or dialogs/). */
export interface ContentProblem {
  /** Path relative to the repository (or as given), e.g. `dialogs/steps/storage.yaml`. */
  file: string;
  /** 1-based line in the file, where it can be located. */
  line?: number;
  /** Field path inside the file, e.g. `instructions.mac` or `utterances[3]`. */
  field: string;
  message: string;
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/** Thrown at start-up when content is invalid; the message lists every problem. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`Invalid content (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => '  ' + formatProblem(p)).join('\n')}`);
    this.name = 'ContentError';
  }
}

/**
 * What an intent leads to, declared per intent in intents/<id>.yaml (`handler:`), so the engine
 * routes by handler kind and never by intent name.
 */
export const INTENT_HANDLERS = ['playbook', 'greeting', 'goodbye', 'help', 'cancel', 'agent', 'none'] as const;
export type IntentHandler = (typeof INTENT_HANDLERS)[number];

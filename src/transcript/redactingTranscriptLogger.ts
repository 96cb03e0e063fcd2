/**
 * A botbuilder TranscriptLogger that redacts every activity (see privacy/redact.ts) before it
 * reaches the store, for `adapter.use(new TranscriptLoggerMiddleware(new
 * RedactingTranscriptLogger(store)))`.
 *
 * botbuilder's TranscriptLoggerMiddleware calls logActivity once per activity at the end of a
 * turn and does not wait for the promises. This logger redacts at once (so later changes to the
 * activity object cannot leak into the transcript) and writes one activity after another, so the
 * store sees them in the order they were logged. `flush()` waits for every write so far
 * (tests, shutdown).
 */
import type { Activity, TranscriptLogger } from 'botbuilder';
import { redactActivity } from '../privacy/redact';

export interface RedactingTranscriptLoggerOptions {
  /**
   * Called when the store fails to save an activity. Without it the returned promise rejects
   * and botbuilder's middleware prints the error. Never receives the activity's content.
   */
  onError?: (error: unknown, activity: { id?: string; type?: string; conversationId?: string }) => void;
}

export class RedactingTranscriptLogger implements TranscriptLogger {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: TranscriptLogger,
    private readonly options: RedactingTranscriptLoggerOptions = {},
  ) {}

  logActivity(activity: Activity): Promise<void> {
    if (!activity) return Promise.reject(new Error('RedactingTranscriptLogger.logActivity(): activity is required'));
    const redacted = redactActivity(activity);
    const write = this.tail.then(() => this.store.logActivity(redacted));
    // The chain goes on after a failed write; the failure is reported on this write's promise.
    this.tail = write.then(
      () => undefined,
      () => undefined,
    );
    if (!this.options.onError) return write;
    const onError = this.options.onError;
    return write.catch((error: unknown) => {
      onError(error, { id: activity.id, type: activity.type, conversationId: activity.conversation?.id });
    });
  }

  /** Resolves when every activity logged so far has been written (or has failed). */
  flush(): Promise<void> {
    return this.tail;
  }
}

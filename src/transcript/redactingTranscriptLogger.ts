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
 *
 * Echoes: a reply that quotes the person ("You said: 654321") has no cue around the secret. The
 * middleware logs a turn's activities in one synchronous loop, so the secrets found in one
 * activity are also removed from the activities of the same conversation logged in the same
 * tick; they are dropped in a microtask right after, and are never written anywhere.
 *
 * Once per turn: the bot redacts the person's message when its turn starts (privacy/turnRedaction.ts).
 * The incoming activity the middleware logs is a copy of that message: when its content is exactly
 * what the bot redacted, that redaction is used instead of a second one (`redactedLikeTurn`). Any
 * other activity, or one logged with no bot turn before it (other entry points), is redacted here.
 */
import type { Activity, TranscriptLogger } from 'botbuilder';
import { redactActivityWithReport, type FoundSecret } from '../privacy/redact';
import { redactedLikeTurn } from '../privacy/turnRedaction';

export interface RedactingTranscriptLoggerOptions {
  /**
   * Called when the store fails to save an activity. Without it the returned promise rejects
   * and botbuilder's middleware prints the error. Never receives the activity's content.
   */
  onError?: (error: unknown, activity: { id?: string; type?: string; conversationId?: string }) => void;
}

export class RedactingTranscriptLogger implements TranscriptLogger {
  private tail: Promise<void> = Promise.resolve();
  /** Secrets seen in this tick, per conversation; cleared in a microtask. */
  private readonly recentSecrets = new Map<string, FoundSecret[]>();

  constructor(
    private readonly store: TranscriptLogger,
    private readonly options: RedactingTranscriptLoggerOptions = {},
  ) {}

  logActivity(activity: Activity): Promise<void> {
    if (!activity) return Promise.reject(new Error('RedactingTranscriptLogger.logActivity(): activity is required'));
    const redacted = this.redact(activity);
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

  private redact(activity: Activity): Activity {
    const key = `${activity.channelId ?? ''}\u0000${activity.conversation?.id ?? ''}`;
    const known = this.recentSecrets.get(key) ?? [];
    const fromTurn = redactedLikeTurn(activity);
    // Secrets of an earlier activity would change the answer: then the turn's redaction does not fit.
    const { activity: redacted, secrets } = (known.length === 0 ? fromTurn : undefined) ?? redactActivityWithReport(activity, { knownSecrets: known });
    if (secrets.length > 0) {
      if (known.length === 0) queueMicrotask(() => this.recentSecrets.delete(key));
      this.recentSecrets.set(key, known.concat(secrets));
    }
    return redacted;
  }

  /** Resolves when every activity logged so far has been written (or has failed). */
  flush(): Promise<void> {
    return this.tail;
  }
}

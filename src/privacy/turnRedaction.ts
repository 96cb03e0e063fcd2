/**
 * One redaction of the person's message per turn.
 *
 * The bot redacts the incoming activity once, at the start of its turn (`redactTurn`), and keeps
 * the result in the TurnContext's turnState under {@link TURN_REDACTION}; whoever holds the
 * context reads it there (`turnRedaction`) instead of redacting the same text again (the bot's
 * "I hid the password you typed" check).
 *
 * The transcript logger does not see the context: botbuilder's TranscriptLoggerMiddleware hands
 * it a shallow copy of the incoming activity at the end of the turn. So `redactTurn` also leaves
 * the result where that copy leads: a WeakMap keyed by the activity's `from` object (a shallow
 * copy shares it), with a fingerprint of every content field. `redactedLikeTurn(copy)` gives the
 * logger the redacted copy it would have made itself, but only when the copy holds exactly the
 * content that was redacted (the Teams layer removes the @mention from the text after the copy is
 * made: then it redacts afresh). The entry is taken out when it is used; it never outlives the
 * activity objects of the turn, and no later turn can read it (different objects, or different
 * content). Nothing here is conversation state: without it everything still works, one redaction
 * more.
 */
import type { Activity, TurnContext } from 'botbuilder';
import { CONTENT_FIELDS, deepCopy, redactActivityWithReport, type ActivityRedaction } from './redact';

/** The turnState key of this turn's redaction of the incoming activity (owned by src/privacy). */
export const TURN_REDACTION = Symbol('resync.privacy.turnRedaction');

export type TurnRedaction = ActivityRedaction<Partial<Activity>>;

interface Handover {
  fingerprint: string;
  redaction: TurnRedaction;
}

const handovers = new WeakMap<object, Handover>();

/** Every field the redactor reads, as one string (equal strings: the redactor would give the same answer). */
function contentFingerprint(activity: Partial<Activity>): string {
  const source = activity as Record<string, unknown>;
  return JSON.stringify([...CONTENT_FIELDS.map((field) => source[field]), source.attachments]);
}

/**
 * The redaction of this turn's incoming activity: made on the first call of the turn, the same
 * result after (also for the transcript logger, see {@link redactedLikeTurn}).
 */
export function redactTurn(context: TurnContext): TurnRedaction {
  const done = turnRedaction(context);
  if (done) return done;
  const activity = context.activity;
  const redaction = redactActivityWithReport(activity);
  context.turnState.set(TURN_REDACTION, redaction);
  if (activity.from !== null && typeof activity.from === 'object') {
    handovers.set(activity.from, { fingerprint: contentFingerprint(activity), redaction });
  }
  return redaction;
}

/** This turn's redaction of the incoming activity, when something made it already. */
export function turnRedaction(context: TurnContext): TurnRedaction | undefined {
  return context.turnState.get(TURN_REDACTION) as TurnRedaction | undefined;
}

/**
 * For the transcript logger: the redaction made this turn of an activity with exactly this
 * content (`activity` is the middleware's copy of the incoming one), built on `activity` itself
 * (its id, timestamp and addresses as they are now), with the secrets found; undefined when there
 * is none. Either way the hand-over is used up.
 */
export function redactedLikeTurn<T extends Partial<Activity>>(activity: T): { activity: T; secrets: TurnRedaction['secrets'] } | undefined {
  const from = activity.from;
  if (from === null || typeof from !== 'object') return undefined;
  const handover = handovers.get(from);
  if (!handover) return undefined;
  handovers.delete(from);
  if (handover.fingerprint !== contentFingerprint(activity)) return undefined;
  // What redactActivityWithReport returns: a deep copy with the content fields replaced.
  const copy = deepCopy(activity) as Record<string, unknown>;
  const source = activity as Record<string, unknown>;
  const redacted = handover.redaction.activity as Record<string, unknown>;
  for (const field of CONTENT_FIELDS) if (source[field] !== undefined) copy[field] = deepCopy(redacted[field]);
  if (Array.isArray(source.attachments)) copy.attachments = deepCopy(redacted.attachments);
  return { activity: copy as T, secrets: handover.redaction.secrets };
}

import type { TurnContext } from 'botbuilder';
import type { StepRef } from './cards';
import type { TroubleshootingRecord } from './troubleshootingRecord';

/**
 * What a request for a person did (see src/handoff/README.md, "What requestHandoff answers"):
 *
 * - `connected`: a person from the support team already has this conversation (it was accepted
 *   earlier); the hub owns the conversation, the person's messages go to them.
 * - `queued`: the person is in the queue and an agent is online; the hub told them their place
 *   and the wait. Nobody has accepted yet: this is not a handoff that happened.
 * - `offered`: nobody can take the conversation now (no agent online, no agent accounts at all,
 *   or a long wait); the hub said so and offered its choices (wait anyway, leave a message,
 *   cancel). Nothing is connected; the dialog should still give its own support options.
 * - `unavailable`: the hub could not do anything and said nothing; the dialog gives its support
 *   options.
 */
export type HandoffResult = 'connected' | 'queued' | 'offered' | 'unavailable';

export interface HandoffRequestOptions {
  /**
   * The asking dialog keeps its step open while the hub's offer is pending. The person's answer
   * to the offer is then handed back to the dialogs (the hub calls the rest of the turn) with
   * `handoffAnswer(context)` set, so the dialog can carry on, re-ask its step, or end quietly.
   * Without it the hub answers the offer itself and the dialogs never see that turn.
   */
  resumeStep?: boolean;
  /** The checks ran out and nobody was asked for: the hub words its offer as one, not as an answer to a request. */
  endOfChecks?: boolean;
  /**
   * What has been tried, in the person's words (recap.ts): "what have we tried?" at the hub's offer
   * or where a message is asked for is answered with it, and the offer or the prompt stays open.
   */
  recap?: string;
}

/**
 * How the person answered the hub's offer, on the one turn the hub hands back to a dialog that
 * asked with `resumeStep` (see HandoffRequestOptions):
 *
 * - `declined`: no person for now ("Cancel", "no"); the hub said "OK, no person for now. Let's
 *   carry on where we were."; the dialog should ask its step again.
 * - `goodbye`: they are leaving ("no thanks, bye"); the hub said goodbye; end without a word.
 * - `waiting`: they chose to wait; the hub queued them (their messages now go to the hub); end quietly.
 * - `message`: they chose to leave a message; the hub asks for it (its next turns are the hub's); end quietly.
 * - `completed`: a person from the support team had the conversation and closed the chat; the hub
 *   said so and asked whether anything else isn't syncing. Set on the person's first message after
 *   that, whether or not a dialog asked with `resumeStep`: record the troubleshooting as handed-off
 *   and read the message as the answer to "anything else?" (not "let's carry on where we were").
 */
export type HandoffAnswer = 'declined' | 'goodbye' | 'waiting' | 'message' | 'completed';

const HANDOFF_ANSWER = Symbol.for('resync.handoffAnswer');

/** The person's answer to the hub's offer on this turn, when the hub handed the turn back. */
export function handoffAnswer(context: TurnContext): HandoffAnswer | undefined {
  return context.turnState.get(HANDOFF_ANSWER) as HandoffAnswer | undefined;
}

/** Marks this turn as the answer to the hub's offer (the hub calls it before handing the turn back). */
export function setHandoffAnswer(context: TurnContext, answer: HandoffAnswer): void {
  context.turnState.set(HANDOFF_ANSWER, answer);
}

const PERSON_ASKED = Symbol.for('resync.personAsked');

/**
 * True when the hub read this turn as a request for a person before the dialogs saw it: its own
 * offer ("You seem stuck, want a person?") answered "Talk to a person", by button or in words. The
 * dialogs then do exactly what they do for "talk to a person" (the step on screen is recorded as
 * tried, the place kept), whatever the text says: a Teams card press carries only the button's
 * value, no text, and the value names the hub's choice, not one of the dialog's.
 */
export function personAsked(context: TurnContext): boolean {
  return context.turnState.get(PERSON_ASKED) === true;
}

/** Marks this turn as a request for a person (the hub calls it before handing the turn to the dialogs). */
export function setPersonAsked(context: TurnContext): void {
  context.turnState.set(PERSON_ASKED, true);
}

/**
 * A live hand-over to a person. When one is configured the handoff step asks it first; when none
 * is, or it cannot connect, the step gives the support options from its content.
 */
export interface HandoffService {
  /**
   * Asks for a person; the answer says truthfully what happened (HandoffResult): only
   * `connected` means a person has the conversation.
   * `step` is the playbook step asking (its messages carry it in `channelData.resync.step`).
   */
  requestHandoff(context: TurnContext, record: TroubleshootingRecord, step?: StepRef, options?: HandoffRequestOptions): Promise<HandoffResult>;
}

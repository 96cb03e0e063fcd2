/**
 * What the main dialog keeps in its dialog state (persisted through botbuilder Storage: field names
 * and values are a stored shape), what a child dialog ends with, and the small pure helpers on
 * them. Nothing here sends a message.
 */
import type { Recognition } from '../../nlu/recognizer';
import { redactText } from '../../privacy/redact';
import type { PromptChoice } from '../answers';
import type { Engine, PlaybookPlace } from '../engine';
import type { MessageKey, Vars } from '../messages';
import type { QueuedProblem } from '../problemQueue';

/** The last playbook that ended in this conversation, where it stood and how it ended. */
export interface LastPlaybook {
  place: PlaybookPlace;
  outcome: string;
  /** ISO time it ended (injected clock). */
  at: string;
  /** Messages routed here since. */
  turns: number;
  /** The person stopped because Apple reports an outage of the service (ChildResult.outage). */
  outage?: boolean;
}

/** What a message said about a problem: its words (redacted), service and devices. */
export interface ProblemWords {
  /** Redacted (see MainDialog.startIntent). */
  utterance: string;
  service?: string;
  /** Device ids named and not ruled out, in the order mentioned. */
  devices: string[];
  /** Device ids the message ruled out ("not my iPhone"). */
  ruledOut: string[];
}

/** A problem waiting for the person to say which of the devices they named has it. */
export interface PendingStart {
  intent: string;
  /** Redacted (see MainDialog.startIntent). */
  utterance: string;
  service?: string;
  /** Device ids named, in the order mentioned. */
  devices: string[];
  /** Times "which device?" has been asked. */
  tries: number;
  /** Device ids the message ruled out ("not my iPhone"). */
  ruledOut?: string[];
  /** The device word the question is about ("Which phone is it?": `devices` are what it can mean), when words alone named them. */
  word?: string;
}

/**
 * The question left open at the end of the last turn, to read a short answer against. `asked`:
 * times "anything else?" was asked again after an answer that was no answer ("not sure").
 */
export type OpenQuestion =
  | { kind: 'more'; asked?: number }
  | { kind: 'device'; pending: PendingStart }
  /** "On your iPhone again?": `device` is the remembered one. */
  | { kind: 'again'; pending: PendingStart; device: string }
  /** "You also mentioned …: shall we look at that now?" (the first problem of `queue`). */
  | { kind: 'next' }
  /** "Apple gives no time … the device checks in the meantime?" (after a stop at an outage, `last`). */
  | { kind: 'outage' }
  /** "Apple shows … working again. Is it syncing now?" (after a stop at an outage that has cleared, `last`). */
  | { kind: 'back' }
  /** "Shall we carry on with the … checks on your …?" (the playbook `last` was left mid-way: carryOn.ts). */
  | { kind: 'carryOn' };

/** What the last turn left waiting: a question of this dialog's, or a menu and the question it came with. */
export interface Pending {
  open?: OpenQuestion;
  menu?: PromptChoice[];
  menuAsk?: MainState['menuAsk'];
  menuProblem?: ProblemWords;
}

export interface MainState {
  /** Not-understood turns in a row. */
  misses: number;
  /** The menu offered last turn (did-you-mean, help or problem menu), so a button, number or title picks from it. */
  menu?: PromptChoice[];
  /** The question the menu came with, to ask it again after "help". */
  menuAsk?: { key: MessageKey; vars?: Vars };
  /** The question left open last turn, if any. */
  open?: OpenQuestion;
  /** The device named or confirmed in this conversation (a remembered one is confirmed before use). */
  device?: string;
  /** The last playbook that ended, for what comes after it (a correction, "still not working", the next problem). */
  last?: LastPlaybook;
  /** What the message a did-you-mean menu was about said (the device it named is not asked for again). */
  menuProblem?: ProblemWords;
  /** The question to put back once a child ends ("is iCloud down?" asked at "On your iPhone again?"). */
  putBack?: OpenQuestion;
  /**
   * The playbook left before "is it apple?" checked Apple's status (a status-only playbook): it is
   * the last one again when that check ends, so "should I wait?" and "still not working" still
   * refer to it.
   */
  statusAside?: LastPlaybook;
  /** The last turn said goodbye: another goodbye gets a short one, not the same line again. */
  saidGoodbye?: boolean;
  /** Problems named in the same message as the one being worked on, in the order named (problemQueue.ts). */
  queue?: QueuedProblem[];
}

/**
 * What a child dialog may end with. `continueTurn`: the child ended on this turn's message without
 * answering it (a person from the support team closed the chat and the hub asked "anything else?");
 * the main dialog reads the message itself.
 */
export interface ChildResult {
  outcome?: string;
  continueTurn?: boolean;
  /** Stopped at the status pause: Apple reports an outage of the service ("when will it be fixed?" is answered then). */
  outage?: boolean;
}

/** The main dialog's id (MainDialog), also to find its state on the dialog stack (queueFromPlaybook). */
export const MAIN_DIALOG_ID = 'resync.main';

/** Outcome a playbook ends with after it asked "Is there anything else that isn't syncing?". */
export const FIXED_OUTCOME = 'fixed';

/** What a message said about a problem (its words redacted: nothing typed is kept raw). */
export function problemWords(engine: Engine, r: Recognition): ProblemWords {
  const named = engine.namedDevices(r);
  return {
    utterance: redactText(r.text).text,
    service: engine.serviceIn(r),
    devices: named.filter((n) => !n.ruledOut).map((n) => n.device.id),
    ruledOut: named.filter((n) => n.ruledOut).map((n) => n.device.id),
  };
}

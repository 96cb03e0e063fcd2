/**
 * What happened in a conversation, kept in conversation state for the person who takes over
 * (the agent summary) and for tools: the problem, the device and service, and each step's outcome.
 */
/**
 * partly-fixed: the person said only part of it came back ("yes, some photos only"); never a fix,
 * the playbook goes on as after "no". support-options: the handoff step gave Apple's support
 * options; handed-off: a person took over. Records saved before an outcome existed still load:
 * code reading a record handles any string it does not know (see `outcomeLabel`).
 */
export type StepOutcome = 'fixed' | 'partly-fixed' | 'not-fixed' | 'skipped' | 'user-left' | 'support-options' | 'handed-off';

/** Outcomes that count as a step tried without fixing the problem ("3 steps tried"). */
export const TRIED_OUTCOMES: readonly string[] = ['not-fixed', 'partly-fixed', 'skipped'] satisfies StepOutcome[];

export interface StepRecord {
  playbook: string;
  step: string;
  outcome: StepOutcome;
  /** ISO time from the injected clock. */
  at: string;
}

export interface TroubleshootingRecord {
  intent?: string;
  device?: string;
  service?: string;
  /** The first utterance that started a troubleshooting flow. */
  firstUtterance?: string;
  steps: StepRecord[];
  /**
   * Intents of the other problems named in the message that started this one ("my photos and
   * contacts"), still waiting for their turn: for the agent summary. Absent when none wait.
   */
  alsoReported?: string[];
  /** ISO time of the conversation's last message (injected clock): a long silence gets "welcome back". */
  lastTurnAt?: string;
}

/** Remembered across conversations (user state). */
export interface UserProfile {
  device?: string;
}

export function emptyRecord(): TroubleshootingRecord {
  return { steps: [] };
}

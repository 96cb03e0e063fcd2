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

/**
 * Outcomes that count as a step the person tried without fixing the problem ("3 steps tried"). A
 * skipped step was not tried (its answer, when it had one, is shown as checked), and a status
 * check is the bot's own (the agent summary leaves out steps whose content kind is `status`).
 */
export const TRIED_OUTCOMES: readonly string[] = ['not-fixed', 'partly-fixed'] satisfies StepOutcome[];

export interface StepRecord {
  playbook: string;
  step: string;
  outcome: StepOutcome;
  /** ISO time from the injected clock. */
  at: string;
  /**
   * The choice picked at the step's question, by its id in the step's content ("has-space",
   * "wifi", "full"), when the step asked one. The agent summary shows the choice's title. Absent in
   * records saved before it existed.
   */
  answer?: string;
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

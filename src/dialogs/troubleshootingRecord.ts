/**
 * What happened in a conversation, kept in conversation state for the person who takes over
 * (the agent summary) and for tools: the problem, the device and service, and each step's outcome.
 */
/** support-options: the handoff step gave Apple's support options; handed-off: a person took over. */
export type StepOutcome = 'fixed' | 'not-fixed' | 'skipped' | 'user-left' | 'support-options' | 'handed-off';

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
}

/** Remembered across conversations (user state). */
export interface UserProfile {
  device?: string;
}

export function emptyRecord(): TroubleshootingRecord {
  return { steps: [] };
}

/**
 * Placeholders step text may use, and the `messages:` keys each kind of step needs (with the
 * extra placeholders of each). The content validator checks steps against these lists.
 */
export const STEP_PLACEHOLDERS = ['device', 'service', 'statusPage'] as const;

export const STEP_KIND_MESSAGES: Record<'instruction' | 'status' | 'handoff', Record<string, readonly string[]>> = {
  instruction: {},
  status: {
    allClear: [],
    outageIntro: [],
    eventLine: ['serviceName', 'statusType', 'since', 'usersAffected', 'message'],
    pauseQuestion: [],
    continueButton: [],
    stopButton: [],
    stopped: [],
    unavailable: [],
  },
  handoff: {},
};

/**
 * For tests that walk a playbook through its steps: which answer to a step question goes on in the
 * playbook's order. A choice with an `ifNotFixedStep` (storage's "full") does not: its "No" gets a
 * further step and then the hand-over, so a walk through every step takes another choice there.
 */
interface WalkChoice {
  id: string;
  action: string;
  ifNotFixedStep?: string;
}

/** The first "continue" choice whose "No" goes on to the next step (else the first "continue" choice). */
export function goesOnChoice<C extends WalkChoice>(choices: readonly C[]): C {
  return choices.find((c) => c.action === 'continue' && c.ifNotFixedStep === undefined) ?? choices.find((c) => c.action === 'continue')!;
}

/**
 * The number to type at a step question to walk on: "1", unless the first choice shown leaves the
 * order, then the number of goesOnChoice among the choices shown (`shown`: their ids, in order).
 */
export function goOnNumber(step: { question?: { choices: readonly WalkChoice[] } }, shown?: readonly string[]): string {
  const offered = (step.question?.choices ?? []).filter((c) => !shown || shown.includes(c.id));
  if (offered[0]?.ifNotFixedStep === undefined) return '1';
  return String(offered.indexOf(goesOnChoice(offered)) + 1);
}

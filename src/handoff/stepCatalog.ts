/**
 * What the agent summary needs to know about a step from the content (dialogs/steps/): whether it
 * is the bot's own status check (not a step the person tried) and the titles of its question's
 * choices (the answer recorded by id is shown in words). Built once from the loaded content.
 */
import type { Step } from '../content/playbookSchema';

export interface StepCatalog {
  /** The step's kind in content ('instruction', 'status', 'handoff'); undefined for a step it does not know. */
  kind(stepId: string): string | undefined;
  /** The title of one of the step's question's choices; undefined when there is no such choice. */
  choiceTitle(stepId: string, choiceId: string): string | undefined;
}

export function stepCatalog(steps: Readonly<Record<string, Pick<Step, 'kind' | 'question'>>>): StepCatalog {
  const has = (id: string) => Object.hasOwn(steps, id);
  return {
    kind: (stepId) => (has(stepId) ? steps[stepId].kind : undefined),
    choiceTitle: (stepId, choiceId) => (has(stepId) ? steps[stepId].question?.choices.find((c) => c.id === choiceId)?.title : undefined),
  };
}

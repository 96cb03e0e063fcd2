import type { Platform, PlatformText, Step } from '../../src/content/playbookSchema';
import { keys, last, pick, realContent, type BotHarness, type Reply } from '../dialogs/helpers';
import { goOnNumber } from '../helpers/goesOn';

/**
 * The text a person on `platform` reads for a step, as the engine layers it: the chosen answer's
 * own text (`choiceId`), else the service's text (`service`), else the step's; undefined if none.
 */
export function stepTextOrNone(step: Step, platform: Platform, opts: { choiceId?: string; service?: string } = {}): string | undefined {
  const choice = opts.choiceId ? step.question?.choices.find((c) => c.id === opts.choiceId) : undefined;
  if (opts.choiceId && !choice) throw new Error(`no choice ${opts.choiceId} in ${step.id}`);
  const serviceText = opts.service ? step.services[opts.service] : undefined;
  for (const layer of [choice?.instructions, serviceText, step.instructions] as (Partial<PlatformText> | undefined)[]) {
    const t = layer?.[platform] ?? layer?.all;
    if (t !== undefined) return t;
  }
  return undefined;
}

/** As stepTextOrNone, but a step without a text for `platform` fails the test. */
export function stepText(step: Step, platform: Platform, opts: { choiceId?: string; service?: string } = {}): string {
  const text = stepTextOrNone(step, platform, opts);
  if (text === undefined) throw new Error(`no text for ${platform} in ${step.id}`);
  return text;
}

/**
 * From the bot's replies `first`, answers each step question with its "go on" choice, "Did that
 * fix it?" with not-fixed and the outage pause with continue, until the question of `stepId`.
 */
export async function untilQuestion(h: BotHarness, first: Reply[], stepId: string): Promise<Reply[]> {
  const steps = realContent().steps;
  let replies = first;
  for (let turn = 0; turn < 20; turn++) {
    const prompt = last(replies);
    const key = prompt.resync?.messageKey;
    if (key === 'step.question' && prompt.resync?.stepId === stepId) return replies;
    if (key === 'step.question') replies = await h.say(goOnNumber(steps[prompt.resync!.stepId!]!, prompt.resync?.choices));
    else if (key === 'fixed.question') replies = await h.say(pick(replies, 'not-fixed'));
    else if (key === 'status.pauseQuestion') replies = await h.say(pick(replies, 'continue'));
    else throw new Error(`stuck at ${key} (${keys(replies).join(', ')})`);
  }
  throw new Error(`never reached ${stepId}`);
}

/**
 * The one place that turns what the engine wants to say into Bot Framework activities:
 * a card with buttons where the channel shows them, numbered plain text where it does not.
 * Every activity carries `channelData.resync` (see ResyncChannelData).
 */
import { ActionTypes, CardFactory, InputHints, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import { supportsCardActions } from 'botbuilder-dialogs';
import { CHOICE_VALUE_KEY, type PromptChoice } from './answers';

/**
 * Documented, machine-readable tag on bot activities (`channelData.resync`).
 * - step: "<playbook>/<step>" for activities that belong to a troubleshooting step
 * - playbook, stepId: the two halves of `step`
 * - messageKey: which text this is (a messages.yaml key, or `step.instructions`, `step.question`,
 *   `status.<key>` for step content), so tests and tools need not compare wording
 * - choices: the choice ids offered, in order (when the activity asks something)
 */
export interface ResyncChannelData {
  step?: string;
  playbook?: string;
  stepId?: string;
  messageKey: string;
  choices?: string[];
}

export interface StepRef {
  playbook: string;
  stepId: string;
}

export function resyncData(messageKey: string, step?: StepRef, choices?: readonly PromptChoice[]): ResyncChannelData {
  const data: ResyncChannelData = { messageKey };
  if (step) {
    data.step = `${step.playbook}/${step.stepId}`;
    data.playbook = step.playbook;
    data.stepId = step.stepId;
  }
  if (choices) data.choices = choices.map((c) => c.id);
  return data;
}

/** A plain message. */
export function textActivity(text: string, resync: ResyncChannelData): Partial<Activity> {
  const activity = MessageFactory.text(text, undefined, InputHints.AcceptingInput);
  activity.channelData = { resync };
  return activity;
}

/**
 * A question with choices. Channels with card actions get a HeroCard whose buttons send the
 * title as text and the choice id as value; others (and unknown channel ids) get numbered text.
 */
export function promptActivity(channelId: string | undefined, text: string, choices: readonly PromptChoice[], resync: ResyncChannelData): Partial<Activity> {
  let activity: Partial<Activity>;
  if (channelId && choices.length > 0 && supportsCardActions(channelId, choices.length)) {
    const buttons: CardAction[] = choices.map((c) => ({
      type: ActionTypes.MessageBack,
      title: c.title,
      text: c.title,
      displayText: c.title,
      value: { [CHOICE_VALUE_KEY]: c.id },
    }));
    activity = MessageFactory.attachment(CardFactory.heroCard('', text, undefined, buttons), undefined, undefined, InputHints.ExpectingInput);
  } else {
    const lines = choices.map((c, i) => `${i + 1}. ${c.title}`);
    activity = MessageFactory.text(lines.length ? `${text}\n\n${lines.join('\n')}` : text, undefined, InputHints.ExpectingInput);
  }
  activity.channelData = { resync };
  return activity;
}

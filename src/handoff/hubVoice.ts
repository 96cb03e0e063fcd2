/**
 * What the hub sends to the person: in their turn (`say`, tagged with the message key and, for
 * prompts, the choices) or outside it for agent actions (`tell`, `send`, through the
 * ProactiveMessenger, made fit for the channel here since the bot's send hook does not see it).
 */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { promptActivity, resyncData, textActivity, textFor, type StepRef } from '../dialogs/cards';
import type { PromptChoice } from '../dialogs/answers';
import type { Vars } from '../dialogs/messages';
import type { Logger } from '../logging/logger';
import type { Escalation, ProactiveMessenger } from './agentHub';
import type { HandoffMessageKey, HandoffText } from './handoffMessages';

export interface HubVoiceDeps {
  text: HandoffText;
  messenger: ProactiveMessenger;
  logger: Logger;
}

export class HubVoice {
  constructor(private readonly deps: HubVoiceDeps) {}

  /** Says a hub message; `step` tags it as part of a playbook step (the contact-support step asking). */
  async say(context: TurnContext, key: HandoffMessageKey, vars: Vars = {}, choices?: PromptChoice[], step?: StepRef): Promise<void> {
    const text = this.deps.text.text(key, vars);
    const activity = choices?.length ? promptActivity(context.activity.channelId, text, choices, resyncData(`handoff.${key}`, step, choices)) : textActivity(text, resyncData(`handoff.${key}`, step));
    await context.sendActivity(activity);
  }

  /** Sends text the dialogs wrote (the recap), tagged with its own key. */
  async sayText(context: TurnContext, text: string, key: string): Promise<void> {
    await context.sendActivity(textActivity(text, resyncData(key)));
  }

  /** Tells the person, outside any turn of theirs (agent actions). */
  async tell(e: Escalation, key: HandoffMessageKey, vars: Vars): Promise<void> {
    await this.send(e, textActivity(this.deps.text.text(key, vars), resyncData(`handoff.${key}`)));
  }

  /**
   * Sends outside the person's turn (agent actions), so the bot's send hook does not see it: the
   * text is made fit for the channel here (plain text where Markdown does not render).
   */
  async send(e: Escalation, activity: Partial<Activity>, extra?: Record<string, unknown>): Promise<void> {
    if (extra) activity.channelData = { ...(activity.channelData as object), handoff: extra };
    if (typeof activity.text === 'string' && activity.inputHint !== 'expectingInput' && activity.textFormat !== 'plain') activity.text = textFor(e.channelId, activity.text);
    try {
      await this.deps.messenger.send(e.reference as Partial<ConversationReference>, activity);
    } catch (error) {
      this.deps.logger.error('handoff: could not reach the person', { conversationId: e.conversationId, error });
    }
  }
}

/**
 * A BotAdapter that runs turns in this process, with no HTTP and no channel: `sendActivities`
 * hands the bot's replies to a callback. Used by `resync chat`.
 */
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';

export type ReplySink = (activity: Partial<Activity>) => void;

export class InProcessAdapter extends BotAdapter {
  private nextId = 1;

  constructor(private readonly sink: ReplySink) {
    super();
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const id = activity.id ?? `reply-${this.nextId++}`;
      // invokeResponse is the adapter's business (an HTTP answer), not something a person sees.
      if (activity.type !== 'invokeResponse') this.sink({ ...activity, id });
      responses.push({ id });
    }
    return responses;
  }

  async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    this.sink({ ...activity, type: activity.type ?? ActivityTypes.Message });
  }

  async deleteActivity(): Promise<void> {
    // Nothing to delete on a terminal.
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const request = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, request), logic);
  }

  /** Runs one incoming activity through middleware and `logic`; errors go to onTurnError. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

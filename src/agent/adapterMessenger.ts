import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { ProactiveMessenger } from '../handoff/agentHub';

/** The one adapter method a proactive message needs (CloudAdapter has it). */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/**
 * Sends the hub's messages (agent text, "you're now talking to…", "the agent has left") into the
 * person's conversation with the stored conversation reference, through the server's adapter:
 * in local mode the built-in Direct Line's connector emulation receives them, elsewhere the
 * channel's serviceUrl (Teams, Azure Direct Line, …).
 *
 * The hub is built with the runtime, before the server owns an adapter, so the adapter can be
 * attached later: `new AdapterMessenger()` for the hub, `messenger.attach(adapter, appId)` in
 * the server. Sending before `attach` fails loudly.
 */
export class AdapterMessenger implements ProactiveMessenger {
  private adapter?: ProactiveAdapter;
  private appId = '';

  constructor(adapter?: ProactiveAdapter, appId?: string) {
    if (adapter) this.attach(adapter, appId);
  }

  attach(adapter: ProactiveAdapter, appId?: string): this {
    this.adapter = adapter;
    this.appId = appId ?? '';
    return this;
  }

  get attached(): boolean {
    return this.adapter !== undefined;
  }

  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void> {
    if (!this.adapter) throw new Error('AdapterMessenger.send(): no adapter attached yet (the server attaches its adapter when it starts)');
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      await context.sendActivity(activity);
    });
  }
}

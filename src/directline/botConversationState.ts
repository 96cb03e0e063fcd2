import { ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';

/** The channel id the built-in Direct Line gives every activity it hands to the bot. */
export const DIRECT_LINE_CHANNEL_ID = 'directline';

/**
 * Names the storage key of the bot's ConversationState document for a conversation, the way
 * botbuilder builds it (`<channelId>/conversations/<conversationId>/<namespace>`), by asking
 * botbuilder itself rather than copying its format. `namespace` is ConversationState's (createBot
 * uses the default, none).
 */
export function botConversationStateKeys(channelId: string = DIRECT_LINE_CHANNEL_ID, namespace?: string): (conversationId: string) => string[] {
  const state = new ConversationState(new MemoryStorage(), namespace);
  return (conversationId) => {
    const context = { activity: { channelId, conversation: { id: conversationId } } } as unknown as TurnContext;
    const key = state.getStorageKey(context);
    return key ? [key] : [];
  };
}

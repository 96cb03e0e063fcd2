import { botConversationStateKeys } from '../directline/botConversationState';
import { HUB_KEYS } from '../handoff/hubService';

/**
 * The per-conversation documents the Direct Line sweep deletes with a conversation idle past
 * DIRECTLINE_RETENTION_HOURS: the bot's ConversationState and the handoff hub's bot-side record
 * (a pending offer, a message being left, the last few texts, redacted), and an address typed
 * before a message that was then never left (the hub's pendingContact; on every other channel the
 * hub's own expiry deletes that one too, see src/handoff/pendingContacts.ts). User state,
 * transcripts and tickets are not per-conversation working data and keep their own lifetimes.
 */
export function sweptConversationDocuments(): (conversationId: string) => string[] {
  const botState = botConversationStateKeys();
  return (conversationId) => [...botState(conversationId), HUB_KEYS.conversation(conversationId), HUB_KEYS.pendingContact(conversationId)];
}

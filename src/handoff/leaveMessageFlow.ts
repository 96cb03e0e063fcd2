/**
 * Leaving a message (a ticket) instead of a live chat: "Please type your message…", the address
 * typed first or found in the message, "How can we reach you?", correcting or confirming the
 * address of a saved ticket, and "any news?" afterwards. The state is the conversation's bot-side
 * document (HubStore), the ticket (TicketStore) and an address waiting for its message (PendingContacts).
 */
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Vars } from '../dialogs/messages';
import type { PromptChoice } from '../dialogs/answers';
import type { StepRef } from '../dialogs/cards';
import type { Logger } from '../logging/logger';
import { onlyRedacted } from '../privacy/redact';
import type { Ticket } from './agentHub';
import { redactMessageAndContact, sameContact } from './contactAddress';
import type { HandoffMessageKey } from './handoffMessages';
import { buildSummary } from './handoffSummary';
import { MESSAGE_MAX, MESSAGE_WELCOME_BACK_MS, clearedMode, clip, type ConversationDoc } from './hubDocuments';

/** Longest ticket message once later messages are added to it (four messages' worth). */
const TICKET_MESSAGE_MAX = MESSAGE_MAX * 4;
import type { HubPhrases, PersonInput } from './hubPhrases';
import type { HubStore } from './hubStore';
import type { PendingContacts } from './pendingContacts';
import type { TicketStore } from './ticketStore';

export interface LeaveMessageDeps {
  store: HubStore;
  ticketStore: TicketStore;
  pendingContacts: PendingContacts;
  phrases: HubPhrases;
  logger: Logger;
  /** The injected clock's now. */
  clock: { now(): Date };
  /** Says a hub message in the person's turn. */
  say(context: TurnContext, key: HandoffMessageKey, vars?: Vars, choices?: PromptChoice[], step?: StepRef): Promise<void>;
  /** Something agents see changed (a ticket saved or its address changed). */
  changed(): void;
  /** A hub message's text, for words written into a ticket (leaveMessage.addedHeading). */
  text(key: HandoffMessageKey, vars?: Vars): string;
}

export class LeaveMessageFlow {
  constructor(private readonly deps: LeaveMessageDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Mode `message`: the answer to "Please type your message…". */
  async message(context: TurnContext, conv: ConversationDoc, input: PersonInput): Promise<void> {
    const activity = context.activity;
    const conversationId = activity.conversation.id;
    if (this.deps.phrases.isCancel(input) || this.deps.phrases.isDecline(input)) return this.cancelMessage(context, conv);
    // A turn while a typed address waits: the conversation is not idle (pendingContacts.ts).
    if (conv.contactFirst) await this.deps.pendingContacts.touch(conversationId);
    if (this.deps.phrases.isHelp(input)) {
      await this.deps.say(context, 'leaveMessage.help', {}, this.deps.phrases.cancelChoices());
      return;
    }
    // "what was that again?" alone is no message: the question again.
    if (this.deps.phrases.asksToRepeat(input, true)) {
      await this.deps.say(context, 'leaveMessage.prompt', {}, this.deps.phrases.cancelChoices());
      return;
    }
    const message = clip(input.text);
    if (!message) {
      await this.deps.say(context, 'leaveMessage.prompt', {}, this.deps.phrases.cancelChoices());
      return;
    }
    // Redacted once: the text to keep, and the way to reach them written in it.
    const { redacted, contact: inMessage } = redactMessageAndContact(message, this.deps.phrases.contactJoiner());
    // Only an email address or a phone number ("me@example.com"): the way to reach them; the
    // message itself is asked for next.
    const onlyAddress = redacted !== message && onlyRedacted(redacted) ? inMessage : undefined;
    if (onlyAddress) {
      await this.deps.pendingContacts.put(conversationId, onlyAddress);
      await this.deps.store.saveConversation(conversationId, { ...conv, contactFirst: true, messageAskedAt: this.now() });
      await this.deps.say(context, 'leaveMessage.contactFirst', { contact: onlyAddress }, this.deps.phrases.cancelChoices());
      return;
    }
    // Only a hidden card number, code or password: nothing to pass on, nothing to thank them for.
    if (redacted !== message && onlyRedacted(redacted)) {
      await this.deps.say(context, 'leaveMessage.onlyHidden', {}, this.deps.phrases.cancelChoices());
      return;
    }
    // "hello?" hours after the question: welcome back, and the question again.
    if (this.longAfter(conv.messageAskedAt) && this.deps.phrases.onlyGreeting(input)) {
      await this.deps.store.saveConversation(conversationId, { ...conv, messageAskedAt: this.now() });
      await this.deps.say(context, 'leaveMessage.welcomeBack', {}, this.deps.phrases.cancelChoices());
      return;
    }
    // A way to reach them in the message itself (taken from their own text, for the ticket
    // only): saved with it at once, and they may correct it on the next turn.
    const given = await this.takePendingContact(conversationId, conv);
    const found = inMessage ?? given;
    if (found) {
      const { ticket, added } = await this.createTicket(conversationId, activity.channelId, { ...conv, ticketMessage: redacted }, found);
      await this.deps.store.saveConversation(conversationId, { ...clearedMode(conv), ...this.ticketLeft(ticket, activity.channelId), contactFound: found !== given || undefined });
      const key: HandoffMessageKey = found === given ? (added ? 'leaveMessage.added' : 'leaveMessage.savedGiven') : added ? 'leaveMessage.addedFound' : 'leaveMessage.savedFound';
      await this.deps.say(context, key, { ticket: ticket.id, contact: found });
      return;
    }
    // A message left earlier in this conversation, still open: this one is added to it, and the
    // address given then is used again (never asked twice); they may correct it on the next turn.
    const earlier = await this.openTicketOf(conv);
    if (earlier) {
      const { ticket, added } = await this.createTicket(conversationId, activity.channelId, { ...conv, ticketMessage: redacted }, earlier.contact);
      await this.deps.store.saveConversation(conversationId, { ...clearedMode(conv), ...this.ticketLeft(ticket, activity.channelId), contactFound: true });
      await this.deps.say(context, added ? 'leaveMessage.addedKnown' : 'leaveMessage.savedFound', { ticket: ticket.id, contact: ticket.contact });
      return;
    }
    await this.deps.store.saveConversation(conversationId, { ...conv, mode: 'contact', ticketMessage: redacted, messageAskedAt: undefined });
    await this.deps.say(context, 'leaveMessage.contact', {}, this.deps.phrases.cancelChoices());
  }

  /** The ticket this conversation left earlier, while it is still open. */
  async openTicketOf(conv: ConversationDoc): Promise<Ticket | undefined> {
    if (!conv.lastTicket) return undefined;
    const ticket = await this.deps.ticketStore.get(conv.lastTicket.id);
    return ticket?.status === 'open' ? ticket : undefined;
  }

  /** "Please type your message…", or, with a message left earlier and still open, what to add to it. */
  async prompt(context: TurnContext, conv: ConversationDoc): Promise<void> {
    const earlier = await this.openTicketOf(conv);
    if (earlier) await this.deps.say(context, 'leaveMessage.promptAdd', { ticket: earlier.id }, this.deps.phrases.cancelChoices());
    else await this.deps.say(context, 'leaveMessage.prompt', {}, this.deps.phrases.cancelChoices());
  }

  /** Mode `contact`: the answer to "How can we reach you?" (or the corrected address of a saved ticket). */
  async contact(context: TurnContext, conv: ConversationDoc, input: PersonInput): Promise<void> {
    const activity = context.activity;
    const conversationId = activity.conversation.id;
    if (this.deps.phrases.isCancel(input)) {
      if (!conv.ticketId) return this.cancelMessage(context, conv);
      // Correcting a saved ticket's address: the one from the message stays.
      const kept = await this.deps.ticketStore.get(conv.ticketId);
      await this.deps.store.saveConversation(conversationId, { ...clearedMode(conv), mode: 'saved' });
      await this.deps.say(context, 'leaveMessage.contactKept', { contact: kept?.contact ?? '' });
      return;
    }
    const contact = this.deps.phrases.contactIn(input.text);
    // "forget it, I'll call Apple": a cancel, then why, and no address.
    if (!contact && !conv.ticketId && this.deps.phrases.cancelFirst(input.text)) return this.cancelMessage(context, conv);
    if (!contact) {
      const again = conv.ticketId ? 'leaveMessage.contactCorrect' : 'leaveMessage.contact';
      const key: HandoffMessageKey = this.deps.phrases.isHelp(input) ? 'leaveMessage.contactHelp' : this.deps.phrases.asksToRepeat(input) ? again : 'leaveMessage.contactInvalid';
      await this.deps.say(context, key, {}, this.deps.phrases.cancelChoices());
      return;
    }
    if (conv.ticketId) return this.changeContact(context, conv, conv.ticketId, contact);
    const { ticket, added } = await this.createTicket(conversationId, activity.channelId, conv, contact);
    await this.deps.store.saveConversation(conversationId, { ...clearedMode(conv), ...this.ticketLeft(ticket, activity.channelId) });
    await this.deps.say(context, added ? 'leaveMessage.added' : 'leaveMessage.saved', { ticket: ticket.id, contact });
  }

  /**
   * The turn right after a message saved with the address found in it: another address replaces
   * it, "wrong" asks for it, "yes" confirms. False when the text is none of those.
   */
  async correctFound(context: TurnContext, conv: ConversationDoc, cleared: ConversationDoc, input: PersonInput): Promise<boolean> {
    if (!conv.contactFound || !conv.lastTicket) return false;
    const conversationId = context.activity.conversation.id;
    const contact = this.deps.phrases.contactIn(input.text);
    if (contact) {
      await this.changeContact(context, cleared, conv.lastTicket.id, contact);
      return true;
    }
    if (this.deps.phrases.isWrongContact(input)) {
      await this.deps.store.saveConversation(conversationId, { ...cleared, mode: 'contact', ticketId: conv.lastTicket.id });
      await this.deps.say(context, 'leaveMessage.contactCorrect', {}, this.deps.phrases.cancelChoices());
      return true;
    }
    if (this.deps.phrases.isRightContact(input)) {
      const ticket = await this.deps.ticketStore.get(conv.lastTicket.id);
      await this.deps.store.saveConversation(conversationId, { ...cleared, mode: 'saved' });
      await this.deps.say(context, 'leaveMessage.contactConfirmed', { contact: ticket?.contact ?? '' });
      return true;
    }
    return false;
  }

  /** The ticket fields of a conversation that just left a message (one-turn mode `saved`). */
  private ticketLeft(ticket: Ticket, channelId: string): Partial<ConversationDoc> {
    return { mode: 'saved', channelId, lastTicket: { id: ticket.id, at: ticket.createdAt }, recent: [], sinceOffer: 0 };
  }

  /** A saved ticket gets the address the person corrected it to. */
  private async changeContact(context: TurnContext, conv: ConversationDoc, ticketId: string, contact: string): Promise<void> {
    // The address the ticket already has, typed again: nothing changes, it is only confirmed.
    const current = (await this.deps.ticketStore.get(ticketId))?.contact;
    if (current !== undefined && sameContact(current, contact)) {
      await this.deps.store.saveConversation(context.activity.conversation.id, { ...clearedMode(conv), mode: 'saved' });
      await this.deps.say(context, 'leaveMessage.contactConfirmed', { contact: current });
      return;
    }
    await this.deps.ticketStore.setContact(ticketId, contact);
    this.deps.changed();
    await this.deps.store.saveConversation(context.activity.conversation.id, { ...clearedMode(conv), mode: 'saved' });
    await this.deps.say(context, 'leaveMessage.contactChanged', { contact });
  }

  /**
   * "hello? any news?" in a conversation where a message was left (its ticket still open): it
   * reached the team, they reply at the address given, anything else meanwhile? A greeting alone
   * counts only long after the message (MESSAGE_WELCOME_BACK_MS); asking for news, at any time.
   */
  async tellTicketReceived(context: TurnContext, conv: ConversationDoc, input: PersonInput): Promise<boolean> {
    if (!conv.lastTicket || input.value !== undefined) return false;
    const asks = this.deps.phrases.asksForNews(input.text) || (this.longAfter(conv.lastTicket.at) && this.deps.phrases.isGreeting(input.text));
    if (!asks) return false;
    const ticket = await this.deps.ticketStore.get(conv.lastTicket.id);
    if (!ticket || ticket.status !== 'open') return false;
    await this.deps.store.saveConversation(context.activity.conversation.id, { ...conv, mode: 'saved' });
    await this.deps.say(context, 'leaveMessage.received', { ticket: ticket.id, contact: ticket.contact });
    return true;
  }

  /**
   * The message as a ticket: added to the one this conversation left before while that is still
   * open (one open ticket per conversation; `added`), else a new one.
   */
  private async createTicket(conversationId: string, channelId: string, conv: ConversationDoc, contact: string): Promise<{ ticket: Ticket; added: boolean }> {
    const base = {
      conversationId,
      channelId,
      message: conv.ticketMessage ?? '',
      contact,
      createdAt: this.now(),
      summary: conv.pending?.summary ?? buildSummary({ record: { steps: [] } }),
      status: 'open' as const,
    };
    if (conv.lastTicket) {
      const heading = this.deps.text('leaveMessage.addedHeading', { at: base.createdAt.slice(0, 16).replace('T', ' ') + ' UTC' });
      const earlier = await this.deps.ticketStore.addMessage(conv.lastTicket.id, { heading, message: base.message, summary: base.summary, contact }, TICKET_MESSAGE_MAX);
      if (earlier) {
        this.deps.changed();
        this.deps.logger.info('handoff: message added to a ticket', { conversationId, ticket: earlier.id });
        return { ticket: earlier, added: true };
      }
    }
    let ticket: Ticket | undefined;
    // Ids are short (people are told them); on the rare clash with an existing ticket, draw again.
    for (let attempt = 0; attempt < 5 && !ticket; attempt++) {
      const candidate: Ticket = { id: `T-${randomUUID().slice(0, 8).toUpperCase()}`, ...base };
      if (await this.deps.ticketStore.create(candidate)) ticket = candidate;
    }
    if (!ticket) throw new Error('HubService.createTicket(): no free ticket id after 5 attempts');
    this.deps.changed();
    this.deps.logger.info('handoff: ticket saved', { conversationId, ticket: ticket.id });
    return { ticket, added: false };
  }

  /**
   * "start over" where the message or the address is asked for: no message is kept (the line says
   * so); the caller passes the words on to the dialogs, which start over.
   */
  async dropForCommand(context: TurnContext, conv: ConversationDoc): Promise<ConversationDoc> {
    if (conv.contactFirst) await this.deps.pendingContacts.forget(context.activity.conversation.id);
    const cleared = clearedMode(conv);
    await this.deps.store.saveConversation(context.activity.conversation.id, cleared);
    await this.deps.say(context, 'leaveMessage.cancelled');
    return cleared;
  }

  private async cancelMessage(context: TurnContext, conv: ConversationDoc): Promise<void> {
    if (conv.contactFirst) await this.deps.pendingContacts.forget(context.activity.conversation.id);
    await this.deps.store.saveConversation(context.activity.conversation.id, { ...clearedMode(conv), mode: 'declined' });
    await this.deps.say(context, 'leaveMessage.cancelled');
  }

  /** The address typed before the message (contactFirst), taken out of storage for the ticket. */
  private async takePendingContact(conversationId: string, conv: ConversationDoc): Promise<string | undefined> {
    if (!conv.contactFirst) return undefined;
    return this.deps.pendingContacts.take(conversationId);
  }

  /** True when `at` (ISO) is more than MESSAGE_WELCOME_BACK_MS ago (injected clock). */
  private longAfter(at: string | undefined): boolean {
    const then = at ? Date.parse(at) : NaN;
    return !Number.isNaN(then) && this.deps.clock.now().getTime() - then > MESSAGE_WELCOME_BACK_MS;
  }
}

/**
 * The documents of the built-in agent hub and the bot-side handoff (HubService), their keys and
 * shapes, on botbuilder Storage only:
 *
 *   handoff/escalation/<conversationId>    one Escalation (the live chat is in it)
 *   handoff/queue                          { open: conversationId[] } queued or active ones
 *   handoff/ticket/<id>                    one Ticket (a message left), with small indexes:
 *   handoff/tickets/open                   the open ones, and handoff/tickets/done/<yyyy-mm>
 *                                          the ones done each month (ticketStore.ts)
 *   handoff/agents                         { agents: { [id]: { name, seenAt } } } presence
 *   handoff/conversation/<conversationId>  the bot side of one conversation: an offer waiting
 *                                          for an answer, a message being left, recent texts
 *   handoff/pendingContact/<conversationId> an address typed before the message (pendingContacts.ts)
 *
 * Every change is an eTag-guarded read-modify-write (storageDocs.ts), so a restart loses nothing
 * and two agents accepting at once cannot both win. The in-process change counter only wakes
 * waiting consoles sooner; consoles that poll see the same state.
 */
import { randomUUID } from 'node:crypto';
import type { HandoffSummary, HubMessage } from './agentHub';
import { pendingContactKey } from './pendingContacts';
import { TICKET_KEYS } from './ticketStore';

export const HUB_KEYS = {
  escalation: (conversationId: string) => `handoff/escalation/${conversationId}`,
  queue: 'handoff/queue',
  ticket: TICKET_KEYS.ticket,
  openTickets: TICKET_KEYS.open,
  doneTickets: TICKET_KEYS.done,
  /** The old single tickets document, moved to the layout above on first use. */
  legacyTickets: TICKET_KEYS.legacy,
  agents: 'handoff/agents',
  conversation: (conversationId: string) => `handoff/conversation/${conversationId}`,
  /**
   * The address a person typed alone at "Please type your message…", kept until the message
   * itself comes (then it moves into the ticket) or they cancel; never in conversation state.
   */
  pendingContact: pendingContactKey,
} as const;

/** Choice ids of the hub's buttons (the titles come from handoff.yaml). */
export const HUB_CHOICES = {
  wait: 'handoff.wait',
  leaveMessage: 'handoff.leaveMessage',
  cancel: 'handoff.cancel',
  tryAgain: 'handoff.tryAgain',
  noThanks: 'handoff.noThanks',
  talkToPerson: 'handoff.talkToPerson',
  keepTrying: 'handoff.keepTrying',
} as const;

/**
 * Bot-side modes: waiting for an answer to an offer, or for a message / contact address; or, for
 * one turn after a declined offer / a saved message, ready to answer a goodbye fittingly; or, for
 * one turn after a person from the support team closed the chat, handing `completed` to the dialogs.
 */
export type ConversationMode = 'offer' | 'failed' | 'message' | 'contact' | 'frustration' | 'declined' | 'saved' | 'completed';

export interface ConversationDoc {
  mode?: ConversationMode;
  /** The summary to escalate with or attach to a ticket once the person has chosen. */
  /** The summary for the agent, and the recap the person is shown when they ask what was tried (HandoffRequestOptions.recap). */
  pending?: { summary: HandoffSummary; recap?: string };
  /**
   * The offer came from a dialog step that stays open: its answer is handed back to the dialogs.
   * Kept while the person waits in the queue, so stopping waiting hands the turn back too.
   */
  resume?: boolean;
  /** An answer to the current offer was a hesitation ("not sure") and the offer was asked again. */
  unsureAsked?: boolean;
  /** The message being left (redacted), while the contact address is asked for. */
  ticketMessage?: string;
  /** ISO time (injected clock) the message to leave was last asked for: a greeting long after is not the message. */
  messageAskedAt?: string;
  /** The conversation's channel, kept once a ticket was left (to read its transcript later). */
  channelId?: string;
  /**
   * The last message left here (its ticket id and when): "hello? any news?" later is told it was
   * received. The id only: the contact address stays in the ticket.
   */
  lastTicket?: { id: string; at: string };
  /** Mode `saved`: the contact was found in the message, and the person may correct it now. */
  contactFound?: boolean;
  /** Mode `contact`: the address asked for corrects this saved ticket's (no new ticket). */
  ticketId?: string;
  /** Mode `message`: the person typed their address first (it waits in HUB_KEYS.pendingContact). */
  contactFirst?: boolean;
  /**
   * Lines in which the person described the problem (redacted, oldest first, at most SAID_LINES):
   * four words or more that are not a command, a yes or no, small talk or a request for a person.
   * For the agent summary ("the code goes to my old phone which is broken").
   */
  said?: string[];
  /** The person's recent texts (redacted), oldest first, for frustration detection. */
  recent: string[];
  /** Person's messages since the last frustration offer. */
  sinceOffer: number;
  /** A frustration offer was made in this conversation. */
  offered?: boolean;
  /**
   * The question the bot's last turn ended on (promptSignature: message key, step and choice ids),
   * so a turn that only asks it again is known as a re-prompt.
   */
  openPrompt?: string;
}

export interface QueueDoc {
  open: string[];
}
export interface AgentsDoc {
  agents: Record<string, { name: string; seenAt: string }>;
}

/** Lines about the problem kept for the agent summary (ConversationDoc.said). */
export const SAID_LINES = 5;
/** Recent texts kept for frustration detection. */
export const RECENT_TEXTS = 5;
/** Person's messages after a frustration offer before another may be made. */
export const MESSAGES_BETWEEN_OFFERS = 4;
/** Longest message kept from a person or an agent. */
export const MESSAGE_MAX = 4000;
/** In leave-a-message, a greeting or a bare "ok" this long after the question is not the message. */
export const MESSAGE_WELCOME_BACK_MS = 2 * 60 * 60 * 1000;

/** The conversation without any mode or what only a mode needs. */
export function clearedMode(conv: ConversationDoc): ConversationDoc {
  const { mode: _m, pending: _p, ticketMessage: _t, resume: _r, unsureAsked: _u, messageAskedAt: _a, contactFound: _c, ticketId: _i, contactFirst: _f, ...rest } = conv;
  return { ...rest };
}

/** The text trimmed to MESSAGE_MAX. */
export function clip(text: string): string {
  return text.trim().slice(0, MESSAGE_MAX);
}

/**
 * The person's latest earlier text that `real` accepts (the current one, "talk to a person", says
 * nothing about the problem, nor does a command such as "start over").
 */
export function previousText(recent: readonly string[], current: string | undefined, real: (text: string) => boolean = () => true): string | undefined {
  const now = (current ?? '').trim();
  for (let i = recent.length - 1; i >= 0; i--) if (recent[i] !== now && real(recent[i])) return recent[i];
  return undefined;
}

/** A new line of the live chat (a person's, an agent's, or the hub's own console line). */
export function hubMessage(from: HubMessage['from'], text: string, at: string, agentName?: string): HubMessage {
  const m: HubMessage = { id: randomUUID(), from, text, at };
  if (agentName) m.agentName = agentName;
  return m;
}

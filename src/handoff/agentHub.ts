/**
 * The human-handoff hub: the contract between the bot side (queue, gate, protocol events) and the
 * agent console (src/server or wherever it is served). Everything here is types plus the factory
 * `createAgentHub`; the implementation lives in ./hubService.ts.
 *
 * All hub state is in botbuilder `Storage` under `handoff/...` keys, written with eTag-guarded
 * read-modify-write (retried on conflict), so two server instances, a restart, or two agents
 * accepting at once are safe. Nothing in process memory is the source of truth.
 */
import type { Activity, ConversationReference, Storage, TranscriptStore, TurnContext } from 'botbuilder';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { HandoffService } from '../dialogs/handoffService';
import type { HandoffMessages } from './handoffMessages';
import type { MessageValue } from '../dialogs/messages';
import { HubService } from './hubService';
import type { StatusFeed } from '../status/statusFeed';
import type { FrustrationDetector } from './frustration';
import type { StepCatalog } from './stepCatalog';

export type EscalationState = 'queued' | 'active' | 'closed' | 'cancelled';

export interface HubMessage {
  id: string;
  from: 'user' | 'agent' | 'system';
  text: string;
  /** ISO time from the injected clock. */
  at: string;
  agentName?: string;
}

export interface HandoffSummary {
  intent?: string;
  device?: string;
  service?: string;
  /** The person's own words, redacted. */
  problem?: string;
  /**
   * Each step's outcome; `answer`: what the person picked at the step's question, in words (the
   * choice's title), when it asked one. Summaries stored before it existed have none.
   */
  steps: { playbook: string; step: string; outcome: string; answer?: string }[];
  /**
   * Other lines in which the person described the problem (redacted, oldest first, the problem
   * itself left out): "the code goes to my old phone which is broken". Absent when there were none.
   */
  said?: string[];
  /** Other problems the person named in the same message, not started yet (intent ids). */
  alsoReported?: string[];
  /** What the status feed said, one line (null: asked, nothing to report; absent: not asked). */
  status?: string | null;
  /** For the queue list. */
  oneLine: string;
}

export interface Escalation {
  conversationId: string;
  channelId: string;
  /** Stored conversation reference, for proactive messages. */
  reference: Partial<ConversationReference>;
  state: EscalationState;
  createdAt: string;
  acceptedAt?: string;
  closedAt?: string;
  agentId?: string;
  agentName?: string;
  summary: HandoffSummary;
  /** The live chat, user text redacted. */
  messages: HubMessage[];
  /** Leaving a message instead was offered to the person after a long wait in the queue (once). */
  leaveMessageOffered?: boolean;
}

export type TicketStatus = 'open' | 'done';

export interface Ticket {
  id: string;
  conversationId: string;
  message: string;
  contact: string;
  createdAt: string;
  summary: HandoffSummary;
  status: TicketStatus;
  /** The channel of the conversation (to read its transcript). */
  channelId?: string;
  /** ISO time it was marked done (absent on tickets marked done before this was recorded). */
  doneAt?: string;
  /** Who marked it done. */
  doneBy?: AgentIdentity;
}

/** Where a page of tickets ended: the last ticket's sort time (createdAt when open, doneAt when done) and id. */
export interface TicketCursor {
  at: string;
  id: string;
}

export interface TicketQuery {
  /** Default 'open'. */
  status?: TicketStatus;
  /** YYYY-MM (UTC) of the month done tickets were marked done; default the current month. Only for 'done'. */
  month?: string;
  /** Default 50, at most 200. */
  limit?: number;
  /** Continue after this ticket (the `next` of the previous page). */
  after?: TicketCursor;
}

export interface TicketPage {
  /** Newest first (by createdAt when open, by doneAt when done). */
  tickets: Ticket[];
  status: TicketStatus;
  /** The month listed, for done tickets. */
  month?: string;
  /** Present when there may be more: pass it as `after` for the next page. */
  next?: TicketCursor;
}

export interface AgentIdentity {
  id: string;
  name: string;
}

/** Sends a proactive message into the person's conversation (implemented by the server with the adapter). */
export interface ProactiveMessenger {
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void>;
}

export interface AgentHub {
  /** State queued, oldest first. */
  queue(): Promise<Escalation[]>;
  /** Active with this agent. */
  mine(agentId: string): Promise<Escalation[]>;
  get(conversationId: string): Promise<Escalation | undefined>;
  /** The conversation's transcript, redacted (empty when no transcript store is configured). */
  transcript(conversationId: string): Promise<Partial<Activity>[]>;
  accept(conversationId: string, agent: AgentIdentity): Promise<'accepted' | 'taken' | 'not-found'>;
  /** Throws HubError('not-yours' | 'not-found' | 'not-active') when the agent does not hold the conversation. */
  sendFromAgent(conversationId: string, agent: AgentIdentity, text: string): Promise<HubMessage>;
  close(conversationId: string, agent: AgentIdentity): Promise<void>;
  requeue(conversationId: string, agent: AgentIdentity): Promise<void>;
  /** Messages after the one with id `afterId` (all when absent or unknown). */
  messagesSince(conversationId: string, afterId?: string): Promise<HubMessage[]>;
  /** One page of open tickets, or of the tickets done in one month; newest first. */
  tickets(query?: TicketQuery): Promise<TicketPage>;
  /** Moves an open ticket to its month's done list; done twice is a no-op; unknown id: HubError('not-found'). */
  markTicketDone(id: string, agent: AgentIdentity): Promise<void>;
  /** Presence heartbeat from the console. */
  agentSeen(agent: AgentIdentity): Promise<void>;
  /** The agent signed out: their live chats go back to the queue (each person told), and they no longer count online. */
  agentSignedOut(agent: AgentIdentity): Promise<void>;
  /** Live chats whose agent has been gone a while (no heartbeat: console closed, session ended) go back to the queue. */
  releaseAbsentHolders(): Promise<number>;
  /** Agents seen within the presence window. */
  agentsOnline(): Promise<number>;
  /** Optional push: resolves with the new version when something changes (for SSE/long-poll), or on timeout. */
  waitForChange?(sinceVersion: number, timeoutMs: number): Promise<number>;
}

export { HubError, type HubErrorCode } from './hubError';

/**
 * The bot-side gate. The bot calls `run` first in every turn: while the conversation is waiting,
 * talking with an agent or leaving a message, the hub handles the turn (the person's text goes to
 * the agent, never to the recogniser) and `next` is not called. It also handles `handoff.status`
 * events, and offers a person when recent messages are frustrated.
 */
export interface HandoffGate {
  run(context: TurnContext, next: () => Promise<void>): Promise<void>;
}

export interface AgentHubOptions {
  /** An agent counts as online this long after their last heartbeat. Default 60 000 ms. */
  presenceMs?: number;
  /** Estimated wait per person ahead in the queue, per online agent. Default 5 min. */
  minutesPerEscalation?: number;
  /** Above this estimated wait the person is told honestly and offered to leave a message. Default 15 min. */
  longWaitMinutes?: number;
  /** Offer a person when recent messages are frustrated. Default true. */
  frustrationOffer?: boolean;
  /** A message from the person after this long in the queue also offers leaving a message instead (once). Default 30 min. */
  queueOfferMinutes?: number;
  /**
   * An address typed before a message that never came is deleted once its conversation has been
   * idle this long, on every channel (pendingContacts.ts). Default 24 hours.
   */
  pendingContactIdleMs?: number;
  /** At most this often a turn also sweeps those addresses (any instance may). Default 10 minutes. */
  pendingContactSweepMs?: number;
}

export interface AgentHubDeps {
  storage: Storage;
  clock: Clock;
  messenger: ProactiveMessenger;
  logger: Logger;
  /** Where the transcript of each conversation is read from (attached to handoff.initiate, shown to agents). */
  transcripts?: TranscriptStore;
  /** Wording from dialogs/handoff.yaml (loadHandoffMessages). */
  messages: HandoffMessages;
  options?: AgentHubOptions;
  /** Asked for one line about Apple's system status when a person is escalated. */
  statusFeed?: StatusFeed;
  /** Longest wait for the status feed, ms. Default 2000. */
  statusTimeoutMs?: number;
  /** Frustration detector for the offer of a person (default: createFrustrationDetector()). */
  frustration?: FrustrationDetector;
  /**
   * Whether any agent account exists (AGENT_ACCOUNTS). When false nobody can ever pick up a live
   * chat: the person is offered to leave a message or cancel, never to wait. Default true.
   */
  agentsConfigured?: boolean;
  /**
   * The steps' kinds and choice titles from the content (stepCatalog(content.steps)): the summary
   * leaves the status check out of the steps tried and shows answers in words. Without it every
   * not-fixed step counts and answers are shown by id.
   */
  steps?: StepCatalog;
  /**
   * The engine's wording (content.messages, from dialogs/messages.yaml): the hub reads the same
   * phrases the dialogs read for asking to see something again (`synonyms.repeat`) and for help
   * (`synonyms.help`), at its offers and in the queue. Without it only handoff.yaml's
   * `synonyms.help` is known, and nothing reads as asking again.
   */
  engineMessages?: Readonly<Record<string, MessageValue>>;
  /** Picks among message variants (tests pass a fixed one). */
  random?: () => number;
}

export type ResyncAgentHub = AgentHub & HandoffService & HandoffGate;

export function createAgentHub(deps: AgentHubDeps): ResyncAgentHub {
  return new HubService(deps);
}

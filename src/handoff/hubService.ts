/**
 * The built-in agent hub and the bot-side handoff, on botbuilder Storage only (the documents and
 * their keys: hubDocuments.ts). Every change is an eTag-guarded read-modify-write (storageDocs.ts),
 * so a restart loses nothing and two agents accepting at once cannot both win. The in-process
 * change counter only wakes waiting consoles sooner; consoles that poll see the same state.
 */
import { HandoffEventNames, EventFactory, TurnContext, type Activity, type Transcript } from 'botbuilder';
import type { TroubleshootingRecord } from '../dialogs/troubleshootingRecord';
import { setHandoffAnswer, setPersonAsked, type HandoffAnswer, type HandoffRequestOptions, type HandoffResult } from '../dialogs/handoffService';
import type { StepRef } from '../dialogs/cards';
import { matchChoice, type PromptChoice } from '../dialogs/answers';
import { fetchStatus } from '../dialogs/statusCheck';
import { Messages } from '../dialogs/messages';
import { redactActivity, redactText } from '../privacy/redact';
import { createFrustrationDetector, type FrustrationDetector } from './frustration';
import type { AgentHubDeps, AgentIdentity, Escalation, HandoffSummary, HubMessage, ResyncAgentHub, TicketPage, TicketQuery } from './agentHub';
import { HandoffText, type HandoffMessageKey } from './handoffMessages';
import { buildSummary, statusLine } from './handoffSummary';
import { updateDoc } from './storageDocs';
import { TicketStore } from './ticketStore';
import { HUB_CHOICES, HUB_KEYS, MESSAGES_BETWEEN_OFFERS, RECENT_TEXTS, SAID_LINES, clearedMode, clip, hubMessage, previousText, type ConversationDoc } from './hubDocuments';
import { PendingContacts, type PendingContactSweep } from './pendingContacts';
import { PromptWatch } from './promptWatch';
import { HubPhrases } from './hubPhrases';
import { HubStore } from './hubStore';
import { LeaveMessageFlow } from './leaveMessageFlow';
import { HubVoice } from './hubVoice';
import { AgentSessions } from './agentSessions';

export { promptSignature } from './promptWatch';
export { HUB_CHOICES, HUB_KEYS, MESSAGE_MAX, MESSAGE_WELCOME_BACK_MS, MESSAGES_BETWEEN_OFFERS, RECENT_TEXTS, type ConversationDoc, type ConversationMode } from './hubDocuments';

/** Turn-state flag: this turn asked for a person (no frustration offer on top). */
const HANDOFF_REQUESTED = Symbol('resync.handoffRequested');

/** A live chat's agent counts as gone after this many presence windows without a heartbeat. */
const ABSENT_PRESENCES = 2;
const DEFAULTS = { presenceMs: 60_000, minutesPerEscalation: 5, longWaitMinutes: 15, frustrationOffer: true, queueOfferMinutes: 30, pendingContactIdleMs: 24 * 3_600_000, pendingContactSweepMs: 10 * 60_000 };

/** The hub's dependencies (`agentsConfigured` among them: see AgentHubDeps). */
export type HubServiceDeps = AgentHubDeps;

/** The `value` of a handoff.status event. */
interface HandoffStatusValue {
  state?: string;
  message?: string;
  agentName?: string;
}

export class HubService implements ResyncAgentHub {
  private readonly text: HandoffText;
  private readonly options: typeof DEFAULTS;
  private readonly frustration: FrustrationDetector;
  private readonly phrases: HubPhrases;
  private readonly store: HubStore;
  private readonly leaveMessage: LeaveMessageFlow;
  private readonly voice: HubVoice;
  private readonly agents: AgentSessions;
  private readonly ticketStore: TicketStore;
  private readonly pendingContacts: PendingContacts;
  /** When this instance last swept pending addresses (injected clock, ms); only spaces sweeps out. */
  private lastPendingSweep = Number.NEGATIVE_INFINITY;
  private version = 0;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly deps: HubServiceDeps) {
    this.text = new HandoffText(deps.messages, deps.random);
    this.options = { ...DEFAULTS, ...deps.options };
    this.frustration = deps.frustration ?? createFrustrationDetector();
    this.phrases = new HubPhrases(this.text, this.agentsConfigured, deps.engineMessages ? new Messages(deps.engineMessages) : undefined);
    this.voice = new HubVoice({ text: this.text, messenger: deps.messenger, logger: deps.logger });
    this.store = new HubStore({ storage: deps.storage, clock: deps.clock, presenceMs: this.options.presenceMs });
    this.agents = new AgentSessions({ storage: deps.storage, clock: deps.clock, store: this.store, voice: this.voice, text: this.text, changed: () => this.changed() });
    this.ticketStore = new TicketStore({ storage: deps.storage, clock: deps.clock, logger: deps.logger });
    this.pendingContacts = new PendingContacts({ storage: deps.storage, clock: deps.clock, idleMs: this.options.pendingContactIdleMs });
    this.leaveMessage = new LeaveMessageFlow({
      store: this.store,
      ticketStore: this.ticketStore,
      pendingContacts: this.pendingContacts,
      phrases: this.phrases,
      logger: deps.logger,
      clock: deps.clock,
      say: (...args) => this.voice.say(...args),
      changed: () => this.changed(),
      text: (key, vars) => this.text.text(key, vars),
    });
  }

  /**
   * Deletes addresses typed before a message that never came, once their conversation has been
   * idle `pendingContactIdleMs`, on every channel. Turns call it at most every `pendingContactSweepMs`.
   */
  async sweepPendingContacts(): Promise<PendingContactSweep> {
    this.lastPendingSweep = this.deps.clock.now().getTime();
    const report = await this.pendingContacts.sweep();
    if (report.deleted > 0) this.deps.logger.info('handoff: idle pending addresses deleted', { deleted: report.deleted });
    return report;
  }

  private async sweepPendingContactsIfDue(): Promise<void> {
    if (this.deps.clock.now().getTime() - this.lastPendingSweep < this.options.pendingContactSweepMs) return;
    try {
      await this.sweepPendingContacts();
    } catch (error) {
      this.deps.logger.warn('handoff: the pending address sweep failed', { error });
    }
  }

  // ---- reading --------------------------------------------------------------------------

  get(conversationId: string): Promise<Escalation | undefined> {
    return this.store.get(conversationId);
  }

  queue(): Promise<Escalation[]> {
    return this.store.queue();
  }

  mine(agentId: string): Promise<Escalation[]> {
    return this.store.mine(agentId);
  }

  /** 1-based place in the queue, or undefined when not queued. */
  position(conversationId: string): Promise<number | undefined> {
    return this.store.position(conversationId);
  }

  agentsOnline(): Promise<number> {
    return this.store.agentsOnline();
  }

  agentSeen(agent: AgentIdentity): Promise<void> {
    return this.store.agentSeen(agent);
  }

  async messagesSince(conversationId: string, afterId?: string): Promise<HubMessage[]> {
    const e = await this.get(conversationId);
    if (!e) return [];
    if (afterId === undefined) return e.messages;
    const i = e.messages.findIndex((m) => m.id === afterId);
    return i < 0 ? e.messages : e.messages.slice(i + 1);
  }

  async transcript(conversationId: string): Promise<Partial<Activity>[]> {
    const store = this.deps.transcripts;
    if (!store) return [];
    const e = await this.get(conversationId);
    const channelId = e?.channelId ?? (await this.store.conversation(conversationId)).channelId;
    if (!channelId) return [];
    return this.readTranscript(channelId, conversationId);
  }

  private async readTranscript(channelId: string, conversationId: string): Promise<Partial<Activity>[]> {
    const store = this.deps.transcripts;
    if (!store) return [];
    const out: Partial<Activity>[] = [];
    let token: string | undefined;
    try {
      for (let page = 0; page < 100; page++) {
        const result = await store.getTranscriptActivities(channelId, conversationId, token);
        out.push(...result.items.map((a) => redactActivity(a)));
        token = result.continuationToken || undefined;
        if (!token) break;
      }
    } catch (error) {
      this.deps.logger.warn('handoff: could not read the transcript', { conversationId, error });
    }
    return out;
  }

  async tickets(query?: TicketQuery): Promise<TicketPage> {
    await this.ticketStore.migrateLegacy();
    return this.ticketStore.list(query);
  }

  // ---- change notification (an optimisation; storage is the truth) -----------------------

  private changed(): void {
    this.version++;
    for (const wake of [...this.waiters]) wake();
  }

  waitForChange(sinceVersion: number, timeoutMs: number): Promise<number> {
    if (this.version !== sinceVersion) return Promise.resolve(this.version);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(this.version);
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.waiters.add(done);
    });
  }

  // ---- agent actions ----------------------------------------------------------------------

  accept(conversationId: string, agent: AgentIdentity): Promise<'accepted' | 'taken' | 'not-found'> {
    return this.agents.accept(conversationId, agent);
  }

  sendFromAgent(conversationId: string, agent: AgentIdentity, text: string): Promise<HubMessage> {
    return this.agents.sendFromAgent(conversationId, agent, text);
  }

  close(conversationId: string, agent: AgentIdentity): Promise<void> {
    return this.agents.close(conversationId, agent);
  }

  requeue(conversationId: string, agent: AgentIdentity): Promise<void> {
    return this.agents.requeue(conversationId, agent);
  }

  async agentSignedOut(agent: AgentIdentity): Promise<void> {
    await this.store.agentGone(agent.id);
    for (const e of await this.mine(agent.id)) {
      await this.agents.requeue(e.conversationId, agent, 'left').catch((error: unknown) => this.deps.logger.warn('handoff: could not hand back a chat at sign-out', { conversationId: e.conversationId, error }));
    }
  }

  async releaseAbsentHolders(): Promise<number> {
    const seen = await this.store.lastSeen();
    const cutoff = this.deps.clock.now().getTime() - this.options.presenceMs * ABSENT_PRESENCES;
    let released = 0;
    for (const e of await this.store.open()) {
      // Only an agent seen before and not since counts as gone (one never seen is not judged).
      const agentId = e.agentId;
      const last = agentId ? seen.get(agentId) : undefined;
      if (e.state !== 'active' || !agentId || last === undefined || last >= cutoff) continue;
      try {
        await this.agents.requeue(e.conversationId, { id: agentId, name: e.agentName ?? agentId }, 'left');
        released++;
        this.deps.logger.info('handoff: chat back in the queue, its agent is gone', { conversationId: e.conversationId, agentId: e.agentId });
      } catch {
        // Changed meanwhile (closed, or the agent came back and acted): nothing to release.
      }
    }
    return released;
  }

  async markTicketDone(id: string, agent: AgentIdentity): Promise<void> {
    await this.ticketStore.migrateLegacy();
    const { changed } = await this.ticketStore.markDone(id, agent);
    if (!changed) return;
    this.deps.logger.info('handoff: ticket done', { ticket: id, agentId: agent.id });
    this.changed();
  }

  // ---- the dialog engine's HandoffService ------------------------------------------------

  /**
   * Asks for a person and says truthfully what happened (HandoffResult, src/dialogs/handoffService.ts):
   * `connected` only when a person already has the conversation, `queued` when it waits in the
   * queue with someone online, `offered` when nobody can take it now and the choices were offered.
   */
  async requestHandoff(context: TurnContext, record: TroubleshootingRecord, step?: StepRef, options: HandoffRequestOptions = {}): Promise<HandoffResult> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return 'unavailable';
    context.turnState.set(HANDOFF_REQUESTED, true);
    try {
      const existing = await this.get(conversationId);
      if (existing && (existing.state === 'queued' || existing.state === 'active')) {
        if (existing.state === 'active') return 'connected';
        await this.voice.say(context, 'waiting.stillQueued', { position: (await this.position(conversationId)) ?? 1 }, [this.phrases.choice(HUB_CHOICES.cancel, 'choice.cancel')], step);
        return 'queued';
      }
      const conv = await this.store.conversation(conversationId);
      // The problem in the person's words: the message that started troubleshooting, or else their
      // latest earlier text that says something about it (never "start over" or "talk to a person").
      const real = (text: string) => !this.phrases.isNotProblem(text);
      const first = record.firstUtterance && real(record.firstUtterance) ? record.firstUtterance : undefined;
      const problem = first ?? previousText(conv.recent, context.activity.text, real);
      const status = await this.currentStatus();
      const summary = buildSummary({ record, problem, status, said: conv.said, catalog: this.deps.steps });
      const resume = options.resumeStep === true;
      const why = await this.whyNoLiveChat();
      if (why) {
        // Nobody can answer a live chat now (or ever, without accounts): wait anyway, a message (ticket) or nothing.
        await this.store.saveConversation(conversationId, { ...conv, mode: 'offer', pending: { summary, recap: options.recap }, resume, unsureAsked: undefined });
        const noAccounts: HandoffMessageKey = options.endOfChecks ? 'noAccounts.endOfChecks' : 'noAccounts';
        const key: HandoffMessageKey = why.reason === 'noAccounts' ? noAccounts : why.reason === 'noAgent' ? 'noAgent' : 'longWait';
        await this.voice.say(context, key, { position: why.position, minutes: why.minutes }, this.phrases.offerChoices('offer'), step);
        return 'offered';
      }
      await this.escalate(context, summary, conv, step, resume);
      return 'queued';
    } catch (error) {
      this.deps.logger.error('handoff: request failed', { conversationId, error });
      return 'unavailable';
    }
  }

  /**
   * Why a live chat cannot start now: no agent accounts at all, nobody online, or a wait over
   * `longWaitMinutes` (with the place and the minutes); undefined when someone can take it.
   */
  private async whyNoLiveChat(): Promise<{ reason: 'noAccounts' | 'noAgent' | 'longWait'; position: number; minutes: number } | undefined> {
    if (!this.agentsConfigured) return { reason: 'noAccounts', position: 0, minutes: 0 };
    const online = await this.agentsOnline();
    const position = (await this.queue()).length + 1;
    const minutes = this.estimateMinutes(position, online);
    if (online === 0) return { reason: 'noAgent', position, minutes };
    if (minutes > this.options.longWaitMinutes) return { reason: 'longWait', position, minutes };
    return undefined;
  }

  /** False when no agent account exists: nobody can ever take a live chat. */
  private get agentsConfigured(): boolean {
    return this.deps.agentsConfigured !== false;
  }

  /** Sends handoff.initiate, queues the conversation and tells the person their place. */
  /** `resume`: a dialog step stays open; stopping waiting hands the turn back to it. */
  private async escalate(context: TurnContext, summary: HandoffSummary, conv: ConversationDoc, step?: StepRef, resume?: boolean): Promise<void> {
    const activity = context.activity;
    const conversationId = activity.conversation.id;
    const reference = TurnContext.getConversationReference(activity);
    const activities = await this.readTranscript(activity.channelId, conversationId);
    const transcript: Transcript = { activities: activities as Activity[] };
    const event = EventFactory.createHandoffInitiation(context, { ...summary, conversationId }, transcript);
    event.timestamp = this.deps.clock.now();
    try {
      await context.sendActivity(event);
    } catch (error) {
      // Some channels refuse event activities from bots; the built-in hub does not need it.
      this.deps.logger.warn('handoff: the channel refused the handoff.initiate event', { conversationId, channelId: activity.channelId, error });
    }

    const at = this.now();
    const escalation: Escalation = {
      conversationId,
      channelId: activity.channelId,
      reference,
      state: 'queued',
      createdAt: at,
      summary,
      messages: [],
    };
    await updateDoc<Escalation, void>(this.deps.storage, HUB_KEYS.escalation(conversationId), (e) => {
      if (e && (e.state === 'queued' || e.state === 'active')) return { abort: true, result: undefined };
      return { doc: escalation, result: undefined };
    });
    await this.store.addToIndex(conversationId);
    await this.store.saveConversation(conversationId, { ...conv, mode: undefined, pending: undefined, ticketMessage: undefined, resume: resume || undefined, unsureAsked: undefined, recent: [], sinceOffer: 0 });
    this.changed();
    this.deps.logger.info('handoff: queued', { conversationId, channelId: activity.channelId });
    const online = await this.agentsOnline();
    const position = (await this.position(conversationId)) ?? 1;
    const cancel = this.phrases.cancelChoices();
    // With nobody signed in any estimate would be made up (and contradict "I can't say when").
    if (online === 0) await this.voice.say(context, 'waiting.noEstimate', { position }, cancel, step);
    else await this.voice.say(context, 'waiting', { position, minutes: this.estimateMinutes(position, online) }, cancel, step);
  }

  // ---- the bot-side gate ------------------------------------------------------------------

  async run(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    const conversationId = activity.conversation?.id;
    if (!conversationId) return next();
    await this.sweepPendingContactsIfDue();
    if (activity.type === 'event' && activity.name === HandoffEventNames.HandoffStatus) {
      // People's clients can send events too: a person cannot end or accept their own handoff.
      if (activity.from?.role === 'user') return;
      return this.onHandoffStatus(context, conversationId, (activity.value ?? {}) as HandoffStatusValue);
    }
    if (activity.type !== 'message') return next();

    const escalation = await this.get(conversationId);
    if (escalation && (escalation.state === 'queued' || escalation.state === 'active')) return this.fromPerson(context, escalation, next);

    const conv = await this.store.conversation(conversationId);
    const input = { text: activity.text ?? '', value: activity.value as unknown };
    switch (conv.mode) {
      case 'offer':
      case 'failed':
        return this.onOfferAnswer(context, next, conv, conv.mode, input);
      case 'message':
      case 'contact': {
        // "start over", "talk to a person" typed where the message or address is asked for: never kept
        // as the message. Start over: no message, and the dialogs start over; a person: why a message
        // is the way now, and the same question.
        // "what have we tried?" at "How can we reach you?": it goes with the message; the question again.
        // "go back" there: the message prompt again (the message typed is replaced by the next one).
        // "what have we tried?" where the message is asked for: the recap (when the checks left one), then the prompt again.
        if (!conv.ticketId && this.phrases.asksForRecapWords(input) && (conv.mode === 'contact' || conv.pending?.recap)) {
          if (conv.pending?.recap) await this.voice.sayText(context, conv.pending.recap, 'recap');
          await this.voice.say(context, conv.mode === 'contact' ? 'leaveMessage.contactTried' : 'leaveMessage.promptTried', {}, this.phrases.cancelChoices());
          return;
        }
        if (!conv.ticketId && conv.mode === 'contact' && this.phrases.asksForTheChecks(input)) {
          await this.store.saveConversation(conversationId, { ...conv, mode: 'message', ticketMessage: undefined, messageAskedAt: this.now() });
          await this.voice.say(context, 'leaveMessage.prompt', {}, this.phrases.cancelChoices());
          return;
        }
        // "go back", "what have we tried?" before any message: no message after all; the dialogs answer them where they were.
        if (!conv.ticketId && (this.phrases.asksToStartOver(input) || this.phrases.asksForTheChecks(input))) {
          const cleared = await this.leaveMessage.dropForCommand(context, conv);
          return this.botTurn(context, next, cleared, true);
        }
        // "leave a message" typed again at "Please type your message…": the button's words, never the message.
        if (!conv.ticketId && conv.mode === 'message' && matchChoice(this.phrases.offerChoices('offer').filter((c) => c.id === HUB_CHOICES.leaveMessage), input, 'exact') !== undefined) {
          await this.leaveMessage.prompt(context, conv);
          return;
        }
        // "how long will that take?" before any message: an honest answer and the prompt again, never the message.
        if (!conv.ticketId && conv.mode === 'message' && !conv.ticketMessage && this.phrases.asksHowLong(input, true)) {
          await this.voice.say(context, 'leaveMessage.howLong', {}, this.phrases.cancelChoices());
          return;
        }
        if (!conv.ticketId && this.phrases.asksForPerson(input)) {
          await this.voice.say(context, 'leaveMessage.personAsked', {}, this.phrases.cancelChoices());
          return;
        }
        return conv.mode === 'message' ? this.leaveMessage.message(context, conv, input) : this.leaveMessage.contact(context, conv, input);
      }
      case 'frustration': {
        const choices = this.phrases.offerChoices('frustration');
        const answer = this.phrases.readAnswer(choices, input, [HUB_CHOICES.talkToPerson]);
        // More anger at the offer ("this is bullshit, nothing works") is no "keep trying": a person.
        const angry = answer.kind === 'other' && this.frustration.isFrustrated([clip(input.text)]);
        const picked = answer.kind === 'choice' ? answer.id : answer.kind === 'no' ? HUB_CHOICES.keepTrying : angry ? HUB_CHOICES.talkToPerson : undefined;
        if (picked === HUB_CHOICES.keepTrying) {
          await this.store.saveConversation(conversationId, { ...clearedMode(conv), recent: [], sinceOffer: 0 });
          await this.voice.say(context, 'frustration.keepTrying');
          return;
        }
        if (answer.kind === 'unclear') {
          await this.voice.say(context, 'offer.unclear', { options: this.phrases.optionList(choices) }, choices);
          return;
        }
        const cleared = { ...clearedMode(conv), ...(picked === HUB_CHOICES.talkToPerson ? { recent: [] } : {}) };
        await this.store.saveConversation(conversationId, cleared);
        // "Talk to a person" goes on to the dialogs, which route it like any request for a person; a
        // typed "yes please" is passed on as the button's title so they read it the same way.
        // A button press with no text (Teams cards) is marked as the request it is, for the dialogs too.
        if (picked === HUB_CHOICES.talkToPerson) {
          setPersonAsked(context);
          if (matchChoice(choices, input, 'exact') === undefined) activity.text = this.text.text('choice.talkToPerson');
        }
        return this.botTurn(context, next, cleared, picked === HUB_CHOICES.talkToPerson);
      }
      case 'completed': {
        // The first message after a person from the support team closed the chat: the dialogs are
        // told (handoffAnswer `completed`), so they neither carry on where they were nor forget it.
        // A blank message (the dialogs ignore it) leaves it for the next one.
        if (!input.text.trim() && input.value === undefined) return this.botTurn(context, next, conv);
        const cleared = clearedMode(conv);
        await this.store.saveConversation(conversationId, cleared);
        setHandoffAnswer(context, 'completed');
        return this.botTurn(context, next, cleared);
      }
      case 'declined':
      case 'saved': {
        // The turn right after a declined offer or a saved message: a goodbye gets a fitting one.
        const cleared = clearedMode(conv);
        await this.store.saveConversation(conversationId, cleared);
        if (await this.leaveMessage.correctFound(context, conv, cleared, input)) return;
        const answer = this.phrases.readAnswer([], input, []);
        // "no i still cant sign in" is no goodbye: the problem, said again, goes to the dialogs.
        if ((answer.kind === 'goodbye' || answer.kind === 'no') && !(answer.kind === 'no' && this.phrases.describesProblem(input.text))) {
          await this.voice.say(context, conv.mode === 'saved' ? 'leaveMessage.goodbye' : 'offer.goodbye');
          return;
        }
        if (await this.leaveMessage.tellTicketReceived(context, cleared, input)) return;
        // "thanks" right after a message was left: a fitting close, not the step's question again.
        if (conv.mode === 'saved' && this.phrases.isThanks(input)) {
          await this.voice.say(context, 'leaveMessage.thanks');
          return;
        }
        return this.botTurn(context, next, cleared);
      }
      default:
        if (await this.leaveMessage.tellTicketReceived(context, conv, input)) return;
        return this.botTurn(context, next, conv);
    }
  }

  /** The person answered "Wait anyway / Leave a message / Cancel" or "Try again / Leave a message / No thanks". */
  private async onOfferAnswer(context: TurnContext, next: () => Promise<void>, conv: ConversationDoc, mode: 'offer' | 'failed', input: { text: string; value?: unknown }): Promise<void> {
    const conversationId = context.activity.conversation.id;
    const choices = this.phrases.offerChoices(mode);
    const positive = choices.filter((c) => c.id !== HUB_CHOICES.cancel && c.id !== HUB_CHOICES.noThanks).map((c) => c.id);
    const answer = this.phrases.readAnswer(choices, input, positive);
    const picked = answer.kind === 'choice' ? answer.id : undefined;
    // Handing the turn back to the dialog step that asked (it re-asks its step, or ends quietly).
    const handBack = async (value: HandoffAnswer): Promise<void> => {
      if (!conv.resume) return;
      setHandoffAnswer(context, value);
      await next();
    };
    // "what does leave a message do?": what each button does, and the offer again (never that button picked).
    if (this.phrases.asksAboutChoice(input, choices)) return this.offerAgain(context, mode, choices, true);
    // "how long does that take?": an honest answer for the offer as it stands, with its buttons; still open.
    if (mode === 'offer' && (answer.kind === 'other' || matchChoice(choices, input, 'exact') === undefined) && this.phrases.asksHowLong(input, true)) {
      const why = await this.whyNoLiveChat();
      const position = why?.position ?? (await this.queue()).length + 1;
      const minutes = why?.minutes ?? this.estimateMinutes(position, await this.agentsOnline());
      const key: HandoffMessageKey = !this.agentsConfigured ? 'offer.howLong.noAccounts' : why?.reason === 'noAgent' ? 'offer.howLong.noAgent' : 'offer.howLong.longWait';
      await this.voice.say(context, key, { position, minutes }, choices);
      return;
    }
    // "talk to a person" at the offer of one: at "Try again / …" it is trying again; at "Wait anyway /
    // Leave a message / Cancel" the person is queued if someone can take it now, and otherwise told
    // briefly why not and what each button does (never the support options and the offer again).
    const askedAgain = answer.kind === 'other' && this.phrases.asksForPerson(input);
    if (askedAgain && mode === 'offer') {
      const why = await this.whyNoLiveChat();
      if (why) {
        const key: HandoffMessageKey = why.reason === 'noAccounts' ? 'offer.personNoAccounts' : why.reason === 'noAgent' ? 'offer.personNoAgent' : 'offer.personLongWait';
        await this.voice.say(context, key, { position: why.position, minutes: why.minutes }, choices);
        return;
      }
    }
    // "help" / "what was that again?" at the offer: what each button does, or nothing more; then the
    // offer again with its buttons, still open (never the bot's start-of-chat help or its problem list).
    if (answer.kind === 'other' && !askedAgain) {
      const help = this.phrases.asksForHelp(input);
      if (help || this.phrases.asksToRepeat(input)) return this.offerAgain(context, mode, choices, help);
    }
    if (picked === HUB_CHOICES.wait || picked === HUB_CHOICES.tryAgain || askedAgain) {
      const summary = conv.pending?.summary ?? buildSummary({ record: { steps: [] } });
      context.turnState.set(HANDOFF_REQUESTED, true);
      await this.escalate(context, summary, conv, undefined, conv.resume);
      return handBack('waiting');
    }
    if (picked === HUB_CHOICES.leaveMessage) {
      await this.store.saveConversation(conversationId, { ...conv, mode: 'message', resume: undefined, messageAskedAt: this.now(), contactFirst: undefined });
      await this.leaveMessage.prompt(context, conv);
      return handBack('message');
    }
    if (answer.kind === 'goodbye') {
      await this.store.saveConversation(conversationId, clearedMode(conv));
      await this.voice.say(context, 'offer.goodbye');
      return handBack('goodbye');
    }
    const decline = async (): Promise<void> => {
      if (conv.resume) {
        await this.store.saveConversation(conversationId, clearedMode(conv));
        await this.voice.say(context, 'offer.declinedResume');
        return handBack('declined');
      }
      await this.store.saveConversation(conversationId, { ...clearedMode(conv), mode: 'declined' });
      await this.voice.say(context, 'offer.declined');
    };
    if (picked === HUB_CHOICES.cancel || picked === HUB_CHOICES.noThanks || answer.kind === 'no') return decline();
    if (answer.kind === 'unclear') {
      await this.voice.say(context, 'offer.unclear', { options: this.phrases.optionList(choices) }, choices);
      return;
    }
    if (answer.kind === 'unsure') {
      // "not sure", "hmm": the offer again once, its buttons named; a second hesitation carries on
      // (mid-way: back to the step; at the top level: no person for now, and how to ask again).
      if (!conv.unsureAsked) {
        await this.store.saveConversation(conversationId, { ...conv, unsureAsked: true });
        await this.voice.say(context, 'offer.unclear', { options: this.phrases.optionList(choices) }, choices);
        return;
      }
      return decline();
    }
    // "what have we tried?": the recap, then the offer again, still open.
    if (answer.kind === 'other' && conv.pending?.recap && this.phrases.asksForRecapWords(input)) {
      await this.voice.sayText(context, conv.pending.recap, 'recap');
      return this.offerAgain(context, mode, choices, false);
    }
    // "go back" (or the recap with nothing tried): no message and no person for now; the dialogs answer them where they were.
    if (answer.kind === 'other' && this.phrases.asksForTheChecks(input)) {
      await this.store.saveConversation(conversationId, clearedMode(conv));
      return this.botTurn(context, next, clearedMode(conv), true);
    }
    // Free text that reads as something to pass on ("my photos since tuesday are missing"): the
    // start of a message, never thrown away; then "How can we reach you?" as when it is asked for.
    if (this.phrases.looksLikeMessage(input)) {
      const asked: ConversationDoc = { ...conv, mode: 'message', resume: undefined, unsureAsked: undefined, messageAskedAt: this.now(), contactFirst: undefined };
      await this.store.saveConversation(conversationId, asked);
      await this.voice.say(context, 'offer.asMessage');
      await this.leaveMessage.message(context, asked, input);
      return handBack('message');
    }
    // Something else entirely: the person moved on; the bot answers it.
    await this.store.saveConversation(conversationId, clearedMode(conv));
    return this.botTurn(context, next, clearedMode(conv));
  }

  /**
   * The offer said again, as it stands now (the place and the wait read again), with its buttons;
   * after a line per button saying what it does when the person asked for help.
   */
  private async offerAgain(context: TurnContext, mode: 'offer' | 'failed', choices: PromptChoice[], help: boolean): Promise<void> {
    if (help) await this.voice.say(context, 'offer.help', { options: this.phrases.choiceHelp(choices) });
    if (mode === 'failed') return this.voice.say(context, 'status.failed', {}, choices);
    const why = await this.whyNoLiveChat();
    // Someone could take it by now: the offer still stands as made, with the current place and wait.
    const position = why?.position ?? (await this.queue()).length + 1;
    const minutes = why?.minutes ?? this.estimateMinutes(position, await this.agentsOnline());
    const key: HandoffMessageKey = !this.agentsConfigured ? 'noAccounts' : why?.reason === 'noAgent' ? 'noAgent' : 'longWait';
    await this.voice.say(context, key, { position, minutes }, choices);
  }

  /**
   * "help", "what was that again?" or "any reply yet?" ("how long will it take?": synonyms.news) while waiting in the queue: the place (and, for help, what
   * typing and each button does) with the queue's buttons. Not passed on to the support team.
   */
  private async queueAside(context: TurnContext, escalation: Escalation, input: { text: string; value?: unknown }): Promise<boolean> {
    const help = this.phrases.asksForHelp(input);
    // "any reply yet?", "how long will it take?" while waiting: the place in the queue, never passed on as a message.
    if (!help && !this.phrases.asksToRepeat(input) && !(input.value === undefined && this.phrases.asksForNews(input.text))) return false;
    const choices = this.phrases.queueChoices(escalation.leaveMessageOffered === true);
    const position = (await this.position(escalation.conversationId)) ?? 1;
    if (help) await this.voice.say(context, 'waiting.help', { position, options: this.phrases.choiceHelp(choices, 'waiting.help.cancel') }, choices);
    else await this.voice.say(context, 'waiting.stillQueued', { position }, choices);
    return true;
  }

  /**
   * A turn the bot answers; afterwards, offers a person when recent messages are frustrated.
   *
   * Never two open questions at once: when the bot's answer only asks again the question that was
   * already open (a re-prompt after "didn't catch that", help, a device correction), the offer
   * replaces that re-prompt: the question is still on screen above and still waiting, which is
   * what "Keep trying" points back to. When the answer asks something new (the next step), the
   * new question stands and no offer is made this turn; the frustrated messages stay counted, so
   * the offer comes with the next re-prompt or answer that ends without a question. (Replacing a
   * new question would leave the person with nothing to answer after "Keep trying"; adding the
   * offer under it would leave two.)
   */
  private async botTurn(context: TurnContext, next: () => Promise<void>, conv: ConversationDoc, skipTracking = false): Promise<void> {
    const conversationId = context.activity.conversation.id;
    const text = (context.activity.text ?? '').trim();
    // A line about the problem is kept for the agent summary (redacted, the last SAID_LINES).
    let tracked = conv;
    if (text && this.phrases.describesProblem(text)) {
      const line = redactText(clip(text)).text;
      tracked = { ...conv, said: [...(conv.said ?? []).filter((l) => l !== line), line].slice(-SAID_LINES) };
    }
    if (!this.options.frustrationOffer || skipTracking) {
      if (tracked !== conv) await this.store.saveConversation(conversationId, tracked);
      return next();
    }
    let frustrated = false;
    if (text) {
      const recent = [...conv.recent, redactText(clip(text)).text].slice(-RECENT_TEXTS);
      tracked = { ...tracked, recent, sinceOffer: conv.sinceOffer + 1 };
      await this.store.saveConversation(conversationId, tracked);
      frustrated = !(tracked.offered && tracked.sinceOffer < MESSAGES_BETWEEN_OFFERS) && this.frustration.isFrustrated(recent);
    }
    // Only a turn that may end with an offer holds back a re-prompt of the open question.
    const watch = new PromptWatch(context, frustrated ? conv.openPrompt : undefined);
    try {
      await next();
    } finally {
      watch.stop();
    }
    // Re-read: the turn may have changed the conversation (an offer, a ticket being left).
    const now = await this.store.conversation(conversationId);
    let offer = frustrated && !context.turnState.get(HANDOFF_REQUESTED) && !now.mode && (watch.held !== undefined || !watch.endedOnQuestion);
    if (offer) {
      const escalation = await this.get(conversationId);
      if (escalation && (escalation.state === 'queued' || escalation.state === 'active')) offer = false;
    }
    if (offer) {
      // A held re-prompt's question stays the open one (it is above, still waiting).
      await this.store.saveConversation(conversationId, { ...now, mode: 'frustration', sinceOffer: 0, offered: true, openPrompt: watch.held ? conv.openPrompt : undefined });
      await this.voice.say(context, this.agentsConfigured ? 'frustration.offer' : 'frustration.offerNoLive', {}, this.phrases.offerChoices('frustration'));
      return;
    }
    const held = watch.release();
    if (held.length > 0) await context.sendActivities(held);
    if (now.openPrompt !== watch.openPrompt) await this.store.saveConversation(conversationId, { ...now, openPrompt: watch.openPrompt });
  }

  /** The person wrote while queued or talking with an agent: it goes to the agent, not the bot. */
  private async fromPerson(context: TurnContext, escalation: Escalation, next: () => Promise<void>): Promise<void> {
    const wasActive = escalation.state === 'active';
    const conversationId = escalation.conversationId;
    const input = { text: context.activity.text ?? '', value: context.activity.value as unknown };
    // Leaving a message instead of waiting (offered after a long wait; typed, it works any time).
    if (escalation.state === 'queued' && this.phrases.queueChoice(escalation, input) === HUB_CHOICES.leaveMessage) {
      if (await this.leaveMessageInstead(context, conversationId)) return;
    }
    // "start over" while waiting: no longer waiting (the agents' queue loses it), and the dialogs start over.
    const startOverQueued = escalation.state === 'queued' && this.phrases.asksToStartOver(input);
    if (escalation.state === 'queued' && (startOverQueued || this.phrases.queueChoice(escalation, input) === HUB_CHOICES.cancel)) {
      const cancelled = await updateDoc<Escalation, boolean>(this.deps.storage, HUB_KEYS.escalation(conversationId), (e) => {
        if (!e || e.state !== 'queued') return { abort: true, result: false };
        e.state = 'cancelled';
        e.closedAt = this.now();
        e.messages.push(hubMessage('system', this.text.text('console.stoppedWaiting'), e.closedAt));
        return { doc: e, result: true };
      });
      if (cancelled) {
        await this.store.removeFromIndex(conversationId);
        const resume = (await this.store.conversation(conversationId)).resume === true;
        // Asked for mid-way: back to the step at once ("let's carry on where we were").
        await this.store.clearConversation(conversationId, resume || startOverQueued ? undefined : 'declined');
        this.changed();
        if (startOverQueued) {
          await this.voice.say(context, 'cancelledStartOver');
          return this.botTurn(context, next, await this.store.conversation(conversationId), true);
        }
        if (!resume) {
          await this.voice.say(context, 'cancelled');
          return;
        }
        await this.voice.say(context, 'cancelledResume');
        setHandoffAnswer(context, 'declined');
        return next();
      }
      // An agent accepted in the meantime: the message goes to them like any other.
    }
    if (escalation.state === 'queued' && (await this.queueAside(context, escalation, input))) return;
    if (escalation.state === 'active') {
      // "end chat", "back to the bot", "start over": the person leaves the live chat; the agent sees it.
      const startOver = this.phrases.asksToStartOver(input);
      if ((startOver || this.phrases.endsChat(input)) && (await this.agents.endedByPerson(conversationId))) {
        await this.voice.say(context, 'personEnded', { agent: escalation.agentName ?? '' });
        return startOver ? this.botTurn(context, next, await this.store.conversation(conversationId), true) : undefined;
      }
      // Their agent is gone (console closed, session ended): back in the queue and told so; the message is kept for the next.
      if ((await this.releaseAbsentHolders()) > 0) escalation = (await this.get(conversationId)) ?? escalation;
    }
    const attachments = (context.activity.attachments ?? []).map((a) => (a.name ? this.text.text('console.attachment', { name: a.name }) : this.text.text('console.attachmentUnnamed')));
    const text = clip([context.activity.text ?? '', ...attachments].filter((t) => t.trim()).join(' '));
    if (!text) return;
    const msg = hubMessage('user', redactText(text).text, this.now());
    const waitedMinutes = (e: Escalation) => Math.floor((this.deps.clock.now().getTime() - Date.parse(e.createdAt)) / 60_000);
    const outcome = await updateDoc<Escalation, { state?: Escalation['state']; offer?: number }>(this.deps.storage, HUB_KEYS.escalation(conversationId), (e) => {
      if (!e || (e.state !== 'queued' && e.state !== 'active')) return { abort: true, result: { state: e?.state } };
      e.messages.push(msg);
      // A long wait: leaving a message instead is offered once, with the place in the queue.
      const minutes = waitedMinutes(e);
      const offer = e.state === 'queued' && !e.leaveMessageOffered && minutes >= this.options.queueOfferMinutes ? minutes : undefined;
      if (offer !== undefined) e.leaveMessageOffered = true;
      return { doc: e, result: { state: e.state, offer } };
    });
    this.changed();
    // Just put back in the queue because their agent left: that message (agentLeft) said the place already.
    if (outcome.state !== 'queued' || wasActive) return;
    const position = (await this.position(conversationId)) ?? 1;
    if (outcome.offer !== undefined) await this.voice.say(context, 'waiting.longAck', { position, minutes: outcome.offer }, this.phrases.queueChoices(true));
    else await this.voice.say(context, 'waiting.ack', { position }, this.phrases.cancelChoices());
  }

  /**
   * The person in the queue would rather leave a message: the wait ends and the message is asked
   * for, with the summary the escalation had. False when an agent accepted in the meantime.
   */
  private async leaveMessageInstead(context: TurnContext, conversationId: string): Promise<boolean> {
    const at = this.now();
    const left = await updateDoc<Escalation, Escalation | undefined>(this.deps.storage, HUB_KEYS.escalation(conversationId), (e) => {
      if (!e || e.state !== 'queued') return { abort: true, result: undefined };
      e.state = 'cancelled';
      e.closedAt = at;
      e.messages.push(hubMessage('system', this.text.text('console.stoppedWaitingForMessage'), at));
      return { doc: e, result: e };
    });
    if (!left) return false;
    await this.store.removeFromIndex(conversationId);
    this.changed();
    const conv = await this.store.conversation(conversationId);
    // A dialog step that asked keeps its place quietly (as when the offer's "Leave a message" is picked).
    await this.store.saveConversation(conversationId, { ...clearedMode(conv), mode: 'message', pending: { summary: left.summary }, messageAskedAt: at });
    await this.voice.say(context, 'leaveMessage.prompt', {}, this.phrases.cancelChoices());
    return true;
  }

  private async onHandoffStatus(context: TurnContext, conversationId: string, value: HandoffStatusValue): Promise<void> {
    const state = String(value.state ?? '').toLowerCase();
    const at = this.now();
    if (state === 'accepted') {
      const reference = TurnContext.getConversationReference(context.activity);
      await updateDoc<Escalation, void>(this.deps.storage, HUB_KEYS.escalation(conversationId), (e) => {
        const doc: Escalation = e ?? {
          conversationId,
          channelId: context.activity.channelId,
          reference,
          state: 'queued',
          createdAt: at,
          summary: buildSummary({ record: { steps: [] } }),
          messages: [],
        };
        if (doc.state === 'active') return { abort: true, result: undefined };
        doc.state = 'active';
        doc.acceptedAt = at;
        if (value.agentName) doc.agentName = String(value.agentName).slice(0, 100);
        doc.messages.push(hubMessage('system', this.text.text('console.statusAccepted'), at));
        return { doc, result: undefined };
      });
      await this.store.addToIndex(conversationId);
      this.changed();
      await this.voice.say(context, 'status.accepted');
      return;
    }
    if (state === 'failed' || state === 'completed') {
      const previous = await updateDoc<Escalation, Escalation | undefined>(this.deps.storage, HUB_KEYS.escalation(conversationId), (e) => {
        if (!e || (e.state !== 'queued' && e.state !== 'active')) return { abort: true, result: e };
        e.state = state === 'failed' ? 'cancelled' : 'closed';
        e.closedAt = at;
        e.messages.push(hubMessage('system', this.statusLine(state, value.message), at));
        return { doc: e, result: e };
      });
      await this.store.removeFromIndex(conversationId);
      this.changed();
      const conv = await this.store.conversation(conversationId);
      if (state === 'failed') {
        const summary = previous?.summary ?? buildSummary({ record: { steps: [] } });
        await this.store.saveConversation(conversationId, { ...conv, mode: 'failed', pending: { summary } });
        await this.voice.say(context, 'status.failed', {}, this.phrases.offerChoices('failed'));
      } else {
        await this.store.saveConversation(conversationId, { ...clearedMode(conv), mode: 'completed' });
        await this.voice.say(context, 'status.completed');
      }
      return;
    }
    this.deps.logger.warn('handoff: unknown handoff.status state', { conversationId, state });
  }

  // ---- tickets ----------------------------------------------------------------------------

  // ---- helpers ----------------------------------------------------------------------------

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The console line of a handoff.status event that ended the escalation. */
  private statusLine(state: 'failed' | 'completed', reason: unknown): string {
    if (state === 'completed') return this.text.text('console.statusCompleted');
    return reason ? this.text.text('console.statusFailedReason', { reason: String(reason) }) : this.text.text('console.statusFailed');
  }

  private estimateMinutes(position: number, online: number): number {
    return Math.ceil(position / Math.max(1, online)) * this.options.minutesPerEscalation;
  }

  private async currentStatus(): Promise<string | undefined> {
    if (!this.deps.statusFeed) return undefined;
    return statusLine(await fetchStatus(this.deps.statusFeed, this.deps.statusTimeoutMs ?? 2000));
  }

}

import type { Activity } from 'botbuilder';
import type { Clock } from '../../src/clock';
import type { AgentHub, AgentIdentity, Escalation, HubMessage, Ticket, TicketPage, TicketQuery } from '../../src/handoff/agentHub';
import { HubError } from '../../src/handoff/hubError';

/**
 * An in-memory AgentHub for the console's route tests: same contract and errors as the real
 * hub, plus helpers to play the person's side. (The real hub, on Storage, has its own tests.)
 */
export class FakeHub implements AgentHub {
  readonly escalations = new Map<string, Escalation>();
  readonly transcripts = new Map<string, Partial<Activity>[]>();
  readonly ticketList: Ticket[] = [];
  readonly seen = new Map<string, number>();
  private counter = 0;

  constructor(private readonly clock: Clock) {}

  escalate(conversationId: string, oneLine: string, extra: Partial<Escalation['summary']> = {}): Escalation {
    const escalation: Escalation = {
      conversationId,
      channelId: 'directline',
      reference: { conversation: { id: conversationId } as never },
      state: 'queued',
      createdAt: this.clock.now().toISOString(),
      summary: { steps: [], oneLine, ...extra },
      messages: [],
    };
    this.escalations.set(conversationId, escalation);
    return escalation;
  }

  userSays(conversationId: string, text: string): HubMessage {
    const message: HubMessage = { id: `m${++this.counter}`, from: 'user', text, at: this.clock.now().toISOString() };
    this.require(conversationId).messages.push(message);
    return message;
  }

  private require(id: string): Escalation {
    const e = this.escalations.get(id);
    if (!e) throw new HubError('not-found', `no escalation ${id}`);
    return e;
  }

  private holding(id: string, agent: AgentIdentity): Escalation {
    const e = this.require(id);
    if (e.state !== 'active') throw new HubError('not-active', 'not active');
    if (e.agentId !== agent.id) throw new HubError('not-yours', 'not yours');
    return e;
  }

  async queue(): Promise<Escalation[]> {
    return [...this.escalations.values()].filter((e) => e.state === 'queued').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async mine(agentId: string): Promise<Escalation[]> {
    return [...this.escalations.values()].filter((e) => e.state === 'active' && e.agentId === agentId);
  }
  async get(id: string): Promise<Escalation | undefined> {
    const e = this.escalations.get(id);
    return e ? structuredClone(e) : undefined;
  }
  async transcript(id: string): Promise<Partial<Activity>[]> {
    return this.transcripts.get(id) ?? [];
  }
  async accept(id: string, agent: AgentIdentity): Promise<'accepted' | 'taken' | 'not-found'> {
    const e = this.escalations.get(id);
    if (!e) return 'not-found';
    if (e.state !== 'queued') return 'taken';
    Object.assign(e, { state: 'active', agentId: agent.id, agentName: agent.name, acceptedAt: this.clock.now().toISOString() });
    return 'accepted';
  }
  async sendFromAgent(id: string, agent: AgentIdentity, text: string): Promise<HubMessage> {
    const e = this.holding(id, agent);
    const message: HubMessage = { id: `m${++this.counter}`, from: 'agent', text, at: this.clock.now().toISOString(), agentName: agent.name };
    e.messages.push(message);
    return message;
  }
  async close(id: string, agent: AgentIdentity): Promise<void> {
    Object.assign(this.holding(id, agent), { state: 'closed', closedAt: this.clock.now().toISOString() });
  }
  async requeue(id: string, agent: AgentIdentity): Promise<void> {
    const e = this.holding(id, agent);
    e.state = 'queued';
    delete e.agentId;
    delete e.agentName;
    delete e.acceptedAt;
  }
  async messagesSince(id: string, afterId?: string): Promise<HubMessage[]> {
    const messages = this.escalations.get(id)?.messages ?? [];
    const index = afterId ? messages.findIndex((m) => m.id === afterId) : -1;
    return messages.slice(index + 1);
  }
  /** Same order and paging as the real hub: newest first by (createdAt | doneAt, id). */
  async tickets(query: TicketQuery = {}): Promise<TicketPage> {
    const status = query.status ?? 'open';
    const month = status === 'done' ? (query.month ?? this.clock.now().toISOString().slice(0, 7)) : undefined;
    const at = (t: Ticket) => (status === 'done' ? (t.doneAt ?? t.createdAt) : t.createdAt);
    const before = (a: { at: string; id: string }, b: { at: string; id: string }) => a.at < b.at || (a.at === b.at && a.id < b.id);
    let list = this.ticketList
      .filter((t) => t.status === status && (month === undefined || at(t).slice(0, 7) === month))
      .sort((a, b) => (before({ at: at(a), id: a.id }, { at: at(b), id: b.id }) ? 1 : -1));
    if (query.after) list = list.filter((t) => before({ at: at(t), id: t.id }, query.after!));
    const limit = query.limit ?? 50;
    const tickets = list.slice(0, limit).map((t) => structuredClone(t));
    const page: TicketPage = { tickets, status };
    if (month) page.month = month;
    const last = tickets[tickets.length - 1];
    if (list.length > limit && last) page.next = { at: at(last), id: last.id };
    return page;
  }
  async markTicketDone(id: string, agent: AgentIdentity): Promise<void> {
    const t = this.ticketList.find((x) => x.id === id);
    if (!t) throw new HubError('not-found', 'no ticket');
    if (t.status === 'done') return;
    Object.assign(t, { status: 'done', doneAt: this.clock.now().toISOString(), doneBy: agent });
  }
  async agentSeen(agent: AgentIdentity): Promise<void> {
    this.seen.set(agent.id, this.clock.now().getTime());
  }
  async agentSignedOut(agent: AgentIdentity): Promise<void> {
    this.seen.delete(agent.id);
    for (const e of this.escalations.values()) if (e.state === 'active' && e.agentId === agent.id) this.backToQueue(e);
  }
  async releaseAbsentHolders(): Promise<number> {
    const now = this.clock.now().getTime();
    let released = 0;
    for (const e of this.escalations.values()) {
      const last = e.agentId ? this.seen.get(e.agentId) : undefined;
      if (e.state === 'active' && last !== undefined && now - last > 120_000) {
        this.backToQueue(e);
        released++;
      }
    }
    return released;
  }
  private backToQueue(e: Escalation): void {
    e.state = 'queued';
    delete e.agentId;
    delete e.agentName;
    delete e.acceptedAt;
  }
  async agentsOnline(): Promise<number> {
    const now = this.clock.now().getTime();
    return [...this.seen.values()].filter((t) => now - t < 60_000).length;
  }
}

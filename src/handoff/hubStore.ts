/**
 * The hub's shared state in storage (keys and shapes: hubDocuments.ts): escalations and the index of
 * open ones (the queue and each agent's chats), agents' presence, and each conversation's bot-side
 * document. Reads and eTag-guarded writes only; no turn, no wording.
 */
import type { Storage } from 'botbuilder';
import type { Clock } from '../clock';
import type { AgentIdentity, Escalation } from './agentHub';
import { HUB_KEYS, clearedMode, type AgentsDoc, type ConversationDoc, type QueueDoc } from './hubDocuments';
import { readDoc, updateDoc } from './storageDocs';

export interface HubStoreDeps {
  storage: Storage;
  clock: Clock;
  /** An agent counts as online this long after their last heartbeat. */
  presenceMs: number;
}

export class HubStore {
  private readonly storage: Storage;
  private readonly clock: Clock;
  private readonly presenceMs: number;

  constructor(deps: HubStoreDeps) {
    this.storage = deps.storage;
    this.clock = deps.clock;
    this.presenceMs = deps.presenceMs;
  }

  async get(conversationId: string): Promise<Escalation | undefined> {
    return readDoc<Escalation>(this.storage, HUB_KEYS.escalation(conversationId));
  }

  /** The escalations in the open index (queued or active). */
  async open(): Promise<Escalation[]> {
    const index = await readDoc<QueueDoc>(this.storage, HUB_KEYS.queue);
    const ids = index?.open ?? [];
    if (ids.length === 0) return [];
    const items = await this.storage.read(ids.map(HUB_KEYS.escalation));
    return ids
      .map((id) => items[HUB_KEYS.escalation(id)] as (Escalation & { eTag?: string }) | undefined)
      .filter((e): e is Escalation & { eTag?: string } => Boolean(e))
      .map(({ eTag: _eTag, ...e }) => e as Escalation);
  }

  async queue(): Promise<Escalation[]> {
    const queued = (await this.open()).filter((e) => e.state === 'queued');
    return queued.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.conversationId.localeCompare(b.conversationId));
  }

  async mine(agentId: string): Promise<Escalation[]> {
    const active = (await this.open()).filter((e) => e.state === 'active' && e.agentId === agentId);
    return active.sort((a, b) => (a.acceptedAt ?? '').localeCompare(b.acceptedAt ?? ''));
  }

  /** 1-based place in the queue, or undefined when not queued. */
  async position(conversationId: string): Promise<number | undefined> {
    const i = (await this.queue()).findIndex((e) => e.conversationId === conversationId);
    return i < 0 ? undefined : i + 1;
  }

  async agentsOnline(): Promise<number> {
    const doc = await readDoc<AgentsDoc>(this.storage, HUB_KEYS.agents);
    const now = this.clock.now().getTime();
    return Object.values(doc?.agents ?? {}).filter((a) => now - new Date(a.seenAt).getTime() <= this.presenceMs).length;
  }

  /** When each agent was last seen (ms since the epoch); absent: never, or signed out. */
  async lastSeen(): Promise<Map<string, number>> {
    const doc = await readDoc<AgentsDoc>(this.storage, HUB_KEYS.agents);
    return new Map(Object.entries(doc?.agents ?? {}).map(([id, a]) => [id, new Date(a.seenAt).getTime()]));
  }

  /** Signed out: no longer counted online. */
  async agentGone(agentId: string): Promise<void> {
    await updateDoc<AgentsDoc, void>(this.storage, HUB_KEYS.agents, (doc) => {
      if (!doc?.agents?.[agentId]) return { abort: true, result: undefined };
      const agents = { ...doc.agents };
      delete agents[agentId];
      return { doc: { agents }, result: undefined };
    });
  }

  async agentSeen(agent: AgentIdentity): Promise<void> {
    const at = this.clock.now().toISOString();
    await updateDoc<AgentsDoc, void>(this.storage, HUB_KEYS.agents, (doc) => {
      const agents = { ...(doc?.agents ?? {}) };
      agents[agent.id] = { name: agent.name, seenAt: at };
      return { doc: { agents }, result: undefined };
    });
  }

  /** Into the index of open escalations (queued or active), once. */
  async addToIndex(conversationId: string): Promise<void> {
    await updateDoc<QueueDoc, void>(this.storage, HUB_KEYS.queue, (doc) => {
      const open = doc?.open ?? [];
      if (open.includes(conversationId)) return { abort: true, result: undefined };
      return { doc: { open: [...open, conversationId] }, result: undefined };
    });
  }

  /** Out of the index of open escalations. */
  async removeFromIndex(conversationId: string): Promise<void> {
    await updateDoc<QueueDoc, void>(this.storage, HUB_KEYS.queue, (doc) => {
      if (!doc || !doc.open.includes(conversationId)) return { abort: true, result: undefined };
      return { doc: { open: doc.open.filter((id) => id !== conversationId) }, result: undefined };
    });
  }

  /** The bot-side document of one conversation (empty defaults when there is none). */
  async conversation(conversationId: string): Promise<ConversationDoc> {
    const doc = await readDoc<ConversationDoc>(this.storage, HUB_KEYS.conversation(conversationId));
    return { recent: [], sinceOffer: 0, ...doc };
  }

  async saveConversation(conversationId: string, doc: ConversationDoc): Promise<void> {
    const clean = JSON.parse(JSON.stringify(doc)) as ConversationDoc;
    await this.storage.write({ [HUB_KEYS.conversation(conversationId)]: { ...clean, eTag: '*' } });
  }

  /** Clears any mode; `then` sets a one-turn mode (a fitting goodbye, or `completed` for the dialogs). */
  async clearConversation(conversationId: string, then?: 'declined' | 'completed'): Promise<void> {
    const conv = await this.conversation(conversationId);
    await this.saveConversation(conversationId, { ...clearedMode(conv), ...(then ? { mode: then } : {}), recent: [], sinceOffer: 0 });
  }
}

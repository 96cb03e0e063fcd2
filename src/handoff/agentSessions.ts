/**
 * What agents do with a conversation from the console: accept it (exactly one of two racing
 * agents wins), write to the person, close the chat or put it back in the queue. Each is an
 * eTag-guarded change of the escalation (only the agent holding it may change it), a console line
 * in the live chat (wording: console.* in handoff.yaml), and a message to the person.
 */
import type { Storage } from 'botbuilder';
import type { Clock } from '../clock';
import { resyncData, textActivity } from '../dialogs/cards';
import { redactText } from '../privacy/redact';
import type { AgentIdentity, Escalation, HubMessage } from './agentHub';
import type { HandoffText } from './handoffMessages';
import { HubError } from './hubError';
import { HUB_KEYS, MESSAGE_MAX, hubMessage } from './hubDocuments';
import type { HubStore } from './hubStore';
import type { HubVoice } from './hubVoice';
import { updateDoc } from './storageDocs';

export interface AgentSessionsDeps {
  storage: Storage;
  clock: Clock;
  store: HubStore;
  voice: HubVoice;
  text: HandoffText;
  /** Wakes consoles waiting for a change. */
  changed(): void;
}

export class AgentSessions {
  constructor(private readonly deps: AgentSessionsDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async accept(conversationId: string, agent: AgentIdentity): Promise<'accepted' | 'taken' | 'not-found'> {
    const at = this.now();
    const result = await updateDoc<Escalation, 'accepted' | 'taken' | 'not-found'>(this.deps.storage, HUB_KEYS.escalation(conversationId), (e) => {
      if (!e) return { abort: true, result: 'not-found' };
      if (e.state !== 'queued') return { abort: true, result: e.state === 'active' ? 'taken' : 'not-found' };
      e.state = 'active';
      e.acceptedAt = at;
      e.agentId = agent.id;
      e.agentName = agent.name;
      e.messages.push(hubMessage('system', this.deps.text.text('console.agentJoined', { agent: agent.name }), at, agent.name));
      return { doc: e, result: 'accepted' };
    });
    if (result !== 'accepted') return result;
    this.deps.changed();
    const e = await this.deps.store.get(conversationId);
    if (e) await this.deps.voice.tell(e, 'agentJoined', { agent: agent.name });
    return result;
  }

  async sendFromAgent(conversationId: string, agent: AgentIdentity, text: string): Promise<HubMessage> {
    const clean = text.trim().slice(0, MESSAGE_MAX);
    if (!clean) throw new HubError('empty', 'The message is empty.');
    const at = this.now();
    const msg = hubMessage('agent', redactText(clean).text, at, agent.name);
    const e = await this.holderUpdate(conversationId, agent, (doc) => {
      doc.messages.push(msg);
      return doc;
    });
    this.deps.changed();
    // What the agent typed reaches the person exactly as typed: plain text, never read as Markdown or HTML ("Settings > <your name>", "2*3*4").
    const activity = { ...textActivity(this.deps.text.text('agentMessage', { agent: agent.name, text: clean }), resyncData('handoff.agentMessage')), textFormat: 'plain' as const };
    await this.deps.voice.send(e, activity, { agentName: agent.name });
    return msg;
  }

  async close(conversationId: string, agent: AgentIdentity): Promise<void> {
    const at = this.now();
    const e = await this.holderUpdate(conversationId, agent, (doc) => {
      doc.state = 'closed';
      doc.closedAt = at;
      doc.messages.push(hubMessage('system', this.deps.text.text('console.agentClosed', { agent: agent.name }), at, agent.name));
      return doc;
    });
    await this.deps.store.removeFromIndex(conversationId);
    // The person's next message is handed to the dialogs as `completed` (see run()).
    await this.deps.store.clearConversation(conversationId, 'completed');
    this.deps.changed();
    await this.deps.voice.tell(e, 'agentClosed', { agent: agent.name });
  }

  /**
   * Back to the queue: put there by the agent (`requeued`), or because the agent left (`left`:
   * signed out, or gone without signing out; the person is told so and keeps what was said).
   */
  async requeue(conversationId: string, agent: AgentIdentity, why: 'requeued' | 'left' = 'requeued'): Promise<void> {
    const at = this.now();
    const e = await this.holderUpdate(conversationId, agent, (doc) => {
      doc.state = 'queued';
      delete doc.agentId;
      delete doc.agentName;
      delete doc.acceptedAt;
      doc.messages.push(hubMessage('system', this.deps.text.text(why === 'left' ? 'console.agentLeft' : 'console.agentRequeued', { agent: agent.name }), at, agent.name));
      return doc;
    });
    this.deps.changed();
    const position = (await this.deps.store.position(conversationId)) ?? 1;
    await this.deps.voice.tell(e, why === 'left' ? 'agentLeft' : 'agentRequeued', { agent: agent.name, position });
  }

  /**
   * The person ended the live chat ("end chat", "back to the bot"): closed, the agent's console
   * says so, and the bot takes over. False when no chat was active any more.
   */
  async endedByPerson(conversationId: string): Promise<boolean> {
    const at = this.now();
    const e = await updateDoc<Escalation, Escalation | undefined>(this.deps.storage, HUB_KEYS.escalation(conversationId), (doc) => {
      if (!doc || doc.state !== 'active') return { abort: true, result: undefined };
      doc.state = 'closed';
      doc.closedAt = at;
      doc.messages.push(hubMessage('system', this.deps.text.text('console.personEnded'), at));
      return { doc, result: doc };
    });
    if (!e) return false;
    await this.deps.store.removeFromIndex(conversationId);
    await this.deps.store.clearConversation(conversationId);
    this.deps.changed();
    return true;
  }

  /** Changes an escalation the agent holds (active, theirs), or throws HubError. */
  private async holderUpdate(conversationId: string, agent: AgentIdentity, change: (e: Escalation) => Escalation): Promise<Escalation> {
    let refused: HubError | undefined;
    const e = await updateDoc<Escalation, Escalation | undefined>(this.deps.storage, HUB_KEYS.escalation(conversationId), (doc) => {
      refused = undefined;
      if (!doc) refused = new HubError('not-found', 'No such conversation.');
      else if (doc.state !== 'active') refused = new HubError('not-active', 'The conversation is not active.');
      else if (doc.agentId !== agent.id) refused = new HubError('not-yours', 'Another agent holds this conversation.');
      if (refused || !doc) return { abort: true, result: undefined };
      const next = change(doc);
      return { doc: next, result: next };
    });
    if (refused || !e) throw refused ?? new HubError('not-found', 'No such conversation.');
    return e;
  }
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Clock } from '../clock';
import type { AgentIdentity } from '../handoff/agentHub';
import { stripETag } from './storageUpdate';

/**
 * Agent console sessions, kept in botbuilder Storage so any instance can serve them:
 *
 *   agent/sessions/<sha256(session id)>   { agentId, agentName, csrfToken, createdAt, expiresAt }
 *
 * The session id (the cookie) is 32 random bytes and is never stored: a leaked store does not
 * hand out sign-ins. Expiry is absolute (AGENT_SESSION_HOURS after sign-in).
 */
export interface AgentSession {
  agent: AgentIdentity;
  /** Sent back by the console in X-CSRF-Token on every state-changing request. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

interface StoredSession {
  agentId: string;
  agentName: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

function sessionKey(id: string): string {
  return `agent/sessions/${createHash('sha256').update(id).digest('hex')}`;
}

export interface AgentSessionStoreOptions {
  storage: Storage;
  clock: Clock;
  ttlMs: number;
  random?: (bytes: number) => Buffer;
}

export class AgentSessionStore {
  private readonly random: (bytes: number) => Buffer;

  constructor(private readonly options: AgentSessionStoreOptions) {
    this.random = options.random ?? randomBytes;
  }

  /** Starts a session; returns its id (for the cookie) and the session. */
  async create(agent: AgentIdentity): Promise<{ id: string; session: AgentSession }> {
    const id = this.random(32).toString('base64url');
    const now = this.options.clock.now();
    const session: AgentSession = {
      agent: { id: agent.id, name: agent.name },
      csrfToken: this.random(32).toString('base64url'),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.options.ttlMs).toISOString(),
    };
    const stored: StoredSession = {
      agentId: agent.id,
      agentName: agent.name,
      csrfToken: session.csrfToken,
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
    };
    await this.options.storage.write({ [sessionKey(id)]: stored });
    return { id, session };
  }

  /** The live session for a cookie value; an expired one is deleted and treated as absent. */
  async get(id: string | undefined): Promise<AgentSession | undefined> {
    if (!id || !SESSION_ID.test(id)) return undefined;
    const key = sessionKey(id);
    const item = (await this.options.storage.read([key]))[key] as (StoredSession & { eTag?: string }) | undefined;
    if (!item) return undefined;
    const stored = stripETag(item);
    if (Date.parse(stored.expiresAt) <= this.options.clock.now().getTime()) {
      await this.options.storage.delete([key]);
      return undefined;
    }
    return {
      agent: { id: stored.agentId, name: stored.agentName },
      csrfToken: stored.csrfToken,
      createdAt: stored.createdAt,
      expiresAt: stored.expiresAt,
    };
  }

  async destroy(id: string | undefined): Promise<void> {
    if (!id || !SESSION_ID.test(id)) return;
    await this.options.storage.delete([sessionKey(id)]);
  }
}

/** Timing-safe comparison of a presented CSRF token with the session's. */
export function csrfTokenMatches(session: AgentSession, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

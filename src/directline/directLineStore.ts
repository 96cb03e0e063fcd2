import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Clock } from '../clock';

/**
 * The built-in Direct Line's data, kept only through botbuilder `Storage` so a restarted process
 * (or another instance on the same store) continues every conversation:
 *
 *   directline/server-secret            random secret (connector capability key)
 *   directline/conversations/<id>       { createdAt, userId, activityCount }
 *   directline/activities/<id>/<n>      the n-th activity of the conversation (n = watermark)
 *   directline/tokens/<sha256(token)>   { conversationId, expiresAt }: tokens are stored hashed
 */

export interface StoredConversation {
  id: string;
  createdAt: string;
  userId?: string;
  activityCount: number;
}

export interface IssuedToken {
  token: string;
  conversationId: string;
  expiresInSeconds: number;
}

export type TokenCheck =
  | { ok: true; conversationId: string }
  | { ok: false; reason: 'unknown' | 'expired' };

/** Activity as stored and returned to Direct Line clients (a loose JSON object). */
export type DirectLineActivity = Record<string, unknown> & { id: string; timestamp: string };

export interface DirectLineStoreOptions {
  storage: Storage;
  clock: Clock;
  /** Token lifetime (Direct Line's is 30 minutes). */
  tokenTtlSeconds?: number;
  random?: (bytes: number) => Buffer;
}

const PREFIX = 'directline';
const CONVERSATION_ID = /^[A-Za-z0-9_-]{8,64}$/;
const MAX_APPEND_ATTEMPTS = 20;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class DirectLineStore {
  private readonly storage: Storage;
  private readonly clock: Clock;
  private readonly random: (bytes: number) => Buffer;
  readonly tokenTtlSeconds: number;
  private secret?: Promise<Buffer>;

  constructor(options: DirectLineStoreOptions) {
    this.storage = options.storage;
    this.clock = options.clock;
    this.random = options.random ?? randomBytes;
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 1800;
  }

  static isConversationId(id: string): boolean {
    return CONVERSATION_ID.test(id);
  }

  async createConversation(userId?: string): Promise<StoredConversation> {
    const id = this.random(18).toString('base64url');
    const conversation: StoredConversation = { id, createdAt: this.clock.now().toISOString(), activityCount: 0 };
    if (userId) conversation.userId = userId;
    await this.storage.write({ [this.conversationKey(id)]: { ...conversation } });
    return conversation;
  }

  async getConversation(id: string): Promise<StoredConversation | undefined> {
    if (!DirectLineStore.isConversationId(id)) return undefined;
    const key = this.conversationKey(id);
    const item = (await this.storage.read([key]))[key];
    if (!item) return undefined;
    return { id, createdAt: String(item.createdAt), userId: item.userId, activityCount: Number(item.activityCount) || 0 };
  }

  async setUserId(id: string, userId: string): Promise<void> {
    const key = this.conversationKey(id);
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const item = (await this.storage.read([key]))[key];
      if (!item || item.userId) return;
      try {
        await this.storage.write({ [key]: { ...item, userId } });
        return;
      } catch (error) {
        if (!isETagConflict(error)) throw error;
      }
    }
  }

  /** A new random token for a conversation; only its hash is stored. */
  async issueToken(conversationId: string): Promise<IssuedToken> {
    const token = this.random(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.tokenTtlSeconds * 1000).toISOString();
    await this.storage.write({ [this.tokenKey(token)]: { conversationId, expiresAt } });
    return { token, conversationId, expiresInSeconds: this.tokenTtlSeconds };
  }

  async checkToken(token: string): Promise<TokenCheck> {
    if (!token || token.length > 200) return { ok: false, reason: 'unknown' };
    const key = this.tokenKey(token);
    const item = (await this.storage.read([key]))[key];
    if (!item || typeof item.conversationId !== 'string') return { ok: false, reason: 'unknown' };
    if (Date.parse(String(item.expiresAt)) <= this.clock.now().getTime()) {
      await this.storage.delete([key]);
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, conversationId: item.conversationId };
  }

  /**
   * Appends an activity; its id is `<conversationId>|<watermark>`. Safe with concurrent writers:
   * the slot is claimed by an eTag-checked update of the conversation's counter.
   */
  async appendActivity(conversationId: string, activity: Record<string, unknown>): Promise<DirectLineActivity> {
    const key = this.conversationKey(conversationId);
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const item = (await this.storage.read([key]))[key];
      if (!item) throw new Error(`DirectLineStore.appendActivity(): conversation ${conversationId} does not exist`);
      if (!item.eTag) throw new Error('DirectLineStore.appendActivity(): the storage returned no eTag');
      const index = Number(item.activityCount) || 0;
      try {
        await this.storage.write({ [key]: { ...item, activityCount: index + 1 } });
      } catch (error) {
        if (isETagConflict(error)) continue;
        throw error;
      }
      const stored: DirectLineActivity = {
        ...activity,
        id: `${conversationId}|${String(index).padStart(7, '0')}`,
        timestamp: this.clock.now().toISOString(),
        conversation: { id: conversationId },
      };
      await this.storage.write({ [this.activityKey(conversationId, index)]: { activity: stored } });
      return stored;
    }
    throw new Error(`DirectLineStore.appendActivity(): too many concurrent writers on ${conversationId}`);
  }

  /** Activities from `watermark` on (at most `limit`), and the watermark to poll with next. */
  async activitiesSince(conversationId: string, watermark: number, limit = 100): Promise<{ activities: DirectLineActivity[]; watermark: number }> {
    const conversation = await this.getConversation(conversationId);
    if (!conversation) return { activities: [], watermark };
    const from = Math.max(0, Math.min(watermark, conversation.activityCount));
    const to = Math.min(conversation.activityCount, from + limit);
    const keys: string[] = [];
    for (let i = from; i < to; i++) keys.push(this.activityKey(conversationId, i));
    const items = keys.length ? await this.storage.read(keys) : {};
    const activities: DirectLineActivity[] = [];
    let next = from;
    for (const k of keys) {
      const item = items[k];
      if (!item) break; // a slot claimed by a writer that has not stored its activity yet
      activities.push(item.activity as DirectLineActivity);
      next++;
    }
    return { activities, watermark: next };
  }

  /** A stable secret key (persisted in storage) for the connector's capability URL. */
  async connectorKey(): Promise<string> {
    const secret = await this.serverSecret();
    return createHmac('sha256', secret).update('resync-directline-connector').digest('base64url').slice(0, 32);
  }

  private serverSecret(): Promise<Buffer> {
    this.secret ??= (async () => {
      const key = `${PREFIX}/server-secret`;
      const existing = (await this.storage.read([key]))[key];
      if (existing && typeof existing.secret === 'string') return Buffer.from(existing.secret, 'base64');
      await this.storage.write({ [key]: { secret: this.random(32).toString('base64') } });
      // Read back: if another instance wrote at the same moment, both use the stored one.
      const stored = (await this.storage.read([key]))[key];
      return Buffer.from(String(stored?.secret), 'base64');
    })();
    this.secret.catch(() => (this.secret = undefined));
    return this.secret;
  }

  private conversationKey(id: string): string {
    return `${PREFIX}/conversations/${id}`;
  }

  private activityKey(id: string, index: number): string {
    return `${PREFIX}/activities/${id}/${index}`;
  }

  private tokenKey(token: string): string {
    return `${PREFIX}/tokens/${sha256(token)}`;
  }
}

function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /eTag conflict/i.test(error.message);
}

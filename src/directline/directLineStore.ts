import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Clock } from '../clock';
import { botConversationStateKeys } from './botConversationState';
import { ExpiryIndex, isETagConflict } from '../storage/expiryIndex';
import { FixedWindowLimiter } from './fixedWindowLimiter';
import { SIGNED_TOKEN_NONCE_BYTES, signedTokenExpiry, signToken } from './signedToken';

/**
 * The built-in Direct Line's data, kept only through botbuilder `Storage` so a restarted process
 * (or another instance on the same store) continues every conversation:
 *
 *   directline/server-secret            random secret (connector capability key)
 *   directline/conversations/<id>       { createdAt, lastActivityAt, userId, activityCount }
 *   directline/activities/<id>/<n>      the n-th activity of the conversation (n = watermark)
 *   directline/tokens/<sha256(token)>   { conversationId, expiresAt }: tokens are stored hashed
 *   directline/conversations/<id>/      the bot's own ConversationState (botbuilder's key; not written here)
 *   directline/rate/<name>/<sha256(subject)>   a rate limiter's window (see FixedWindowLimiter)
 *   directline/expiry/...               which of the above may be deleted when (see ExpiryIndex)
 *
 * Conversations, tokens and limiter windows are filed in the expiry index when written; `sweep()`
 * deletes expired tokens and windows, and conversations idle longer than the retention with their
 * activities and the bot's conversation state. A conversation active since it was filed is filed
 * again for later instead.
 *
 * Tokens are signed with the server secret and carry their expiry (see signedToken.ts), so once the
 * sweep has deleted an expired token's record the token still reads as expired, not unknown.
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
  /** Conversations idle this long are deleted by `sweep()` (default 24 hours). */
  retentionHours?: number;
  /** Width of the expiry index's buckets (default one hour; tests use other widths). */
  expiryBucketMs?: number;
  /** How long a cached server secret is trusted before it is read again (default one minute). */
  secretRecheckMs?: number;
  /**
   * Storage keys of the bot's own state for a conversation, deleted by the sweep with the
   * conversation. Default: the bot's ConversationState document for the Direct Line channel
   * (`directline/conversations/<id>/`). User state, transcripts and tickets are never included.
   */
  botStateKeys?: (conversationId: string) => string[];
}

export interface SweepReport {
  buckets: number;
  conversations: number;
  activities: number;
  /** Bot conversation-state documents deleted with their conversations. */
  botStates: number;
  tokens: number;
  windows: number;
  /** Items not due yet (a conversation active since it was filed), filed again for later. */
  refiled: number;
}

const PREFIX = 'directline';
const CONVERSATION_ID = /^[A-Za-z0-9_-]{8,64}$/;
const MAX_APPEND_ATTEMPTS = 20;
const DELETE_BATCH = 100;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class DirectLineStore {
  private readonly storage: Storage;
  private readonly clock: Clock;
  private readonly random: (bytes: number) => Buffer;
  readonly tokenTtlSeconds: number;
  readonly retentionMs: number;
  private readonly expiry: ExpiryIndex;
  private readonly secretRecheckMs: number;
  private readonly botStateKeys: (conversationId: string) => string[];
  private secret?: Promise<Buffer>;
  private secretReadAt = 0;

  constructor(options: DirectLineStoreOptions) {
    this.storage = options.storage;
    this.clock = options.clock;
    this.random = options.random ?? randomBytes;
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 1800;
    this.retentionMs = (options.retentionHours ?? 24) * 3_600_000;
    this.secretRecheckMs = options.secretRecheckMs ?? 60_000;
    this.botStateKeys = options.botStateKeys ?? botConversationStateKeys();
    this.expiry = new ExpiryIndex({ storage: this.storage, clock: this.clock, prefix: `${PREFIX}/expiry`, bucketMs: options.expiryBucketMs });
  }

  /**
   * A fixed-window counter in this store's storage (`directline/rate/<name>/...`), its windows filed
   * for the sweep. `limit` 0 means no limit.
   */
  limiter(name: string, limit: number, windowMs = 60_000): FixedWindowLimiter {
    return new FixedWindowLimiter({ storage: this.storage, clock: this.clock, index: this.expiry, prefix: `${PREFIX}/rate/${name}`, limit, windowMs });
  }

  static isConversationId(id: string): boolean {
    return CONVERSATION_ID.test(id);
  }

  async createConversation(userId?: string): Promise<StoredConversation> {
    const id = this.random(18).toString('base64url');
    const now = this.clock.now();
    const conversation: StoredConversation = { id, createdAt: now.toISOString(), activityCount: 0 };
    if (userId) conversation.userId = userId;
    // Filed first: if filing fails, nothing is left behind that the sweep would never find.
    await this.expiry.file(this.conversationKey(id), now.getTime() + this.retentionMs);
    await this.storage.write({ [this.conversationKey(id)]: { ...conversation, lastActivityAt: conversation.createdAt } });
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

  /** A new token for a conversation (random, signed, carrying its expiry); only its hash is stored. */
  async issueToken(conversationId: string): Promise<IssuedToken> {
    const expiresAt = this.clock.now().getTime() + this.tokenTtlSeconds * 1000;
    const token = signToken(await this.serverSecret(), expiresAt, this.random(SIGNED_TOKEN_NONCE_BYTES));
    await this.expiry.file(this.tokenKey(token), expiresAt);
    await this.storage.write({ [this.tokenKey(token)]: { conversationId, expiresAt: new Date(expiresAt).toISOString() } });
    return { token, conversationId, expiresInSeconds: this.tokenTtlSeconds };
  }

  /**
   * Whether a token is good, and for which conversation. A token is good only while its stored
   * record says so. Without a record (never issued, or expired and swept), a token this server
   * signed whose sealed expiry is over is `expired`; anything else is `unknown`.
   */
  async checkToken(token: string): Promise<TokenCheck> {
    if (!token || token.length > 200) return { ok: false, reason: 'unknown' };
    const key = this.tokenKey(token);
    const item = (await this.storage.read([key]))[key];
    const now = this.clock.now().getTime();
    if (item && typeof item.conversationId === 'string') {
      if (Date.parse(String(item.expiresAt)) <= now) {
        await this.storage.delete([key]);
        return { ok: false, reason: 'expired' };
      }
      return { ok: true, conversationId: item.conversationId };
    }
    const sealedExpiry = signedTokenExpiry(await this.serverSecret(), token);
    if (sealedExpiry !== undefined && sealedExpiry <= now) return { ok: false, reason: 'expired' };
    // A signed token still within its time but without a record was not issued on this storage
    // (or its record was lost): not good, and nothing to say about it.
    return { ok: false, reason: 'unknown' };
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
        await this.storage.write({ [key]: { ...item, activityCount: index + 1, lastActivityAt: this.clock.now().toISOString() } });
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

  /**
   * Deletes what the expiry index says is due: expired tokens and limiter windows, and conversations
   * idle longer than the retention with all their activities. An item not due any more (a
   * conversation active since it was filed) is filed again for later. Safe to run on several
   * instances at once: an item deleted twice is simply gone.
   */
  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { buckets: 0, conversations: 0, activities: 0, botStates: 0, tokens: 0, windows: 0, refiled: 0 };
    report.buckets = await this.expiry.sweep(async ({ keys }) => {
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        const items = await this.storage.read(batch);
        const now = this.clock.now().getTime();
        for (const key of batch) {
          const item = items[key];
          if (!item) continue; // already gone (an expired token read, another instance's sweep)
          const due = this.dueTime(key, item);
          if (due === undefined) continue; // not ours to judge
          if (due > now) {
            await this.expiry.file(key, due);
            report.refiled++;
          } else if (key.startsWith(`${PREFIX}/conversations/`)) {
            const deleted = await this.deleteConversation(key, Number(item.activityCount) || 0);
            report.activities += deleted.activities;
            report.botStates += deleted.botStates;
            report.conversations++;
          } else {
            await this.storage.delete([key]);
            if (key.startsWith(`${PREFIX}/tokens/`)) report.tokens++;
            else report.windows++;
          }
        }
      }
    });
    return report;
  }

  /** When a filed item may go (ms since the epoch); undefined for a key this store does not file. */
  private dueTime(key: string, item: Record<string, unknown>): number | undefined {
    if (key.startsWith(`${PREFIX}/conversations/`)) {
      const last = Date.parse(String(item.lastActivityAt ?? item.createdAt));
      return Number.isNaN(last) ? 0 : last + this.retentionMs;
    }
    if (key.startsWith(`${PREFIX}/tokens/`) || key.startsWith(`${PREFIX}/rate/`)) {
      const expires = typeof item.expiresAt === 'number' ? item.expiresAt : Date.parse(String(item.expiresAt));
      return Number.isNaN(expires) ? 0 : expires;
    }
    return undefined;
  }

  /**
   * The bot's conversation state first (should that fail, the conversation is still filed and the
   * next sweep tries again), then the conversation (so it reads as gone at once), then its
   * activities. Resolves with how many activities and bot state documents went.
   */
  private async deleteConversation(key: string, activityCount: number): Promise<{ activities: number; botStates: number }> {
    const id = key.slice(`${PREFIX}/conversations/`.length);
    const stateKeys = this.botStateKeys(id);
    let botStates = 0;
    if (stateKeys.length > 0) {
      const present = await this.storage.read(stateKeys);
      botStates = stateKeys.filter((k) => present[k] !== undefined).length;
      await this.storage.delete(stateKeys);
    }
    await this.storage.delete([key]);
    for (let from = 0; from < activityCount; from += DELETE_BATCH) {
      const keys: string[] = [];
      for (let i = from; i < Math.min(activityCount, from + DELETE_BATCH); i++) keys.push(this.activityKey(id, i));
      await this.storage.delete(keys);
    }
    return { activities: activityCount, botStates };
  }

  /** A stable secret key (persisted in storage) for the connector's capability URL. */
  async connectorKey(): Promise<string> {
    return keyFromSecret(await this.serverSecret());
  }

  /**
   * Whether `given` is the connector key. On a mismatch the stored secret is read once more before
   * saying no: another instance may have stored its secret after this one cached its own.
   */
  async isConnectorKey(given: string): Promise<boolean> {
    if (sameText(given, await this.connectorKey())) return true;
    return sameText(given, keyFromSecret(await this.serverSecret(true)));
  }

  /**
   * The secret shared by every instance on this storage. Two brand-new instances on an empty store
   * may both write one (a write cannot be made conditional on the key being absent); each reads
   * back what is stored and adopts it, and the cached copy is read again after `secretRecheckMs`
   * (and on a connector key mismatch), so instances converge on the one that was stored last.
   */
  private serverSecret(reread = false): Promise<Buffer> {
    const now = this.clock.now().getTime();
    if (this.secret && !reread && now - this.secretReadAt < this.secretRecheckMs) return this.secret;
    this.secretReadAt = now;
    const loading = this.loadSecret();
    this.secret = loading;
    loading.catch(() => {
      if (this.secret === loading) this.secret = undefined;
    });
    return loading;
  }

  private async loadSecret(): Promise<Buffer> {
    const key = `${PREFIX}/server-secret`;
    const existing = (await this.storage.read([key]))[key];
    if (existing && typeof existing.secret === 'string') return Buffer.from(existing.secret, 'base64');
    await this.storage.write({ [key]: { secret: this.random(32).toString('base64') } });
    // Read back: if another instance wrote at the same moment, both use the stored one.
    const stored = (await this.storage.read([key]))[key];
    if (!stored || typeof stored.secret !== 'string') throw new Error('DirectLineStore: the server secret was not stored');
    return Buffer.from(stored.secret, 'base64');
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

function keyFromSecret(secret: Buffer): string {
  return createHmac('sha256', secret).update('resync-directline-connector').digest('base64url').slice(0, 32);
}

/** Constant-time comparison of two strings. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A botbuilder TranscriptStore on SQLite (better-sqlite3), in its own table
 * `transcript_activities` with its own connection, so it can share a database file with the
 * bot's state storage or live in a file of its own.
 *
 * - Activities are kept in the order they were logged (an autoincrement sequence), which is the
 *   order of the conversation when writes go through a RedactingTranscriptLogger (it serialises
 *   them). botbuilder's own stores order by timestamp; equal timestamps then lose the order.
 * - Pages hold `pageSize` items (default 20, like MemoryTranscriptStore); the continuation token
 *   is opaque to callers (the last sequence number of the page) and absent on the last page.
 * - `listTranscripts` returns one entry per conversation (created = its first activity's time).
 * - `secure_delete` is on, so deleted transcripts are overwritten in the file, not just unlinked.
 * - This store saves what it is given: redact before (see RedactingTranscriptLogger).
 */
import Database from 'better-sqlite3';
import type { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { checkCall, type ClosableTranscriptStore } from './closableTranscriptStore';

export const TRANSCRIPT_TABLE = 'transcript_activities';

export interface SqliteTranscriptStoreOptions {
  /** Database file path (created if missing); `:memory:` works for a throwaway store. */
  path: string;
  /** Items per page for getTranscriptActivities and listTranscripts. Default 20. */
  pageSize?: number;
  /** Time given to activities logged without a timestamp. */
  clock?: Clock;
  /** How long to wait for another connection's write lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

interface ActivityRow {
  seq: number;
  activity_json: string;
}

interface TranscriptRow {
  conversation_id: string;
  first_seq: number;
  created_ms: number;
}

function parseToken(token: string | undefined, method: string): number {
  if (token === undefined || token === null || token === '') return 0;
  if (!/^\d{1,15}$/.test(token)) {
    throw new Error(`SqliteTranscriptStore.${method}(): continuation token '${token}' was not issued by this store`);
  }
  return Number(token);
}

function toMillis(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' || typeof value === 'number') {
    const ms = new Date(value).getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function revive(json: string): Activity {
  const activity = JSON.parse(json) as Activity & Record<string, unknown>;
  for (const key of ['timestamp', 'localTimestamp'] as const) {
    const value = activity[key] as unknown;
    if (typeof value === 'string') (activity as Record<string, unknown>)[key] = new Date(value);
  }
  return activity;
}

export class SqliteTranscriptStore implements ClosableTranscriptStore {
  private readonly db: Database.Database;
  private readonly pageSize: number;
  private readonly clock: Clock;
  private closed = false;
  private readonly insert: Database.Statement;
  private readonly selectActivities: Database.Statement;
  private readonly selectTranscripts: Database.Statement;
  private readonly deleteConversation: Database.Statement;
  private readonly deleteBefore: Database.Statement;

  constructor(options: SqliteTranscriptStoreOptions) {
    this.pageSize = options.pageSize ?? 20;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1) {
      throw new Error(`SqliteTranscriptStore: pageSize must be a positive integer, got ${options.pageSize}`);
    }
    this.clock = options.clock ?? systemClock;
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS ${TRANSCRIPT_TABLE} (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        activity_id TEXT,
        timestamp_ms INTEGER NOT NULL,
        activity_json TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${TRANSCRIPT_TABLE}_conversation
        ON ${TRANSCRIPT_TABLE} (channel_id, conversation_id, seq);
      CREATE INDEX IF NOT EXISTS ${TRANSCRIPT_TABLE}_time ON ${TRANSCRIPT_TABLE} (timestamp_ms);
    `);
    this.insert = this.db.prepare(
      `INSERT INTO ${TRANSCRIPT_TABLE} (channel_id, conversation_id, activity_id, timestamp_ms, activity_json) VALUES (?, ?, ?, ?, ?)`,
    );
    this.selectActivities = this.db.prepare(
      `SELECT seq, activity_json FROM ${TRANSCRIPT_TABLE}
       WHERE channel_id = ? AND conversation_id = ? AND seq > ? AND timestamp_ms >= ?
       ORDER BY seq LIMIT ?`,
    );
    this.selectTranscripts = this.db.prepare(
      `SELECT conversation_id, MIN(seq) AS first_seq, MIN(timestamp_ms) AS created_ms FROM ${TRANSCRIPT_TABLE}
       WHERE channel_id = ? GROUP BY conversation_id HAVING MIN(seq) > ? ORDER BY first_seq LIMIT ?`,
    );
    this.deleteConversation = this.db.prepare(`DELETE FROM ${TRANSCRIPT_TABLE} WHERE channel_id = ? AND conversation_id = ?`);
    this.deleteBefore = this.db.prepare(`DELETE FROM ${TRANSCRIPT_TABLE} WHERE timestamp_ms < ?`);
  }


  /** Saves one activity. The write is done when the promise resolves (it is synchronous underneath). */
  async logActivity(activity: Activity): Promise<void> {
    checkCall('SqliteTranscriptStore', 'logActivity', this.closed, { activity });
    const channelId = activity.channelId;
    const conversationId = activity.conversation?.id;
    if (!channelId || !conversationId) {
      throw new Error('SqliteTranscriptStore.logActivity(): activity needs channelId and conversation.id');
    }
    const ms = toMillis(activity.timestamp) ?? this.clock.now().getTime();
    const stored = activity.timestamp === undefined ? { ...activity, timestamp: new Date(ms) } : activity;
    this.insert.run(channelId, conversationId, activity.id ?? null, ms, JSON.stringify(stored));
  }

  async getTranscriptActivities(
    channelId: string,
    conversationId: string,
    continuationToken?: string,
    startDate?: Date,
  ): Promise<PagedResult<Activity>> {
    checkCall('SqliteTranscriptStore', 'getTranscriptActivities', this.closed, { channelId, conversationId });
    const after = parseToken(continuationToken, 'getTranscriptActivities');
    const from = startDate ? startDate.getTime() : Number.MIN_SAFE_INTEGER;
    const rows = this.selectActivities.all(channelId, conversationId, after, from, this.pageSize + 1) as ActivityRow[];
    const page = rows.slice(0, this.pageSize);
    const more = rows.length > this.pageSize;
    return {
      items: page.map((r) => revive(r.activity_json)),
      continuationToken: (more ? String(page[page.length - 1].seq) : undefined) as string,
    };
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    checkCall('SqliteTranscriptStore', 'listTranscripts', this.closed, { channelId });
    const after = parseToken(continuationToken, 'listTranscripts');
    const rows = this.selectTranscripts.all(channelId, after, this.pageSize + 1) as TranscriptRow[];
    const page = rows.slice(0, this.pageSize);
    const more = rows.length > this.pageSize;
    return {
      items: page.map((r) => ({ channelId, id: r.conversation_id, created: new Date(r.created_ms) })),
      continuationToken: (more ? String(page[page.length - 1].first_seq) : undefined) as string,
    };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    checkCall('SqliteTranscriptStore', 'deleteTranscript', this.closed, { channelId, conversationId });
    this.deleteConversation.run(channelId, conversationId);
  }

  /** Retention: deletes every activity older than `cutoff`; returns how many were removed. */
  async deleteActivitiesBefore(cutoff: Date): Promise<number> {
    checkCall('SqliteTranscriptStore', 'deleteActivitiesBefore', this.closed);
    return this.deleteBefore.run(cutoff.getTime()).changes;
  }

  /** Copies the write-ahead log into the main file and empties it. */
  checkpoint(): void {
    checkCall('SqliteTranscriptStore', 'checkpoint', this.closed);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Checkpoints and closes the connection. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.checkpoint();
    this.closed = true;
    this.db.close();
  }
}

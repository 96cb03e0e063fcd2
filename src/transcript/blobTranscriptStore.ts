/**
 * Transcripts on Azure Blob Storage (STORAGE=blob): botbuilder-azure-blobs' BlobsTranscriptStore
 * (one JSON blob per activity, named `<channel>/<conversation>/<ticks>-<activity id>.json`)
 * wrapped as a ClosableTranscriptStore. Measured against Azurite, BlobsTranscriptStore alone:
 *
 * - finds a conversation's blobs by name prefix, so conversation `abc` also read, and
 *   deleteTranscript also deleted, the activities of `abc-2`. Here the conversation part of the
 *   name is the percent-encoded id followed by `~` (which encoding never produces), so no
 *   conversation's name is the prefix of another's; reads also keep only the asked conversation.
 *   The stored activity keeps its real conversation id.
 * - returns every activity of a conversation in one result with an empty continuation token, and
 *   filters `startDate` by the blob's creation time. Here pages hold `pageSize` activities
 *   (default 20) in time order, with an opaque continuation token, and `startDate` is compared
 *   with the activity's timestamp.
 * - lists one entry per activity (not per conversation), all at once, with `created` = now. Here
 *   the list is de-duplicated, paged by conversation id, and `created` is the time of the
 *   conversation's first activity.
 * - requires `timestamp` to be a Date and names the blob after the activity id, so activities
 *   without an id in the same millisecond overwrote each other. Here string timestamps are read,
 *   a missing one comes from the clock, and an activity without an id gets a generated one.
 *
 * Reading a page downloads the whole conversation (one blob per activity): fine for support
 * conversations of tens to hundreds of activities. This store saves what it is given: redact
 * before (see RedactingTranscriptLogger).
 */
import { randomUUID } from 'node:crypto';
import { BlobsTranscriptStore, type BlobsTranscriptStoreOptions } from 'botbuilder-azure-blobs';
import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import { systemClock, type Clock } from '../clock';
import { checkCall, type ClosableTranscriptStore } from './closableTranscriptStore';

export interface BlobTranscriptStoreOptions {
  connectionString: string;
  container: string;
  /** Items per page for getTranscriptActivities and listTranscripts. Default 20. */
  pageSize?: number;
  /** Time given to activities logged without a timestamp. */
  clock?: Clock;
  pipelineOptions?: BlobsTranscriptStoreOptions['storagePipelineOptions'];
  /** Builds the underlying store (tests); default: BlobsTranscriptStore. */
  createInner?: () => TranscriptStore;
}

const TERMINATOR = '~';

/** The conversation id as stored in blob names: encoded, then `~`, so no name prefixes another. */
export function storedConversationId(conversationId: string): string {
  return encodeURIComponent(conversationId).replace(/~/g, '%7E') + TERMINATOR;
}

function realConversationId(stored: string): string | undefined {
  if (!stored.endsWith(TERMINATOR)) return undefined; // not written by this store
  try {
    return decodeURIComponent(stored.slice(0, -TERMINATOR.length));
  } catch {
    return undefined;
  }
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/** Order of activities within a conversation: time, then id (as the blob names sort). */
function orderKey(activity: Activity): string {
  const ms = toDate(activity.timestamp)?.getTime() ?? 0;
  return `${String(ms).padStart(15, '0')}-${activity.id ?? ''}`;
}

function encodeToken(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

function decodeToken(token: string | undefined, method: string): string | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  const value = Buffer.from(token, 'base64url').toString('utf8');
  if (!/^[ac]:/.test(value) || encodeToken(value) !== token) {
    throw new Error(`BlobTranscriptStore.${method}(): continuation token '${token}' was not issued by this store`);
  }
  return value;
}

export class BlobTranscriptStore implements ClosableTranscriptStore {
  private readonly inner: TranscriptStore;
  private readonly pageSize: number;
  private readonly clock: Clock;
  private closed = false;

  constructor(options: BlobTranscriptStoreOptions) {
    this.pageSize = options.pageSize ?? 20;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1) {
      throw new Error(`BlobTranscriptStore: pageSize must be a positive integer, got ${options.pageSize}`);
    }
    if (!options.createInner && !options.connectionString) throw new Error('BlobTranscriptStore: connectionString is required.');
    this.clock = options.clock ?? systemClock;
    this.inner =
      options.createInner?.() ??
      new BlobsTranscriptStore(options.connectionString, options.container, { storagePipelineOptions: options.pipelineOptions });
  }

  async logActivity(activity: Activity): Promise<void> {
    checkCall('BlobTranscriptStore', 'logActivity', this.closed, { activity });
    const conversationId = activity.conversation?.id;
    if (!activity.channelId || !conversationId) {
      throw new Error('BlobTranscriptStore.logActivity(): activity needs channelId and conversation.id');
    }
    const stored = {
      ...activity,
      id: activity.id || `resync-${randomUUID()}`,
      timestamp: toDate(activity.timestamp) ?? this.clock.now(),
      conversation: { ...activity.conversation, id: storedConversationId(conversationId) },
    } as Activity;
    await this.inner.logActivity(stored);
  }

  async getTranscriptActivities(
    channelId: string,
    conversationId: string,
    continuationToken?: string,
    startDate?: Date,
  ): Promise<PagedResult<Activity>> {
    checkCall('BlobTranscriptStore', 'getTranscriptActivities', this.closed, { channelId, conversationId });
    const after = decodeToken(continuationToken, 'getTranscriptActivities');
    const all = await this.conversationActivities(channelId, conversationId);
    const from = startDate?.getTime();
    const wanted = all.filter(
      (a) => (from === undefined || (toDate(a.timestamp)?.getTime() ?? 0) >= from) && (after === undefined || `a:${orderKey(a)}` > after),
    );
    const page = wanted.slice(0, this.pageSize);
    const more = wanted.length > this.pageSize;
    return {
      items: page,
      continuationToken: (more ? encodeToken(`a:${orderKey(page[page.length - 1])}`) : undefined) as string,
    };
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    checkCall('BlobTranscriptStore', 'listTranscripts', this.closed, { channelId });
    const after = decodeToken(continuationToken, 'listTranscripts');
    // BlobsTranscriptStore lists every activity of the channel (all pages at once): one id per blob.
    const ids = new Set<string>();
    let token: string | undefined;
    for (let round = 0; round < 10_000; round++) {
      const result = await this.inner.listTranscripts(channelId, token);
      for (const item of result.items) {
        const id = realConversationId(item.id);
        if (id !== undefined) ids.add(id);
      }
      token = result.continuationToken || undefined;
      if (!token) break;
    }
    const sorted = [...ids].sort().filter((id) => after === undefined || `c:${id}` > after);
    const page = sorted.slice(0, this.pageSize);
    const items: TranscriptInfo[] = [];
    for (const id of page) {
      const first = (await this.conversationActivities(channelId, id))[0];
      // A conversation deleted meanwhile is left out.
      if (first) items.push({ channelId, id, created: toDate(first.timestamp) ?? this.clock.now() });
    }
    return {
      items,
      continuationToken: (sorted.length > this.pageSize ? encodeToken(`c:${page[page.length - 1]}`) : undefined) as string,
    };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    checkCall('BlobTranscriptStore', 'deleteTranscript', this.closed, { channelId, conversationId });
    await this.inner.deleteTranscript(channelId, storedConversationId(conversationId));
  }

  /** Nothing to release (the Azure SDK keeps no connection to close); later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
  }

  /** Every activity of one conversation, in time order, with its real conversation id. */
  private async conversationActivities(channelId: string, conversationId: string): Promise<Activity[]> {
    const stored = storedConversationId(conversationId);
    const out: Activity[] = [];
    let token: string | undefined;
    for (let round = 0; round < 10_000; round++) {
      const result = await this.inner.getTranscriptActivities(channelId, stored, token);
      for (const activity of result.items) {
        if (activity.channelId !== channelId || activity.conversation?.id !== stored) continue;
        out.push(revive(activity, conversationId));
      }
      token = result.continuationToken || undefined;
      if (!token) break;
    }
    // Stable sort: the underlying order (blob names) is already time order; this keeps it certain.
    return out.map((a, i) => ({ a, i, k: orderKey(a) })).sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.i - y.i)).map((x) => x.a);
  }

}

function revive(activity: Activity, conversationId: string): Activity {
  const copy = { ...activity, conversation: { ...activity.conversation, id: conversationId } } as Activity & Record<string, unknown>;
  for (const key of ['timestamp', 'localTimestamp'] as const) {
    const date = typeof copy[key] === 'string' ? toDate(copy[key]) : undefined;
    if (date) (copy as Record<string, unknown>)[key] = date;
  }
  return copy;
}

/**
 * The address a person typed alone at "Please type your message…", kept in its own document until
 * the message itself comes (it then moves into the ticket) or they cancel; never in conversation
 * state. A person who types an address and then leaves would keep it for ever, whatever the
 * channel, so every one written is filed in an expiry index in the same storage
 * (`handoff/expiry/…`, see src/directline/expiryIndex.ts): any instance's sweep deletes the ones
 * whose conversation has been idle `idleMs`, and files again the ones still in use.
 *
 *   handoff/pendingContact/<conversationId>   { contact, seenAt }  seenAt: the conversation's last turn
 */
import type { Storage } from 'botbuilder';
import type { Clock } from '../clock';
import { ExpiryIndex } from '../storage/expiryIndex';
import { readDoc } from './storageDocs';

export const PENDING_CONTACT_PREFIX = 'handoff/pendingContact/';
export const PENDING_CONTACT_EXPIRY_PREFIX = 'handoff/expiry';
/** Default idle time after which an address typed before a message that never came is deleted (as DIRECTLINE_RETENTION_HOURS). */
export const PENDING_CONTACT_IDLE_MS = 24 * 3_600_000;

export function pendingContactKey(conversationId: string): string {
  return `${PENDING_CONTACT_PREFIX}${conversationId}`;
}

export interface PendingContactDoc {
  contact: string;
  /** ISO time (injected clock) of the conversation's last turn while the address waited. */
  seenAt?: string;
}

export interface PendingContactsOptions {
  storage: Storage;
  clock: Clock;
  /** Idle this long, the address is deleted by `sweep()`. */
  idleMs?: number;
  /** Width of the expiry buckets (default one hour; tests use other widths). */
  bucketMs?: number;
}

export interface PendingContactSweep {
  deleted: number;
  refiled: number;
}

export class PendingContacts {
  private readonly storage: Storage;
  private readonly clock: Clock;
  readonly idleMs: number;
  private readonly expiry: ExpiryIndex;

  constructor(options: PendingContactsOptions) {
    this.storage = options.storage;
    this.clock = options.clock;
    this.idleMs = options.idleMs ?? PENDING_CONTACT_IDLE_MS;
    this.expiry = new ExpiryIndex({ storage: this.storage, clock: this.clock, prefix: PENDING_CONTACT_EXPIRY_PREFIX, bucketMs: options.bucketMs });
  }

  /** Keeps the address for the conversation (filed for the sweep first, so nothing is left unfiled). */
  async put(conversationId: string, contact: string): Promise<void> {
    const now = this.clock.now();
    const key = pendingContactKey(conversationId);
    await this.expiry.file(key, now.getTime() + this.idleMs);
    await this.storage.write({ [key]: { contact, seenAt: now.toISOString() } satisfies PendingContactDoc });
  }

  /** The conversation had a turn while the address waits: it is not idle. */
  async touch(conversationId: string): Promise<void> {
    const key = pendingContactKey(conversationId);
    const doc = await readDoc<PendingContactDoc>(this.storage, key);
    if (!doc) return;
    await this.storage.write({ [key]: { contact: doc.contact, seenAt: this.clock.now().toISOString() } satisfies PendingContactDoc });
  }

  /** The address, taken out of storage (for the ticket). */
  async take(conversationId: string): Promise<string | undefined> {
    const key = pendingContactKey(conversationId);
    const doc = await readDoc<PendingContactDoc>(this.storage, key);
    await this.storage.delete([key]);
    return doc?.contact;
  }

  async forget(conversationId: string): Promise<void> {
    await this.storage.delete([pendingContactKey(conversationId)]);
  }

  /**
   * Deletes the addresses whose conversation is idle `idleMs` (by `seenAt`), files the others
   * again for later. Two instances sweeping at once is harmless (see ExpiryIndex).
   */
  async sweep(): Promise<PendingContactSweep> {
    const report: PendingContactSweep = { deleted: 0, refiled: 0 };
    const now = this.clock.now().getTime();
    await this.expiry.sweep(async ({ keys }) => {
      for (const key of keys) {
        if (!key.startsWith(PENDING_CONTACT_PREFIX)) continue;
        const doc = await readDoc<PendingContactDoc>(this.storage, key);
        if (!doc) continue; // taken, cancelled, or deleted by the Direct Line sweep
        const seen = doc.seenAt ? Date.parse(doc.seenAt) : NaN;
        if (!Number.isNaN(seen) && now - seen < this.idleMs) {
          await this.expiry.file(key, seen + this.idleMs);
          report.refiled++;
          continue;
        }
        await this.storage.delete([key]);
        report.deleted++;
      }
    });
    return report;
  }
}

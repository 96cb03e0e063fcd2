/**
 * Tickets (messages people left when no agent could take the conversation), on botbuilder
 * Storage, one document per ticket plus small index documents:
 *
 *   handoff/ticket/<id>                 one Ticket
 *   handoff/tickets/open                { entries: [{ id, at: createdAt }] } open tickets, oldest first
 *   handoff/tickets/done/<yyyy-mm>      { entries: [{ id, at: doneAt }] } tickets marked done that
 *                                       month (UTC), oldest first
 *
 * A new ticket writes only its own document and the open index; marking one done writes its
 * document, its month and the open index. Every write is an eTag-guarded read-modify-write
 * (storageDocs.ts) and every index change is idempotent, so two instances creating or closing
 * tickets at once lose nothing, and a step that failed half-way is finished by the next call.
 *
 * Order of writes, so that an index never names a ticket that does not exist and a ticket is
 * never in no index: the ticket document first, then the index it goes into, then (done) the
 * index it leaves. Listing skips entries whose document says otherwise and repairs them.
 *
 * The old layout (every ticket in one `handoff/tickets` document) is moved over by
 * `migrateLegacy`, which the hub calls before reading or changing tickets.
 */
import type { Storage } from 'botbuilder';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { AgentIdentity, Ticket, TicketCursor, TicketPage, TicketQuery, TicketStatus } from './agentHub';
import { HubError } from './hubError';
import { readDoc, updateDoc } from './storageDocs';

export const TICKET_KEYS = {
  ticket: (id: string) => `handoff/ticket/${id}`,
  open: 'handoff/tickets/open',
  done: (month: string) => `handoff/tickets/done/${month}`,
  /** The old layout: `{ tickets: Ticket[] }`, moved over and deleted on first use. */
  legacy: 'handoff/tickets',
} as const;

export const TICKET_PAGE_DEFAULT = 50;
/** Tickets read and written per storage call when moving the old document over. */
const MIGRATION_BATCH = 100;
export const TICKET_PAGE_MAX = 200;
/** YYYY-MM with a real month. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** One line of an index: the ticket id and the time it is sorted by. */
export interface TicketIndexEntry {
  id: string;
  at: string;
}

export interface TicketIndexDoc {
  /** Oldest first by (at, id). */
  entries: TicketIndexEntry[];
}

interface LegacyTicketsDoc {
  tickets: Ticket[];
}

export interface TicketStoreDeps {
  storage: Storage;
  clock: Clock;
  logger: Logger;
}

/** The UTC month (YYYY-MM) of an ISO time. */
export function monthOf(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new Error(`monthOf(): "${iso}" is not a time`);
  return new Date(time).toISOString().slice(0, 7);
}

function compareEntries(a: TicketIndexEntry, b: TicketIndexEntry): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Where a ticket belongs: its status, the index key and its entry there. */
function placement(ticket: Ticket): { key: string; entry: TicketIndexEntry } {
  if (ticket.status === 'done') {
    const at = ticket.doneAt ?? ticket.createdAt;
    return { key: TICKET_KEYS.done(monthOf(at)), entry: { id: ticket.id, at } };
  }
  return { key: TICKET_KEYS.open, entry: { id: ticket.id, at: ticket.createdAt } };
}

/** Adds entries (those not there yet); no write when all are there. */
async function addToIndex(storage: Storage, key: string, entries: TicketIndexEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await updateDoc<TicketIndexDoc, void>(storage, key, (doc) => {
    const current = doc?.entries ?? [];
    const have = new Set(current.map((e) => e.id));
    const added = entries.filter((e) => !have.has(e.id));
    if (added.length === 0) return { abort: true, result: undefined };
    return { doc: { entries: [...current, ...added].sort(compareEntries) }, result: undefined };
  });
}

/** Removes ids; no write when none is there. */
async function removeFromIndex(storage: Storage, key: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const gone = new Set(ids);
  await updateDoc<TicketIndexDoc, void>(storage, key, (doc) => {
    if (!doc || !doc.entries.some((e) => gone.has(e.id))) return { abort: true, result: undefined };
    return { doc: { entries: doc.entries.filter((e) => !gone.has(e.id)) }, result: undefined };
  });
}

function isLegacyTicket(t: unknown): t is Ticket {
  const x = t as Partial<Ticket> | null;
  return Boolean(x && typeof x.id === 'string' && /^[A-Za-z0-9_.:-]{1,128}$/.test(x.id) && typeof x.createdAt === 'string' && !Number.isNaN(Date.parse(x.createdAt)));
}

export class TicketStore {
  constructor(private readonly deps: TicketStoreDeps) {}

  async get(id: string): Promise<Ticket | undefined> {
    return readDoc<Ticket>(this.deps.storage, TICKET_KEYS.ticket(id));
  }

  /**
   * Saves a new open ticket. Resolves false (nothing written) when a ticket with that id
   * already exists: the caller picks another id.
   */
  async create(ticket: Ticket): Promise<boolean> {
    const fresh: Ticket = { ...ticket, status: 'open' };
    delete fresh.doneAt;
    delete fresh.doneBy;
    const created = await updateDoc<Ticket, boolean>(this.deps.storage, TICKET_KEYS.ticket(fresh.id), (current) =>
      current ? { abort: true, result: false } : { doc: fresh, result: true },
    );
    if (created) await addToIndex(this.deps.storage, TICKET_KEYS.open, [placement(fresh).entry]);
    return created;
  }

  /**
   * Marks an open ticket done and moves it from the open index to its month. A ticket already
   * done keeps its first doneAt and doneBy (the index moves are checked again, without writes
   * when they are in place). Unknown id: HubError('not-found').
   */
  async markDone(id: string, agent: AgentIdentity): Promise<{ ticket: Ticket; changed: boolean }> {
    const at = this.deps.clock.now().toISOString();
    const outcome = await updateDoc<Ticket, { ticket: Ticket; changed: boolean } | undefined>(this.deps.storage, TICKET_KEYS.ticket(id), (t) => {
      if (!t) return { abort: true, result: undefined };
      if (t.status === 'done') return { abort: true, result: { ticket: t, changed: false } };
      const done: Ticket = { ...t, status: 'done', doneAt: at, doneBy: { id: agent.id, name: agent.name } };
      return { doc: done, result: { ticket: done, changed: true } };
    });
    if (!outcome) throw new HubError('not-found', `No ticket ${id}.`);
    await this.settle([outcome.ticket]);
    return outcome;
  }

  /**
   * Changes the contact address of a ticket (the person corrected it right after saving); the
   * indexes do not hold it. Unknown id: HubError('not-found').
   */
  async setContact(id: string, contact: string): Promise<Ticket> {
    const ticket = await updateDoc<Ticket, Ticket | undefined>(this.deps.storage, TICKET_KEYS.ticket(id), (t) => {
      if (!t) return { abort: true, result: undefined };
      const changed: Ticket = { ...t, contact };
      return { doc: changed, result: changed };
    });
    if (!ticket) throw new HubError('not-found', `No ticket ${id}.`);
    return ticket;
  }

  /**
   * Adds a later message to a ticket still open (the same conversation left another): the text is
   * appended under `heading`, the summary replaced by the newer one, the contact updated. Undefined
   * (nothing written) when the ticket is unknown or already done: the caller opens a new one.
   */
  async addMessage(id: string, added: { heading: string; message: string; summary: Ticket['summary']; contact: string }, maxLength: number): Promise<Ticket | undefined> {
    return updateDoc<Ticket, Ticket | undefined>(this.deps.storage, TICKET_KEYS.ticket(id), (t) => {
      if (!t || t.status !== 'open') return { abort: true, result: undefined };
      const message = `${t.message}\n\n${added.heading}\n${added.message}`.slice(0, maxLength);
      const changed: Ticket = { ...t, message, summary: added.summary, contact: added.contact };
      return { doc: changed, result: changed };
    });
  }

  /** Puts tickets in the index their document says and takes done ones out of the open index. */
  private async settle(tickets: Ticket[]): Promise<void> {
    const byIndex = new Map<string, TicketIndexEntry[]>();
    for (const t of tickets) {
      const { key, entry } = placement(t);
      byIndex.set(key, [...(byIndex.get(key) ?? []), entry]);
    }
    // Into the new index first, out of the open one last: never in no index at all.
    for (const [key, entries] of byIndex) await addToIndex(this.deps.storage, key, entries);
    await removeFromIndex(
      this.deps.storage,
      TICKET_KEYS.open,
      tickets.filter((t) => t.status === 'done').map((t) => t.id),
    );
  }

  /** One page, newest first. */
  async list(query: TicketQuery = {}): Promise<TicketPage> {
    const status: TicketStatus = query.status ?? 'open';
    if (status === 'open' && query.month !== undefined) throw new Error('TicketStore.list(): month is only for done tickets');
    const month = status === 'done' ? (query.month ?? monthOf(this.deps.clock.now().toISOString())) : undefined;
    if (month !== undefined && !MONTH_PATTERN.test(month)) throw new Error(`TicketStore.list(): month "${month}" is not YYYY-MM`);
    const limit = Math.min(TICKET_PAGE_MAX, Math.max(1, Math.floor(query.limit ?? TICKET_PAGE_DEFAULT)));
    const key = month === undefined ? TICKET_KEYS.open : TICKET_KEYS.done(month);

    const index = await readDoc<TicketIndexDoc>(this.deps.storage, key);
    let entries = [...(index?.entries ?? [])].sort(compareEntries).reverse();
    const after = query.after;
    if (after) entries = entries.filter((e) => compareEntries(e, after) < 0);
    const slice = entries.slice(0, limit);
    const next: TicketCursor | undefined = entries.length > limit ? { ...slice[slice.length - 1] } : undefined;

    const items = slice.length ? await this.deps.storage.read(slice.map((e) => TICKET_KEYS.ticket(e.id))) : {};
    const tickets: Ticket[] = [];
    const misplaced: Ticket[] = [];
    for (const e of slice) {
      const item = items[TICKET_KEYS.ticket(e.id)];
      if (!item) continue;
      const { eTag: _eTag, ...ticket } = item as Ticket & { eTag?: string };
      if (ticket.status === status) tickets.push(ticket);
      else misplaced.push(ticket);
    }
    // An entry a half-finished change left behind (done, still in the open index): finish it.
    if (misplaced.length) await this.settle(misplaced);
    const page: TicketPage = { tickets, status };
    if (month !== undefined) page.month = month;
    if (next) page.next = next;
    return page;
  }

  /**
   * Moves tickets from the old single `handoff/tickets` document into the new layout, then
   * deletes it. Idempotent and safe when several instances run it at once: a ticket document
   * that exists already wins (it may have been marked done since), the index updates add what
   * is missing, and only the tickets moved are taken out of the old document (an old instance
   * still appending during a rolling upgrade keeps its new ones there for the next call).
   * Resolves with the number of tickets found in the old document.
   */
  async migrateLegacy(): Promise<number> {
    const storage = this.deps.storage;
    const legacy = await readDoc<LegacyTicketsDoc>(storage, TICKET_KEYS.legacy);
    if (!legacy) return 0;
    const found = Array.isArray(legacy.tickets) ? legacy.tickets : [];
    const movable = found.filter(isLegacyTicket);
    if (movable.length < found.length) {
      this.deps.logger.warn('handoff: tickets without a usable id or time left in the old tickets document', { count: found.length - movable.length });
    }
    // In batches: one read and at most one write per batch (5000 tickets: well under a second on SQLite).
    const stored: Ticket[] = [];
    for (let i = 0; i < movable.length; i += MIGRATION_BATCH) {
      const batch = movable.slice(i, i + MIGRATION_BATCH).map((t): Ticket => ({ ...t, status: t.status === 'done' ? 'done' : 'open' }));
      const existing = await storage.read(batch.map((t) => TICKET_KEYS.ticket(t.id)));
      const missing: Record<string, Ticket> = {};
      for (const t of batch) {
        const item = existing[TICKET_KEYS.ticket(t.id)];
        if (item) {
          const { eTag: _eTag, ...current } = item as Ticket & { eTag?: string };
          stored.push(current);
        } else {
          // A new document (no eTag), like updateDoc's create; another instance moving the same
          // ticket at once writes the same content.
          missing[TICKET_KEYS.ticket(t.id)] = t;
          stored.push(t);
        }
      }
      if (Object.keys(missing).length) await storage.write(missing);
    }
    await this.settle(stored);
    const moved = new Set(stored.map((t) => t.id));
    const remaining = await updateDoc<LegacyTicketsDoc, number>(storage, TICKET_KEYS.legacy, (doc) => {
      if (!doc) return { abort: true, result: -1 };
      const left = (Array.isArray(doc.tickets) ? doc.tickets : []).filter((t) => !(t && moved.has(t.id)));
      if (left.length === 0) return { abort: true, result: 0 };
      if (left.length === doc.tickets.length) return { abort: true, result: left.length };
      return { doc: { tickets: left }, result: left.length };
    });
    if (remaining === 0) await storage.delete([TICKET_KEYS.legacy]);
    if (stored.length) this.deps.logger.info('handoff: tickets moved to one document each', { moved: stored.length, left: Math.max(0, remaining) });
    return found.length;
  }
}

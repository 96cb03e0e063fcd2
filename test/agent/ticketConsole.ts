import { MemoryStorage } from 'botbuilder';
import { TicketStore } from '../../src/handoff/ticketStore';
import { silentLogger } from '../../src/logging/logger';
import { hubHarness } from '../handoff/hubHarness';
import { ConsoleClient, PASSWORDS, startConsoleServer, type ConsoleServer } from './consoleServer';

export interface TicketConsole {
  srv: ConsoleServer;
  /** Signed in as alice. */
  alice: ConsoleClient;
  /** The ticket store the hub reads, on the same memory storage: put tickets here to list them. */
  tickets: TicketStore;
}

/** The agent console over the real hub on memory storage, with alice signed in. */
export async function startTicketConsole(): Promise<TicketConsole> {
  const storage = new MemoryStorage();
  const srv = await startConsoleServer({ storage, hub: (clock) => hubHarness({ storage, clock }).hub });
  const tickets = new TicketStore({ storage, clock: srv.clock, logger: silentLogger });
  const alice = new ConsoleClient(srv.url);
  expect((await alice.login('alice', PASSWORDS.alice)).status).toBe(200);
  return { srv, alice, tickets };
}

import restify from 'restify';
import type { AddressInfo } from 'node:net';
import { MemoryStorage, type Storage } from 'botbuilder';
import { ManualClock } from '../../src/clock';
import { silentLogger } from '../../src/logging/logger';
import { parseConfig } from '../../src/config/config';
import { hashPassword } from '../../src/agent/passwordHash';
import { registerAgentRoutes, type AgentRouteDeps } from '../../src/agent/agentRoutes';
import type { AgentHub } from '../../src/handoff/agentHub';
import { FakeHub } from './fakeHub';
import { jsonRequest } from '../helpers/testServer';

export const PASSWORDS = { alice: 'alice-correct-horse', bob: 'bob-battery-staple' };

let accountsValue: Promise<string> | undefined;
/** AGENT_ACCOUNTS for alice and bob (hashed once per test file: scrypt is deliberately slow). */
export function testAccounts(): Promise<string> {
  accountsValue ??= (async () => `alice:Alice Smith:${await hashPassword(PASSWORDS.alice)},bob:Bob Jones:${await hashPassword(PASSWORDS.bob)}`)();
  return accountsValue;
}

export interface ConsoleServer {
  url: string;
  origin: string;
  clock: ManualClock;
  storage: Storage;
  hub: AgentHub;
  close(): Promise<void>;
}

export interface ConsoleServerOptions {
  env?: Record<string, string>;
  hub?: (clock: ManualClock, storage: Storage) => AgentHub;
  storage?: Storage;
  deps?: Partial<AgentRouteDeps>;
}

/** A restify server with only the agent console on it, on an ephemeral loopback port. */
export async function startConsoleServer(options: ConsoleServerOptions = {}): Promise<ConsoleServer & { fake?: FakeHub }> {
  const clock = new ManualClock('2026-03-01T09:00:00Z');
  const storage = options.storage ?? new MemoryStorage();
  const config = parseConfig({ AGENT_ACCOUNTS: await testAccounts(), LOG_LEVEL: 'silent', ...options.env });
  const hub = options.hub ? options.hub(clock, storage) : new FakeHub(clock);
  const server = restify.createServer({ handleUncaughtExceptions: false });
  registerAgentRoutes(server, { config, hub, storage, clock, logger: silentLogger, pollIntervalMs: 50, ...options.deps });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    origin: url,
    clock,
    storage,
    hub,
    fake: hub instanceof FakeHub ? hub : undefined,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A signed-in (or not) console client: keeps the cookie and CSRF token, sends a same-origin Origin. */
export class ConsoleClient {
  cookie?: string;
  csrf?: string;
  setCookie?: string;

  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const all: Record<string, string> = { Origin: this.base, ...headers };
    if (body !== undefined) all['Content-Type'] = 'application/json';
    if (this.cookie && !('Cookie' in headers)) all.Cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('X-CSRF-Token' in headers)) all['X-CSRF-Token'] = this.csrf;
    for (const [k, v] of Object.entries(all)) if (v === '') delete all[k];
    return jsonRequest(this.base + path, { method, headers: all, body });
  }

  async login(username: string, password: string) {
    const res = await this.request('POST', '/api/agent/login', { username, password });
    if (res.status === 200) {
      this.setCookie = res.headers.get('set-cookie') ?? undefined;
      this.cookie = this.setCookie?.split(';')[0];
      this.csrf = res.body.csrfToken;
    }
    return res;
  }
}

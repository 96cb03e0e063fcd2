import { MemoryStorage } from 'botbuilder';
import { ManualClock } from '../../src/clock';
import { DirectLineStore } from '../../src/directline/directLineStore';
import { ConsoleClient, PASSWORDS, startConsoleServer, type ConsoleServer } from './consoleServer';

const ID = 'conv-1';

/** Every agent API route with a body that would be valid for a signed-in agent. */
// Always three columns: jest reads a test function with more parameters than the row as one
// that takes a `done` callback.
const API_ROUTES: Array<[string, string, unknown]> = [
  ['POST', '/api/agent/logout', undefined],
  ['GET', '/api/agent/me', undefined],
  ['GET', '/api/agent/queue', undefined],
  ['GET', `/api/agent/conversations/${ID}`, undefined],
  ['POST', `/api/agent/conversations/${ID}/accept`, undefined],
  ['POST', `/api/agent/conversations/${ID}/messages`, { text: 'hello' }],
  ['GET', `/api/agent/conversations/${ID}/messages?after=`, undefined],
  ['POST', `/api/agent/conversations/${ID}/close`, undefined],
  ['POST', `/api/agent/conversations/${ID}/requeue`, undefined],
  ['GET', '/api/agent/tickets', undefined],
  ['POST', '/api/agent/tickets/t1/done', undefined],
];
const CHANGING_ROUTES = API_ROUTES.filter(([method]) => method === 'POST');

describe('agent console security', () => {
  let srv: ConsoleServer & { fake?: import('./fakeHub').FakeHub };

  beforeEach(async () => {
    srv = await startConsoleServer();
    srv.fake?.escalate(ID, 'photos · iPhone · "my photos stopped"');
    srv.fake?.ticketList.push({ id: 't1', conversationId: 'c9', message: 'call me', contact: 'a@example.com', createdAt: srv.clock.now().toISOString(), summary: { steps: [], oneLine: 'x' }, status: 'open' });
  });
  afterEach(async () => srv.close());

  test.each(API_ROUTES)('%s %s without a session is 401', async (method, path, body) => {
    const res = await new ConsoleClient(srv.url).request(method, path, body);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('Unauthorized');
  });

  test('a forged or unknown session cookie is 401', async () => {
    const client = new ConsoleClient(srv.url);
    client.cookie = 'resync-agent=' + 'A'.repeat(43);
    expect((await client.request('GET', '/api/agent/queue')).status).toBe(401);
  });

  test('a Direct Line token (the people\'s side) is never accepted on an agent API', async () => {
    // A real token of the built-in Direct Line, issued on the same storage the console uses.
    const directLine = new DirectLineStore({ storage: srv.storage, clock: srv.clock });
    const conversation = await directLine.createConversation('user-1');
    const { token } = await directLine.issueToken(conversation.id);
    const client = new ConsoleClient(srv.url);
    for (const [method, path, body] of API_ROUTES) {
      const res = await client.request(method, path, body, { Authorization: `Bearer ${token}` });
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
  });

  test('sign-in: the session cookie is HttpOnly and SameSite=Strict; the CSRF token comes back in the body', async () => {
    const client = new ConsoleClient(srv.url);
    const res = await client.login('alice', PASSWORDS.alice);
    expect(res.status).toBe(200);
    expect(res.body.agent).toEqual({ id: 'alice', name: 'Alice Smith' });
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(client.setCookie).toMatch(/^resync-agent=[A-Za-z0-9_-]{43}; /);
    expect(client.setCookie).toContain('HttpOnly');
    expect(client.setCookie).toContain('SameSite=Strict');
    expect(client.setCookie).not.toContain('Secure');
    expect(client.setCookie).toContain(`Max-Age=${8 * 3600}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const me = await client.request('GET', '/api/agent/me');
    expect(me.status).toBe(200);
    expect(me.body.agent.name).toBe('Alice Smith');
    expect(me.body.csrfToken).toBe(res.body.csrfToken);
  });

  test('sign-in is case-insensitive on the name and the session id is not stored in clear', async () => {
    const storage = new MemoryStorage();
    await srv.close();
    srv = await startConsoleServer({ storage });
    const client = new ConsoleClient(srv.url);
    expect((await client.login('ALICE', PASSWORDS.alice)).status).toBe(200);
    const sessionId = client.cookie!.split('=')[1]!;
    const dump = JSON.stringify((storage as unknown as { memory: unknown }).memory);
    expect(dump).toContain('agent/sessions/');
    expect(dump).not.toContain(sessionId);
  });

  test('under an https PUBLIC_URL the cookie is Secure with the __Host- prefix', async () => {
    await srv.close();
    srv = await startConsoleServer({ env: { PUBLIC_URL: 'https://resync.example.com' } });
    const client = new ConsoleClient(srv.url);
    const res = await client.request('POST', '/api/agent/login', { username: 'alice', password: PASSWORDS.alice }, { Origin: 'https://resync.example.com' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-resync-agent=/);
    expect(cookie).toContain('; Secure');
    expect(cookie).toContain('Path=/');
  });

  test('a wrong password and an unknown name get the same answer', async () => {
    const client = new ConsoleClient(srv.url);
    const wrong = await client.login('alice', 'not-her-password');
    const unknown = await client.login('mallory', 'whatever-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  test('a login body that is not valid is 400 with the reason', async () => {
    const res = await new ConsoleClient(srv.url).request('POST', '/api/agent/login', { username: 'alice' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/password/);
  });

  describe('CSRF and same-origin checks on every state-changing route', () => {
    let alice: ConsoleClient;
    beforeEach(async () => {
      alice = new ConsoleClient(srv.url);
      expect((await alice.login('alice', PASSWORDS.alice)).status).toBe(200);
    });

    test.each(CHANGING_ROUTES)('%s %s without X-CSRF-Token is 403', async (method, path, body) => {
      const res = await alice.request(method, path, body, { 'X-CSRF-Token': '' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('BadCsrfToken');
    });

    test.each(CHANGING_ROUTES)('%s %s with a wrong X-CSRF-Token is 403', async (method, path, body) => {
      const res = await alice.request(method, path, body, { 'X-CSRF-Token': alice.csrf!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) });
      expect(res.status).toBe(403);
    });

    test.each(CHANGING_ROUTES)('%s %s from another origin is 403 even with the token', async (method, path, body) => {
      const res = await alice.request(method, path, body, { Origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('CrossOrigin');
    });

    test('Sec-Fetch-Site: cross-site is refused; no Origin and no Sec-Fetch-Site is refused', async () => {
      expect((await alice.request('POST', `/api/agent/conversations/${ID}/accept`, undefined, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
      expect((await alice.request('POST', `/api/agent/conversations/${ID}/accept`, undefined, { Origin: '' })).status).toBe(403);
    });

    test('another agent\'s CSRF token does not work with this session', async () => {
      const bob = new ConsoleClient(srv.url);
      await bob.login('bob', PASSWORDS.bob);
      const res = await alice.request('POST', `/api/agent/conversations/${ID}/accept`, undefined, { 'X-CSRF-Token': bob.csrf! });
      expect(res.status).toBe(403);
    });

    test('with the token and a same-origin request the action goes through', async () => {
      const res = await alice.request('POST', `/api/agent/conversations/${ID}/accept`, undefined, { 'Sec-Fetch-Site': 'same-origin' });
      expect(res.status).toBe(200);
      expect(res.body.result).toBe('accepted');
    });

    test('a message body that is not valid is 400 with the reason', async () => {
      await alice.request('POST', `/api/agent/conversations/${ID}/accept`);
      const empty = await alice.request('POST', `/api/agent/conversations/${ID}/messages`, { text: '   ' });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/text must not be empty/);
      const wrongType = await alice.request('POST', `/api/agent/conversations/${ID}/messages`, { text: 42 });
      expect(wrongType.status).toBe(400);
      const long = await alice.request('POST', `/api/agent/conversations/${ID}/messages`, { text: 'x'.repeat(4001) });
      expect(long.status).toBe(400);
    });

    test('sign-in itself refuses a cross-site request', async () => {
      const res = await new ConsoleClient(srv.url).request('POST', '/api/agent/login', { username: 'alice', password: PASSWORDS.alice }, { Origin: 'https://evil.example' });
      expect(res.status).toBe(403);
    });
  });

  test('sign out ends the session for good', async () => {
    const alice = new ConsoleClient(srv.url);
    await alice.login('alice', PASSWORDS.alice);
    const out = await alice.request('POST', '/api/agent/logout');
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await alice.request('GET', '/api/agent/queue')).status).toBe(401);
  });

  test('a session expires AGENT_SESSION_HOURS after sign-in', async () => {
    const alice = new ConsoleClient(srv.url);
    await alice.login('alice', PASSWORDS.alice);
    srv.clock.advance(8 * 3600 * 1000 - 1000);
    expect((await alice.request('GET', '/api/agent/queue')).status).toBe(200);
    srv.clock.advance(1000);
    expect((await alice.request('GET', '/api/agent/queue')).status).toBe(401);
    expect((await alice.request('POST', `/api/agent/conversations/${ID}/accept`)).status).toBe(401);
  });

  test('AGENT_SESSION_HOURS is honoured', async () => {
    await srv.close();
    srv = await startConsoleServer({ env: { AGENT_SESSION_HOURS: '0.5' } });
    const alice = new ConsoleClient(srv.url);
    await alice.login('alice', PASSWORDS.alice);
    expect(alice.setCookie).toContain('Max-Age=1800');
    srv.clock.advance(30 * 60 * 1000);
    expect((await alice.request('GET', '/api/agent/me')).status).toBe(401);
  });

  describe('failed sign-ins are rate limited', () => {
    test('per account and address: the 6th try in 15 minutes is 429 with Retry-After and the real wait, even with the right password', async () => {
      const client = new ConsoleClient(srv.url);
      for (let i = 0; i < 5; i++) {
        expect((await client.login('alice', `wrong-${i}`)).status).toBe(401);
        srv.clock.advance(60 * 1000);
      }
      const limited = await client.login('alice', PASSWORDS.alice);
      expect(limited.status).toBe(429);
      expect(limited.body.error.message).not.toMatch(/alice|password is/i);
      // The first failure was 5 minutes ago: it leaves the window in 10 minutes, and the message says so.
      expect(Number(limited.headers.get('retry-after'))).toBe(10 * 60);
      expect(limited.body.error.message).toMatch(/Try again in 10 minutes/);
      // Bob, a colleague on the same network, still signs in (round 12, B7): one person's typos lock only their own account there.
      expect((await client.login('bob', PASSWORDS.bob)).status).toBe(200);
      srv.clock.advance(10 * 60 * 1000);
      expect((await client.login('alice', PASSWORDS.alice)).status).toBe(200);
    });

    test('per account from anywhere: four times the limit across addresses holds the account', async () => {
      await srv.close();
      srv = await startConsoleServer({ env: { TRUST_PROXY_HOPS: '1' } });
      const client = new ConsoleClient(srv.url);
      const login = (password: string, from: string) => client.request('POST', '/api/agent/login', { username: 'alice', password }, { 'X-Forwarded-For': from });
      for (let i = 0; i < 20; i++) expect((await login(`wrong-${i}`, `203.0.113.${i}`)).status).toBe(401);
      expect((await login(PASSWORDS.alice, '198.51.100.7')).status).toBe(429);
    });

    test('per address: failures spread over many names still stop at the limit (four times the per-account one)', async () => {
      const client = new ConsoleClient(srv.url);
      for (let i = 0; i < 20; i++) expect((await client.login(`a${i}`, 'guess-guess')).status).toBe(401);
      const res = await client.login('alice', PASSWORDS.alice);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    test('the limit lives in Storage: a second server on the same store enforces it', async () => {
      const storage = new MemoryStorage();
      await srv.close();
      srv = await startConsoleServer({ storage });
      const other = await startConsoleServer({ storage });
      try {
        for (let i = 0; i < 5; i++) await new ConsoleClient(srv.url).login('alice', `wrong-${i}`);
        expect((await new ConsoleClient(other.url).login('alice', PASSWORDS.alice)).status).toBe(429);
      } finally {
        await other.close();
      }
    });

    test('behind TRUST_PROXY_HOPS proxies the address is the forwarded one; without the setting the header is ignored', async () => {
      const login = (client: ConsoleClient, name: string, password: string, forwardedFor: string) =>
        client.request('POST', '/api/agent/login', { username: name, password }, { 'X-Forwarded-For': forwardedFor });
      await srv.close();
      srv = await startConsoleServer({ env: { TRUST_PROXY_HOPS: '1' } });
      const client = new ConsoleClient(srv.url);
      for (let i = 0; i < 20; i++) expect((await login(client, `a${i}`, 'guess-guess', '203.0.113.5:51000')).status).toBe(401);
      expect((await login(client, 'alice', PASSWORDS.alice, '203.0.113.5:51001')).status).toBe(429);
      // Another client behind the same proxy is not held by the first one's failures.
      expect((await login(client, 'alice', PASSWORDS.alice, '198.51.100.7')).status).toBe(200);

      await srv.close();
      srv = await startConsoleServer();
      const direct = new ConsoleClient(srv.url);
      for (let i = 0; i < 20; i++) expect((await login(direct, `b${i}`, 'guess-guess', `203.0.113.${i}`)).status).toBe(401);
      // Not trusted: a forged header does not give each try a fresh address.
      expect((await login(new ConsoleClient(srv.url), 'alice', PASSWORDS.alice, '198.51.100.7')).status).toBe(429);
    });

    test('a successful sign-in resets the account counter', async () => {
      const client = new ConsoleClient(srv.url);
      for (let i = 0; i < 3; i++) await client.login('alice', `wrong-${i}`);
      expect((await client.login('alice', PASSWORDS.alice)).status).toBe(200);
      // Only the address counter (3 of 20) remains: one more failure is still allowed to be tried.
      expect((await client.login('alice', 'wrong-again')).status).toBe(401);
    });
  });

  test('the page has a strict CSP (self only, no inline script, Trusted Types) and needs no session to show the sign-in', async () => {
    const res = await new ConsoleClient(srv.url).request('GET', '/agent');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.body).toContain('data-configured="true"');
    // No inline code: every script is an external file, no on* handler attributes.
    expect(res.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(res.body).not.toMatch(/\son[a-z]+\s*=/i);
  });

  test('with no accounts configured the page says so and sign-in is 503', async () => {
    await srv.close();
    srv = await startConsoleServer({ env: { AGENT_ACCOUNTS: '' } });
    const page = await new ConsoleClient(srv.url).request('GET', '/agent');
    expect(page.body).toContain('data-configured="false"');
    expect(page.body).toContain('Agents are not configured');
    const login = await new ConsoleClient(srv.url).login('alice', PASSWORDS.alice);
    expect(login.status).toBe(503);
    expect(login.body.error.code).toBe('AgentsNotConfigured');
  });
});

describe('ManualClock sanity for these tests', () => {
  test('advances', () => {
    const c = new ManualClock('2026-01-01T00:00:00Z');
    c.advance(1000);
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:01.000Z');
  });
});

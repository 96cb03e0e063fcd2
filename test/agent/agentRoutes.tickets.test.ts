/**
 * GET /api/agent/tickets over the real hub: open tickets by default (the shape the console has
 * always read), done tickets by month, pages with a cursor, every query value checked.
 */
import type { TicketStore } from '../../src/handoff/ticketStore';
import type { Ticket } from '../../src/handoff/agentHub';
import { ConsoleClient, type ConsoleServer } from './consoleServer';
import { startTicketConsole } from './ticketConsole';

describe('agent console: tickets list (HTTP, real hub)', () => {
  let srv: ConsoleServer;
  let alice: ConsoleClient;
  let tickets: TicketStore;

  const ticket = (n: number, createdAt: string): Ticket => ({
    id: `T-${String(n).padStart(4, '0')}`,
    conversationId: `conv-${n}`,
    message: `message ${n}`,
    contact: `p${n}@example.com`,
    createdAt,
    summary: { steps: [{ playbook: 'photos', step: 'restart', outcome: 'not-fixed' }], oneLine: `photos · ${n}` },
    status: 'open',
    channelId: 'webchat',
  });

  beforeEach(async () => {
    ({ srv, alice, tickets } = await startTicketConsole());
  });
  afterEach(async () => srv.close());

  test('without a query: the open tickets, newest first, in the shape the console reads', async () => {
    await tickets.create(ticket(1, '2026-03-01T08:00:00.000Z'));
    await tickets.create(ticket(2, '2026-03-01T08:30:00.000Z'));
    const res = await alice.request('GET', '/api/agent/tickets');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ status: 'open', month: null, next: null });
    expect(res.body.tickets.map((t: { id: string }) => t.id)).toEqual(['T-0002', 'T-0001']);
    expect(res.body.tickets[1]).toEqual({
      id: 'T-0001',
      conversationId: 'conv-1',
      message: 'message 1',
      contact: 'p1@example.com',
      createdAt: '2026-03-01T08:00:00.000Z',
      ageSeconds: 3600,
      status: 'open',
      doneAt: null,
      doneBy: null,
      summary: { intent: null, device: null, service: null, problem: null, status: null, alsoReported: [], oneLine: 'photos · 1', steps: [{ playbook: 'photos', step: 'restart', outcome: 'not-fixed', label: "didn't help" }] },
    });
  });

  test('pages: limit and cursor walk every open ticket once; the default page is 50, the most 200', async () => {
    for (let n = 0; n < 205; n++) await tickets.create(ticket(n, new Date(Date.parse('2026-02-01T00:00:00Z') + n * 60_000).toISOString()));
    expect((await alice.request('GET', '/api/agent/tickets')).body.tickets).toHaveLength(50);
    const most = await alice.request('GET', '/api/agent/tickets?limit=200');
    expect(most.body.tickets).toHaveLength(200);
    expect(most.body.next).toEqual(expect.any(String));

    const seen: string[] = [];
    let url = '/api/agent/tickets?limit=60';
    for (let pages = 1; ; pages++) {
      const res = await alice.request('GET', url);
      expect(res.status).toBe(200);
      seen.push(...res.body.tickets.map((t: { id: string }) => t.id));
      if (!res.body.next) {
        expect(pages).toBe(4);
        break;
      }
      url = `/api/agent/tickets?limit=60&cursor=${encodeURIComponent(res.body.next)}`;
    }
    expect(seen).toHaveLength(205);
    expect(new Set(seen).size).toBe(205);
    expect(seen[0]).toBe('T-0204');
    expect(seen.at(-1)).toBe('T-0000');
  });

  test('done tickets by month: marked done through the API, listed under the month it was done', async () => {
    await tickets.create(ticket(1, '2026-02-27T08:00:00.000Z'));
    await tickets.create(ticket(2, '2026-02-28T08:00:00.000Z'));
    expect((await alice.request('POST', '/api/agent/tickets/T-0001/done')).status).toBe(200);
    // Done twice: still 200, nothing changes.
    srv.clock.advance(60_000);
    expect((await alice.request('POST', '/api/agent/tickets/T-0001/done')).status).toBe(200);
    expect((await alice.request('POST', '/api/agent/tickets/T-9999/done')).status).toBe(404);

    const open = await alice.request('GET', '/api/agent/tickets');
    expect(open.body.tickets.map((t: { id: string }) => t.id)).toEqual(['T-0002']);
    const march = await alice.request('GET', '/api/agent/tickets?status=done&month=2026-03');
    expect(march.body).toMatchObject({ status: 'done', month: '2026-03', next: null });
    expect(march.body.tickets).toMatchObject([{ id: 'T-0001', status: 'done', doneAt: '2026-03-01T09:00:00.000Z', doneBy: 'Alice Smith' }]);
    // Without a month: the current one (the server's clock).
    expect((await alice.request('GET', '/api/agent/tickets?status=done')).body).toMatchObject({ month: '2026-03', tickets: [{ id: 'T-0001' }] });
    expect((await alice.request('GET', '/api/agent/tickets?status=done&month=2026-02')).body.tickets).toEqual([]);
  });

  test.each([
    ['status=closed', /status must be 'open' or 'done'/],
    ['status=done&month=2026-13', /month must be a month as YYYY-MM/],
    ['status=done&month=03-2026', /month must be a month as YYYY-MM/],
    ['status=done&month=', /month must be a month as YYYY-MM/],
    ['month=2026-03', /month is only for status=done/],
    ['limit=0', /limit must be at least 1/],
    ['limit=201', /limit must be at most 200/],
    ['limit=ten', /limit must be a whole number/],
    ['limit=-5', /limit must be a whole number/],
    ['limit=2.5', /limit must be a whole number/],
    ['cursor=not-a-cursor', /cursor is not a cursor this list gave out/],
    [`cursor=${Buffer.from(JSON.stringify(['open', 'x', '../etc'])).toString('base64url')}`, /cursor is not a cursor/],
    ['status=open&status=done', /status is given more than once/],
  ])('?%s is refused with 400 and the reason', async (query, reason) => {
    const res = await alice.request('GET', `/api/agent/tickets?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest');
    expect(res.body.error.message).toMatch(reason);
  });

  test("a cursor of the open list is refused for the done list", async () => {
    for (let n = 0; n < 3; n++) await tickets.create(ticket(n, `2026-02-0${n + 1}T08:00:00.000Z`));
    const first = await alice.request('GET', '/api/agent/tickets?limit=1');
    const res = await alice.request('GET', `/api/agent/tickets?status=done&cursor=${first.body.next}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/cursor belongs to the open list/);
  });

  test('needs a signed-in agent, whatever the query', async () => {
    const stranger = new ConsoleClient(srv.url);
    expect((await stranger.request('GET', '/api/agent/tickets?status=done&month=2026-03')).status).toBe(401);
    expect((await stranger.request('GET', '/api/agent/tickets?limit=nonsense')).status).toBe(401);
  });
});

import { ConsoleClient, PASSWORDS, startConsoleServer, type ConsoleServer } from './consoleServer';
import type { FakeHub } from './fakeHub';

describe('agent console: queue, conversations, live chat, tickets (HTTP)', () => {
  let srv: ConsoleServer & { fake?: FakeHub };
  let hub: FakeHub;
  let alice: ConsoleClient;
  let bob: ConsoleClient;

  beforeEach(async () => {
    srv = await startConsoleServer();
    hub = srv.fake!;
    alice = new ConsoleClient(srv.url);
    bob = new ConsoleClient(srv.url);
    expect((await alice.login('alice', PASSWORDS.alice)).status).toBe(200);
    expect((await bob.login('bob', PASSWORDS.bob)).status).toBe(200);
  });
  afterEach(async () => srv.close());

  test('the queue lists waiting people oldest first with wait time, intent, device and one line', async () => {
    hub.escalate('c-old', 'photos-sync · Photos · iPhone', { intent: 'photos-sync', device: 'iphone', service: 'photos' });
    srv.clock.advance(3 * 60 * 1000);
    hub.escalate('c-new', 'contacts-sync · Mac', { intent: 'contacts-sync', device: 'mac' });
    srv.clock.advance(60 * 1000);
    const res = await alice.request('GET', '/api/agent/queue');
    expect(res.status).toBe(200);
    expect(res.body.queue.map((e: { conversationId: string }) => e.conversationId)).toEqual(['c-old', 'c-new']);
    expect(res.body.queue[0]).toMatchObject({ waitSeconds: 240, state: 'queued', summary: { intent: 'photos-sync', device: 'iphone', oneLine: 'photos-sync · Photos · iPhone' } });
    expect(res.body.queue[1].waitSeconds).toBe(60);
    expect(res.body.mine).toEqual([]);
    // Bob signed in 4 minutes ago and has not called since; Alice's queue call counts as presence.
    expect(res.body.agentsOnline).toBe(1);
    // The stored conversation reference (serviceUrl and the like) is not sent to the browser.
    expect(JSON.stringify(res.body)).not.toContain('reference');
  });

  test('opening one shows the record, the redacted transcript in a compact form and the live messages', async () => {
    hub.escalate('c1', 'photos', { intent: 'photos-sync', problem: 'my photos stopped', status: 'no problems reported by Apple', steps: [{ playbook: 'photos', step: 'switch', outcome: 'not-fixed' }] });
    hub.transcripts.set('c1', [
      { type: 'message', from: { id: 'u', role: 'user' } as never, text: 'my photos stopped', timestamp: new Date('2026-03-01T08:59:00Z') },
      { type: 'message', from: { id: 'bot', role: 'bot' } as never, text: 'Is the switch on?', suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }] } },
      { type: 'event', name: 'handoff.initiate' } as never,
      { type: 'message', from: { id: 'bot', role: 'bot' } as never, attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { title: 'Contact support', text: 'A person can help' } }] },
    ]);
    hub.userSays('c1', 'still waiting');
    const res = await alice.request('GET', '/api/agent/conversations/c1');
    expect(res.status).toBe(200);
    expect(res.body.record).toMatchObject({ intent: 'photos-sync', problem: 'my photos stopped', status: 'no problems reported by Apple', steps: [{ playbook: 'photos', step: 'switch', outcome: 'not-fixed' }] });
    expect(res.body.transcript).toEqual([
      { from: 'user', at: '2026-03-01T08:59:00.000Z', text: 'my photos stopped', cards: [], choices: [] },
      { from: 'bot', at: null, text: 'Is the switch on?', cards: [], choices: ['Yes'] },
      { from: 'bot', at: null, text: '', cards: ['Contact support: A person can help'], choices: [] },
    ]);
    expect(res.body.messages.map((m: { text: string }) => m.text)).toEqual(['still waiting']);
    expect(res.body.yours).toBe(false);
  });

  test("each step's outcome comes with the agent's words for it: a partial fix helped partly, an unknown outcome as stored", async () => {
    const steps = [
      { playbook: 'photos', step: 'apple-id', outcome: 'not-fixed' },
      { playbook: 'photos', step: 'network', outcome: 'partly-fixed' },
      { playbook: 'photos', step: 'restart', outcome: 'some-later-outcome' },
    ];
    hub.escalate('c-partly', 'photos · 3 steps tried (1 helped partly)', { intent: 'photos-sync', steps });
    const res = await alice.request('GET', '/api/agent/conversations/c-partly');
    expect(res.status).toBe(200);
    expect(res.body.record.steps).toEqual([
      { ...steps[0], label: "didn't help" },
      { ...steps[1], label: 'helped partly' },
      { ...steps[2], label: 'some-later-outcome' },
    ]);
  });

  test('unknown conversation is 404; a conversation id with control characters is 400', async () => {
    expect((await alice.request('GET', '/api/agent/conversations/nope')).status).toBe(404);
    expect((await alice.request('POST', '/api/agent/conversations/nope/accept')).status).toBe(404);
    expect((await alice.request('GET', '/api/agent/conversations/a%0Ab')).status).toBe(400);
  });

  test('conversation ids with Teams-style characters round-trip through the URL', async () => {
    const id = 'a:1Xy_Z-9@thread.tacv2;messageid=123';
    hub.escalate(id, 'teams person');
    const res = await alice.request('GET', `/api/agent/conversations/${encodeURIComponent(id)}`);
    expect(res.status).toBe(200);
    expect(res.body.escalation.conversationId).toBe(id);
  });

  test('accept: the first agent gets it, the second gets 409; then only the holder can see, write, close', async () => {
    hub.escalate('c1', 'photos');
    const [a, b] = await Promise.all([alice.request('POST', '/api/agent/conversations/c1/accept'), bob.request('POST', '/api/agent/conversations/c1/accept')]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [alice, bob] : [bob, alice];
    expect((a.status === 409 ? a : b).body.error.code).toBe('Taken');

    expect((await loser.request('GET', '/api/agent/conversations/c1')).status).toBe(403);
    expect((await loser.request('POST', '/api/agent/conversations/c1/messages', { text: 'hi' })).status).toBe(403);
    expect((await loser.request('POST', '/api/agent/conversations/c1/close')).status).toBe(403);
    expect((await loser.request('GET', '/api/agent/queue')).body.queue).toEqual([]);

    const mine = await winner.request('GET', '/api/agent/queue');
    expect(mine.body.mine.map((e: { conversationId: string }) => e.conversationId)).toEqual(['c1']);
    const sent = await winner.request('POST', '/api/agent/conversations/c1/messages', { text: 'Hi, I am here' });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ from: 'agent', text: 'Hi, I am here' });
    expect(hub.escalations.get('c1')!.messages.at(-1)!.text).toBe('Hi, I am here');
  });

  test('one agent can hold several conversations', async () => {
    hub.escalate('c1', 'one');
    hub.escalate('c2', 'two');
    expect((await alice.request('POST', '/api/agent/conversations/c1/accept')).status).toBe(200);
    expect((await alice.request('POST', '/api/agent/conversations/c2/accept')).status).toBe(200);
    const res = await alice.request('GET', '/api/agent/queue');
    expect(res.body.mine.map((e: { conversationId: string }) => e.conversationId).sort()).toEqual(['c1', 'c2']);
  });

  test('the person\'s message reaches a waiting long-poll within a second', async () => {
    hub.escalate('c1', 'photos');
    await alice.request('POST', '/api/agent/conversations/c1/accept');
    const first = hub.userSays('c1', 'hello?');
    const started = Date.now();
    const polling = alice.request('GET', `/api/agent/conversations/c1/messages?after=${first.id}&wait=10`);
    setTimeout(() => hub.userSays('c1', 'are you there'), 200);
    const res = await polling;
    const took = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.messages.map((m: { text: string }) => m.text)).toEqual(['are you there']);
    expect(res.body).toMatchObject({ state: 'active', yours: true });
    expect(took).toBeGreaterThanOrEqual(150);
    expect(took).toBeLessThan(1000);
  });

  test('a long-poll without news answers empty at its deadline; without wait it answers at once', async () => {
    hub.escalate('c1', 'photos');
    const quick = await alice.request('GET', '/api/agent/conversations/c1/messages');
    expect(quick.body).toMatchObject({ messages: [], state: 'queued', yours: false });
    const started = Date.now();
    const res = await alice.request('GET', '/api/agent/conversations/c1/messages?wait=1');
    expect(res.body.messages).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  test('a long-poll ends as soon as the conversation is closed', async () => {
    hub.escalate('c1', 'photos');
    await alice.request('POST', '/api/agent/conversations/c1/accept');
    const polling = alice.request('GET', '/api/agent/conversations/c1/messages?wait=10');
    await new Promise((r) => setTimeout(r, 100));
    expect((await alice.request('POST', '/api/agent/conversations/c1/close')).status).toBe(200);
    const res = await polling;
    expect(res.body).toMatchObject({ state: 'closed', yours: false });
  });

  test('close and requeue: closed leaves my chats; requeued is back in the queue for anyone', async () => {
    hub.escalate('c1', 'one');
    hub.escalate('c2', 'two');
    await alice.request('POST', '/api/agent/conversations/c1/accept');
    await alice.request('POST', '/api/agent/conversations/c2/accept');
    expect((await alice.request('POST', '/api/agent/conversations/c1/close')).status).toBe(200);
    expect(hub.escalations.get('c1')!.state).toBe('closed');
    expect((await alice.request('POST', '/api/agent/conversations/c1/messages', { text: 'late' })).status).toBe(409);
    expect((await alice.request('POST', '/api/agent/conversations/c2/requeue')).status).toBe(200);
    const queue = await bob.request('GET', '/api/agent/queue');
    expect(queue.body.queue.map((e: { conversationId: string }) => e.conversationId)).toEqual(['c2']);
    expect((await bob.request('POST', '/api/agent/conversations/c2/accept')).status).toBe(200);
    expect((await alice.request('GET', '/api/agent/queue')).body.mine).toEqual([]);
  });

  test('tickets: listed with message, contact and summary; marked done', async () => {
    hub.ticketList.push(
      { id: 't1', conversationId: 'c7', message: 'Please call me back', contact: 'sam@example.com', createdAt: srv.clock.now().toISOString(), summary: { steps: [], oneLine: 'photos · iPhone' }, status: 'open' },
      { id: 't2', conversationId: 'c8', message: 'Notes gone', contact: '+44 20 7946 0000', createdAt: srv.clock.now().toISOString(), summary: { steps: [], oneLine: 'notes' }, status: 'open' },
    );
    srv.clock.advance(90 * 1000);
    const res = await alice.request('GET', '/api/agent/tickets');
    expect(res.status).toBe(200);
    expect(res.body.tickets[0].ageSeconds).toBe(90);
    expect(res.body.tickets.map((t: { id: string }) => t.id)).toEqual(['t2', 't1']);
    expect(res.body.tickets[1]).toMatchObject({ message: 'Please call me back', contact: 'sam@example.com', status: 'open', summary: { oneLine: 'photos · iPhone' } });
    expect((await alice.request('POST', '/api/agent/tickets/t1/done')).status).toBe(200);
    expect(hub.ticketList[0]!.status).toBe('done');
    expect((await alice.request('POST', '/api/agent/tickets/nope/done')).status).toBe(404);
    expect((await alice.request('POST', '/api/agent/tickets/..%2F..%2Fx/done')).status).toBe(400);
  });

  test('signing in and the console\'s calls count as presence', async () => {
    srv.clock.advance(2 * 60 * 1000);
    expect((await alice.request('GET', '/api/agent/me')).body.agentsOnline).toBe(1);
  });
});

/**
 * The console over the real hub (src/handoff) on shared Storage: two console servers stand for
 * two instances. A person escalates through the whole bot (the handoff tests' harness); agents
 * act only through HTTP.
 */
import { MemoryStorage } from 'botbuilder';
import { AGENT_A, hubHarness } from '../handoff/hubHarness';
import { ConsoleClient, PASSWORDS, startConsoleServer, type ConsoleServer } from './consoleServer';

describe('agent console over the real hub', () => {
  const servers: ConsoleServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function setUp() {
    const storage = new MemoryStorage();
    const h = hubHarness({ storage });
    await h.hub.agentSeen(AGENT_A);
    const person = h.person('conv-web-1');
    await person.say('photos-not-syncing on my iphone, password hunter2 is set');
    await person.say('human please');
    // Each console server builds its own hub over the same storage, as separate processes would.
    // Both servers' hubs keep the person's clock, so time moves for all at once (h.clock.advance).
    const one = await startConsoleServer({ storage, hub: () => hubHarness({ storage, messenger: h.messenger, transcripts: h.transcripts, clock: h.clock }).hub });
    const two = await startConsoleServer({ storage, hub: () => hubHarness({ storage, messenger: h.messenger, transcripts: h.transcripts, clock: h.clock }).hub });
    servers.push(one, two);
    const alice = new ConsoleClient(one.url);
    const bob = new ConsoleClient(two.url);
    expect((await alice.login('alice', PASSWORDS.alice)).status).toBe(200);
    expect((await bob.login('bob', PASSWORDS.bob)).status).toBe(200);
    return { h, person, alice, bob };
  }

  test('the escalation is queued with its summary and a redacted transcript', async () => {
    const { alice } = await setUp();
    const queue = await alice.request('GET', '/api/agent/queue');
    expect(queue.body.queue).toHaveLength(1);
    expect(queue.body.queue[0].conversationId).toBe('conv-web-1');
    expect(queue.body.queue[0].summary.oneLine).not.toBe('');
    const detail = await alice.request('GET', '/api/agent/conversations/conv-web-1');
    expect(detail.status).toBe(200);
    const texts = detail.body.transcript.map((t: { text: string }) => t.text).join('\n');
    expect(texts).toContain('photos-not-syncing');
    expect(texts).not.toContain('hunter2');
    expect(JSON.stringify(detail.body)).not.toContain('hunter2');
  });

  test('two agents on two servers accept at once: exactly one 200, one 409, and the person hears one name', async () => {
    const { h, alice, bob } = await setUp();
    const [a, b] = await Promise.all([
      alice.request('POST', '/api/agent/conversations/conv-web-1/accept'),
      bob.request('POST', '/api/agent/conversations/conv-web-1/accept'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'Alice Smith' : 'Bob Jones';
    const joined = h.messenger.keys('conv-web-1').filter((k) => k === 'handoff.agentJoined');
    expect(joined).toHaveLength(1);
    expect(h.messenger.texts('conv-web-1').join('\n')).toContain(winner);
  });

  test('messages both ways, then close: the person is back with the bot', async () => {
    const { h, person, alice } = await setUp();
    expect((await alice.request('POST', '/api/agent/conversations/conv-web-1/accept')).status).toBe(200);
    const sent = await alice.request('POST', '/api/agent/conversations/conv-web-1/messages', { text: 'Hi, Alice here. Which iPhone?' });
    expect(sent.status).toBe(201);
    expect(h.messenger.texts('conv-web-1').some((t) => t.includes('Hi, Alice here. Which iPhone?'))).toBe(true);

    const polling = alice.request('GET', `/api/agent/conversations/conv-web-1/messages?after=${sent.body.message.id}&wait=5`);
    await person.say('an iPhone 15');
    const got = await polling;
    expect(got.body.messages.map((m: { text: string }) => m.text)).toEqual(['an iPhone 15']);

    expect((await alice.request('POST', '/api/agent/conversations/conv-web-1/close')).status).toBe(200);
    const after = await person.say('hello');
    expect(after.length).toBeGreaterThan(0);
    expect((await alice.request('GET', '/api/agent/queue')).body.mine).toEqual([]);
  });

  test('signing out with a live chat: the chat goes back to the queue, the person is told, and the other agent takes it (round 12, B1)', async () => {
    const { h, alice, bob } = await setUp();
    expect((await alice.request('POST', '/api/agent/conversations/conv-web-1/accept')).status).toBe(200);
    expect((await alice.request('POST', '/api/agent/logout')).status).toBe(200);
    expect(h.messenger.keys('conv-web-1')).toContain('handoff.agentLeft');
    const queue = await bob.request('GET', '/api/agent/queue');
    expect(queue.body.queue.map((e: { conversationId: string }) => e.conversationId)).toEqual(['conv-web-1']);
    expect((await bob.request('POST', '/api/agent/conversations/conv-web-1/accept')).status).toBe(200);
  });

  test('an agent gone without signing out: the other agent\'s queue poll brings the chat back (round 12, B1)', async () => {
    const { h, alice, bob } = await setUp();
    expect((await alice.request('POST', '/api/agent/conversations/conv-web-1/accept')).status).toBe(200);
    h.clock.advance(3 * 60_000);
    const queue = await bob.request('GET', '/api/agent/queue');
    expect(queue.body.queue.map((e: { conversationId: string }) => e.conversationId)).toEqual(['conv-web-1']);
    expect(h.messenger.keys('conv-web-1')).toContain('handoff.agentLeft');
  });
});

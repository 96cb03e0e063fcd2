/**
 * The sweep through the real pieces: the server with the built-in Direct Line, the real bot writing
 * its botbuilder ConversationState and UserState, the real storage (memory and SQLite), and the
 * real sweep (a DirectLineSweeper on a second DirectLineStore over the same storage, as a second
 * instance would run it). A conversation idle longer than DIRECTLINE_RETENTION_HOURS loses its bot
 * conversation state with it; an active one keeps everything; user state stays. Expired tokens
 * answer 403 TokenExpired before and after the sweep has deleted their records.
 */
import path from 'node:path';
import { ManualClock } from '../../src/clock';
import { DirectLineStore } from '../../src/directline/directLineStore';
import { DirectLineSweeper } from '../../src/directline/directLineSweeper';
import { sweptConversationDocuments } from '../../src/app/sweptConversationDocuments';
import { HUB_KEYS } from '../../src/handoff/hubService';
import { silentLogger } from '../../src/logging/logger';
import { loadRecognizer } from '../../src/nlu';
import type { Recognizer } from '../../src/nlu/recognizer';
import { jsonRequest, startTestServer, type TestServer } from '../helpers/testServer';

jest.setTimeout(30_000);

const DL = '/v3/directline';
const HOUR = 3_600_000;

async function start(server: TestServer, userId: string) {
  const res = await jsonRequest(`${server.url}${DL}/tokens/generate`, { body: { user: { id: userId } } });
  expect(res.status).toBe(200);
  return res.body as { conversationId: string; token: string };
}

/** Posts a message and waits until the bot has replied to it (its turn, state saved, is over). */
async function say(server: TestServer, conversationId: string, token: string, userId: string, text: string): Promise<void> {
  const posted = await jsonRequest(`${server.url}${DL}/conversations/${conversationId}/activities`, { token, body: { type: 'message', text, from: { id: userId } } });
  expect(posted.status).toBe(200);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const page = await jsonRequest(`${server.url}${DL}/conversations/${conversationId}/activities?watermark=0`, { token });
    if ((page.body.activities as { replyToId?: string; type: string }[]).some((a) => a.type === 'message' && a.replyToId === posted.body.id)) return;
    if (Date.now() > deadline) throw new Error(`no reply to "${text}"`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const conversationState = (id: string) => `directline/conversations/${id}/`;
const userState = (id: string) => `directline/users/${id}/`;

describe.each(['memory', 'sqlite'] as const)('the Direct Line sweep on %s storage', (storageKind) => {
  let server: TestServer | undefined;
  let recognizer: Recognizer;
  beforeAll(async () => {
    // The real one: naming a device makes the bot keep it in the person's profile (user state).
    recognizer = await loadRecognizer({ intentsDir: path.resolve(__dirname, '../../intents') });
  });
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  async function serve(clock: ManualClock, tokenTtlSeconds?: number): Promise<TestServer> {
    server = await startTestServer({ env: { STORAGE: storageKind, DIRECTLINE_RETENTION_HOURS: '24' }, runtime: { clock, recognizer }, server: { tokenTtlSeconds } });
    return server;
  }

  /** A second Direct Line store on the server's storage, and the sweeper that runs its sweep. */
  function sweeperOn(running: TestServer, clock: ManualClock) {
    const store = new DirectLineStore({ storage: running.runtime.storage, clock, retentionHours: 24, botStateKeys: sweptConversationDocuments() });
    return { store, sweeper: new DirectLineSweeper({ store, logger: silentLogger }) };
  }

  it('deletes the bot conversation state of an idle conversation and keeps an active one and user state', async () => {
    const clock = new ManualClock('2026-06-01T09:00:00Z');
    const running = await serve(clock, 48 * 3600); // tokens outlive the test: only the conversations' idleness matters
    const read = async (key: string) => (await running.runtime.storage.read([key]))[key];
    const idle = await start(running, 'idle-person');
    const active = await start(running, 'active-person');
    await say(running, idle.conversationId, idle.token, 'idle-person', "my photos aren't syncing on my iPhone");
    await say(running, active.conversationId, active.token, 'active-person', 'hi');
    // The bot wrote its state for both, under botbuilder's keys for the directline channel.
    expect(await read(conversationState(idle.conversationId))).toBeDefined();
    expect(await read(conversationState(active.conversationId))).toBeDefined();
    expect(await read(userState('idle-person'))).toBeDefined();
    // And the hub its bot-side record (recent texts, for the frustration offer).
    expect(await read(HUB_KEYS.conversation(idle.conversationId))).toBeDefined();
    // An address typed before a message that was never left waits in its own document.
    await running.runtime.storage.write({ [HUB_KEYS.pendingContact(idle.conversationId)]: { contact: 'idle@example.com' } });

    clock.advance(23 * HOUR);
    await say(running, active.conversationId, active.token, 'active-person', 'my photos are not syncing');
    clock.advance(2 * HOUR + 6 * 60_000); // idle: 25 h since its last activity, past its bucket and the grace

    const { store, sweeper } = sweeperOn(running, clock);
    const report = await sweeper.runOnce();
    expect(report).toMatchObject({ conversations: 1, botStates: 3 }); // state, the hub record and the waiting address

    expect(await store.getConversation(idle.conversationId)).toBeUndefined();
    expect(await read(conversationState(idle.conversationId))).toBeUndefined();
    expect(await read(HUB_KEYS.conversation(idle.conversationId))).toBeUndefined();
    expect(await read(HUB_KEYS.pendingContact(idle.conversationId))).toBeUndefined();
    // The active conversation keeps its log and the bot's state.
    expect(await store.getConversation(active.conversationId)).toBeDefined();
    expect(await read(conversationState(active.conversationId))).toBeDefined();
    expect(await read(HUB_KEYS.conversation(active.conversationId))).toBeDefined();
    // User state has its own lifetime.
    expect(await read(userState('idle-person'))).toBeDefined();

    // Once idle for the retention too, the other one goes the same way.
    clock.advance(24 * HOUR);
    expect(await sweeper.runOnce()).toMatchObject({ conversations: 1, botStates: 2 });
    expect(await read(conversationState(active.conversationId))).toBeUndefined();
  });

  it('answers 403 TokenExpired for an expired token before and after the sweep deleted it, 401 for a forged one', async () => {
    const clock = new ManualClock('2026-06-01T09:00:00Z');
    const running = await serve(clock);
    const { conversationId, token } = await start(running, 'token-person');
    const second = await jsonRequest(`${running.url}${DL}/tokens/refresh`, { token, body: {} });
    expect(second.status).toBe(200);
    const url = `${running.url}${DL}/conversations/${conversationId}/activities?watermark=0`;

    clock.advance(31 * 60_000);
    const unswept = await jsonRequest(url, { token });
    expect(unswept.status).toBe(403);
    expect(unswept.body.error.code).toBe('TokenExpired');

    clock.advance(HOUR + 6 * 60_000);
    const report = await sweeperOn(running, clock).sweeper.runOnce();
    expect(report?.tokens).toBe(1); // the refreshed token's record (the first one went when it was presented)

    const swept = await jsonRequest(url, { token: second.body.token });
    expect(swept.status).toBe(unswept.status);
    expect(swept.body).toEqual(unswept.body);
    const original: string = second.body.token;
    const forged = original.slice(0, 10) + (original[10] === 'A' ? 'B' : 'A') + original.slice(11);
    const refused = await jsonRequest(url, { token: forged });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('BadToken');
  });
});

import { ManualClock } from '../../src/clock';
import { captureLogger } from '../helpers/captureLogger';
import { jsonRequest, startTestServer, type TestServer } from '../helpers/testServer';

const DL = '/v3/directline';

/** Polls until a bot message with replyToId = activityId shows up. */
async function waitForReply(server: TestServer, conversationId: string, token: string, activityId: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await jsonRequest(`${server.url}${DL}/conversations/${conversationId}/activities?watermark=0`, { token });
    const reply = (res.body.activities as any[]).find((a) => a.from?.role === 'bot' && a.replyToId === activityId && a.type === 'message');
    if (reply) return { reply, page: res.body };
    if (Date.now() > deadline) throw new Error(`no reply to ${activityId}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function start(server: TestServer, userId = 'dl_user1') {
  const res = await jsonRequest(`${server.url}${DL}/tokens/generate`, { body: { user: { id: userId } } });
  expect(res.status).toBe(200);
  return res.body as { conversationId: string; token: string; expires_in: number };
}

async function say(server: TestServer, conversationId: string, token: string, text: string) {
  return jsonRequest(`${server.url}${DL}/conversations/${conversationId}/activities`, {
    token,
    body: { type: 'message', text, from: { id: 'dl_user1', name: 'You' }, serviceUrl: 'http://evil.example/' },
  });
}

describe('local Direct Line', () => {
  let server: TestServer;
  let logs: ReturnType<typeof captureLogger>;
  const clock = new ManualClock('2026-03-01T10:00:00Z');

  beforeAll(async () => {
    logs = captureLogger();
    server = await startTestServer({ runtime: { logger: logs.logger, clock } });
  });
  afterAll(() => server.dispose());

  it('starts a conversation, takes a message and delivers the bot reply by watermark', async () => {
    const { conversationId, token, expires_in } = await start(server);
    expect(conversationId).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(expires_in).toBeGreaterThan(60);

    const started = await jsonRequest(`${server.url}${DL}/conversations`, { token, body: {} });
    expect(started.status).toBe(201);
    expect(started.body.conversationId).toBe(conversationId);

    const before = await jsonRequest(`${server.url}${DL}/conversations/${conversationId}/activities?watermark=0`, { token });
    expect(before.status).toBe(200);
    const startWatermark = Number(before.body.watermark);

    const posted = await say(server, conversationId, token, 'hi');
    expect(posted.status).toBe(200);
    expect(posted.body.id).toMatch(new RegExp(`^${conversationId}\\|`));

    const { reply, page } = await waitForReply(server, conversationId, token, posted.body.id);
    expect(reply.conversation.id).toBe(conversationId);
    // The words are the message's text, or a card's when the reply comes with buttons ("didn't understand" and the problems).
    expect(String(reply.text ?? reply.attachments?.[0]?.content?.text ?? '').length).toBeGreaterThan(0);
    const user = (page.activities as any[]).find((a) => a.id === posted.body.id);
    expect(user).toMatchObject({ type: 'message', text: 'hi', from: { id: 'dl_user1', role: 'user' } });
    // Nothing internal reaches the client: no serviceUrl (the connector key) on any activity.
    expect(JSON.stringify(page)).not.toMatch(/serviceUrl|\/connector\//);

    const newer = await jsonRequest(`${server.url}${DL}/conversations/${conversationId}/activities?watermark=${page.watermark}`, { token });
    expect(newer.body.activities).toEqual([]);
    expect(newer.body.watermark).toBe(page.watermark);
    const since = await jsonRequest(`${server.url}${DL}/conversations/${conversationId}/activities?watermark=${startWatermark}`, { token });
    expect(since.body.activities[0].id).toBe(posted.body.id);
  });

  it('reconnects to a conversation with GET and refreshes tokens', async () => {
    const { conversationId, token } = await start(server);
    const reconnect = await jsonRequest(`${server.url}${DL}/conversations/${conversationId}?watermark=0`, { token });
    expect(reconnect.status).toBe(200);
    expect(reconnect.body.conversationId).toBe(conversationId);

    const refreshed = await jsonRequest(`${server.url}${DL}/tokens/refresh`, { token, body: {} });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.token).not.toBe(token);
    expect(refreshed.body.conversationId).toBe(conversationId);
    const posted = await say(server, conversationId, refreshed.body.token, 'hello again');
    expect(posted.status).toBe(200);
  });

  it('isolates conversations: a token of another conversation gets 403', async () => {
    const mine = await start(server);
    const theirs = await start(server, 'dl_user2');
    for (const [method, path] of [
      ['GET', `/conversations/${mine.conversationId}/activities?watermark=0`],
      ['GET', `/conversations/${mine.conversationId}?watermark=0`],
      ['POST', `/conversations/${mine.conversationId}/activities`],
    ] as const) {
      const res = await jsonRequest(`${server.url}${DL}${path}`, { method, token: theirs.token, ...(method === 'POST' ? { body: { type: 'message', text: 'x' } } : {}) });
      expect(res.status).toBe(403);
    }
  });

  it('answers 401 without a token or with an unknown one', async () => {
    const { conversationId } = await start(server);
    const url = `${server.url}${DL}/conversations/${conversationId}/activities`;
    expect((await jsonRequest(url)).status).toBe(401);
    expect((await jsonRequest(url, { token: 'not-a-token' })).status).toBe(401);
    expect((await jsonRequest(url, { headers: { Authorization: 'Basic abc' } })).status).toBe(401);
    expect((await jsonRequest(`${server.url}${DL}/tokens/refresh`, { body: {} })).status).toBe(401);
  });

  it('answers 403 once a token has expired', async () => {
    const { conversationId, token } = await start(server);
    clock.advance(31 * 60 * 1000);
    const res = await jsonRequest(`${server.url}${DL}/conversations/${conversationId}/activities`, { token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('TokenExpired');
    // The first answer deleted the expired record; the token still reads as expired, not unknown.
    const again = await jsonRequest(`${server.url}${DL}/tokens/refresh`, { token, body: {} });
    expect(again.status).toBe(403);
    expect(again.body).toEqual(res.body);
  });

  it('rejects activities without a type with 400', async () => {
    const { conversationId, token } = await start(server);
    const res = await jsonRequest(`${server.url}${DL}/conversations/${conversationId}/activities`, { token, body: { text: 'no type' } });
    expect(res.status).toBe(400);
  });

  it('does not let anyone but the bot write to the connector', async () => {
    const { conversationId } = await start(server);
    const activity = { type: 'message', text: 'spoofed' };
    const guessed = await jsonRequest(`${server.url}/connector/guessed-key/v3/conversations/${conversationId}/activities`, { body: activity });
    expect(guessed.status).toBe(403);
    const noKey = await jsonRequest(`${server.url}/connector/v3/conversations/${conversationId}/activities`, { body: activity });
    expect([403, 404]).toContain(noKey.status);
  });

  it('never logs tokens or message text above debug', async () => {
    const { conversationId, token } = await start(server);
    const posted = await say(server, conversationId, token, 'my secret words');
    await waitForReply(server, conversationId, token, posted.body.id);
    const aboveDebug = logs.lines.filter((l) => l.level !== 'debug').map((l) => JSON.stringify(l)).join('\n');
    expect(aboveDebug).not.toContain('my secret words');
    expect(logs.text()).not.toContain(token);
    expect(logs.lines.some((l) => l.conversationId === conversationId && l.level === 'info')).toBe(true);
    const requestLines = logs.lines.filter((l) => l.msg === 'request' && String(l.path).startsWith('/v3/directline/') && l.conversationId === conversationId);
    expect(requestLines.map((l) => l.path)).toEqual(expect.arrayContaining(['/v3/directline/tokens/generate', `/v3/directline/conversations/${conversationId}/activities`]));
  });
});

describe('local Direct Line across a restart', () => {
  it('continues the same conversation with its history on the same SQLite file', async () => {
    const first = await startTestServer();
    const dataDir = first.dataDir;
    let second: TestServer | undefined;
    try {
      const { conversationId, token } = await start(first);
      const one = await say(first, conversationId, token, 'hi');
      await waitForReply(first, conversationId, token, one.body.id);
      const historyBefore = (await jsonRequest(`${first.url}${DL}/conversations/${conversationId}/activities?watermark=0`, { token })).body;
      await first.stop();

      second = await startTestServer({ dataDir });
      expect(second.url).not.toBe(first.url);
      const reconnect = await jsonRequest(`${second.url}${DL}/conversations/${conversationId}?watermark=0`, { token });
      expect(reconnect.status).toBe(200);
      const history = (await jsonRequest(`${second.url}${DL}/conversations/${conversationId}/activities?watermark=0`, { token })).body;
      expect(history.activities).toEqual(historyBefore.activities);

      const two = await say(second, conversationId, token, 'hello');
      expect(two.status).toBe(200);
      const { page } = await waitForReply(second, conversationId, token, two.body.id);
      expect(Number(page.watermark)).toBeGreaterThan(Number(historyBefore.watermark));
      expect(page.activities.slice(0, historyBefore.activities.length)).toEqual(historyBefore.activities);
    } finally {
      await first.stop();
      await second?.stop();
      const { rmSync } = await import('node:fs');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/**
 * Tester round 7 (items 3, 4, 10, 11): what reaches the bot over HTTP is checked before a turn
 * runs, user text is never logged unredacted, an unreachable key service is a 503 and not a 500,
 * and in local mode the bot answers only its own Direct Line (or origins the operator lists).
 */
import { startCaptureServer, type CaptureServer } from '../helpers/captureServer';
import { captureLogger } from '../helpers/captureLogger';
import { jsonRequest, startTestServer, type TestServer } from '../helpers/testServer';
import { freePort } from '../helpers/freePort';

const DL = '/v3/directline';
const APP_ID = '00000000-1111-2222-3333-444444444444';

async function startConversation(server: TestServer) {
  const res = await jsonRequest(`${server.url}${DL}/tokens/generate`, { body: { user: { id: 'dl_user1' } } });
  expect(res.status).toBe(200);
  return res.body as { conversationId: string; token: string };
}

function post(server: TestServer, conversation: { conversationId: string; token: string }, body: unknown) {
  return jsonRequest(`${server.url}${DL}/conversations/${conversation.conversationId}/activities`, { token: conversation.token, body });
}

function jwt(header: object, payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part(header)}.${part(payload)}.${Buffer.from('not-a-signature').toString('base64url')}`;
}

describe('HTTP hardening, local mode', () => {
  let server: TestServer;
  let capture: CaptureServer;
  let logs: ReturnType<typeof captureLogger>;

  beforeAll(async () => {
    logs = captureLogger();
    capture = await startCaptureServer();
    server = await startTestServer({ env: { LOCAL_SERVICE_URLS: capture.url }, runtime: { logger: logs.logger } });
  });
  afterAll(async () => {
    await server.dispose();
    await capture.close();
  });

  it.each([
    ['a number', 12345, 'a number'],
    ['an array', ['a'], 'an array'],
    ['an object', { a: 1 }, 'an object'],
  ])('answers a Direct Line activity whose text is %s with 400 naming "text", and no turn runs', async (_name, text, got) => {
    const conversation = await startConversation(server);
    const errorsBefore = logs.lines.filter((l) => l.level === 'error').length;
    const res = await post(server, conversation, { type: 'message', from: { id: 'u' }, text });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadArgument');
    expect(res.body.error.message).toContain('"text"');
    expect(res.body.error.message).toContain(got);
    expect(logs.lines.filter((l) => l.level === 'error').length).toBe(errorsBefore);
    // The conversation goes on: a proper message still gets an answer.
    expect((await post(server, conversation, { type: 'message', from: { id: 'u' }, text: 'hi' })).status).toBe(200);
  });

  it('answers /api/messages with a non-string text with 400 naming "text"', async () => {
    const res = await jsonRequest(`${server.url}/api/messages`, {
      body: { type: 'message', text: 12345, serviceUrl: capture.url, channelId: 'test', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c-num' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadActivity');
    expect(res.body.error.message).toContain('"text"');
  });

  it('logs the user text at debug level only redacted', async () => {
    const conversation = await startConversation(server);
    expect((await post(server, conversation, { type: 'message', from: { id: 'u' }, text: 'my password is Hunter2Secret! and the code was 559812' })).status).toBe(200);
    expect((await post(server, conversation, { type: 'message', from: { id: 'u' }, text: 'pw: Secr3tPass!' })).status).toBe(200);
    const all = logs.text();
    expect(all).not.toContain('Hunter2Secret');
    expect(all).not.toContain('559812');
    expect(all).not.toContain('Secr3tPass');
    const texts = logs.lines.filter((l) => l.msg === 'directline: user text' && l.conversationId === conversation.conversationId).map((l) => l.text);
    expect(texts).toEqual(['my password is [redacted password] and the code was [redacted code]', 'pw: [redacted password]']);
  });

  it('refuses a serviceUrl that is not its own Direct Line or listed, without calling it', async () => {
    const elsewhere = await startCaptureServer();
    try {
      const started = Date.now();
      const res = await jsonRequest(`${server.url}/api/messages`, {
        body: { type: 'message', text: 'hi', serviceUrl: elsewhere.url, channelId: 'test', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c-ssrf' } },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ServiceUrlNotAllowed');
      expect(res.body.error.message).toContain('LOCAL_SERVICE_URLS');
      expect(Date.now() - started).toBeLessThan(2000);
      await new Promise((r) => setTimeout(r, 200));
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('refuses an activity with no serviceUrl in local mode', async () => {
    const res = await jsonRequest(`${server.url}/api/messages`, { body: { type: 'message', text: 'hi', channelId: 'test', from: { id: 'u' }, conversation: { id: 'c-none' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('serviceUrl');
  });

  it('still answers a listed origin (LOCAL_SERVICE_URLS) and its own Direct Line', async () => {
    const before = capture.requests.length;
    const res = await jsonRequest(`${server.url}/api/messages`, {
      body: { type: 'message', text: 'hi', serviceUrl: `${capture.url}/`, channelId: 'test', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c-listed' } },
    });
    expect(res.status).toBe(200);
    await capture.waitFor(before + 1);
    const conversation = await startConversation(server);
    expect((await post(server, conversation, { type: 'message', from: { id: 'u' }, text: 'hi' })).status).toBe(200);
  });
});

describe('HTTP hardening, with an app id and the signing keys out of reach', () => {
  let server: TestServer;
  let logs: ReturnType<typeof captureLogger>;

  beforeAll(async () => {
    logs = captureLogger();
    const port = await freePort();
    server = await startTestServer({
      env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' },
      runtime: { logger: logs.logger },
      server: { openIdMetadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration` },
    });
  });
  afterAll(() => server.dispose());

  const activity = { type: 'message', text: 'hi', serviceUrl: 'https://smba.example/', channelId: 'msteams', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c-auth' } };

  it.each([
    ['an alg:none token', jwt({ alg: 'none', typ: 'JWT' }, { iss: 'https://api.botframework.com', aud: APP_ID, exp: 4102444800 })],
    ['an RS256 token with an unknown key id', jwt({ alg: 'RS256', typ: 'JWT', kid: 'unknown-kid' }, { iss: 'https://api.botframework.com', aud: APP_ID, exp: 4102444800 })],
  ])('answers %s with 401 or 503 and a reason, never 500', async (_name, token) => {
    const res = await jsonRequest(`${server.url}/api/messages`, { body: activity, headers: { Authorization: `Bearer ${token}` } });
    expect([401, 503]).toContain(res.status);
    expect(typeof res.body.error.message).toBe('string');
    expect(res.body.error.code).not.toBe('InternalError');
    if (res.status === 503) expect(res.body.error.message).toMatch(/signing keys/);
  });

  it('still answers 401 without a token', async () => {
    const res = await jsonRequest(`${server.url}/api/messages`, { body: activity });
    expect(res.status).toBe(401);
  });
});

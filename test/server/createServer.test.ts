import { startCaptureServer, type CaptureServer } from '../helpers/captureServer';
import { captureLogger } from '../helpers/captureLogger';
import { jsonRequest, startTestServer, type TestServer } from '../helpers/testServer';

const APP_ID = '00000000-1111-2222-3333-444444444444';

function messageActivity(serviceUrl: string, conversationId: string, text = 'hi') {
  return {
    type: 'message',
    id: 'activity-1',
    channelId: 'test',
    serviceUrl,
    text,
    from: { id: 'user-1', name: 'User' },
    recipient: { id: 'bot', name: 'Resync' },
    conversation: { id: conversationId },
  };
}

describe('HTTP server (local mode)', () => {
  let server: TestServer;
  let capture: CaptureServer;
  let logs: ReturnType<typeof captureLogger>;

  beforeAll(async () => {
    logs = captureLogger();
    capture = await startCaptureServer();
    // The capture server stands in for a channel: local mode answers only listed serviceUrls.
    server = await startTestServer({ env: { LOCAL_SERVICE_URLS: capture.url }, runtime: { logger: logs.logger } });
  });
  afterAll(async () => {
    await server.dispose();
    await capture.close();
  });

  it('answers /healthz and /readyz', async () => {
    expect((await jsonRequest(`${server.url}/healthz`)).status).toBe(200);
    const ready = await jsonRequest(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });

  it('runs a turn from /api/messages and sends the reply to the serviceUrl', async () => {
    const before = capture.requests.length;
    const res = await jsonRequest(`${server.url}/api/messages`, { body: messageActivity(capture.url, 'conv-http-1') });
    expect(res.status).toBe(200);
    const [reply] = (await capture.waitFor(before + 1)).slice(before);
    expect(reply!.method).toBe('POST');
    expect(reply!.path).toMatch(/^\/v3\/conversations\/conv-http-1\/activities/);
    const body = reply!.body as { type: string; text?: string; conversation: { id: string }; replyToId?: string };
    expect(body.type).toBe('message');
    expect(body.conversation.id).toBe('conv-http-1');
    expect((body.text ?? '').length).toBeGreaterThan(0);
    // The request log names the conversation but not the message text.
    const line = logs.lines.find((l) => l.msg === 'request' && l.path === '/api/messages' && l.conversationId === 'conv-http-1');
    expect(line).toBeDefined();
    expect(logs.lines.filter((l) => l.level !== 'debug').map((l) => JSON.stringify(l)).join('\n')).not.toMatch(/"hi"/);
  });

  it('answers malformed JSON with 400 and a JSON reason', async () => {
    const res = await jsonRequest(`${server.url}/api/messages`, { rawBody: '{"type": "message",' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MalformedJson');
    expect(typeof res.body.error.message).toBe('string');
  });

  it('answers a body that is not an activity with 400', async () => {
    const res = await jsonRequest(`${server.url}/api/messages`, { body: [1, 2, 3] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadActivity');
  });

  it('answers a body over 1 MB with 413', async () => {
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(1024 * 1024 + 10) });
    const res = await jsonRequest(`${server.url}/api/messages`, { rawBody: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PayloadTooLarge');
  });

  it('answers a chunked body over 1 MB with 413 too', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(`${server.url}/api/messages`, { method: 'POST', body: stream, headers: { 'Content-Type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers unknown routes with a JSON 404 and wrong methods with 405', async () => {
    const res = await jsonRequest(`${server.url}/no/such/thing`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: expect.any(String), message: 'No such route.' } });
    const wrong = await jsonRequest(`${server.url}/api/messages`, { method: 'GET' });
    expect(wrong.status).toBe(405);
  });

  it('logs rejected requests as warnings without stack traces and keeps serving', async () => {
    await jsonRequest(`${server.url}/api/messages`, { rawBody: '{oops' });
    await jsonRequest(`${server.url}/missing`);
    expect(logs.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(logs.text()).not.toMatch(/"stack"|\n\s+at /);
    expect(logs.lines.some((l) => l.level === 'warn' && l.status === 400)).toBe(true);
    expect((await jsonRequest(`${server.url}/healthz`)).status).toBe(200);
  });

  it('sets security headers on every response', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves the chat page with a self-only Content-Security-Policy and a fresh nonce', async () => {
    const first = await fetch(`${server.url}/`);
    const html = await first.text();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/text\/html/);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/https?:/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`content="${nonce}"`);
    expect(html).toContain('/webchat/webchat.js');
    const second = await fetch(`${server.url}/`);
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
  });

  it('serves Web Chat from node_modules and the page script', async () => {
    const bundle = await fetch(`${server.url}/webchat/webchat.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    const chat = await fetch(`${server.url}/chat.js`);
    expect(chat.status).toBe(200);
    expect(await chat.text()).toContain('createDirectLine');
  });

  it('tells the page to use the built-in Direct Line', async () => {
    const res = await jsonRequest(`${server.url}/api/chat-config`);
    expect(res.body).toEqual({ mode: 'local', directLineDomain: '/v3/directline' });
    expect((await jsonRequest(`${server.url}/api/directline/token`, { body: {} })).status).toBe(404);
  });

  it('reports not ready once storage is gone', async () => {
    const other = await startTestServer();
    try {
      await other.runtime.storage.close();
      const res = await jsonRequest(`${other.url}/readyz`);
      expect(res.status).toBe(503);
      expect((await jsonRequest(`${other.url}/healthz`)).status).toBe(200);
    } finally {
      await other.dispose();
    }
  });
});

describe('HTTP server with an app id', () => {
  let server: TestServer;
  let logs: ReturnType<typeof captureLogger>;

  beforeAll(async () => {
    logs = captureLogger();
    server = await startTestServer({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' }, runtime: { logger: logs.logger } });
  });
  afterAll(() => server.dispose());

  it('rejects a request without a channel token with 401', async () => {
    const capture = await startCaptureServer();
    try {
      const res = await jsonRequest(`${server.url}/api/messages`, { body: messageActivity(capture.url, 'conv-auth') });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('Unauthorized');
      expect(capture.requests).toHaveLength(0);
      expect(logs.lines.filter((l) => l.level === 'error')).toEqual([]);
      expect(logs.text()).not.toContain('not-a-real-secret');
    } finally {
      await capture.close();
    }
  });

  it('does not offer the built-in Direct Line', async () => {
    expect((await jsonRequest(`${server.url}/api/chat-config`)).body.mode).toBe('unavailable');
    expect((await jsonRequest(`${server.url}/v3/directline/tokens/generate`, { body: {} })).status).toBe(404);
  });
});

describe('HTTP server with a Direct Line secret (Azure mode)', () => {
  const SECRET = 'dl-secret-for-tests-0123456789';

  it('exchanges the secret for a token and returns only the token', async () => {
    const fakeDirectLine = await startCaptureServer(() => ({ status: 200, body: { conversationId: 'c1', token: 'short-lived-token', expires_in: 3600 } }));
    const logs = captureLogger();
    const server = await startTestServer({ env: { DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: fakeDirectLine.url }, runtime: { logger: logs.logger } });
    try {
      expect((await jsonRequest(`${server.url}/api/chat-config`)).body).toEqual({ mode: 'azure', tokenUrl: '/api/directline/token' });
      const res = await jsonRequest(`${server.url}/api/directline/token`, { body: {} });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ token: 'short-lived-token' });
      expect(fakeDirectLine.requests).toHaveLength(1);
      expect(fakeDirectLine.requests[0]!.path).toBe('/v3/directline/tokens/generate');
      expect(fakeDirectLine.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(logs.text()).not.toContain(SECRET);
      expect((await fetch(`${server.url}/`).then((r) => r.text())).includes(SECRET)).toBe(false);
      // The built-in endpoint is off when Azure's channel is used.
      expect((await jsonRequest(`${server.url}/v3/directline/tokens/generate`, { body: {} })).status).toBe(404);
    } finally {
      await server.dispose();
      await fakeDirectLine.close();
    }
  });

  it('answers 502 without details when Direct Line refuses, and never leaks the secret', async () => {
    const fakeDirectLine = await startCaptureServer(() => ({ status: 403, body: { error: { code: 'BadArgument', message: `secret ${SECRET} invalid` } } }));
    const logs = captureLogger();
    const server = await startTestServer({ env: { DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: fakeDirectLine.url }, runtime: { logger: logs.logger } });
    try {
      const res = await jsonRequest(`${server.url}/api/directline/token`, { body: {} });
      expect(res.status).toBe(502);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      expect(logs.text()).not.toContain(SECRET);
    } finally {
      await server.dispose();
      await fakeDirectLine.close();
    }
  });

  it('uses the injected fetch and gives up after its timeout', async () => {
    let calls = 0;
    const hangingFetch: typeof fetch = (_url, init) => {
      calls++;
      return new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'TimeoutError' }))));
    };
    const server = await startTestServer({ env: { DIRECT_LINE_SECRET: SECRET }, server: { fetch: hangingFetch, directLineTokenTimeoutMs: 300 } });
    try {
      const started = Date.now();
      const res = await jsonRequest(`${server.url}/api/directline/token`, { body: {} });
      expect(res.status).toBe(502);
      expect(calls).toBe(1);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await server.dispose();
    }
  });
});

describe('HTTP server: the built-in Direct Line takes its limits from the configuration', () => {
  let server: TestServer;
  afterEach(async () => server?.dispose());

  it('DIRECTLINE_CONVERSATIONS_PER_MINUTE and DIRECTLINE_MESSAGES_PER_MINUTE reach the endpoint', async () => {
    server = await startTestServer({ env: { DIRECTLINE_CONVERSATIONS_PER_MINUTE: '2', DIRECTLINE_MESSAGES_PER_MINUTE: '1' } });
    const generate = () => jsonRequest(`${server.url}/v3/directline/tokens/generate`, { body: { user: { id: 'dl_limits' } } });
    const first = await generate();
    expect(first.status).toBe(200);
    expect((await generate()).status).toBe(200);
    const third = await generate();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);

    const { conversationId, token } = first.body as { conversationId: string; token: string };
    const post = (text: string) => jsonRequest(`${server.url}/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text, from: { id: 'dl_limits' } } });
    expect((await post('hello')).status).toBe(200);
    expect((await post('again')).status).toBe(429);
  });
});

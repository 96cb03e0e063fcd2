/**
 * The built-in Direct Line's protections, on a bare restify server with LocalDirectLine alone (the
 * bot is a fake that accepts every delivery): rate limits per client address and per conversation,
 * shared by two instances on one storage; the trusted-proxy setting; the connector's host check.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import restify, { type Request, type Response, type Server } from 'restify';
import { ManualClock } from '../../src/clock';
import { DirectLineStore } from '../../src/directline/directLineStore';
import { LocalDirectLine, type LocalDirectLineOptions } from '../../src/directline/localDirectLine';
import { silentLogger } from '../../src/logging/logger';
import { HttpError, sendError } from '../../src/server/httpJson';
import { MemoryClosableStorage } from '../../src/storage/memoryClosableStorage';
import { jsonRequest } from '../helpers/testServer';

const DL = '/v3/directline';
type Handler = (req: Request, res: Response) => Promise<void>;

const wrap = (_name: string, handler: Handler): Handler => async (req, res) => {
  try {
    await handler(req, res);
  } catch (error) {
    sendError(res, error instanceof HttpError ? error : new HttpError(500, 'InternalError', 'Something went wrong.'));
  }
};

/** A bot that takes every activity (what the loopback delivery to /api/messages reaches). */
const acceptingBot = (async () => new Response(null, { status: 200 })) as typeof fetch;

interface Instance {
  url: string;
  directLine: LocalDirectLine;
  close(): Promise<void>;
}

async function startInstance(storage: MemoryClosableStorage, clock: ManualClock, extra: Partial<LocalDirectLineOptions> = {}): Promise<Instance> {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  const store = new DirectLineStore({ storage, clock });
  const directLine = new LocalDirectLine({
    store,
    logger: silentLogger,
    selfUrl: () => `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    bot: { id: 'bot', name: 'Bot' },
    maxBodyBytes: 64 * 1024,
    fetch: acceptingBot,
    ...extra,
  });
  directLine.register(server, wrap);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    directLine,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const newConversation = (url: string, headers: Record<string, string> = {}) => jsonRequest(`${url}${DL}/conversations`, { method: 'POST', headers });

describe('local Direct Line rate limits', () => {
  const clock = new ManualClock('2026-04-01T09:00:05Z');
  let storage: MemoryClosableStorage;
  let a: Instance;
  let b: Instance;

  beforeEach(async () => {
    storage = new MemoryClosableStorage();
    a = await startInstance(storage, clock, { conversationsPerMinute: 3, messagesPerMinute: 4 });
    b = await startInstance(storage, clock, { conversationsPerMinute: 3, messagesPerMinute: 4 });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    clock.advance(60_000); // every test starts in a fresh window
  });

  it('answers 429 with Retry-After and a Direct Line error once an address has started too many conversations, across instances', async () => {
    expect((await newConversation(a.url)).status).toBe(201);
    expect((await jsonRequest(`${b.url}${DL}/tokens/generate`, { body: {} })).status).toBe(200);
    expect((await newConversation(b.url)).status).toBe(201);
    for (const url of [a.url, b.url]) {
      const refused = await newConversation(url);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(refused.body).toEqual({ error: { code: 'TooManyRequests', message: expect.stringMatching(/conversations/) } });
      expect((await jsonRequest(`${url}${DL}/tokens/generate`, { body: {} })).status).toBe(429);
    }
    clock.advance(60_000);
    expect((await newConversation(a.url)).status).toBe(201);
  });

  it('does not count resuming a conversation with its token, nor polling', async () => {
    const { token, conversationId } = (await jsonRequest(`${a.url}${DL}/tokens/generate`, { body: {} })).body;
    for (let i = 0; i < 6; i++) {
      expect((await jsonRequest(`${a.url}${DL}/conversations`, { token, body: {} })).status).toBe(201);
      expect((await jsonRequest(`${b.url}${DL}/conversations/${conversationId}/activities?watermark=0`, { token })).status).toBe(200);
      expect((await jsonRequest(`${b.url}${DL}/conversations/${conversationId}?watermark=0`, { token })).status).toBe(200);
    }
    expect((await newConversation(a.url)).status).toBe(201);
  });

  it('limits posted activities per conversation, across instances, and not other conversations', async () => {
    const mine = (await newConversation(a.url)).body;
    const other = (await newConversation(a.url)).body;
    const post = (url: string, c: { conversationId: string; token: string }, text: string) =>
      jsonRequest(`${url}${DL}/conversations/${c.conversationId}/activities`, { token: c.token, body: { type: 'message', text } });
    for (let i = 0; i < 4; i++) expect((await post(i % 2 ? a.url : b.url, mine, `m${i}`)).status).toBe(200);
    const refused = await post(a.url, mine, 'one too many');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('TooManyRequests');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await post(b.url, other, 'hello')).status).toBe(200);
    // The refused activity was not stored; polling still works.
    const page = await jsonRequest(`${a.url}${DL}/conversations/${mine.conversationId}/activities?watermark=0`, { token: mine.token });
    expect(page.status).toBe(200);
    expect((page.body.activities as any[]).map((x) => x.text)).toEqual(['m0', 'm1', 'm2', 'm3']);
    clock.advance(60_000);
    expect((await post(a.url, mine, 'later')).status).toBe(200);
  });

  it('does not let an unauthenticated caller use up a conversation\'s budget', async () => {
    const mine = (await newConversation(a.url)).body;
    for (let i = 0; i < 6; i++) {
      const res = await jsonRequest(`${a.url}${DL}/conversations/${mine.conversationId}/activities`, { token: 'forged', body: { type: 'message', text: 'x' } });
      expect(res.status).toBe(401);
    }
    const ok = await jsonRequest(`${a.url}${DL}/conversations/${mine.conversationId}/activities`, { token: mine.token, body: { type: 'message', text: 'mine' } });
    expect(ok.status).toBe(200);
  });
});

describe('local Direct Line behind a trusted proxy', () => {
  const clock = new ManualClock('2026-04-01T11:00:05Z');

  it('limits each forwarded client on its own with TRUST_PROXY_HOPS=1', async () => {
    const instance = await startInstance(new MemoryClosableStorage(), clock, { conversationsPerMinute: 2, trustProxyHops: 1 });
    try {
      const from = (client: string) => ({ 'X-Forwarded-For': `${client}:50123` });
      expect((await newConversation(instance.url, from('198.51.100.1'))).status).toBe(201);
      expect((await newConversation(instance.url, from('198.51.100.1'))).status).toBe(201);
      expect((await newConversation(instance.url, from('198.51.100.1'))).status).toBe(429);
      // Another client behind the same proxy is not affected...
      expect((await newConversation(instance.url, from('198.51.100.2'))).status).toBe(201);
      // ...and a client cannot escape its count by prepending addresses of its own.
      expect((await newConversation(instance.url, { 'X-Forwarded-For': '10.9.9.9, 198.51.100.1' })).status).toBe(429);
    } finally {
      await instance.close();
    }
  });

  it('ignores X-Forwarded-For with the default of 0 hops (every caller counts as the socket address)', async () => {
    const instance = await startInstance(new MemoryClosableStorage(), clock, { conversationsPerMinute: 2 });
    try {
      expect((await newConversation(instance.url, { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(201);
      expect((await newConversation(instance.url, { 'X-Forwarded-For': '198.51.100.2' })).status).toBe(201);
      expect((await newConversation(instance.url, { 'X-Forwarded-For': '198.51.100.3' })).status).toBe(429);
    } finally {
      await instance.close();
    }
  });
});

describe('local Direct Line connector host check', () => {
  /** Registers the routes on a stand-in server so a handler can be called with a made-up socket. */
  function routes(directLine: LocalDirectLine): Map<string, Handler> {
    const table = new Map<string, Handler>();
    const fake = {
      post: (path: string, handler: Handler) => table.set(`POST ${path}`, handler),
      get: (path: string, handler: Handler) => table.set(`GET ${path}`, handler),
      server: new EventEmitter(),
    };
    directLine.register(fake as unknown as Server, (_name, handler) => handler);
    return table;
  }

  function connectorCall(key: string, conversationId: string, socket: { remoteAddress: string; localAddress: string }, headers: Record<string, string> = {}) {
    const body = JSON.stringify({ type: 'message', text: 'from the bot?' });
    const req = Object.assign(Readable.from([Buffer.from(body)]), {
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
      socket,
      params: { key, conversationId },
      url: `/connector/${key}/v3/conversations/${conversationId}/activities`,
    }) as unknown as Request;
    const sent: { status?: number; body?: string } = {};
    const res: { headersSent: boolean; statusCode: number; setHeader: () => void; end: (text: string) => void } = {
      headersSent: false,
      statusCode: 0,
      setHeader: () => undefined,
      end: (text: string) => {
        sent.status = res.statusCode;
        sent.body = text;
      },
    };
    return { req, res: res as unknown as Response, sent };
  }

  it('refuses a caller from elsewhere even with the right key and a forged X-Forwarded-For: 127.0.0.1', async () => {
    const clock = new ManualClock();
    const store = new DirectLineStore({ storage: new MemoryClosableStorage(), clock });
    const directLine = new LocalDirectLine({ store, logger: silentLogger, selfUrl: () => 'http://127.0.0.1:9', bot: { id: 'bot', name: 'Bot' }, maxBodyBytes: 4096, fetch: acceptingBot, trustProxyHops: 1, sweepIntervalMs: false });
    const handler = routes(directLine).get('POST /connector/:key/v3/conversations/:conversationId/activities') as Handler;
    const key = await store.connectorKey();
    const { id } = await store.createConversation('u');

    const forged = connectorCall(key, id, { remoteAddress: '203.0.113.50', localAddress: '10.0.0.4' }, { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' });
    await expect(handler(forged.req, forged.res)).rejects.toMatchObject({ status: 403 });
    expect((await store.activitiesSince(id, 0)).activities).toEqual([]);

    // The same call from loopback is the bot's own and is stored.
    const own = connectorCall(key, id, { remoteAddress: '::ffff:127.0.0.1', localAddress: '::ffff:127.0.0.1' });
    await handler(own.req, own.res);
    expect(own.sent.status).toBe(200);
    expect((await store.activitiesSince(id, 0)).activities.map((x) => x.text)).toEqual(['from the bot?']);
  });

  it('starts its sweeper when registered and stops it when the server closes', async () => {
    const store = new DirectLineStore({ storage: new MemoryClosableStorage(), clock: new ManualClock() });
    const options = { store, logger: silentLogger, selfUrl: () => 'http://127.0.0.1:9', bot: { id: 'bot', name: 'Bot' }, maxBodyBytes: 4096 };
    const withTimer = new LocalDirectLine(options);
    const fake = { post: () => undefined, get: () => undefined, server: new EventEmitter() };
    withTimer.register(fake as unknown as Server, (_n, h) => h);
    expect(withTimer.sweeper.started).toBe(true);
    fake.server.emit('close');
    expect(withTimer.sweeper.started).toBe(false);

    const withoutTimer = new LocalDirectLine({ ...options, sweepIntervalMs: false });
    withoutTimer.register({ post: () => undefined, get: () => undefined, server: new EventEmitter() } as unknown as Server, (_n, h) => h);
    expect(withoutTimer.sweeper.started).toBe(false);
  });
});

import type { IncomingMessage } from 'node:http';
import type { Server, Request, Response } from 'restify';
import { clientAddress } from '../agent/requestSecurity';
import type { Logger } from '../logging/logger';
import { redactText } from '../privacy/redact';
import { parseActivityBody } from '../server/activityBody';
import { bearerToken, HttpError, isObject, readJsonBody, sendJson } from '../server/httpJson';
import { DIRECT_LINE_CHANNEL_ID } from './botConversationState';
import { DirectLineStore, type DirectLineActivity, type StoredConversation } from './directLineStore';
import { DirectLineSweeper } from './directLineSweeper';
import type { FixedWindowLimiter } from './fixedWindowLimiter';

/**
 * A Direct Line 3.0 REST endpoint (polling, no WebSocket) for local mode, so Web Chat talks to
 * the bot without Azure. User activities reach the bot the way a channel's do: an HTTP POST to
 * this service's own `/api/messages`, with a `serviceUrl` that points at a small Bot Connector
 * emulation (also served here) which appends the bot's replies to the conversation log.
 *
 * Only for local mode (no MicrosoftAppId): with an app id, `/api/messages` requires a channel
 * token that this endpoint cannot mint, and Azure's Direct Line (DIRECT_LINE_SECRET) is used.
 */
export interface LocalDirectLineOptions {
  store: DirectLineStore;
  logger: Logger;
  /** Base URL of this very server on loopback (known once it listens). */
  selfUrl: () => string;
  /** Bot account shown to clients. */
  bot: { id: string; name: string };
  maxBodyBytes: number;
  /** How long a user's post waits for the bot's turn to finish. */
  deliveryTimeoutMs?: number;
  fetch?: typeof fetch;
  /** Adds fields (the conversation id) to the request's log line. */
  annotate?: (req: Request, fields: Record<string, unknown>) => void;
  /** Reverse proxies trusted to report the client's address (config TRUST_PROXY_HOPS; default 0). */
  trustProxyHops?: number;
  /** New conversations and tokens per client address per minute (DIRECTLINE_CONVERSATIONS_PER_MINUTE; default 30, 0 = no limit). */
  conversationsPerMinute?: number;
  /** Activities a client may post per conversation per minute (DIRECTLINE_MESSAGES_PER_MINUTE; default 60, 0 = no limit). */
  messagesPerMinute?: number;
  /** Time between sweeps of expired tokens and idle conversations (default 10 minutes); `false`: no timer. */
  sweepIntervalMs?: number | false;
}

type Handler = (req: Request, res: Response) => Promise<void>;

export const DIRECT_LINE_BASE = '/v3/directline';
export const CONNECTOR_BASE = '/connector';

/** Activity types the log keeps; typing and trace are transient. */
const TRANSIENT_TYPES = new Set(['typing', 'trace']);

export class LocalDirectLine {
  private readonly fetchImpl: typeof fetch;
  private readonly deliveryTimeoutMs: number;
  private readonly perAddress: FixedWindowLimiter;
  private readonly perConversation: FixedWindowLimiter;
  /** Deletes expired tokens and idle conversations; started by `register`, stopped when the server closes. */
  readonly sweeper: DirectLineSweeper;

  constructor(private readonly options: LocalDirectLineOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.deliveryTimeoutMs = options.deliveryTimeoutMs ?? 15000;
    this.perAddress = options.store.limiter('address', options.conversationsPerMinute ?? 30);
    this.perConversation = options.store.limiter('conversation', options.messagesPerMinute ?? 60);
    this.sweeper = new DirectLineSweeper({ store: options.store, logger: options.logger, intervalMs: options.sweepIntervalMs || undefined });
  }

  /** Stops the sweeper (also done when the server closes). */
  close(): Promise<void> {
    return this.sweeper.stop();
  }

  register(server: Server, wrap: (name: string, handler: Handler) => Handler): void {
    if (this.options.sweepIntervalMs !== false) {
      this.sweeper.start();
      server.server.once('close', () => void this.sweeper.stop());
    }
    const dl = DIRECT_LINE_BASE;
    server.post(`${dl}/tokens/generate`, wrap('directline.tokens.generate', (req, res) => this.generateToken(req, res)));
    server.post(`${dl}/tokens/refresh`, wrap('directline.tokens.refresh', (req, res) => this.refreshToken(req, res)));
    server.post(`${dl}/conversations`, wrap('directline.conversations.start', (req, res) => this.startConversation(req, res)));
    server.get(`${dl}/conversations/:conversationId`, wrap('directline.conversations.reconnect', (req, res) => this.reconnect(req, res)));
    server.post(`${dl}/conversations/:conversationId/activities`, wrap('directline.activities.post', (req, res) => this.postActivity(req, res)));
    server.get(`${dl}/conversations/:conversationId/activities`, wrap('directline.activities.get', (req, res) => this.getActivities(req, res)));

    const connector = `${CONNECTOR_BASE}/:key/v3/conversations/:conversationId/activities`;
    server.post(connector, wrap('connector.sendToConversation', (req, res) => this.botActivity(req, res)));
    server.post(`${connector}/:activityId`, wrap('connector.replyToActivity', (req, res) => this.botActivity(req, res)));
  }

  /** The serviceUrl the bot replies to (stable across restarts while host and port stay the same). */
  async serviceUrl(): Promise<string> {
    return `${this.options.selfUrl()}${CONNECTOR_BASE}/${await this.options.store.connectorKey()}`;
  }

  // --- Direct Line: tokens and conversations ---------------------------------------------------

  private async generateToken(req: Request, res: Response): Promise<void> {
    await this.limit(req, this.perAddress, clientAddress(req, this.options.trustProxyHops ?? 0), 'conversations');
    const body = await readJsonBody(req, this.options.maxBodyBytes);
    const conversation = await this.options.store.createConversation(userIdFrom(body));
    const issued = await this.options.store.issueToken(conversation.id);
    this.options.annotate?.(req, { conversationId: conversation.id });
    this.options.logger.info('directline: conversation created', { conversationId: conversation.id });
    if (conversation.userId) await this.welcome(conversation, conversation.userId);
    sendJson(res, 200, { conversationId: conversation.id, token: issued.token, expires_in: issued.expiresInSeconds });
  }

  private async refreshToken(req: Request, res: Response): Promise<void> {
    await this.limit(req, this.perAddress, clientAddress(req, this.options.trustProxyHops ?? 0), 'conversations');
    const conversationId = await this.authorize(req);
    this.options.annotate?.(req, { conversationId });
    const issued = await this.options.store.issueToken(conversationId);
    sendJson(res, 200, { conversationId, token: issued.token, expires_in: issued.expiresInSeconds });
  }

  private async startConversation(req: Request, res: Response): Promise<void> {
    const body = await readJsonBody(req, this.options.maxBodyBytes);
    const token = bearerToken(req);
    if (token || req.headers.authorization) {
      // Token from tokens/generate: start (or resume) that conversation.
      const conversationId = await this.authorize(req);
      this.options.annotate?.(req, { conversationId });
      const conversation = await this.requireConversation(conversationId);
      const userId = userIdFrom(body);
      if (userId && !conversation.userId) {
        await this.options.store.setUserId(conversationId, userId);
        await this.welcome(conversation, userId);
      }
      sendJson(res, 201, { conversationId, token, expires_in: this.options.store.tokenTtlSeconds });
      return;
    }
    await this.limit(req, this.perAddress, clientAddress(req, this.options.trustProxyHops ?? 0), 'conversations');
    const conversation = await this.options.store.createConversation(userIdFrom(body));
    const issued = await this.options.store.issueToken(conversation.id);
    this.options.annotate?.(req, { conversationId: conversation.id });
    this.options.logger.info('directline: conversation created', { conversationId: conversation.id });
    if (conversation.userId) await this.welcome(conversation, conversation.userId);
    sendJson(res, 201, { conversationId: conversation.id, token: issued.token, expires_in: issued.expiresInSeconds });
  }

  private async reconnect(req: Request, res: Response): Promise<void> {
    const conversationId = await this.authorize(req, req.params.conversationId);
    await this.requireConversation(conversationId);
    sendJson(res, 200, { conversationId, token: bearerToken(req), expires_in: this.options.store.tokenTtlSeconds });
  }

  // --- Direct Line: activities -------------------------------------------------------------------

  private async postActivity(req: Request, res: Response): Promise<void> {
    const conversationId = await this.authorize(req, req.params.conversationId);
    await this.limit(req, this.perConversation, conversationId, 'messages');
    const body = await readJsonBody(req, this.options.maxBodyBytes);
    parseActivityBody(body, 'BadArgument');
    if (!isObject(body)) throw new HttpError(400, 'BadArgument', 'The activity must be a JSON object with a "type".');
    let conversation = await this.requireConversation(conversationId);
    const claimedUser = isObject(body.from) && typeof body.from.id === 'string' ? body.from.id : undefined;
    if (!conversation.userId) {
      const userId = claimedUser || `dl_${conversationId.slice(0, 12)}`;
      await this.options.store.setUserId(conversationId, userId);
      conversation = await this.requireConversation(conversationId);
      await this.welcome(conversation, conversation.userId ?? userId);
    }
    const userId = conversation.userId as string;
    const from = { ...(isObject(body.from) ? body.from : {}), id: userId, role: 'user' };
    const { id: _id, timestamp: _ts, serviceUrl: _su, conversation: _c, recipient: _r, channelId: _ch, ...rest } = body;
    const stored = await this.options.store.appendActivity(conversationId, { ...rest, from, channelId: DIRECT_LINE_CHANNEL_ID });
    this.options.logger.info('directline: user activity', { conversationId, activityId: stored.id, type: stored.type });
    // What people type can hold passwords and codes: only the redacted text is ever logged.
    if (typeof stored.text === 'string') this.options.logger.debug('directline: user text', { conversationId, text: redactText(stored.text).text });
    await this.deliver(stored);
    sendJson(res, 200, { id: stored.id });
  }

  private async getActivities(req: Request, res: Response): Promise<void> {
    const conversationId = await this.authorize(req, req.params.conversationId);
    await this.requireConversation(conversationId);
    const raw = new URL(req.url ?? '/', 'http://local').searchParams.get('watermark') ?? '';
    const watermark = /^\d+$/.test(raw) ? Number(raw) : 0;
    const page = await this.options.store.activitiesSince(conversationId, watermark);
    sendJson(res, 200, { activities: page.activities, watermark: String(page.watermark) });
  }

  // --- Bot Connector emulation ------------------------------------------------------------------

  private async botActivity(req: Request, res: Response): Promise<void> {
    await this.authorizeConnector(req);
    const conversationId = String(req.params.conversationId);
    await this.requireConversation(conversationId);
    const body = await readJsonBody(req, this.options.maxBodyBytes);
    if (!isObject(body) || typeof body.type !== 'string') {
      throw new HttpError(400, 'BadArgument', 'The activity must be a JSON object with a "type".');
    }
    if (TRANSIENT_TYPES.has(body.type)) {
      sendJson(res, 200, { id: '' });
      return;
    }
    const { id: _id, timestamp: _ts, serviceUrl: _su, conversation: _c, recipient: _r, channelId: _ch, from: _f, ...rest } = body;
    // Keep replyToId only when it names an activity of this log. A proactive message replies to
    // botbuilder's made-up continuation activity, and Web Chat would hold such a message back for
    // seconds waiting for an activity that never comes.
    const claimed = typeof req.params.activityId === 'string' ? req.params.activityId : rest.replyToId;
    const replyToId = typeof claimed === 'string' && claimed.startsWith(`${conversationId}|`) ? claimed : undefined;
    delete rest.replyToId;
    const stored = await this.options.store.appendActivity(conversationId, {
      ...rest,
      ...(replyToId ? { replyToId } : {}),
      channelId: DIRECT_LINE_CHANNEL_ID,
      from: { id: this.options.bot.id, name: this.options.bot.name, role: 'bot' },
    });
    this.options.logger.debug('connector: bot activity', { conversationId, activityId: stored.id, type: stored.type });
    sendJson(res, 200, { id: stored.id });
  }

  private async authorizeConnector(req: Request): Promise<void> {
    if (!isFromThisHost(req) || !(await this.options.store.isConnectorKey(String(req.params.key ?? '')))) {
      throw new HttpError(403, 'Forbidden', 'Only this bot may post to its connector.');
    }
  }

  // --- helpers -------------------------------------------------------------------------------------

  /** Counts the request against a limiter; 429 with Retry-After once the window is full. */
  private async limit(req: Request, limiter: FixedWindowLimiter, subject: string, what: 'conversations' | 'messages'): Promise<void> {
    const decision = await limiter.take(subject);
    if (decision.allowed) return;
    req.resume(); // the body is not read; let the client finish sending it and read the answer
    const message = what === 'messages' ? `More than ${limiter.limit} activities a minute in this conversation.` : `More than ${limiter.limit} new conversations or tokens a minute from this address.`;
    throw new HttpError(429, 'TooManyRequests', `${message} Try again in ${decision.retryAfterSeconds} s.`, { 'Retry-After': String(decision.retryAfterSeconds) });
  }

  /** The conversation the bearer token belongs to; 401 without a valid token, 403 for another conversation. */
  private async authorize(req: Request, conversationId?: string): Promise<string> {
    const token = bearerToken(req);
    if (!token) throw new HttpError(401, 'MissingToken', 'A Bearer token is required.', { 'WWW-Authenticate': 'Bearer' });
    const check = await this.options.store.checkToken(token);
    if (!check.ok) {
      if (check.reason === 'expired') throw new HttpError(403, 'TokenExpired', 'The token has expired.');
      throw new HttpError(401, 'BadToken', 'The token is not valid.', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    }
    if (conversationId !== undefined && conversationId !== check.conversationId) {
      throw new HttpError(403, 'Forbidden', 'The token is not valid for this conversation.');
    }
    return check.conversationId;
  }

  private async requireConversation(id: string): Promise<StoredConversation> {
    const conversation = await this.options.store.getConversation(id);
    if (!conversation) throw new HttpError(404, 'ConversationNotFound', 'No such conversation.');
    return conversation;
  }

  /** Tells the bot the user and the bot joined (as Direct Line does before the first message). */
  private async welcome(conversation: StoredConversation, userId: string): Promise<void> {
    const update: DirectLineActivity = {
      type: 'conversationUpdate',
      id: `${conversation.id}|update`,
      timestamp: new Date().toISOString(),
      channelId: DIRECT_LINE_CHANNEL_ID,
      conversation: { id: conversation.id },
      from: { id: userId, role: 'user' },
      membersAdded: [{ id: this.options.bot.id, name: this.options.bot.name }, { id: userId }],
    };
    try {
      await this.deliver(update);
    } catch (error) {
      this.options.logger.warn('directline: conversationUpdate not delivered', { conversationId: conversation.id, reason: (error as Error).message });
    }
  }

  /** POSTs an activity to this server's /api/messages, as a channel would. */
  private async deliver(activity: DirectLineActivity): Promise<void> {
    const payload = {
      ...activity,
      serviceUrl: await this.serviceUrl(),
      recipient: { id: this.options.bot.id, name: this.options.bot.name, role: 'bot' },
    };
    const conversationId = (activity.conversation as { id: string }).id;
    let response: globalThis.Response;
    try {
      response = await this.fetchImpl(`${this.options.selfUrl()}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.deliveryTimeoutMs),
      });
    } catch (error) {
      this.options.logger.warn('directline: bot unreachable', { conversationId, reason: (error as Error).message });
      throw new HttpError(502, 'BotUnreachable', 'The bot did not answer.');
    }
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) {
      this.options.logger.warn('directline: bot rejected activity', { conversationId, status: response.status });
      throw new HttpError(502, 'BotError', `The bot answered ${response.status}.`);
    }
  }
}

function userIdFrom(body: unknown): string | undefined {
  if (!isObject(body) || !isObject(body.user) || typeof body.user.id !== 'string') return undefined;
  const id = body.user.id.trim();
  return id && id.length <= 128 ? id : undefined;
}

/**
 * A caller on this machine: loopback, or the server's own address calling itself. Decided by the
 * socket's addresses only, never by X-Forwarded-For or any other header (whatever TRUST_PROXY_HOPS
 * says): a header is whatever the caller wrote, so a forged "X-Forwarded-For: 127.0.0.1" gains
 * nothing here. The capability key in the connector's URL is the main guard; this check is the
 * second one (a reverse proxy on this same machine would make every caller look local).
 */
export function isFromThisHost(req: IncomingMessage): boolean {
  const remote = req.socket.remoteAddress ?? '';
  const local = req.socket.localAddress ?? '';
  const normalise = (a: string) => a.replace(/^::ffff:/, '');
  const r = normalise(remote);
  return r === '127.0.0.1' || r.startsWith('127.') || r === '::1' || (r !== '' && r === normalise(local));
}

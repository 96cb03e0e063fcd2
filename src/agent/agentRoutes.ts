import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Activity, Storage } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { AgentHub, AgentIdentity, Escalation, HandoffSummary, Ticket, TicketCursor, TicketStatus } from '../handoff/agentHub';
import { HubError } from '../handoff/hubError';
import { stepLabel } from '../handoff/handoffSummary';
import type { Logger } from '../logging/logger';
import { DEFAULT_MAX_BODY_BYTES, HttpError, readJsonBody, sendError, sendJson } from '../server/httpJson';
import { defaultWebDir } from '../server/webAssets';
import { findAccount, parseAgentAccounts, type AgentAccount } from './agentAccounts';
import { AgentSessionStore, csrfTokenMatches, type AgentSession } from './agentSessions';
import { LoginRateLimiter } from './loginRateLimiter';
import { verifyPassword } from './passwordHash';
import { clientAddress, isSameOrigin, readCookies, sessionCookie, sessionCookieName } from './requestSecurity';

/**
 * The agent console: the page at /agent and its JSON API under /api/agent. Every API but
 * sign-in needs a signed-in agent (the session cookie; Authorization headers such as Direct
 * Line tokens are never looked at), and every state-changing call also needs the session's
 * CSRF token in `X-CSRF-Token` and a same-origin request.
 */
export type AgentConsoleConfig = Pick<
  Config,
  'AGENT_ACCOUNTS' | 'AGENT_SESSION_HOURS' | 'AGENT_LOGIN_ATTEMPTS' | 'AGENT_LOGIN_WINDOW_MINUTES' | 'PUBLIC_URL' | 'TRUST_PROXY_HOPS'
>;

export interface AgentRouteDeps {
  config: AgentConsoleConfig;
  hub: AgentHub;
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /** Folder with index.html, agent.js, agent.css (default: web/agent). */
  webDir?: string;
  maxBodyBytes?: number;
  /** Longest a `GET .../messages?wait=` request is held open (default 25 s). */
  longPollMs?: number;
  /** How often a held request re-reads storage (default 250 ms). */
  pollIntervalMs?: number;
  /** Random bytes for session ids and CSRF tokens (tests may pass a deterministic source). */
  random?: (bytes: number) => Buffer;
}

type Handler = (req: Request, res: Response) => Promise<void>;
type AuthedHandler = (req: Request, res: Response, auth: { session: AgentSession; sessionId: string }) => Promise<void>;

export const AGENT_PAGE_PATH = '/agent';
export const AGENT_API_BASE = '/api/agent';

/** The console page's policy: everything from this origin, no inline code, no HTML sinks. */
export function agentPageContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    // Any innerHTML-style assignment throws: user text can only ever become text.
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

const loginBody = z.object({
  username: z.string().trim().min(1, 'is required').max(64, 'is too long'),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
});
const messageBody = z.object({ text: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters') });
const CONVERSATION_ID = /^[^\u0000-\u001f]{1,512}$/;
const TICKET_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Tickets per page of `GET /tickets`: default and most. */
export const TICKETS_PAGE_DEFAULT = 50;
export const TICKETS_PAGE_MAX = 200;

/** The opaque `cursor` of the tickets list: base64url of [status, at, id] of the last ticket shown. */
export function encodeTicketCursor(status: TicketStatus, cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify([status, cursor.at, cursor.id]), 'utf8').toString('base64url');
}

function decodeTicketCursor(text: string): { status: TicketStatus; cursor: TicketCursor } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [status, at, id] = value as unknown[];
    if ((status !== 'open' && status !== 'done') || typeof at !== 'string' || typeof id !== 'string') return undefined;
    if (Number.isNaN(Date.parse(at)) || !TICKET_ID.test(id)) return undefined;
    return { status, cursor: { at, id } };
  } catch {
    return undefined;
  }
}

const ticketsQuery = z
  .object({
    status: z.enum(['open', 'done'], { errorMap: () => ({ message: "must be 'open' or 'done'" }) }).default('open'),
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
      .optional(),
    limit: z
      .string()
      .regex(/^\d{1,4}$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1, 'must be at least 1').max(TICKETS_PAGE_MAX, `must be at most ${TICKETS_PAGE_MAX}`))
      .default(String(TICKETS_PAGE_DEFAULT)),
    cursor: z
      .string()
      .max(1024, 'is too long')
      .transform((text, ctx) => {
        const decoded = decodeTicketCursor(text);
        if (!decoded) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is not a cursor this list gave out' });
          return z.NEVER;
        }
        return decoded;
      })
      .optional(),
  })
  .superRefine((q, ctx) => {
    if (q.month !== undefined && q.status !== 'done') ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['month'], message: 'is only for status=done' });
    if (q.cursor && q.cursor.status !== q.status) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['cursor'], message: `belongs to the ${q.cursor.status} list` });
  });

/** The query of `GET /tickets` (each parameter once; unknown ones are ignored). */
function parseTicketsQuery(url: string | undefined) {
  const params = new URL(url ?? '/', 'http://local').searchParams;
  const raw: Record<string, string> = {};
  for (const name of ['status', 'month', 'limit', 'cursor']) {
    const values = params.getAll(name);
    if (values.length > 1) throw new HttpError(400, 'BadRequest', `Invalid request: ${name} is given more than once.`);
    if (values.length === 1) raw[name] = values[0]!;
  }
  const result = ticketsQuery.safeParse(raw);
  if (result.success) return result.data;
  const reason = result.error.issues.map((i) => `${i.path.join('.') || 'query'} ${i.message}`).join('; ');
  throw new HttpError(400, 'BadRequest', `Invalid request: ${reason}.`);
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const reason = result.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ');
  throw new HttpError(400, 'BadRequest', `Invalid request: ${reason}.`);
}

function noStore(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJson(res, status, body, { 'Cache-Control': 'no-store', ...headers });
}

function summaryView(summary: HandoffSummary) {
  return {
    intent: summary.intent ?? null,
    device: summary.device ?? null,
    service: summary.service ?? null,
    problem: summary.problem ?? null,
    status: summary.status ?? null,
    alsoReported: summary.alsoReported ?? [],
    // Present only when the summary has them (summaries stored before they existed have none).
    ...(summary.said?.length ? { said: summary.said } : {}),
    oneLine: summary.oneLine,
    steps: summary.steps.map((s) => ({ playbook: s.playbook, step: s.step, outcome: s.outcome, ...(s.answer ? { answer: s.answer } : {}), label: stepLabel(s) })),
  };
}

/** What the console needs of a transcript activity: who, when, the text, card titles and buttons. */
export function transcriptView(activity: Partial<Activity>) {
  const cards: string[] = [];
  for (const attachment of activity.attachments ?? []) {
    const content = attachment.content as { title?: unknown; text?: unknown } | undefined;
    const parts = [content?.title, content?.text].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length) cards.push(parts.join(': '));
  }
  const choices = (activity.suggestedActions?.actions ?? []).map((a) => String(a.title ?? a.value ?? '')).filter((t) => t !== '');
  return {
    from: activity.from?.role === 'user' ? 'user' : 'bot',
    at: activity.timestamp ? new Date(activity.timestamp as Date | string).toISOString() : null,
    text: typeof activity.text === 'string' ? activity.text : '',
    cards,
    choices,
  };
}

export function registerAgentRoutes(server: Server, deps: AgentRouteDeps): void {
  const { hub, clock, logger, config } = deps;
  const accounts: AgentAccount[] = parseAgentAccounts(config.AGENT_ACCOUNTS).accounts;
  const configured = accounts.length > 0;
  const secure = config.PUBLIC_URL?.startsWith('https://') ?? false;
  const cookieName = sessionCookieName(secure);
  const ttlMs = config.AGENT_SESSION_HOURS * 3600 * 1000;
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const longPollMs = deps.longPollMs ?? 25_000;
  const pollIntervalMs = deps.pollIntervalMs ?? 250;
  const webDir = deps.webDir ?? path.join(defaultWebDir(), 'agent');
  const sessions = new AgentSessionStore({ storage: deps.storage, clock, ttlMs, random: deps.random });
  const limiter = new LoginRateLimiter({
    storage: deps.storage,
    clock,
    maxFailures: config.AGENT_LOGIN_ATTEMPTS,
    windowMs: config.AGENT_LOGIN_WINDOW_MINUTES * 60 * 1000,
  });

  const wrap = (name: string, handler: Handler): Handler =>
    async (req, res) => {
      try {
        await handler(req, res);
      } catch (error) {
        let failure: HttpError;
        if (error instanceof HttpError) failure = error;
        else if (error instanceof HubError) failure = hubFailure(error);
        else {
          logger.error('agent console: request failed', { route: name, error: (error as Error)?.message ?? String(error) });
          failure = new HttpError(500, 'InternalError', 'Something went wrong.');
        }
        if (failure.status < 500) logger.warn('agent console: request rejected', { route: name, status: failure.status, code: failure.code });
        sendError(res, failure);
      }
    };

  const currentSession = async (req: Request): Promise<{ session: AgentSession; sessionId: string } | undefined> => {
    const sessionId = readCookies(req)[cookieName];
    const session = await sessions.get(sessionId);
    return session && sessionId ? { session, sessionId } : undefined;
  };

  const unauthorized = () => new HttpError(401, 'Unauthorized', 'Sign in as an agent first.');

  /** A route for a signed-in agent; `changes` adds the CSRF token and same-origin checks. */
  const authed = (name: string, changes: boolean, handler: AuthedHandler): Handler =>
    wrap(name, async (req, res) => {
      const auth = await currentSession(req);
      if (!auth) throw unauthorized();
      if (changes) {
        if (!isSameOrigin(req, config.PUBLIC_URL)) throw new HttpError(403, 'CrossOrigin', 'Cross-site requests are refused.');
        const presented = req.headers['x-csrf-token'];
        if (!csrfTokenMatches(auth.session, typeof presented === 'string' ? presented : undefined)) {
          throw new HttpError(403, 'BadCsrfToken', 'The X-CSRF-Token header is missing or wrong.');
        }
      }
      await handler(req, res, auth);
    });

  const conversationId = (req: Request): string => {
    const id = String(req.params?.id ?? '');
    if (!CONVERSATION_ID.test(id)) throw new HttpError(400, 'BadRequest', 'Invalid conversation id.');
    return id;
  };

  /** The escalation, if this agent may see it: queued ones (to decide) and their own. */
  const visibleEscalation = async (id: string, agent: AgentIdentity): Promise<Escalation> => {
    const escalation = await hub.get(id);
    if (!escalation) throw new HttpError(404, 'NotFound', 'No such conversation.');
    if (escalation.state !== 'queued' && escalation.agentId !== agent.id) {
      throw new HttpError(403, 'NotYours', 'Another agent holds this conversation.');
    }
    return escalation;
  };

  const escalationView = (e: Escalation) => {
    const now = clock.now().getTime();
    return {
      conversationId: e.conversationId,
      channelId: e.channelId,
      state: e.state,
      createdAt: e.createdAt,
      acceptedAt: e.acceptedAt ?? null,
      closedAt: e.closedAt ?? null,
      waitSeconds: Math.max(0, Math.round(((e.acceptedAt ? Date.parse(e.acceptedAt) : now) - Date.parse(e.createdAt)) / 1000)),
      agentName: e.agentName ?? null,
      summary: summaryView(e.summary),
    };
  };

  const ticketView = (t: Ticket) => ({
    id: t.id,
    conversationId: t.conversationId,
    message: t.message,
    contact: t.contact,
    createdAt: t.createdAt,
    ageSeconds: Math.max(0, Math.round((clock.now().getTime() - Date.parse(t.createdAt)) / 1000)),
    status: t.status,
    doneAt: t.doneAt ?? null,
    doneBy: t.doneBy?.name ?? null,
    summary: summaryView(t.summary),
  });

  // --- page and assets ------------------------------------------------------------------------
  server.get(
    AGENT_PAGE_PATH,
    wrap('agent.page', async (_req, res) => {
      const html = (await readFile(path.join(webDir, 'index.html'), 'utf8')).replaceAll('{{CONFIGURED}}', configured ? 'true' : 'false');
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Security-Policy', agentPageContentSecurityPolicy());
      res.end(html);
    }),
  );
  const asset = (file: string, type: string): Handler =>
    wrap('agent.asset', async (_req, res) => {
      const body = await readFile(path.join(webDir, file)).catch(() => {
        throw new HttpError(404, 'NotFound', 'Missing asset.');
      });
      res.statusCode = 200;
      res.setHeader('Content-Type', type);
      res.setHeader('Cache-Control', 'no-cache');
      res.end(body);
    });
  server.get(`${AGENT_PAGE_PATH}/agent.js`, asset('agent.js', 'text/javascript; charset=utf-8'));
  server.get(`${AGENT_PAGE_PATH}/agent.css`, asset('agent.css', 'text/css; charset=utf-8'));

  // --- sign-in ----------------------------------------------------------------------------------
  server.post(
    `${AGENT_API_BASE}/login`,
    wrap('agent.login', async (req, res) => {
      if (!isSameOrigin(req, config.PUBLIC_URL)) throw new HttpError(403, 'CrossOrigin', 'Cross-site requests are refused.');
      if (!configured) throw new HttpError(503, 'AgentsNotConfigured', 'No agent accounts are configured (AGENT_ACCOUNTS).');
      const { username, password } = parseBody(loginBody, await readJsonBody(req, maxBodyBytes));
      const ip = clientAddress(req, config.TRUST_PROXY_HOPS);
      const allowance = await limiter.check(username, ip);
      if (!allowance.allowed) {
        logger.warn('agent console: sign-in rate limited', { retryAfterSeconds: allowance.retryAfterSeconds });
        const minutes = Math.max(1, Math.ceil(allowance.retryAfterSeconds / 60));
        throw new HttpError(429, 'TooManyAttempts', `Too many failed sign-ins for this account from this network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, { 'Retry-After': String(allowance.retryAfterSeconds) });
      }
      const account = findAccount(accounts, username);
      const ok = await verifyPassword(password, account?.passwordHash);
      if (!ok || !account) {
        await limiter.recordFailure(username, ip);
        throw new HttpError(401, 'SignInFailed', 'That name and password do not match an agent account.');
      }
      await limiter.recordSuccess(username, ip);
      const previous = readCookies(req)[cookieName];
      if (previous) await sessions.destroy(previous);
      const agent = { id: account.id, name: account.name };
      const { id, session } = await sessions.create(agent);
      await hub.agentSeen(agent);
      logger.info('agent console: signed in', { agentId: agent.id });
      noStore(
        res,
        200,
        { agent, csrfToken: session.csrfToken, expiresAt: session.expiresAt },
        { 'Set-Cookie': sessionCookie(id, { secure, maxAgeSeconds: ttlMs / 1000 }) },
      );
    }),
  );

  server.post(
    `${AGENT_API_BASE}/logout`,
    authed('agent.logout', true, async (_req, res, { session, sessionId }) => {
      // Their live chats go back to the queue, each person told; nobody is left talking to nobody.
      await hub.agentSignedOut(session.agent);
      await sessions.destroy(sessionId);
      logger.info('agent console: signed out', { agentId: session.agent.id });
      noStore(res, 200, { signedOut: true }, { 'Set-Cookie': sessionCookie('', { secure, maxAgeSeconds: 0 }) });
    }),
  );

  server.get(
    `${AGENT_API_BASE}/me`,
    authed('agent.me', false, async (_req, res, { session }) => {
      await hub.agentSeen(session.agent);
      noStore(res, 200, { agent: session.agent, csrfToken: session.csrfToken, expiresAt: session.expiresAt, agentsOnline: await hub.agentsOnline() });
    }),
  );

  // --- queue and conversations -----------------------------------------------------------------
  server.get(
    `${AGENT_API_BASE}/queue`,
    authed('agent.queue', false, async (_req, res, { session }) => {
      await hub.agentSeen(session.agent);
      // Chats whose agent vanished (no heartbeat) come back here, for this agent to take over.
      await hub.releaseAbsentHolders();
      const [queued, mine, agentsOnline] = await Promise.all([hub.queue(), hub.mine(session.agent.id), hub.agentsOnline()]);
      const oldestFirst = [...queued].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
      noStore(res, 200, { queue: oldestFirst.map(escalationView), mine: mine.map(escalationView), agentsOnline });
    }),
  );

  server.get(
    `${AGENT_API_BASE}/conversations/:id`,
    authed('agent.conversation', false, async (req, res, { session }) => {
      const escalation = await visibleEscalation(conversationId(req), session.agent);
      const transcript = (await hub.transcript(escalation.conversationId)).filter((a) => a.type === 'message').map(transcriptView);
      noStore(res, 200, {
        escalation: escalationView(escalation),
        record: summaryView(escalation.summary),
        transcript,
        messages: escalation.messages,
        yours: escalation.agentId === session.agent.id && escalation.state === 'active',
      });
    }),
  );

  server.post(
    `${AGENT_API_BASE}/conversations/:id/accept`,
    authed('agent.accept', true, async (req, res, { session }) => {
      const id = conversationId(req);
      const result = await hub.accept(id, session.agent);
      if (result === 'not-found') throw new HttpError(404, 'NotFound', 'No such conversation waiting.');
      if (result === 'taken') throw new HttpError(409, 'Taken', 'Another agent has already taken this conversation.');
      logger.info('agent console: accepted', { agentId: session.agent.id, conversationId: id });
      const escalation = await hub.get(id);
      noStore(res, 200, { result, escalation: escalation ? escalationView(escalation) : null });
    }),
  );

  server.post(
    `${AGENT_API_BASE}/conversations/:id/messages`,
    authed('agent.send', true, async (req, res, { session }) => {
      const id = conversationId(req);
      const { text } = parseBody(messageBody, await readJsonBody(req, maxBodyBytes));
      const message = await hub.sendFromAgent(id, session.agent, text);
      noStore(res, 201, { message });
    }),
  );

  server.get(
    `${AGENT_API_BASE}/conversations/:id/messages`,
    authed('agent.messages', false, async (req, res, { session }) => {
      const id = conversationId(req);
      await visibleEscalation(id, session.agent);
      const query = new URL(req.url ?? '/', 'http://local').searchParams;
      const after = query.get('after') || undefined;
      const waitMs = Math.min(longPollMs, Math.max(0, Number(query.get('wait') ?? 0) * 1000 || 0));
      const deadline = Date.now() + waitMs;
      let closed = false;
      req.once('close', () => (closed = true));
      for (;;) {
        const messages = await hub.messagesSince(id, after);
        const escalation = await hub.get(id);
        const state = escalation?.state ?? 'closed';
        const stillMine = escalation?.state !== 'active' || escalation.agentId === session.agent.id;
        if (messages.length > 0 || Date.now() >= deadline || closed || !stillMine || (escalation?.state !== 'active' && escalation?.state !== 'queued')) {
          noStore(res, 200, { messages, state, yours: escalation?.state === 'active' && escalation.agentId === session.agent.id });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
      }
    }),
  );

  server.post(
    `${AGENT_API_BASE}/conversations/:id/close`,
    authed('agent.close', true, async (req, res, { session }) => {
      const id = conversationId(req);
      await hub.close(id, session.agent);
      logger.info('agent console: closed', { agentId: session.agent.id, conversationId: id });
      noStore(res, 200, { closed: true });
    }),
  );

  server.post(
    `${AGENT_API_BASE}/conversations/:id/requeue`,
    authed('agent.requeue', true, async (req, res, { session }) => {
      const id = conversationId(req);
      await hub.requeue(id, session.agent);
      logger.info('agent console: put back in queue', { agentId: session.agent.id, conversationId: id });
      noStore(res, 200, { requeued: true });
    }),
  );

  // --- tickets (messages left when nobody could take the conversation) ---------------------------
  server.get(
    `${AGENT_API_BASE}/tickets`,
    authed('agent.tickets', false, async (req, res) => {
      const query = parseTicketsQuery(req.url);
      const page = await hub.tickets({ status: query.status, month: query.month, limit: query.limit, after: query.cursor?.cursor });
      noStore(res, 200, {
        status: page.status,
        month: page.month ?? null,
        tickets: page.tickets.map(ticketView),
        next: page.next ? encodeTicketCursor(page.status, page.next) : null,
      });
    }),
  );

  server.post(
    `${AGENT_API_BASE}/tickets/:ticketId/done`,
    authed('agent.ticket-done', true, async (req, res, { session }) => {
      const id = String(req.params?.ticketId ?? '');
      if (!TICKET_ID.test(id)) throw new HttpError(400, 'BadRequest', 'Invalid ticket id.');
      await hub.markTicketDone(id, session.agent);
      noStore(res, 200, { done: true });
    }),
  );
}

function hubFailure(error: HubError): HttpError {
  switch (error.code) {
    case 'not-found':
      return new HttpError(404, 'NotFound', 'No such conversation or ticket.');
    case 'not-yours':
      return new HttpError(403, 'NotYours', 'Another agent holds this conversation.');
    case 'not-active':
      return new HttpError(409, 'NotActive', 'This conversation is not active any more.');
    case 'empty':
      return new HttpError(400, 'BadRequest', 'Invalid request: text must not be empty.');
    default:
      return new HttpError(400, 'BadRequest', error.message);
  }
}

import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TranscriptLoggerMiddleware, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AdapterMessenger } from '../agent/adapterMessenger';
import { registerAgentRoutes } from '../agent/agentRoutes';
import type { Runtime } from '../app/runtime';
import { sweptConversationDocuments } from '../app/sweptConversationDocuments';
import { isAuthenticated, type Config } from '../config/config';
import type { Logger, LogFields } from '../logging/logger';
import { DirectLineStore } from '../directline/directLineStore';
import { CONNECTOR_BASE, DIRECT_LINE_BASE, LocalDirectLine } from '../directline/localDirectLine';
import { generateAzureDirectLineToken } from '../directline/azureDirectLineToken';
import { parseActivityBody } from './activityBody';
import { DEFAULT_MAX_BODY_BYTES, HttpError, isObject, readJsonBody, sendError, sendJson } from './httpJson';
import { InFlightTurns } from './inFlightTurns';
import { pageContentSecurityPolicy, setSecurityHeaders } from './securityHeaders';
import { defaultWebChatBundle, defaultWebDir } from './webAssets';

export interface ServerOptions {
  /** Defaults to the runtime's logger. */
  logger?: Logger;
  /** Outbound HTTP for Azure's Direct Line token exchange and the local loopback delivery (tests pass fakes). */
  fetch?: typeof fetch;
  /** Folder holding index.html, chat.js and chat.css. */
  webDir?: string;
  /** Path of botframework-webchat's dist/webchat.js. */
  webChatBundle?: string;
  /** Largest accepted request body (default 1 MB). */
  maxBodyBytes?: number;
  /** Built-in Direct Line: how long a user's post waits for the bot (ms). */
  deliveryTimeoutMs?: number;
  /** Built-in Direct Line token lifetime. */
  tokenTtlSeconds?: number;
  /** Where the channels' token signing keys are looked up (default: Microsoft's; tests use a dead loopback port). */
  openIdMetadataUrl?: string;
  /** Timeout of the call to Azure's Direct Line token endpoint (default 5 s). */
  directLineTokenTimeoutMs?: number;
  /**
   * More routes to serve (e.g. the agent console), registered after the built-in ones. They get
   * the server's adapter for proactive messages (continueConversationAsync).
   */
  mount?: Array<(server: Server, adapter: CloudAdapter) => void>;
}

/** What the web page is told about the chat channel. */
export type ChatMode =
  | { mode: 'local'; directLineDomain: string }
  | { mode: 'azure'; tokenUrl: string }
  | { mode: 'unavailable'; reason: string };

export interface ResyncServer {
  /** The restify server (not listening until `listen`). */
  readonly server: Server;
  /** The Bot Framework adapter of `/api/messages` (for proactive messages). */
  readonly adapter: CloudAdapter;
  /** Listens and resolves with the base URL. */
  listen(port: number, host: string): Promise<string>;
  /** Base URL once listening. */
  url(): string;
  /** Bot turns being processed right now. */
  inFlightTurns(): number;
  /**
   * Stops taking new work (503 for new requests; the bot's own connector calls still pass), waits
   * up to `timeoutMs` for turns in flight, then closes the listener and its connections.
   * Resolves true when every turn finished. Does not close the runtime.
   */
  shutdown(timeoutMs?: number): Promise<boolean>;
}

type Handler = (req: Request, res: Response) => Promise<void>;

/** CloudAdapter whose activity processing we call directly, so errors are answered and logged our way. */
class ResyncCloudAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function chatMode(config: Config): ChatMode {
  if (config.DIRECT_LINE_SECRET) return { mode: 'azure', tokenUrl: '/api/directline/token' };
  if (config.MicrosoftAppId) {
    return { mode: 'unavailable', reason: 'The built-in Direct Line runs only in local mode; set DIRECT_LINE_SECRET to use Azure Direct Line.' };
  }
  return { mode: 'local', directLineDomain: DIRECT_LINE_BASE };
}

export function createBotAuthentication(config: Config, openIdMetadataUrl?: string): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    ...(openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl } : {}),
  });
}

/** Request fields worth logging for a request (never message text, tokens or keys). */
const requestLogFields = new WeakMap<object, LogFields>();

function annotate(req: Request, fields: LogFields): void {
  requestLogFields.set(req, { ...(requestLogFields.get(req) ?? {}), ...fields });
}

/** The path as logged: the connector's capability key is masked. */
function loggablePath(url: string | undefined): string {
  const pathOnly = (url ?? '').split('?')[0] ?? '';
  return pathOnly.replace(new RegExp(`^${CONNECTOR_BASE}/[^/]+`), `${CONNECTOR_BASE}/***`);
}

/**
 * Builds the HTTP service: `/api/messages` (Bot Framework), health probes, the web chat page
 * and, in local mode, a Direct Line 3.0 endpoint. Never listens by itself.
 */
export function createServer(runtime: Runtime, options: ServerOptions = {}): ResyncServer {
  const { config } = runtime;
  const logger = options.logger ?? runtime.logger;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const webDir = options.webDir ?? defaultWebDir();
  const webChatBundle = options.webChatBundle ?? defaultWebChatBundle();
  const turns = new InFlightTurns();
  const mode = chatMode(config);
  let draining = false;
  let baseUrl: string | undefined;

  const adapter = new ResyncCloudAdapter(createBotAuthentication(config, options.openIdMetadataUrl));
  adapter.onTurnError = (context, error) => runtime.bot.onTurnError(context, error);
  // Every activity in and out (proactive ones too) is logged, redacted, to the transcript store.
  adapter.use(new TranscriptLoggerMiddleware(runtime.transcriptLogger));
  // The agent hub's proactive messages go out through this adapter.
  if (runtime.messenger instanceof AdapterMessenger) runtime.messenger.attach(adapter, config.MicrosoftAppId);

  const server = restify.createServer({ name: 'resync', handleUncaughtExceptions: false, ignoreTrailingSlash: true });

  /** Base URL on loopback for the service calling itself. */
  const selfUrl = (): string => {
    const address = server.server.address() as AddressInfo | null;
    if (!address) throw new Error('createServer(): the server is not listening yet');
    const host = ['0.0.0.0', '::', ''].includes(address.address) ? '127.0.0.1' : address.address;
    return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  };

  const wrap = (name: string, handler: Handler): Handler =>
    async (req: Request, res: Response) => {
      try {
        await handler(req, res);
      } catch (error) {
        if (error instanceof HttpError) {
          const fields = { route: name, status: error.status, code: error.code, ...(requestLogFields.get(req) ?? {}) };
          if (error.status >= 500) logger.error('request failed', fields);
          else logger.warn('request rejected', fields);
          sendError(res, error);
        } else {
          // Unexpected: log what and where, without a stack trace or request content.
          logger.error('request failed', { route: name, error: (error as Error)?.message ?? String(error), ...(requestLogFields.get(req) ?? {}) });
          sendError(res, new HttpError(500, 'InternalError', 'Something went wrong.'));
        }
      }
    };

  server.pre((req: Request, res: Response, next: restify.Next) => {
    const started = process.hrtime.bigint();
    setSecurityHeaders(res);
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const fields = { method: req.method, path: loggablePath(req.url), status: res.statusCode, ms: Math.round(ms * 10) / 10, ...(requestLogFields.get(req) ?? {}) };
      if (req.url === '/healthz' || req.url === '/readyz') logger.debug('request', fields);
      else logger.info('request', fields);
    });
    const ownConnectorCall = (req.url ?? '').startsWith(`${CONNECTOR_BASE}/`);
    if (draining && !ownConnectorCall && req.url !== '/healthz') {
      sendJson(res, 503, { error: { code: 'ShuttingDown', message: 'The service is shutting down.' } }, { Connection: 'close', 'Retry-After': '5' });
      return next(false);
    }
    return next();
  });

  // Restify's own errors (unknown route, wrong method): JSON, a warn line, no stack.
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number; body?: unknown; toJSON?: () => unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    const code = err.name.replace(/Error$/, '') || 'Error';
    const message = status === 404 ? 'No such route.' : status === 405 ? 'Method not allowed on this route.' : 'Request failed.';
    err.toJSON = () => ({ error: { code, message } });
    if (status >= 500) logger.error('request failed', { path: loggablePath(req.url), status, error: err.message });
    else logger.warn('request rejected', { method: req.method, path: loggablePath(req.url), status });
    return callback();
  });

  // --- Bot Framework ----------------------------------------------------------------------------
  server.post(
    '/api/messages',
    wrap('messages', async (req, res) => {
      const body = await readJsonBody(req, maxBodyBytes);
      if (!isObject(body) || typeof body.type !== 'string' || body.type === '') {
        throw new HttpError(400, 'BadActivity', 'The request body must be an activity with a "type".');
      }
      parseActivityBody(body, 'BadActivity');
      const conversationId = isObject(body.conversation) ? body.conversation.id : undefined;
      annotate(req, { conversationId, activityType: body.type, channelId: body.channelId });
      // Local mode has no authentication, so the bot only talks back to addresses it knows.
      if (!isAuthenticated(config)) await checkLocalServiceUrl(body.serviceUrl);
      const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
      let invoke: InvokeResponse | undefined;
      let turnStarted = false;
      try {
        invoke = await turns.track(() =>
          adapter.handle(authHeader, body as unknown as Activity, (context) => {
            turnStarted = true;
            return runtime.bot.run(context);
          }),
        );
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 401 || status === 403) {
          throw new HttpError(401, 'Unauthorized', 'A valid Bot Framework token is required.', { 'WWW-Authenticate': 'Bearer' });
        }
        if (!turnStarted && isAuthenticated(config)) {
          // The token could not be checked at all (Microsoft's signing keys out of reach): not the
          // caller's fault and not a crash. The channel retries on 503.
          logger.warn('messages: the token could not be checked', { reason: (error as Error)?.message ?? String(error), ...(requestLogFields.get(req) ?? {}) });
          throw new HttpError(503, 'AuthenticationUnavailable', "The bot cannot check the token right now (Microsoft's signing keys could not be fetched). Try again shortly.", { 'Retry-After': '30' });
        }
        throw error;
      }
      if (invoke?.body !== undefined) sendJson(res, invoke.status ?? 200, invoke.body);
      else {
        res.statusCode = invoke?.status ?? 200;
        res.end();
      }
    }),
  );

  /** In local mode: the serviceUrl must be the built-in Direct Line's connector or an origin in LOCAL_SERVICE_URLS. */
  let ownServiceUrl: (() => Promise<string>) | undefined;
  const checkLocalServiceUrl = async (serviceUrl: unknown): Promise<void> => {
    if (typeof serviceUrl !== 'string' || serviceUrl === '') {
      throw new HttpError(400, 'BadActivity', 'The activity needs a "serviceUrl".');
    }
    const own = ownServiceUrl ? await ownServiceUrl() : undefined;
    if (own !== undefined && serviceUrl.replace(/\/+$/, '') === own) return;
    let origin: string | undefined;
    try {
      origin = new URL(serviceUrl).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== undefined && config.LOCAL_SERVICE_URLS.some((allowed) => new URL(allowed).origin === origin)) return;
    logger.warn('messages: serviceUrl not allowed in local mode', { serviceUrlOrigin: origin ?? '(not a URL)' });
    throw new HttpError(
      403,
      'ServiceUrlNotAllowed',
      'In local mode (no MicrosoftAppId) /api/messages answers only the built-in Direct Line; add this client\'s origin to LOCAL_SERVICE_URLS to allow it.',
    );
  };

  // --- health -------------------------------------------------------------------------------------
  server.get('/healthz', wrap('healthz', async (_req, res) => sendJson(res, 200, { status: 'alive' })));
  server.get(
    '/readyz',
    wrap('readyz', async (_req, res) => {
      const ready = !draining && (await runtime.ready().catch(() => false));
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
    }),
  );

  // --- web chat ---------------------------------------------------------------------------------
  server.get('/api/chat-config', wrap('chat-config', async (_req, res) => sendJson(res, 200, mode, { 'Cache-Control': 'no-store' })));

  if (mode.mode === 'azure') {
    const secret = config.DIRECT_LINE_SECRET as string;
    server.post(
      '/api/directline/token',
      wrap('directline.azure-token', async (_req, res) => {
        const { token } = await generateAzureDirectLineToken({ secret, endpoint: config.DIRECT_LINE_ENDPOINT, logger, fetch: options.fetch, timeoutMs: options.directLineTokenTimeoutMs });
        sendJson(res, 200, { token }, { 'Cache-Control': 'no-store' });
      }),
    );
  }

  if (mode.mode === 'local') {
    const store = new DirectLineStore({
      storage: runtime.storage,
      clock: runtime.clock,
      tokenTtlSeconds: options.tokenTtlSeconds,
      retentionHours: config.DIRECTLINE_RETENTION_HOURS,
      botStateKeys: sweptConversationDocuments(),
    });
    const directLine = new LocalDirectLine({
      store,
      logger,
      selfUrl,
      bot: { id: 'resync-bot', name: 'Resync' },
      maxBodyBytes,
      deliveryTimeoutMs: options.deliveryTimeoutMs,
      fetch: options.fetch,
      annotate,
      trustProxyHops: config.TRUST_PROXY_HOPS,
      conversationsPerMinute: config.DIRECTLINE_CONVERSATIONS_PER_MINUTE,
      messagesPerMinute: config.DIRECTLINE_MESSAGES_PER_MINUTE,
    });
    ownServiceUrl = () => directLine.serviceUrl();
    directLine.register(server, (name, handler) =>
      wrap(name, async (req, res) => {
        if (typeof req.params?.conversationId === 'string') annotate(req, { conversationId: req.params.conversationId });
        await handler(req, res);
      }),
    );
  }

  const page = async (res: Response) => {
    const nonce = randomBytes(16).toString('base64');
    const html = (await readFile(path.join(webDir, 'index.html'), 'utf8')).replaceAll('{{NONCE}}', nonce);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', pageContentSecurityPolicy(nonce, config.EMBED_ORIGINS));
    // X-Frame-Options cannot list origins; the CSP's frame-ancestors says who may frame the page.
    if (config.EMBED_ORIGINS.length) res.removeHeader('X-Frame-Options');
    res.end(html);
  };
  server.get('/', wrap('page', async (_req, res) => page(res)));

  const staticFile = (file: string, type: string, maxAge: number) =>
    wrap('static', async (_req, res) => {
      await new Promise<void>((resolve, reject) => {
        const stream = createReadStream(file);
        stream.once('open', () => {
          res.statusCode = 200;
          res.setHeader('Content-Type', type);
          res.setHeader('Cache-Control', `public, max-age=${maxAge}`);
          stream.pipe(res);
        });
        stream.once('error', (error) => reject(new HttpError(404, 'NotFound', `Missing asset (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)));
        res.once('finish', () => resolve());
        res.once('close', () => resolve());
      });
    });
  server.get('/chat.js', staticFile(path.join(webDir, 'chat.js'), 'text/javascript; charset=utf-8', 300));
  server.get('/chat.css', staticFile(path.join(webDir, 'chat.css'), 'text/css; charset=utf-8', 300));
  server.get('/webchat/webchat.js', staticFile(webChatBundle, 'text/javascript; charset=utf-8', 86400));
  // The launcher other sites load with a <script> tag: it must be loadable cross-origin.
  server.get(
    '/embed.js',
    (req: Request, res: Response, next: restify.Next) => {
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      next();
    },
    staticFile(path.join(webDir, 'embed.js'), 'text/javascript; charset=utf-8', 300),
  );

  // --- agent console: /agent and /api/agent/* (signed-in agents only; see src/agent) -------------
  registerAgentRoutes(server, { config, hub: runtime.hub, storage: runtime.storage, clock: runtime.clock, logger: logger.child({ component: 'agent-console' }), maxBodyBytes });

  for (const mountRoutes of options.mount ?? []) mountRoutes(server, adapter);

  return {
    server,
    adapter,
    url: () => {
      if (!baseUrl) throw new Error('ResyncServer.url(): not listening');
      return baseUrl;
    },
    inFlightTurns: () => turns.size,
    listen: (port, host) =>
      new Promise<string>((resolve, reject) => {
        // restify re-emits the listener's 'error' on itself, where nobody listening means a crash.
        const failed = (error: Error) => {
          server.server.off('error', failed);
          server.off('error', failed);
          reject(error);
        };
        server.server.once('error', failed);
        server.once('error', failed);
        server.listen(port, host, () => {
          server.server.off('error', failed);
          server.off('error', failed);
          baseUrl = selfUrl();
          resolve(baseUrl);
        });
      }),
    shutdown: async (timeoutMs = 8000) => {
      draining = true;
      const drained = await turns.idle(timeoutMs);
      await new Promise<void>((resolve) => {
        if (!server.server.listening) return resolve();
        const force = setTimeout(() => server.server.closeAllConnections(), 1000);
        force.unref();
        server.server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.server.closeIdleConnections();
      });
      return drained;
    },
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import path from 'node:path';
import { z } from 'zod';
import { parseAgentAccounts } from '../agent/agentAccounts';

/** Empty strings in the environment mean "not set". */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const port = z.coerce
  .number({ invalid_type_error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

/**
 * What is wrong with an Azure Storage connection string, in words that never quote it (it holds
 * the account key): `Name=Value` parts separated by `;`, and either UseDevelopmentStorage=true, a
 * BlobEndpoint URL, or AccountName with AccountKey or SharedAccessSignature.
 */
export function connectionStringProblem(connectionString: string): string | undefined {
  const parts = new Map<string, string>();
  const pieces = connectionString.split(';').map((p) => p.trim()).filter((p) => p.length > 0);
  for (const [index, piece] of pieces.entries()) {
    const eq = piece.indexOf('=');
    if (eq <= 0) return `part ${index + 1} of ${pieces.length} is not Name=Value`;
    parts.set(piece.slice(0, eq).trim().toLowerCase(), piece.slice(eq + 1).trim());
  }
  if (/^true$/i.test(parts.get('usedevelopmentstorage') ?? '')) return undefined;
  const endpoint = parts.get('blobendpoint');
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/i.test(endpoint)) return 'BlobEndpoint must be an http(s) URL';
  const protocol = parts.get('defaultendpointsprotocol');
  if (protocol !== undefined && !/^https?$/i.test(protocol)) return 'DefaultEndpointsProtocol must be http or https';
  const credential = parts.has('accountkey') || parts.has('sharedaccesssignature');
  if (!credential) return 'it needs AccountKey or SharedAccessSignature';
  if (!endpoint && !parts.get('accountname')) return 'it needs AccountName or BlobEndpoint';
  return undefined;
}

/**
 * The one schema for Resync's environment. Every key is documented in `.env.example`.
 * Defaults make `npm start` work on a fresh machine without any cloud account.
 */
export const configSchema = z
  .object({
    // Bot identity (Azure Bot Service). Empty app id = local mode, no authentication.
    MicrosoftAppId: optionalString.refine((v) => v === undefined || GUID.test(v), 'must be a GUID'),
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalString,

    // HTTP server
    PORT: port.default(3978),
    HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
    PUBLIC_URL: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), 'must start with http:// or https://'),

    // State
    STORAGE: z.enum(['sqlite', 'memory', 'blob']).default('sqlite'),
    DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
    SQLITE_FILE: optionalString,
    AZURE_STORAGE_CONNECTION_STRING: optionalString,
    AZURE_STORAGE_CONTAINER: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/, 'must be a valid blob container name').default('resync-state'),

    // Logging
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),

    // Web chat
    DIRECT_LINE_SECRET: optionalString,
    DIRECT_LINE_ENDPOINT: z.string().url('must be a URL').default('https://directline.botframework.com'),
    /** Sites allowed to frame the chat page (embed.js), as origins separated by commas or spaces. */
    EMBED_ORIGINS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(/[\s,]+/).filter((o) => o.length > 0))
      .refine((list) => list.every((o) => /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i.test(o)), 'must be origins like https://www.example.com (scheme, host and optional port; no path), separated by commas'),

    // Built-in Direct Line (local mode) and client addressing
    /** Reverse proxies in front of the service whose X-Forwarded-For entries are trusted (0 = none). */
    TRUST_PROXY_HOPS: z.coerce.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(10, 'must be at most 10').default(0),
    /** New conversations and tokens per client address per minute (0 = no limit). */
    DIRECTLINE_CONVERSATIONS_PER_MINUTE: z.coerce.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(100000, 'must be at most 100000').default(30),
    /** Activities a client may post per conversation per minute (0 = no limit). */
    DIRECTLINE_MESSAGES_PER_MINUTE: z.coerce.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(100000, 'must be at most 100000').default(60),
    /** Conversations idle longer than this are deleted with their activities. */
    DIRECTLINE_RETENTION_HOURS: z.coerce.number({ invalid_type_error: 'must be a number' }).min(1, 'must be at least 1').max(8760, 'must be at most 8760').default(24),

    // Content
    INTENTS_DIR: z.string().min(1).default('intents'),
    DIALOGS_DIR: z.string().min(1).default('dialogs'),

    // Apple system status feed
    STATUS_FEED_URL: z.string().url('must be a URL').default('https://www.apple.com/support/systemstatus/data/system_status_en_US.js'),
    STATUS_PAGE_URL: z.string().url('must be a URL').default('https://www.apple.com/support/systemstatus/'),
    STATUS_FEED_TIMEOUT_MS: z.coerce.number().int().min(100, 'must be at least 100').max(30000, 'must be at most 30000').default(2000),
    STATUS_CACHE_SECONDS: z.coerce.number().int().min(0, 'must not be negative').max(3600, 'must be at most 3600').default(60),

    // Agent console (/agent)
    AGENT_ACCOUNTS: optionalString,
    AGENT_SESSION_HOURS: z.coerce.number({ invalid_type_error: 'must be a number' }).min(0.1, 'must be at least 0.1').max(168, 'must be at most 168').default(8),
    AGENT_LOGIN_ATTEMPTS: z.coerce.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(5),
    AGENT_LOGIN_WINDOW_MINUTES: z.coerce.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1440, 'must be at most 1440').default(15),

    // Local mode only: other Bot Framework clients on this machine
    /**
     * serviceUrl origins (besides the built-in Direct Line's own connector) that /api/messages
     * accepts in local mode, e.g. the Agents Playground's http://localhost:56150. Ignored with an app id.
     */
    LOCAL_SERVICE_URLS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(/[\s,]+/).filter((o) => o.length > 0).map((o) => o.replace(/\/+$/, '')))
      .refine((list) => list.every((o) => /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i.test(o)), 'must be origins like http://localhost:56150 (scheme, host and optional port; no path), separated by commas'),
  })
  .superRefine((c, ctx) => {
    if (c.MicrosoftAppId && !c.MicrosoftAppPassword && c.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    // A password or tenant id without an app id means authentication was meant but is off.
    if (!c.MicrosoftAppId) {
      for (const key of ['MicrosoftAppPassword', 'MicrosoftAppTenantId'] as const) {
        if (c[key]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'is set but MicrosoftAppId is not, so /api/messages would run without authentication; set MicrosoftAppId or remove it' });
      }
    }
    if (c.MicrosoftAppType === 'SingleTenant' && c.MicrosoftAppId && !c.MicrosoftAppTenantId) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType is SingleTenant' });
    }
    if (c.STORAGE === 'blob' && !c.AZURE_STORAGE_CONNECTION_STRING) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['AZURE_STORAGE_CONNECTION_STRING'], message: 'is required when STORAGE=blob' });
    }
    const connectionProblem = c.STORAGE === 'blob' && c.AZURE_STORAGE_CONNECTION_STRING ? connectionStringProblem(c.AZURE_STORAGE_CONNECTION_STRING) : undefined;
    if (connectionProblem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['AZURE_STORAGE_CONNECTION_STRING'], message: `not a valid connection string (${connectionProblem})` });
    }
    // Entries are named by position, never echoed: they hold password hashes.
    for (const problem of parseAgentAccounts(c.AGENT_ACCOUNTS).problems) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['AGENT_ACCOUNTS', problem.slice(0, problem.indexOf(':'))], message: problem.slice(problem.indexOf(':') + 2) });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** Every key the schema reads. */
export const CONFIG_KEYS: readonly string[] = Object.keys(configSchema.innerType().shape);

/** The keys that switch authentication on; a near miss of one of them is an error, not a warning. */
const AUTH_KEYS = new Set(['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType']);

/** A key as compared for near misses: lower case, without `_`, `-` and `.`. */
function foldKey(key: string): string {
  return key.toLowerCase().replace(/[_.-]/g, '');
}

/** Edit distance with transpositions (optimal string alignment), stopping early above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0][j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/**
 * The known key an unknown one was probably meant to be, or undefined. The rule: compared without
 * case, `_`, `-` and `.`, the two are equal (`MicrosoftAppID`, `MICROSOFT_APP_PASSWORD`,
 * `LOGLEVEL`), or, for keys of 6 or more such characters, one edit apart (a letter left out, added,
 * changed, or two swapped: `MicrosoftAppPasword`, `DATA_DRI`).
 */
export function nearMissOf(key: string): string | undefined {
  if (CONFIG_KEYS.includes(key)) return undefined;
  const folded = foldKey(key);
  if (folded.length === 0) return undefined;
  let best: { known: string; distance: number } | undefined;
  for (const known of CONFIG_KEYS) {
    const target = foldKey(known);
    const limit = Math.min(folded.length, target.length) >= 6 ? 1 : 0;
    const distance = folded === target ? 0 : editDistance(folded, target, limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { known, distance };
  }
  return best?.known;
}

export interface ConfigNotice {
  /** The key the notice is about (never its value). */
  key: string;
  message: string;
}

/**
 * Keys that look like Resync settings but are not read, so their values are ignored: near misses
 * of a known key anywhere in the environment, and any unknown key in `.env` (`dotEnvKeys`, the
 * keys loadDotEnv found there). Values are never included.
 */
export function unknownKeyWarnings(env: Record<string, string | undefined>, dotEnvKeys: readonly string[] = []): ConfigNotice[] {
  const notices: ConfigNotice[] = [];
  const fromFile = new Set(dotEnvKeys);
  for (const key of Object.keys(env)) {
    if (CONFIG_KEYS.includes(key) || env[key] === undefined) continue;
    const meant = nearMissOf(key);
    if (meant) notices.push({ key, message: `${key} is not a Resync setting and is ignored; did you mean ${meant}?` });
    else if (fromFile.has(key)) notices.push({ key, message: `${key} in .env is not a Resync setting and is ignored (.env.example lists them)` });
  }
  return notices;
}

/**
 * Near misses of the authentication keys while the real key is unset: the operator meant to turn
 * authentication on, and without the error the bot would start with /api/messages open.
 */
function authNearMisses(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(env)) {
    const meant = nearMissOf(key);
    if (!meant || !AUTH_KEYS.has(meant) || (env[key] ?? '').trim() === '') continue;
    if ((env[meant] ?? '').trim() !== '') continue;
    problems.push(`${key}: is not a Resync setting; did you mean ${meant}? (keys are case-sensitive; without ${meant} the bot would start without authentication)`);
  }
  return problems;
}

/** The warning logged once at start-up when the bot runs without authentication (local mode). */
export function localModeWarning(config: Config): string | undefined {
  if (isAuthenticated(config)) return undefined;
  return `no MicrosoftAppId: local mode, /api/messages accepts requests without authentication (HOST=${config.HOST}). Set MicrosoftAppId and MicrosoftAppPassword before the bot is reachable from other machines.`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (defaults to process.env). Throws ConfigError with one line per problem, naming the key. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  const nearMisses = authNearMisses(env);
  if (result.success && nearMisses.length === 0) return result.data;
  const problems = nearMisses.concat((result.success ? [] : result.error.issues).map((issue) => {
    const key = issue.path.join('.') || '(environment)';
    const got = issue.path.length === 1 && !/password|secret|connection|tenant/i.test(key) ? env[String(issue.path[0])] : undefined;
    return `${key}: ${issue.message}${got !== undefined ? ` (got "${got}")` : ''}`;
  }));
  throw new ConfigError(problems);
}

/** Loads `.env` (when present, without overriding the real environment) into process.env. */
export function loadDotEnv(file = path.resolve(process.cwd(), '.env'), env: NodeJS.ProcessEnv = process.env): boolean {
  return dotEnvKeysLoaded(file, env) !== undefined;
}

/** As {@link loadDotEnv}; returns the keys the file holds (undefined when there is no file). */
export function dotEnvKeysLoaded(file = path.resolve(process.cwd(), '.env'), env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (!existsSync(file)) return undefined;
  // Parsed here rather than with process.loadEnvFile so the precedence rule is explicit and the
  // target object can be the one the caller uses (jest gives each test file its own process.env).
  const entries = Object.entries(parseEnv(readFileSync(file, 'utf8')));
  for (const [key, value] of entries) {
    if (env[key] === undefined) env[key] = value;
  }
  return entries.map(([key]) => key);
}

/** The SQLite file path for a config. */
export function sqliteFile(config: Config): string {
  return path.resolve(config.SQLITE_FILE ?? path.join(config.DATA_DIR, 'resync.sqlite'));
}

/** Whether the bot validates channel tokens (an app id is configured). */
export function isAuthenticated(config: Config): boolean {
  return config.MicrosoftAppId !== undefined;
}

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
  })
  .superRefine((c, ctx) => {
    if (c.MicrosoftAppId && !c.MicrosoftAppPassword && c.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (c.MicrosoftAppType === 'SingleTenant' && c.MicrosoftAppId && !c.MicrosoftAppTenantId) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType is SingleTenant' });
    }
    if (c.STORAGE === 'blob' && !c.AZURE_STORAGE_CONNECTION_STRING) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['AZURE_STORAGE_CONNECTION_STRING'], message: 'is required when STORAGE=blob' });
    }
    // Entries are named by position, never echoed: they hold password hashes.
    for (const problem of parseAgentAccounts(c.AGENT_ACCOUNTS).problems) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['AGENT_ACCOUNTS', problem.slice(0, problem.indexOf(':'))], message: problem.slice(problem.indexOf(':') + 2) });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (defaults to process.env). Throws ConfigError with one line per problem, naming the key. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(environment)';
    const got = issue.path.length === 1 && !/password|secret|connection/i.test(key) ? env[String(issue.path[0])] : undefined;
    return `${key}: ${issue.message}${got !== undefined ? ` (got "${got}")` : ''}`;
  });
  throw new ConfigError(problems);
}

/** Loads `.env` (when present, without overriding the real environment) into process.env. */
export function loadDotEnv(file = path.resolve(process.cwd(), '.env'), env: NodeJS.ProcessEnv = process.env): boolean {
  if (!existsSync(file)) return false;
  // Parsed here rather than with process.loadEnvFile so the precedence rule is explicit and the
  // target object can be the one the caller uses (jest gives each test file its own process.env).
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (env[key] === undefined) env[key] = value;
  }
  return true;
}

/** The SQLite file path for a config. */
export function sqliteFile(config: Config): string {
  return path.resolve(config.SQLITE_FILE ?? path.join(config.DATA_DIR, 'resync.sqlite'));
}

/** Whether the bot validates channel tokens (an app id is configured). */
export function isAuthenticated(config: Config): boolean {
  return config.MicrosoftAppId !== undefined;
}

/**
 * Structured logging: one JSON object per line (or a readable line on a terminal).
 * User message text belongs at debug level only; secrets are never passed to the logger.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (for example the conversation id). */
  child(fields: LogFields): Logger;
  readonly level: LogLevel;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface LoggerOptions {
  level?: LogLevel;
  /** json: one JSON object a line; pretty: readable; auto: pretty on a TTY, else json. */
  format?: 'auto' | 'json' | 'pretty';
  write?: (line: string) => void;
  stream?: NodeJS.WriteStream;
  now?: () => Date;
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  return value;
}

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const level = options.level ?? 'info';
  const stream = options.stream ?? process.stderr;
  const pretty = options.format === 'pretty' || (options.format !== 'json' && stream.isTTY === true);
  const write = options.write ?? ((line: string) => stream.write(line + '\n'));
  const now = options.now ?? (() => new Date());

  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields) => {
    if (RANK[lvl] < RANK[level]) return;
    const record: LogFields = { time: now().toISOString(), level: lvl, msg, ...base };
    for (const [k, v] of Object.entries(fields ?? {})) record[k] = serialise(v);
    if (pretty) {
      const { time, level: l, msg: m, ...rest } = record;
      const extra = Object.keys(rest).length ? ' ' + JSON.stringify(rest) : '';
      write(`${String(time).slice(11, 23)} ${String(l).toUpperCase().padEnd(5)} ${m}${extra}`);
    } else {
      write(JSON.stringify(record));
    }
  };

  return {
    level,
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** A logger that drops everything (unit tests). */
export const silentLogger: Logger = createLogger({ level: 'silent' });

/**
 * The service entry: reads the environment, builds the runtime and the HTTP server, listens, and
 * shuts down gracefully on SIGTERM/SIGINT. Everything else is built by functions that never
 * listen on import (see src/server/createServer.ts).
 */
import './server/quietDependencies';
import { ConfigError, dotEnvKeysLoaded, localModeWarning, parseConfig, unknownKeyWarnings, type Config } from './config/config';
import { createRuntime } from './app/runtime';
import { checkDataDir, StartupError } from './app/dataDirCheck';
import { createLogger } from './logging/logger';
import { createServer } from './server/createServer';
import { describeListenError } from './server/listenError';

/** Hard limit for a graceful stop; after it the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

async function start(): Promise<void> {
  const dotEnvKeys = dotEnvKeysLoaded() ?? [];
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`config: ${problem}\n`);
      process.exit(1);
    }
    throw error;
  }

  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  // Keys that look like settings but are not read (named, never their values), then local mode.
  for (const notice of unknownKeyWarnings(process.env, dotEnvKeys)) logger.warn(`config: ${notice.message}`, { key: notice.key });
  const unauthenticated = localModeWarning(config);
  if (unauthenticated) logger.warn(`config: ${unauthenticated}`);
  const dataDir = checkDataDir(config);
  if (dataDir.warning) logger.warn(`config: ${dataDir.warning}`);

  const runtime = await createRuntime(config, { logger, ...(dataDir.writable ? {} : { nluCacheDir: null }) });
  const app = createServer(runtime);
  let url: string;
  try {
    url = await app.listen(config.PORT, config.HOST);
  } catch (error) {
    const described = describeListenError(error, config.PORT, config.HOST);
    await runtime.close().catch(() => undefined);
    if (described) throw new StartupError(described);
    throw error;
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal, turnsInFlight: app.inFlightTurns() });
    const force = setTimeout(() => {
      logger.warn('shutdown took too long; exiting now', { limitMs: SHUTDOWN_LIMIT_MS });
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    force.unref();
    (async () => {
      const drained = await app.shutdown(SHUTDOWN_LIMIT_MS - 2000);
      if (!drained) logger.warn('some turns were still running at shutdown', { turnsInFlight: app.inFlightTurns() });
      await runtime.close();
      logger.info('stopped');
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error('shutdown failed', { error: (error as Error)?.message ?? String(error) });
      process.exit(1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Only now: whoever waits for this line (a supervisor, a test) may send SIGTERM at once.
  logger.info('Resync is listening', { url, chat: `${url}/`, messages: `${url}/api/messages`, storage: config.STORAGE });
}

start().catch((error: unknown) => {
  process.stderr.write(`resync: failed to start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});

/**
 * The service entry: reads the environment, builds the runtime and the HTTP server, listens, and
 * shuts down gracefully on SIGTERM/SIGINT. Everything else is built by functions that never
 * listen on import (see src/server/createServer.ts).
 */
import './server/quietDependencies';
import { ConfigError, loadDotEnv, parseConfig, type Config } from './config/config';
import { createRuntime } from './app/runtime';
import { createServer } from './server/createServer';

/** Hard limit for a graceful stop; after it the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

async function start(): Promise<void> {
  loadDotEnv();
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

  const runtime = await createRuntime(config);
  const { logger } = runtime;
  const app = createServer(runtime);
  const url = await app.listen(config.PORT, config.HOST);
  logger.info('Resync is listening', { url, chat: `${url}/`, messages: `${url}/api/messages`, storage: config.STORAGE });

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
}

start().catch((error: unknown) => {
  process.stderr.write(`resync: failed to start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});

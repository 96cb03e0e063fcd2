/**
 * `resync start`: runs the HTTP server exactly as `npm start` does, by loading the service entry
 * (src/main.ts). If that module exports `start()`, it is called; otherwise loading it starts the
 * server. The process then stays up until SIGTERM/SIGINT, which main.ts handles.
 */
import type { CliIo } from './cliIo';
import { UsageError } from './commandSupport';
import { USAGE } from './usage';

const START_USAGE = USAGE.start;

export async function runStart(args: string[], _io: CliIo): Promise<number> {
  if (args.length > 0) throw new UsageError(`start takes no arguments (got ${args.join(' ')}); configure it with the environment or .env\nusage: ${START_USAGE}`);
  // Loaded only now: requiring the entry is what starts the server when it has no start().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const entry = require('../main') as { start?: () => Promise<unknown> };
  if (typeof entry.start === 'function') await entry.start();
  return 0;
}

/** Shared pieces of the `resync` commands: usage errors and configuration problems. */
import { ConfigError, parseConfig, type Config } from '../config/config';
import { writeLine, type CliIo } from './cliIo';

/** Wrong arguments: the dispatcher prints the message and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses the configuration; on problems prints one line per problem to stderr and returns null. */
export function configFromEnv(env: Record<string, string | undefined>, io: CliIo): Config | null {
  try {
    return parseConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) writeLine(io.stderr, `resync: configuration: ${problem}`);
    return null;
  }
}

import { ConfigError, parseConfig } from '../../src/config/config';

/** The problems parseConfig reports for `env` (fails the test when it accepts it). */
export function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

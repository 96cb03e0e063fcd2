/** `resync nlu predict|eval`: hands over to the NLU's own commands with the configured directories. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runNluEval, runNluPredict } from '../nlu/commands';
import type { CliIo } from './cliIo';
import { UsageError, configFromEnv } from './commandSupport';

const NLU_USAGE = ['resync nlu predict [--intents DIR]   (one utterance a line on stdin, one JSON line out)', 'resync nlu eval [--json] [--folds N] [--seed N] [--intents DIR]'];

export async function runNlu(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'predict' && sub !== 'eval') {
    throw new UsageError(`${sub ? `unknown nlu command "${sub}"` : 'nlu needs a command'}\nusage:\n${NLU_USAGE.map((u) => `  ${u}`).join('\n')}`);
  }
  const config = configFromEnv(io.env, io);
  if (!config) return 1;
  const streams = { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr };
  const intentsDir = path.resolve(io.cwd, config.INTENTS_DIR);
  if (sub === 'predict') {
    // The same --intents DIR as `nlu eval` (flag first, then INTENTS_DIR, then intents/).
    let values;
    try {
      ({ values } = parseArgs({ args: rest, options: { intents: { type: 'string' } }, strict: true, allowPositionals: false }));
    } catch (err) {
      throw new UsageError(`${(err as Error).message}\nusage: ${NLU_USAGE[0]}`);
    }
    const dir = values.intents !== undefined ? path.resolve(io.cwd, values.intents) : intentsDir;
    return runNluPredict(streams, { intentsDir: dir, cacheDir: path.resolve(io.cwd, config.DATA_DIR, 'nlu-cache') });
  }
  return runNluEval(rest, streams, { intentsDir });
}

/** `resync validate`: checks intents/ and dialogs/ and names every problem's file, line and field. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkDialogs } from '../content/loadContent';
import { formatProblem } from '../content/problems';
import { readIntentRefs, validateAll } from '../content/validate';
import { writeLine, type CliIo } from './cliIo';
import { UsageError } from './commandSupport';
import { USAGE } from './usage';

const VALIDATE_USAGE = USAGE.validate;

export function runValidate(args: string[], io: CliIo): number {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { intents: { type: 'string' }, dialogs: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: ${VALIDATE_USAGE}`);
  }
  // Flags first, then the configured directories, then the defaults.
  const intentsDir = path.resolve(io.cwd, values.intents ?? io.env.INTENTS_DIR ?? 'intents');
  const dialogsDir = path.resolve(io.cwd, values.dialogs ?? io.env.DIALOGS_DIR ?? 'dialogs');

  const problems = validateAll({ intentsDir, dialogsDir });
  if (problems.length > 0) {
    for (const problem of problems) writeLine(io.stderr, formatProblem({ ...problem, file: relative(io.cwd, problem.file) }));
    writeLine(io.stderr, `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${relative(io.cwd, intentsDir)}/ and ${relative(io.cwd, dialogsDir)}/`);
    return 1;
  }
  // Valid: count what was checked for the summary.
  const intents = readIntentRefs(intentsDir).intents ?? [];
  const content = checkDialogs(dialogsDir, intents).content;
  const playbooks = content ? Object.keys(content.playbooks).length : 0;
  const steps = content ? Object.keys(content.steps).length : 0;
  writeLine(io.stdout, `OK: ${intents.length} intents, ${playbooks} playbooks, ${steps} steps (${relative(io.cwd, intentsDir)}/, ${relative(io.cwd, dialogsDir)}/)`);
  return 0;
}

function relative(cwd: string, file: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

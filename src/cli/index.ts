/**
 * The `resync` command line: a table of commands, each a module in this folder loaded only when
 * its command runs (so `resync validate` does not load the bot, and listing commands loads none).
 * `bin/resync.js` calls `main(process.argv.slice(2))` and exits with the code it returns.
 */
import type { Writable } from 'node:stream';
import { ConfigError } from '../config/config';
import { ContentError, formatProblem } from '../content/problems';
import { processIo, writeLine, type CliIo } from './cliIo';
import { UsageError } from './commandSupport';
import { USAGE } from './usage';
import { AGENT_PASSWORD_USAGE } from '../agent/passwordCommand';

export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number> | number;
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const COMMANDS: readonly Command[] = [
  {
    name: 'chat',
    usage: USAGE.chat,
    summary: 'talk to the whole bot in this terminal (one message a line when piped)',
    run: (args, io) => (require('./chatCommand') as typeof import('./chatCommand')).runChat(args, io),
  },
  {
    name: 'validate',
    usage: USAGE.validate,
    summary: 'check intents/ and dialogs/ and list every problem with file, line and field',
    run: (args, io) => (require('./validateCommand') as typeof import('./validateCommand')).runValidate(args, io),
  },
  {
    name: 'nlu',
    usage: USAGE.nlu,
    summary: 'recognise utterances from stdin (predict) or cross-validate the recogniser (eval)',
    run: (args, io) => (require('./nluCommand') as typeof import('./nluCommand')).runNlu(args, io),
  },
  {
    name: 'start',
    usage: USAGE.start,
    summary: 'start the HTTP server, as npm start does',
    run: (args, io) => (require('./startCommand') as typeof import('./startCommand')).runStart(args, io),
  },
  {
    name: 'agent-password',
    usage: AGENT_PASSWORD_USAGE,
    summary: 'print a password hash for AGENT_ACCOUNTS (the password is read from stdin, never echoed)',
    run: (args, io) => (require('../agent/passwordCommand') as typeof import('../agent/passwordCommand')).runAgentPassword(args, io),
  },
  { name: 'help', usage: USAGE.help, summary: 'list the commands, or show how to call one', run: runHelp },
];
/* eslint-enable @typescript-eslint/no-require-imports */

export function printCommands(out: Writable): void {
  writeLine(out, 'usage: resync <command> [options]');
  writeLine(out);
  writeLine(out, 'commands:');
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  for (const c of COMMANDS) writeLine(out, `  ${c.name.padEnd(width)}  ${c.summary}`);
  writeLine(out);
  writeLine(out, '"resync help <command>" shows its options.');
}

function runHelp(args: string[], io: CliIo): number {
  if (args.length === 0) {
    printCommands(io.stdout);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === args[0]);
  if (!command) throw new UsageError(`no command "${args[0]}"; "resync help" lists them`);
  writeLine(io.stdout, `${command.name}: ${command.summary}`);
  writeLine(io.stdout, `usage: ${command.usage}`);
  return 0;
}

/** Runs one `resync` command; resolves to the process exit code (0 ok, 1 failed, 2 wrong usage). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    printCommands(io.stdout);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    writeLine(io.stderr, `resync: unknown command "${name}"`);
    writeLine(io.stderr);
    printCommands(io.stderr);
    return 2;
  }
  // "resync <command> --help" (or -h) shows how to call it, for every command.
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) return runHelp([command.name], io);
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      writeLine(io.stderr, `resync ${name}: ${err.message}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      for (const problem of err.problems) writeLine(io.stderr, `resync: configuration: ${problem}`);
      return 1;
    }
    if (err instanceof ContentError) {
      for (const problem of err.problems) writeLine(io.stderr, formatProblem(problem));
      writeLine(io.stderr, `resync: the content has ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}; "resync validate" lists them`);
      return 1;
    }
    throw err;
  }
}

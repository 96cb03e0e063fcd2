import type { Readable, Writable } from 'node:stream';

/** Where a command reads and writes, injected so tests run commands in-process. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  /** The environment to configure from (defaults to process.env). */
  env: Record<string, string | undefined>;
  /** Directory `.env` is read from (defaults to the working directory). */
  cwd: string;
}

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Writes one line. */
export function writeLine(stream: Writable, line = ''): void {
  stream.write(line + '\n');
}

import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { writeLine, type CliIo } from '../cli/cliIo';
import { hashPassword } from './passwordHash';

export const AGENT_PASSWORD_USAGE = 'resync agent-password   (type the password twice; or pipe it on stdin)';

const MIN_LENGTH = 12;

/** Reads one line from stdin; on a terminal, without echoing what is typed. */
async function readSecretLine(io: CliIo, prompt: string): Promise<string | undefined> {
  const tty = io.stdin.isTTY === true;
  let muted = false;
  const output = tty
    ? new Writable({
        write(chunk: Buffer, _encoding, done) {
          if (!muted) io.stderr.write(chunk);
          done();
        },
      })
    : undefined;
  const rl = createInterface({ input: io.stdin, output, terminal: tty });
  try {
    if (tty) {
      io.stderr.write(prompt);
      muted = true;
    }
    const line = await new Promise<string | undefined>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(undefined));
    });
    if (tty) io.stderr.write('\n');
    return line;
  } finally {
    rl.close();
  }
}

/**
 * `resync agent-password`: prints a hash for AGENT_ACCOUNTS (`id:Display Name:<hash>`). The
 * password is read from stdin (asked twice, without echo, on a terminal) and never printed.
 */
export async function runAgentPassword(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    writeLine(io.stderr, `usage: ${AGENT_PASSWORD_USAGE}`);
    return 2;
  }
  const password = await readSecretLine(io, 'Agent password: ');
  if (password === undefined || password === '') {
    writeLine(io.stderr, 'resync agent-password: no password given');
    return 1;
  }
  if (password.length < MIN_LENGTH) {
    writeLine(io.stderr, `resync agent-password: use at least ${MIN_LENGTH} characters`);
    return 1;
  }
  if (io.stdin.isTTY === true) {
    const again = await readSecretLine(io, 'Again: ');
    if (again !== password) {
      writeLine(io.stderr, 'resync agent-password: the two passwords differ');
      return 1;
    }
  }
  writeLine(io.stdout, await hashPassword(password));
  writeLine(io.stderr, 'Add it to AGENT_ACCOUNTS as id:Display Name:<hash> (comma between accounts).');
  return 0;
}

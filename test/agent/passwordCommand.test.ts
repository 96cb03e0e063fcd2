import { PassThrough, Readable } from 'node:stream';
import { runAgentPassword } from '../../src/agent/passwordCommand';
import { verifyPassword } from '../../src/agent/passwordHash';
import type { CliIo } from '../../src/cli/cliIo';

function io(input: string): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { io: { stdin: Readable.from([input]), stdout, stderr, env: {}, cwd: process.cwd() }, out: () => out, err: () => err };
}

describe('resync agent-password', () => {
  test('prints a hash of the piped password, never the password', async () => {
    const run = io('a-very-long-secret\n');
    expect(await runAgentPassword([], run.io)).toBe(0);
    const hash = run.out().trim();
    expect(hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('a-very-long-secret', hash)).toBe(true);
    expect(run.out() + run.err()).not.toContain('a-very-long-secret');
    expect(run.err()).toContain('AGENT_ACCOUNTS');
  });

  test('refuses short or missing passwords and stray arguments', async () => {
    const short = io('short\n');
    expect(await runAgentPassword([], short.io)).toBe(1);
    expect(short.err()).toMatch(/at least 12/);
    expect(short.out()).toBe('');
    const none = io('');
    expect(await runAgentPassword([], none.io)).toBe(1);
    const extra = io('a-very-long-secret\n');
    expect(await runAgentPassword(['hunter2hunter2'], extra.io)).toBe(2);
  });
});

/** In-memory stdin/stdout/stderr for running `main()` in-process. */
import { PassThrough, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/cliIo';

export interface TestIo extends CliIo {
  out(): string;
  err(): string;
}

export function testIo(input: string | null = null, env: Record<string, string | undefined> = {}, cwd = process.cwd()): TestIo {
  const stdin = new PassThrough();
  if (input !== null) stdin.end(input);
  const collect = () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    return { stream, text: () => chunks.join('') };
  };
  const stdout = collect();
  const stderr = collect();
  return { stdin, stdout: stdout.stream, stderr: stderr.stream, env, cwd, out: stdout.text, err: stderr.text };
}

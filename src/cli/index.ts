// PLACEHOLDER: the `resync` command dispatcher (see issue 2 point 9, issue 3 point 5).
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(`resync: commands not yet implemented (${argv.join(' ')})\n`);
  return 0;
}

/**
 * One line naming the setting to change when the server cannot listen (PORT or HOST), instead of
 * Node's raw "Unhandled 'error' event" dump. Undefined for errors that are not about the address.
 */
export function describeListenError(error: unknown, port: number, host: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return `PORT: ${port} is already in use on ${host} (another process is listening there); choose another PORT or stop that process`;
    case 'EACCES':
      return `PORT: ${port} needs privileges this process does not have on ${host}; choose a PORT above 1023`;
    case 'EADDRNOTAVAIL':
      return `HOST: ${host} is not an address of this machine (EADDRNOTAVAIL); use 127.0.0.1, 0.0.0.0 or one of its own addresses`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return `HOST: ${host} is not an address or a name that resolves (${code}); use 127.0.0.1, 0.0.0.0 or one of this machine's addresses`;
    default:
      return undefined;
  }
}

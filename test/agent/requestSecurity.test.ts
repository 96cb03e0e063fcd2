import type { IncomingMessage } from 'node:http';
import { clientAddress, forwardedAddress } from '../../src/agent/requestSecurity';

/** A request as Node hands it over: the peer address on the socket, headers lower-cased. */
function request(remoteAddress: string | undefined, forwardedFor?: string | string[]): IncomingMessage {
  const headers: Record<string, string | string[]> = {};
  if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  it('uses the socket address and ignores X-Forwarded-For when no proxy is trusted', () => {
    const req = request('203.0.113.7', '198.51.100.1');
    expect(clientAddress(req)).toBe('203.0.113.7');
    expect(clientAddress(req, 0)).toBe('203.0.113.7');
  });

  it('takes the N-th entry from the right with N trusted hops', () => {
    // client-chosen junk, then what proxy 1 saw, then what proxy 2 saw
    const req = request('10.0.0.2', '1.1.1.1, 198.51.100.9, 10.0.0.1');
    expect(clientAddress(req, 1)).toBe('10.0.0.1');
    expect(clientAddress(req, 2)).toBe('198.51.100.9');
    expect(clientAddress(req, 3)).toBe('1.1.1.1');
  });

  it('never lets a client pick its address by prepending entries', () => {
    const honest = request('10.0.0.2', '198.51.100.9');
    const forged = request('10.0.0.2', '127.0.0.1, 5.6.7.8, 198.51.100.9');
    expect(clientAddress(forged, 1)).toBe(clientAddress(honest, 1));
  });

  it('joins repeated headers into one list', () => {
    const req = request('10.0.0.2', ['9.9.9.9', '198.51.100.9, 10.0.0.1']);
    expect(clientAddress(req, 2)).toBe('198.51.100.9');
    expect(clientAddress(req, 3)).toBe('9.9.9.9');
  });

  it('strips the ports and brackets Azure adds', () => {
    expect(clientAddress(request('10.0.0.2', '198.51.100.9:54321'), 1)).toBe('198.51.100.9');
    expect(clientAddress(request('10.0.0.2', '[2001:DB8::1]:443'), 1)).toBe('2001:db8::1');
    expect(clientAddress(request('10.0.0.2', '[2001:db8::1]'), 1)).toBe('2001:db8::1');
    expect(clientAddress(request('10.0.0.2', '2001:db8::1'), 1)).toBe('2001:db8::1');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['shorter than the hops', '198.51.100.9'],
    ['not an address', 'unknown, 10.0.0.1'],
    ['a host name', 'evil.example, 10.0.0.1'],
    ['malformed nearer entry', '198.51.100.9, garbage'],
    ['bad port', '198.51.100.9:http, 10.0.0.1'],
  ])('falls back to the socket address when the header is %s', (_what, header) => {
    expect(clientAddress(request('10.0.0.2', header), 2)).toBe('10.0.0.2');
  });

  it('says "unknown" when even the socket has no address', () => {
    expect(clientAddress(request(undefined), 1)).toBe('unknown');
  });
});

describe('forwardedAddress', () => {
  it.each([
    ['203.0.113.5', '203.0.113.5'],
    [' 203.0.113.5:8080 ', '203.0.113.5'],
    ['[::1]:80', '::1'],
    ['::ffff:203.0.113.5', '::ffff:203.0.113.5'],
    ['300.1.1.1', undefined],
    ['203.0.113.5:99999999', undefined],
    ['', undefined],
    ['[not-ip]:80', undefined],
  ])('%s → %s', (entry, expected) => {
    expect(forwardedAddress(entry)).toBe(expected);
  });
});

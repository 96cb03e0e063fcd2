import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** The session cookie's name: `__Host-` (Secure, Path=/, no Domain) when served over https. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-resync-agent' : 'resync-agent';
}

/** Cookies of a request (first value wins; values are not decoded, session ids are base64url). */
export function readCookies(req: IncomingMessage): Record<string, string> {
  const cookies: Record<string, string> = {};
  const header = req.headers.cookie;
  if (typeof header !== 'string') return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in cookies)) cookies[name] = part.slice(eq + 1).trim();
  }
  return cookies;
}

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
}

/** Set-Cookie value for the session: HttpOnly, SameSite=Strict, Secure under https. */
export function sessionCookie(value: string, options: CookieOptions): string {
  const parts = [
    `${sessionCookieName(options.secure)}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * Same-origin check for state-changing requests (CSRF defence in depth next to the token):
 * a browser's `Sec-Fetch-Site` must say same-origin, and `Origin` must be this service's own
 * (PUBLIC_URL's origin or the Host the request was sent to). A request with neither header is
 * refused: every browser sends at least one on a POST.
 */
export function isSameOrigin(req: IncomingMessage, publicUrl: string | undefined): boolean {
  const fetchSite = req.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === '') return typeof fetchSite === 'string';
  if (origin === 'null') return false;
  const allowed = new Set<string>();
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  const host = req.headers.host;
  if (typeof host === 'string' && host !== '') {
    allowed.add(`http://${host}`.toLowerCase());
    allowed.add(`https://${host}`.toLowerCase());
  }
  return allowed.has(origin.toLowerCase());
}

/**
 * The client's address. With `trustProxyHops` = 0 (the default) it is the socket's peer address and
 * forwarding headers are ignored. Behind N reverse proxies (N > 0) every client arrives from the
 * nearest proxy's address, so the client is read from `X-Forwarded-For`: each proxy appends the
 * address it was called from, which makes the N-th entry from the right the one the outermost
 * trusted proxy saw. Entries further left were sent by the client and are never used. A missing
 * header, one with fewer than N entries, or a malformed trusted entry falls back to the socket
 * address (the conservative choice: every such client then shares one address).
 *
 * Only for counting and logging. Never use it to decide that a caller is trusted: a client chooses
 * what it puts in the header.
 */
export function clientAddress(req: IncomingMessage, trustProxyHops = 0): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (!(trustProxyHops > 0)) return socketAddress;
  const entries = forwardedFor(req);
  if (entries.length < trustProxyHops) return socketAddress;
  const trusted = entries.slice(entries.length - trustProxyHops).map(forwardedAddress);
  if (trusted.some((address) => address === undefined)) return socketAddress;
  return trusted[0] as string;
}

/** Every X-Forwarded-For entry in order (repeated headers joined as one list). */
function forwardedFor(req: IncomingMessage): string[] {
  const raw = req.headers['x-forwarded-for'];
  const headers = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return headers.flatMap((h) => h.split(',')).map((entry) => entry.trim());
}

/**
 * One X-Forwarded-For entry as a plain IP address, or undefined when it is not one. Azure's front
 * ends write IPv4 as `a.b.c.d:port` and may bracket IPv6 (`[2001:db8::1]:port`).
 */
export function forwardedAddress(entry: string): string | undefined {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(address);
  if (bracketed) address = bracketed[1] as string;
  else if (/^[\d.]+:\d{1,5}$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  if (isIP(address) === 0) return undefined;
  return address.toLowerCase();
}

import type { IncomingMessage } from 'node:http';

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

/** The client's address as this server saw it (a proxy's forwarding headers are not trusted). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

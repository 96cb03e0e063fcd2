import type { ServerResponse } from 'node:http';

/** Headers every response carries. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  // Nothing but the page itself may be framed or loaded; JSON answers need no sources at all.
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
}

/** sha256 of the empty string, base64. */
const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

/**
 * The chat page's policy: scripts, connections and images from this origin only. Web Chat
 * injects its styles at run time; they carry `nonce`, so no 'unsafe-inline' is needed. Only the
 * origins in EMBED_ORIGINS may frame it (embed.js); with none, nobody may.
 */
export function pageContentSecurityPolicy(nonce: string, embedOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The hash is that of an empty style element: Web Chat's :focus-visible feature test adds one
    // without a nonce (and fills it through CSSOM only). Nothing with content passes by it.
    `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    embedOrigins.length ? `frame-ancestors 'self' ${embedOrigins.join(' ')}` : "frame-ancestors 'none'",
  ].join('; ');
}

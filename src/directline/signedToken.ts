import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Direct Line tokens that carry their own expiry, sealed with the server secret, so a token whose
 * stored record the sweep has deleted can still be told apart from one that was never issued
 * (403 TokenExpired instead of 401) without keeping anything in storage.
 *
 *   token = base64url( nonce (24 random bytes) | expiry (6 bytes, masked) | tag (16 bytes) )
 *
 * The expiry (ms since the epoch, 48-bit big-endian) is XOR-ed with a mask derived from the secret
 * and the nonce, so nobody without the secret can read it; the tag, an HMAC over nonce and masked
 * expiry with a second key derived from the secret, means nobody without the secret can make or
 * alter a token that verifies. The tag only proves that this server minted the token once: whether
 * the token is still good is decided by its stored (hashed) record, as before.
 */

/** Random bytes at the start of a signed token. */
export const SIGNED_TOKEN_NONCE_BYTES = 24;
const NONCE_BYTES = SIGNED_TOKEN_NONCE_BYTES;
const EXPIRY_BYTES = 6;
const TAG_BYTES = 16;
const TOKEN_BYTES = NONCE_BYTES + EXPIRY_BYTES + TAG_BYTES;
/** Length of a signed token as text (base64url, no padding). */
export const SIGNED_TOKEN_LENGTH = Math.ceil((TOKEN_BYTES * 4) / 3);
/** Largest expiry the 6-byte field holds (year 10889). */
const MAX_EXPIRY = 2 ** (8 * EXPIRY_BYTES) - 1;

function subKey(secret: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`resync-directline-token-${purpose}`).digest();
}

function mask(secret: Buffer, nonce: Buffer): Buffer {
  return createHmac('sha256', subKey(secret, 'mask')).update(nonce).digest().subarray(0, EXPIRY_BYTES);
}

function tag(secret: Buffer, nonceAndExpiry: Buffer): Buffer {
  return createHmac('sha256', subKey(secret, 'tag')).update(nonceAndExpiry).digest().subarray(0, TAG_BYTES);
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** A new token expiring at `expiresAt` (ms since the epoch); `nonce` must be 24 fresh random bytes. */
export function signToken(secret: Buffer, expiresAt: number, nonce: Buffer): string {
  if (nonce.length !== NONCE_BYTES) throw new Error(`signToken(): the nonce must be ${NONCE_BYTES} bytes, got ${nonce.length}`);
  if (!Number.isInteger(expiresAt) || expiresAt < 0 || expiresAt > MAX_EXPIRY) throw new Error(`signToken(): expiresAt ${expiresAt} is not a time the token can carry`);
  const expiry = Buffer.alloc(EXPIRY_BYTES);
  expiry.writeUIntBE(expiresAt, 0, EXPIRY_BYTES);
  const body = Buffer.concat([nonce, xor(expiry, mask(secret, nonce))]);
  return Buffer.concat([body, tag(secret, body)]).toString('base64url');
}

/**
 * The expiry sealed in `token` when this secret signed it; undefined for anything else (another
 * secret, an altered or truncated token, a random string). Constant-time in the tag comparison.
 */
export function signedTokenExpiry(secret: Buffer, token: string): number | undefined {
  if (token.length !== SIGNED_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const raw = Buffer.from(token, 'base64url');
  // Only the canonical spelling: base64url's last character has spare bits that decoding ignores.
  if (raw.length !== TOKEN_BYTES || raw.toString('base64url') !== token) return undefined;
  const body = raw.subarray(0, NONCE_BYTES + EXPIRY_BYTES);
  if (!timingSafeEqual(raw.subarray(NONCE_BYTES + EXPIRY_BYTES), tag(secret, body))) return undefined;
  const nonce = body.subarray(0, NONCE_BYTES);
  return xor(body.subarray(NONCE_BYTES), mask(secret, nonce)).readUIntBE(0, EXPIRY_BYTES);
}

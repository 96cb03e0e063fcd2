import { randomBytes } from 'node:crypto';
import { SIGNED_TOKEN_LENGTH, SIGNED_TOKEN_NONCE_BYTES, signedTokenExpiry, signToken } from '../../src/directline/signedToken';

const secret = Buffer.alloc(32, 7);
const otherSecret = Buffer.alloc(32, 8);
const EXPIRES = Date.parse('2026-05-01T10:30:00.123Z');

const nonce = () => randomBytes(SIGNED_TOKEN_NONCE_BYTES);

/** The token with one bit of byte `index` flipped, spelled canonically. */
function flipBit(token: string, index: number): string {
  const raw = Buffer.from(token, 'base64url');
  raw[index] = raw[index]! ^ 0x01;
  return raw.toString('base64url');
}

describe('signed Direct Line tokens', () => {
  it('reads back the expiry it was signed with, only with the same secret', () => {
    const token = signToken(secret, EXPIRES, nonce());
    expect(token).toHaveLength(SIGNED_TOKEN_LENGTH);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(signedTokenExpiry(secret, token)).toBe(EXPIRES);
    expect(signedTokenExpiry(otherSecret, token)).toBeUndefined();
  });

  it('gives different tokens for the same expiry', () => {
    const a = signToken(secret, EXPIRES, nonce());
    const b = signToken(secret, EXPIRES, nonce());
    expect(a).not.toBe(b);
    // The masked expiry differs too: equal expiries are not recognisable across tokens.
    const expiryPart = (t: string) => Buffer.from(t, 'base64url').subarray(SIGNED_TOKEN_NONCE_BYTES, SIGNED_TOKEN_NONCE_BYTES + 6).toString('hex');
    expect(expiryPart(a)).not.toBe(expiryPart(b));
  });

  it('does not carry the expiry in the clear', () => {
    const fixedNonce = Buffer.alloc(SIGNED_TOKEN_NONCE_BYTES, 0);
    const token = signToken(secret, EXPIRES, fixedNonce);
    const raw = Buffer.from(token, 'base64url');
    const clear = Buffer.alloc(6);
    clear.writeUIntBE(EXPIRES, 0, 6);
    expect(raw.indexOf(clear)).toBe(-1);
    // Nor does the expiry follow from the nonce alone: another secret masks it differently.
    expect(Buffer.from(signToken(otherSecret, EXPIRES, fixedNonce), 'base64url').subarray(SIGNED_TOKEN_NONCE_BYTES, SIGNED_TOKEN_NONCE_BYTES + 6)).not.toEqual(
      raw.subarray(SIGNED_TOKEN_NONCE_BYTES, SIGNED_TOKEN_NONCE_BYTES + 6),
    );
  });

  it('refuses any altered byte: nonce, expiry or tag', () => {
    const token = signToken(secret, EXPIRES, nonce());
    const length = Buffer.from(token, 'base64url').length;
    for (let i = 0; i < length; i++) expect(signedTokenExpiry(secret, flipBit(token, i))).toBeUndefined();
  });

  it('refuses other spellings, lengths and alphabets', () => {
    const token = signToken(secret, EXPIRES, nonce());
    const last = token[token.length - 1]!;
    // base64url's last character of a 46-byte token has two spare bits: only the canonical one counts.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const variants = [...alphabet].filter((c) => c !== last).map((c) => token.slice(0, -1) + c);
    const sameBytes = variants.filter((v) => Buffer.from(v, 'base64url').equals(Buffer.from(token, 'base64url')));
    expect(sameBytes.length).toBeGreaterThan(0);
    for (const v of sameBytes) expect(signedTokenExpiry(secret, v)).toBeUndefined();
    expect(signedTokenExpiry(secret, token.slice(0, -1))).toBeUndefined();
    expect(signedTokenExpiry(secret, `${token}A`)).toBeUndefined();
    expect(signedTokenExpiry(secret, `${token.slice(0, -1)}=`)).toBeUndefined();
    expect(signedTokenExpiry(secret, '')).toBeUndefined();
    expect(signedTokenExpiry(secret, 'x'.repeat(SIGNED_TOKEN_LENGTH))).toBeUndefined();
    expect(signedTokenExpiry(secret, randomBytes(46).toString('base64url'))).toBeUndefined();
  });

  it('rejects a nonce of the wrong size and an expiry it cannot carry', () => {
    expect(() => signToken(secret, EXPIRES, Buffer.alloc(8))).toThrow(/nonce must be 24 bytes/);
    expect(() => signToken(secret, -1, nonce())).toThrow(/not a time/);
    expect(() => signToken(secret, 2 ** 48, nonce())).toThrow(/not a time/);
    expect(() => signToken(secret, 1.5, nonce())).toThrow(/not a time/);
  });
});

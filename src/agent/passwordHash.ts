import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Agent passwords are stored as `scrypt$<salt>$<hash>` (both base64url): Node's scrypt with
 * N=16384, r=8, p=1 and a 32-byte key. Verification is timing-safe and always costs one scrypt,
 * even for a malformed stored hash, so a response time does not tell whether an account exists.
 */
export const PASSWORD_HASH_PREFIX = 'scrypt';
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
const PARAMS: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const HASH_FORMAT = /^scrypt\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{40,})$/;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, PARAMS, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** True when `stored` looks like a hash this module wrote. */
export function isPasswordHash(stored: string): boolean {
  const match = HASH_FORMAT.exec(stored);
  return match !== null && Buffer.from(match[2] as string, 'base64url').length === KEY_LENGTH;
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string, random: (bytes: number) => Buffer = randomBytes): Promise<string> {
  if (password.length === 0) throw new Error('hashPassword(): the password is empty');
  const salt = random(SALT_BYTES);
  const key = await derive(password, salt);
  return `${PASSWORD_HASH_PREFIX}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** A fixed hash used when there is no account, so an unknown name costs the same as a wrong password. */
const DUMMY_SALT = Buffer.alloc(SALT_BYTES, 7);

/** Checks a password against a stored hash (undefined = no such account: still spends one scrypt). */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const match = stored ? HASH_FORMAT.exec(stored) : null;
  const salt = match ? Buffer.from(match[1] as string, 'base64url') : DUMMY_SALT;
  const expected = match ? Buffer.from(match[2] as string, 'base64url') : Buffer.alloc(KEY_LENGTH);
  const actual = await derive(password, salt);
  if (!match || expected.length !== actual.length) return false;
  return timingSafeEqual(expected, actual);
}

import { hashPassword, isPasswordHash, verifyPassword } from '../../src/agent/passwordHash';

describe('agent password hashes (scrypt)', () => {
  test('a hash verifies its password and nothing else', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(isPasswordHash(hash)).toBe(true);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  test('each hash has its own salt', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  test('a missing or malformed stored hash never verifies (and still costs a scrypt)', async () => {
    expect(await verifyPassword('anything', undefined)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text-password')).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$short$short')).toBe(false);
    const good = await hashPassword('anything');
    const truncated = good.slice(0, -4);
    expect(isPasswordHash(truncated)).toBe(false);
    expect(await verifyPassword('anything', truncated)).toBe(false);
    // Timing: the unknown-account path spends about as long as a real check.
    const t0 = process.hrtime.bigint();
    await verifyPassword('anything', good);
    const real = Number(process.hrtime.bigint() - t0);
    const t1 = process.hrtime.bigint();
    await verifyPassword('anything', undefined);
    const missing = Number(process.hrtime.bigint() - t1);
    expect(missing).toBeGreaterThan(real / 4);
  });

  test('Unicode passwords are normalised (NFC) before hashing', async () => {
    const hash = await hashPassword('caf\u00e9-password');
    expect(await verifyPassword('cafe\u0301-password', hash)).toBe(true);
  });

  test('an empty password cannot be hashed', async () => {
    await expect(hashPassword('')).rejects.toThrow(/empty/);
  });
});

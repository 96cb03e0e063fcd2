import { charClasses, isKnownNonSecretShape, looksLikeLonePassword, looksLikeStandalonePassword, tokenParts } from '../../src/privacy/passwordShape';

describe('tokenParts', () => {
  it.each([
    ['Hunter2!xyz', 'Hunter2!xyz', 'Hunter2!xyz', 0],
    ['(Summer2024!),', 'Summer2024!', 'Summer2024', 1],
    ['"Hello123!"', 'Hello123!', 'Hello123', 1],
    ['**iCloud**', 'iCloud', 'iCloud', 2],
    ['wow?!', 'wow', 'wow', 0],
    ['~/Library', '~/Library', '~/Library', 0],
  ])('%s → span %s, core %s', (token, span, core, start) => {
    expect(tokenParts(token)).toEqual({ span, core, start });
  });
});

describe('charClasses', () => {
  it.each([
    ['Hunter2!xyz', ['digit', 'lower', 'symbol', 'upper']],
    ['Wi-Fi', ['lower', 'upper']],
    ['10-sided', ['digit', 'lower']],
    ['2,000.50', ['digit']],
    ["don't", ['lower']],
    ['Photos&Notes', ['lower', 'upper']],
    ['Tr0ub4dor&3', ['digit', 'lower', 'symbol', 'upper']],
    ['-54', ['digit', 'symbol']],
  ])('%s', (core, classes) => {
    expect([...charClasses(core)].sort()).toEqual(classes);
  });
});

describe('looksLikeStandalonePassword (a word in a sentence)', () => {
  it.each(['Hunter2!xyz', 'Summer2024!', 'Tr0ub4dor&3', 'P@ssw0rd', 'abc123XYZ', 'Kx7-pQ2-mZ9', '(Bluebird#77).'])('%s is a password', (token) => {
    expect(looksLikeStandalonePassword(token)).toBe(true);
  });

  it.each([
    // too short, or fewer than three classes
    'Ab1!xyz',
    'sunshine77',
    'PASSWORD99',
    'WhatsApp!',
    // shapes that are never passwords
    'iOS18.2.1',
    'iPhone15',
    'iPhone15ProMax',
    'MacBookPro18,3',
    'A2849',
    '200GB',
    '512GB/1TB',
    '0x8007000E',
    '10:30am-11:45pm',
    '2024-05-12T09:30:00Z',
    '@AppleSupport',
    'https://support.apple.com/HT204053',
    'support.apple.com/HT204053',
    'iCloud.com',
    'Settings>iCloud>Photos',
    'C:\\Users\\Jane',
    'IMG_1234.HEIC',
    'Windows11',
    'Error-1009',
    'MK2E3LL/A',
    'MF8040Cn',
    '1Password',
    '<at>Resync</at>',
    '--dest=org.example',
    'enabled=1',
    '\uE0000\uE001',
  ])('%s is not', (token) => {
    expect(looksLikeStandalonePassword(token)).toBe(false);
  });
});

describe('looksLikeLonePassword (a whole message)', () => {
  it.each(['sunshine77', 'Hunter22', 's3cur1ty', 'Secret!x', ' "dragon_fly77" '])('%s is a password', (message) => {
    expect(looksLikeLonePassword(message)).toBe(true);
  });

  it.each(['FaceTime', 'thanks!', 'iCloud+', 'e-mail', 'Photos&Notes', 'iOS17', 'Windows11', 'macOS14.6', 'step2', 'abc12', 'it was sunshine77', ''])(
    '%s is not',
    (message) => {
      expect(looksLikeLonePassword(message)).toBe(false);
    },
  );

  it("leaves the caller's plain words alone", () => {
    expect(looksLikeLonePassword('reset2fa')).toBe(true);
    expect(looksLikeLonePassword('reset2fa', (w) => w === 'reset2fa')).toBe(false);
  });
});

describe('isKnownNonSecretShape', () => {
  it('judges the core, not the wrappers', () => {
    expect(isKnownNonSecretShape('(iOS18.2.1).')).toBe(true);
    expect(isKnownNonSecretShape('(Hunter2!xyz).')).toBe(false);
  });
});

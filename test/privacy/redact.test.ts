import type { Activity } from 'botbuilder';
import { luhnValid, redactActivity, redactActivityWithReport, redactText, type RedactionKind } from '../../src/privacy/redact';

/** [input, kind expected, raw secret that must disappear] */
const POSITIVE: Array<[string, RedactionKind, string]> = [
  // passwords
  ['my password is hunter2!', 'password', 'hunter2'],
  ['password: Tr0ub4dor&3', 'password', 'Tr0ub4dor&3'],
  ['pwd=s3cr3t-Value', 'password', 's3cr3t-Value'],
  ['my apple id password is Bluebird#77 can you check', 'password', 'Bluebird#77'],
  ['My Apple ID password is sunshine', 'password', 'sunshine'],
  ["my password's Pa55word and it keeps asking", 'password', 'Pa55word'],
  ['the password for my apple id is letmein99', 'password', 'letmein99'],
  ['Password = "correct horse battery"', 'password', 'correct horse battery'],
  ['password was qwerty123 before I changed it', 'password', 'qwerty123'],
  ['I typed password Xk9#mmq2 and it failed', 'password', 'Xk9#mmq2'],
  ['passwd: 12345678', 'password', '12345678'],
  ['Mein Passwort ist Geheim2024', 'password', 'Geheim2024'],
  ['mon mot de passe est Soleil!42', 'password', 'Soleil!42'],
  ['mi contraseña es perro123', 'password', 'perro123'],
  // codes
  ['the code is 482 913', 'code', '482 913'],
  ['verification code 123456', 'code', '123456'],
  ['2FA code: 654321', 'code', '654321'],
  ['it sent me 774-210', 'code', '774-210'],
  // A long message that speaks of a code: its six digits are the code (tester round 4).
  ['got the code finally 834201 but it says wrong, what do I do now', 'code', '834201'],
  ['the verification code never worked, I tried 555 123 three times today', 'code', '555 123'],
  ['123456', 'code', '123456'],
  ['123 456', 'code', '123 456'],
  [' 987654. ', 'code', '987654'],
  ['4821', 'code', '4821'],
  ['20481234', 'code', '20481234'],
  ['passcode is 1234', 'code', '1234'],
  ['my iPhone passcode: 908172', 'code', '908172'],
  ['PIN 0000', 'code', '0000'],
  ['my pin is 4455', 'code', '4455'],
  ['the verification code was 771 002 but it expired', 'code', '771 002'],
  ['I got 314159 on my phone', 'code', '314159'],
  ['Apple ID code - 246810', 'code', '246810'],
  ['security code 5512', 'code', '5512'],
  ['the code was 1234 5678', 'code', '5678'],
  ['1234 5678', 'code', '1234 5678'],
  ['my password is still hunter2', 'password', 'hunter2'],
  // cards
  ['my card is 4111 1111 1111 1111', 'card', '4111 1111 1111 1111'],
  ['charged on 5500-0000-0000-0004 twice', 'card', '5500-0000-0000-0004'],
  ['card 378282246310005 exp 12/27', 'card', '378282246310005'],
  ['4012888888881881', 'card', '4012888888881881'],
  // iban
  ['refund to GB82 WEST 1234 5698 7654 32 please', 'iban', 'GB82 WEST 1234 5698 7654 32'],
  ['DE89370400440532013000', 'iban', 'DE89370400440532013000'],
  // email
  ['my apple id is jane.doe+icloud@example.com', 'email', 'jane.doe+icloud@example.com'],
  ['Contact J_Smith@mail.co.uk!', 'email', 'J_Smith@mail.co.uk'],
  // phones
  ['call me on +44 7700 900123', 'phone', '7700 900123'],
  ['my number is +1 (415) 555-0132', 'phone', '555-0132'],
  ['reach me at 415-555-0132 after 5', 'phone', '415-555-0132'],
  ['(415) 555 0132 is my cell', 'phone', '555 0132'],
  ['it texts 415.555.0132 instead of my new phone', 'phone', '415.555.0132'],
  ['the old number 07700 900123 is gone', 'phone', '07700 900123'],
  ['landline 020 7946 0958', 'phone', '7946 0958'],
  ['07700900123 is the trusted number', 'phone', '07700900123'],
  ['trusted number is 0033 6 12 34 56 78', 'phone', '12 34 56 78'],
  ['phone: 555 0132 88', 'phone', '555 0132 88'],
  ['+33612345678', 'phone', '+33612345678'],
];

/** Text that must come back unchanged. */
const NEGATIVE: string[] = [
  // Error codes are for the agent, even in a long message with a six-digit number.
  'error code 8003 came up and then 483920 photos were stuck for two days',
  "my iPhone 15 Pro on iOS 18.1 won't sync 2,000 photos",
  'iOS 18.2',
  'iOS 17.4.1 on my iPad Air',
  'iPhone 15',
  'I have 50 GB of iCloud storage',
  'upgraded to the 200GB plan',
  'the 2 TB plan costs more',
  'it stopped syncing in 2024',
  'since March 2023 nothing syncs',
  'it happened at 14:05 yesterday',
  'last sync 2024-05-12 09:30',
  'I forgot my password',
  'my password is wrong',
  'my password is not working',
  "my password isn't accepted",
  'password is correct, I checked',
  'my Apple ID password expired',
  'the password is being rejected',
  'how do I reset my password?',
  'password reset did not help',
  'it keeps asking for my password and then fails',
  'I get error code 8003',
  'error code -1009 when syncing',
  'status code 503',
  'the verification code never arrives',
  'I did not get a code',
  'it shows 1200 photos but my Mac shows 1187',
  'I have 123456 photos',
  'it says 12345 items remaining',
  'macOS 14.6.1 (23G93)',
  'about 3,500 contacts and 12 calendars',
  'my MacBook Pro 2019 with 16 GB',
  'the serial number ends in 4F2A',
  'version 1.2.3.4567',
  'call me later',
  'my iCloud is 5GB and it is full',
  '100%',
  'I waited 30 minutes then 2 hours',
  'build 22F82',
  'order number 1234567890',
  'my zip code 94105',
  'it shows 482 913 photos',
  'I changed my password yesterday',
  'my password is 8 characters',
  'Windows 11 build 22631.4317',
  'iCloud for Windows 15.1.96.0',
  'my account was locked at 09:41 on 12/05/2024',
  'https://example.com/page?id=123456',
  'iPad 10.2 2021 model A2602',
  'password 2FA setup is confusing',
  'Passwords app on iOS18',
  'hi',
  '',
];

describe('redactText: secrets are replaced by a marker', () => {
  it.each(POSITIVE)('%s → %s', (input, kind, secret) => {
    const result = redactText(input);
    expect(result.text).not.toContain(secret);
    expect(result.text).toContain(`[redacted ${kind}]`);
    expect(result.redactions.find((r) => r.kind === kind)?.count).toBeGreaterThanOrEqual(1);
  });
});

describe('redactText: ordinary text stays intact', () => {
  it.each(NEGATIVE.map((t) => [t]))('%s', (input) => {
    const result = redactText(input);
    expect(result.text).toBe(input);
    expect(result.redactions).toEqual([]);
  });
});

describe('redactText details', () => {
  it('is idempotent: redacting redacted text changes nothing and counts nothing', () => {
    const once = redactText('my password is hunter2! code 482913, mail a.b@c.io, pin: 1234').text;
    const twice = redactText(once);
    expect(twice.text).toBe(once);
    expect(twice.redactions).toEqual([]);
  });

  it('keeps the words around a secret and counts each kind', () => {
    const result = redactText('my password is hunter2! and the code is 482 913, email me at a.b@c.io or +44 7700 900123');
    expect(result.text).toBe('my password is [redacted password] and the code is [redacted code], email me at [redacted email] or [redacted phone]');
    expect(result.redactions).toEqual([
      { kind: 'password', count: 1 },
      { kind: 'code', count: 1 },
      { kind: 'email', count: 1 },
      { kind: 'phone', count: 1 },
    ]);
  });

  it('counts repeated secrets of one kind', () => {
    const result = redactText('write to x@y.com or z@w.org');
    expect(result.text).toBe('write to [redacted email] or [redacted email]');
    expect(result.redactions).toEqual([{ kind: 'email', count: 2 }]);
  });

  it('leaves 16-digit numbers that fail Luhn', () => {
    expect(redactText('ticket 4111 1111 1111 1112 is open').text).toBe('ticket 4111 1111 1111 1112 is open');
  });

  it('a lone number is a code only when it is the whole message', () => {
    expect(redactText('482913').text).toBe('[redacted code]');
    expect(redactText('I counted 482913 files').text).toBe('I counted 482913 files');
  });

  it('is deterministic', () => {
    const input = 'password: abc123, code 654321';
    expect(redactText(input)).toEqual(redactText(input));
  });
});

describe('known secrets (echoes)', () => {
  it('reports the raw secrets it removed so that echoes can be scrubbed', () => {
    const { secrets } = redactActivityWithReport({ type: 'message', text: '654 321' });
    expect(secrets).toEqual([{ kind: 'code', value: '654 321' }]);
    const echo = redactText('You said: 654321, and 654-321 again; 1654321 is another number', { knownSecrets: secrets });
    expect(echo.text).toBe('You said: [redacted code], and [redacted code] again; 1654321 is another number');
    expect(echo.redactions).toEqual([{ kind: 'code', count: 2 }]);
  });

  it('scrubs a known password wherever it appears and ignores very short ones', () => {
    const known = [
      { kind: 'password' as const, value: 'Bluebird#77' },
      { kind: 'password' as const, value: 'abc' },
    ];
    expect(redactText('Got it: Bluebird#77 (abc)', { knownSecrets: known }).text).toBe('Got it: [redacted password] (abc)');
  });
});

describe('luhnValid', () => {
  it.each([
    ['4111111111111111', true],
    ['79927398713', true],
    ['79927398710', false],
    ['', false],
    ['12a4', false],
  ])('%s → %s', (digits, valid) => expect(luhnValid(digits)).toBe(valid));
});

describe('redactActivity', () => {
  const timestamp = new Date('2026-01-01T12:00:00Z');
  const activity: Partial<Activity> = {
    type: 'message',
    id: 'act-123456',
    timestamp,
    channelId: 'msteams',
    from: { id: '29:1234567', name: 'Jane', role: 'user' },
    recipient: { id: '28:bot', name: 'Resync' },
    conversation: { id: 'conv-12345678', isGroup: false, conversationType: 'personal', name: 'chat' },
    text: 'my password is hunter2',
    speak: 'the code is 654321',
    value: { note: 'email jane@example.com', password: 'plainvalue', pin: 1234, nested: [{ code: 'verification code 112233' }], tenantId: '98765432' },
    channelData: { tenant: { id: '20481234' }, userText: 'call me on +44 7700 900123' },
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'card 4111 1111 1111 1111' }] },
      },
      { contentType: 'text/plain', content: 'pwd=Zz9!zz' },
    ],
  };

  it('redacts content fields in a deep copy and keeps ids, type and timestamps', () => {
    const before = JSON.stringify(activity);
    const { activity: out, redactions } = redactActivityWithReport(activity);
    expect(JSON.stringify(activity)).toBe(before); // input untouched
    const json = JSON.stringify(out);
    for (const secret of ['hunter2', '654321', 'jane@example.com', 'plainvalue', '112233', '7700 900123', '4111 1111', 'Zz9!zz']) {
      expect(json).not.toContain(secret);
    }
    expect(out.id).toBe('act-123456');
    expect(out.type).toBe('message');
    expect(out.timestamp).toEqual(timestamp);
    expect(out.timestamp).not.toBe(timestamp);
    expect(out.from).toEqual(activity.from);
    expect(out.conversation).toEqual(activity.conversation);
    expect((out.value as Record<string, unknown>).tenantId).toBe('98765432');
    expect((out.value as Record<string, unknown>).pin).toBe('[redacted code]');
    expect((out.channelData as { tenant: { id: string } }).tenant.id).toBe('20481234');
    expect(out.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect((out.attachments?.[0].content as { type: string }).type).toBe('AdaptiveCard');
    expect(out.attachments?.[1].content).toBe('pwd=[redacted password]');
    expect(redactions.map((r) => r.kind).sort()).toEqual(['card', 'code', 'email', 'password', 'phone']);
  });

  it('returns an equal copy when there is nothing to redact', () => {
    const plain: Partial<Activity> = { type: 'message', id: '1', text: 'my photos are not syncing on iOS 18.2', timestamp };
    const out = redactActivity(plain);
    expect(out).toEqual(plain);
    expect(out).not.toBe(plain);
  });
});

describe('tester round 10 (B4): recovery keys, spaced-out codes, security answers', () => {
  it.each([
    ['my recovery key is K7PX-2M9Q-RT4W-8HZN-C3VB-6JYD-F5LS', 'my recovery key is [redacted code]'],
    ['K7PX 2M9Q RT4W 8HZN C3VB 6JYD F5LS', '[redacted code]'],
    ['the code is 4 8 3 9 2 0', 'the code is [redacted code]'],
    ['its 48 39 20', 'its [redacted code]'],
    ['security answer is fluffy', 'security answer is [redacted password]'],
    ['my security question answer is rover', 'my security question answer is [redacted password]'],
  ])('%s', (text, expected) => {
    expect(redactText(text).text).toBe(expected);
  });

  it.each([['this will work with your help okay'], ['i have 4 8 3 photos'], ['iphone 15 pro with ios 17 2 1'], ['version 2 3 4 5 6 7'], ['ABCD-EFGH']])('"%s" is left alone', (text) => {
    expect(redactText(text).text).toBe(text);
  });
});

it('tester round 10 (C4): a code typed with dashes between its digits is a code', () => {
  expect(redactText('the code is 4-8-3-9-2-0').text).toBe('the code is [redacted code]');
  expect(redactText('it wants a code, 4-8-3-9-2-0').text).toBe('it wants a code, [redacted code]');
});

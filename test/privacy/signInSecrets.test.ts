/**
 * Passwords and codes typed during sign-in with short or unusual cues ("pw:", "my pass is",
 * "got it: 483920"), and the ordinary sentences around the same words that must stay whole.
 */
import { redactText, type RedactionKind } from '../../src/privacy/redact';

/** [typed, kind, the raw secret that must disappear] */
const FOUND: Array<[string, RedactionKind, string]> = [
  // What a tester found stored word for word
  ['ok got it now: 483920', 'code', '483920'],
  ['got it: 483920', 'code', '483920'],
  ['my apple id is john.smith@gmail.com and password bluebird', 'password', 'bluebird'],
  ['tried pw: correcthorse', 'password', 'correcthorse'],
  ['my pass is letmein2024', 'password', 'letmein2024'],
  // Password cues: short forms, misspellings, cases
  ['pw bluebird', 'password', 'bluebird'],
  ['PW: bluebird', 'password', 'bluebird'],
  ['my pw is bluebird', 'password', 'bluebird'],
  ['PWD: bluebird', 'password', 'bluebird'],
  ['Passwd bluebird', 'password', 'bluebird'],
  ['my passwrd is bluebird', 'password', 'bluebird'],
  ['pasword: bluebird', 'password', 'bluebird'],
  ['pass word is bluebird', 'password', 'bluebird'],
  ['Password Bluebird', 'password', 'Bluebird'],
  ['My Password: Hunter', 'password', 'Hunter'],
  ['my wifi pass is sunflower', 'password', 'sunflower'],
  ['the pass was tulip', 'password', 'tulip'],
  ['my passcode is bluebird', 'password', 'bluebird'],
  ['passcode: Tulip', 'password', 'Tulip'],
  ['apple id password bluebird doesn\'t work', 'password', 'bluebird'],
  ['I typed password bluebird twice', 'password', 'bluebird'],
  ['password hunter and it failed', 'password', 'hunter'],
  // Six digits after a cue, in a message of any length
  ['got it 483 920', 'code', '483 920'],
  ['Got it! 483920', 'code', '483920'],
  ["it's 483920", 'code', '483920'],
  ['its 483-920', 'code', '483-920'],
  ['here you go: 483 920', 'code', '483 920'],
  ['here it is 483920', 'code', '483920'],
  ['sorry here: 483920', 'code', '483920'],
  ["it's 483920 but it expired already and I need another one please, can you send it again", 'code', '483920'],
  ['ok so it asked me for the 6-digit thing, I typed in 483920 and it said invalid, what now?', 'code', '483920'],
  // Six digits anywhere in a short message (8 words or fewer)
  ['okay 483920', 'code', '483920'],
  ['483920 thanks', 'code', '483920'],
  ['the six digits are 483920', 'code', '483920'],
];

/** Ordinary sentences: left exactly as typed. */
const KEPT: string[] = [
  // A password cue followed by an ordinary word
  'password reset email never arrived',
  // Questions about where a password goes (tester round 3): the word after the cue is ordinary
  'do I need to type my apple id password somewhere?',
  'which password here, the apple id one?',
  'is the password correct or not',
  'my password is wrong',
  "password doesn't work",
  'password doesnt work',
  'forgot my password again',
  'the password field is greyed out',
  'password keeps getting rejected',
  'it asks for my password every time',
  'password prompt keeps popping up',
  'I changed my pw recently',
  "pw doesn't work",
  'pw reset never came',
  'my pw is wrong',
  'Passwords sync between devices',
  'passwords app not syncing to my Mac',
  'password manager autofill not working',
  'password hint is not showing',
  'is my password safe with you',
  'password for my apple id doesn\'t work',
  'password just spins',
  'password with special characters fails',
  'password then code then nothing',
  'This is where your account looks for the Change Password URL.',
  // "pass" and "passcode" in their ordinary senses
  'my passcode is not working',
  'passcode screen froze',
  'Settings > Face ID & Passcode > Change Passcode',
  'boarding pass won\'t show in Wallet',
  'my pass is expired',
  "I can't pass this screen",
  // Numbers that are not codes
  'I have 483920 photos',
  '483 photos',
  'it\'s 2024 and this still breaks',
  'error: 483920',
  'case number: 102938',
  'ticket 483920 is still open',
  'order 483920 shipped',
  'I have 100000 photos',
  'about 250000 photos',
  'took 483920 ms',
  'sync stuck at 483920 of 500000',
  'what is 38% of 389209',
  'it cost $483920',
  'my iCloud has 483920 items',
  'it stopped at 14:05',
  "it's version 18.2",
  'Version: 17.4.1',
  'https://example.com/page?id=483920',
  // A six-digit number in a long message with no cue is not taken for a code
  'after the update on my iPad the library went from 120000 down to 483920 and it is still dropping',
];

describe('passwords and codes typed at sign-in', () => {
  it.each(FOUND)('%s → %s', (input, kind, secret) => {
    const result = redactText(input);
    expect(result.text).not.toContain(secret);
    expect(result.text).toContain(`[redacted ${kind}]`);
    expect(result.redactions.find((r) => r.kind === kind)?.count).toBe(1);
  });

  it('keeps the cue and the words around the secret', () => {
    expect(redactText('my apple id is john.smith@gmail.com and password bluebird').text).toBe(
      'my apple id is [redacted email] and password [redacted password]',
    );
    expect(redactText('ok got it now: 483920').text).toBe('ok got it now: [redacted code]');
    expect(redactText("apple id password bluebird doesn't work").text).toBe("apple id password [redacted password] doesn't work");
    expect(redactText('here you go: 483 920, thanks').text).toBe('here you go: [redacted code], thanks');
  });

  it('a numeric passcode is still a code, not a password', () => {
    expect(redactText('passcode 4821').redactions).toEqual([{ kind: 'code', count: 1 }]);
    expect(redactText('my passcode is 908172').redactions).toEqual([{ kind: 'code', count: 1 }]);
  });
});

describe('ordinary sentences around the same words', () => {
  it.each(KEPT.map((t) => [t]))('%s', (input) => {
    const result = redactText(input);
    expect(result.text).toBe(input);
    expect(result.redactions).toEqual([]);
  });

  it('a six-digit number in a short message is a count when a unit or a round figure says so', () => {
    expect(redactText('483920 photos').text).toBe('483920 photos');
    expect(redactText('100000').text).toBe('[redacted code]'); // a lone number is always taken for a code
    expect(redactText('nearly 100000 now').text).toBe('nearly 100000 now');
    expect(redactText('now 100000').text).toBe('now 100000');
    expect(redactText('now 100001').text).toBe('now [redacted code]');
  });

  it('a message of nine words is not short: its six digits need a cue', () => {
    expect(redactText('the library went to 483920 and my iPad less').text).toBe('the library went to 483920 and my iPad less');
    expect(redactText('the library went to 483920, my iPad less').text).toBe('the library went to [redacted code], my iPad less');
  });
});

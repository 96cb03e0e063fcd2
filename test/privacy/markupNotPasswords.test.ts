/**
 * Tester round 7, item 12: markup and links typed by a person ("=" and "](") are what they wrote,
 * not passwords; a password still needs no more than a cue to be redacted.
 */
import { redactText } from '../../src/privacy/redact';

describe('markup is not a password', () => {
  it.each([
    ['<img src=x onerror=alert(1)> **bold** [click](javascript:alert(1))'],
    ['onerror=alert(1)'],
    ['[click](javascript:alert(1))'],
    ['see [the steps](https://support.apple.com/HT204053) please'],
    ['<a href=https://example.com/x?y=1>link</a>'],
    ['style=color:red;font-weight:700'],
    ['I set sync=Enabled2024! in the profile'],
    ['signed in with an app-specific password made at **account.apple.com**'],
  ])('leaves %s as typed', (text) => {
    expect(redactText(text)).toEqual({ text, redactions: [] });
  });

  it.each([
    ['my password is Hunter2Secret! and the code was 559812', 'my password is [redacted password] and the code was [redacted code]'],
    ['pw: Secr3tPass!', 'pw: [redacted password]'],
    ['password=Sunny2024 onerror=alert(1)', 'password=[redacted password] onerror=alert(1)'],
    ['mypassword=Abc123!x', '[redacted password]'],
    ['apikey=Abc123!xyz', '[redacted password]'],
    ['I tried Hunter2!xyz and it says wrong', 'I tried [redacted password] and it says wrong'],
  ])('still redacts a password with a cue or a secret-sounding name: %s', (text, expected) => {
    expect(redactText(text).text).toBe(expected);
  });
});

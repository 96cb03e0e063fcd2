/**
 * The short word "pass" as a password cue (tester round 8, item 1: `pass: hunter22x` was stored,
 * logged and put in a ticket word for word). "pass" followed by ":", "=" or a dash, or by a token
 * shaped like a password, names a password; "pass" the verb ("pass the check"), the noun
 * ("boarding pass") and a status line ("pass: ok") do not.
 */
import { redactActivityWithReport, redactText } from '../../src/privacy/redact';

const PASSWORD = '[redacted password]';

/** [typed, what is left after redaction]: the secret is gone, the words around it stay. */
const HIDDEN: Array<[string, string]> = [
  // The tester's wordings (r8h H01, H03, r8g G11)
  ['pass: hunter22x', `pass: ${PASSWORD}`],
  ['pass hunter22x', `pass ${PASSWORD}`],
  ['pass=hunter22x', `pass=${PASSWORD}`],
  ['apple id sam@example.com pass: hunter22x', `apple id [redacted email] pass: ${PASSWORD}`],
  ['my email is sam@example.com pass: hunter22x', `my email is [redacted email] pass: ${PASSWORD}`],
  ['backup fails, apple id sam@example.com pass: hunter22x', `backup fails, apple id [redacted email] pass: ${PASSWORD}`],
  // The same cue with other separators, cases and spacing
  ['pass - hunter22x', `pass - ${PASSWORD}`],
  ['pass -- hunter22x', `pass -- ${PASSWORD}`],
  ['pass – hunter22x', `pass – ${PASSWORD}`],
  ['pass:hunter22x', `pass:${PASSWORD}`],
  ['PASS: hunter22x', `PASS: ${PASSWORD}`],
  ['Pass = hunter22x', `Pass = ${PASSWORD}`],
  ['icloud pass: hunter22x', `icloud pass: ${PASSWORD}`],
  ['apple id pass hunter22x', `apple id pass ${PASSWORD}`],
  // After ":", "=" or a dash a plain word is the password too
  ['pass: tulip', `pass: ${PASSWORD}`],
  ['Pass = Bluebird', `Pass = ${PASSWORD}`],
  // "pass is X": a word that does not describe a password
  ['pass is hunter22x', `pass is ${PASSWORD}`],
  ['pass is bluebird', `pass is ${PASSWORD}`],
  // Right after a user name or an address, a plain word after "pass" is the password
  ['apple id sam@example.com pass hunter', `apple id [redacted email] pass ${PASSWORD}`],
  ['user sam pass hunter', `user sam pass ${PASSWORD}`],
  ['login sam, pass tulip', `login sam, pass ${PASSWORD}`],
  // The dash works for the other cues as well
  ['password - hunter22x', `password - ${PASSWORD}`],
  ['pw - bluebird', `pw - ${PASSWORD}`],
];

/** Ordinary sync talk with "pass" in it: left exactly as typed. */
const KEPT: string[] = [
  'pass the check',
  "it won't pass verification",
  'a boarding pass',
  'my boarding pass is missing from wallet',
  'boarding pass: gate 12',
  'season pass - expired',
  'passes',
  'passing',
  'passed',
  'passport',
  'pass-through',
  'password reset worked',
  'the pass code never came',
  'pass',
  'pass?',
  "i'll pass",
  'pass it on',
  'pass me to a person',
  'can you pass this to an agent',
  'let it pass',
  'does it pass?',
  'the backup did not pass the check',
  'it does not pass',
  'pass on this one',
  'pass through',
  'pass 2',
  'pass iOS18',
  'pass 2FA',
  "it won't pass 2-factor",
  'pass iCloud.com sign in',
  'it gets to 50% and does not pass 90%',
  // A status line: "pass: ok" is a result, not a password
  'pass: ok',
  'pass: no',
  'pass: yes',
  'pass: fail',
  'pass: failed',
  'pass: not sure',
  'pass: true',
  "pass: it's the same as my email",
  'pass: they never sync',
  'pass - it worked',
  'pass is required',
  'pass is expired',
  'pass is in my wallet',
  // A dash after the other cues keeps the ordinary words
  'password - forgot it',
  'Passwords - they sync between devices',
  'password - reset it at iforgot.apple.com',
];

describe('"pass" as a password cue', () => {
  it.each(HIDDEN)('%s', (typed, left) => {
    const result = redactText(typed);
    expect(result.text).toBe(left);
    expect(result.redactions.find((r) => r.kind === 'password')?.count).toBe(1);
  });

  it('the raw secret is among those found, so an echo of it elsewhere in the activity is hidden too', () => {
    const report = redactActivityWithReport({ type: 'message', text: 'pass: hunter22x', value: { note: 'it was hunter22x' } });
    expect(report.secrets).toContainEqual({ kind: 'password', value: 'hunter22x' });
    expect(JSON.stringify(report.activity)).not.toContain('hunter22x');
    expect(report.byField.text).toEqual([{ kind: 'password', count: 1 }]);
  });
});

describe('"pass" in ordinary sentences', () => {
  it.each(KEPT.map((t) => [t]))('%s', (typed) => {
    const result = redactText(typed);
    expect(result.text).toBe(typed);
    expect(result.redactions).toEqual([]);
  });
});

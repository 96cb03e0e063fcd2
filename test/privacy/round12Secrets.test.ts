/**
 * Secrets testers saw reach the agent in round 12 (B2): a code typed digit by digit after "sent me",
 * a passphrase after "password:", a letters-and-digits word in a message about a password, a
 * card's expiry date and security code. And the words around them that must stay.
 */
import { redactText } from '../../src/privacy/redact';

describe('round 12: secrets that reached the agent', () => {
  it.each([
    ['it sent me 4 8 2 9 1 3', 'it sent me [redacted code]'],
    ['apple id password: correct horse battery staple', 'apple id password: [redacted password]'],
    ["My password is my dog's name Rex2015", "My password is my dog's name [redacted password]"],
    ['my card is 4111 1111 1111 1111 exp 12/27 cvv 123', 'my card is [redacted card] exp [redacted card] cvv [redacted code]'],
    ['CVC: 4321', 'CVC: [redacted code]'],
  ])('%s', (text, expected) => {
    expect(redactText(text).text).toBe(expected);
  });

  it('a passphrase is one password (counted once), and its words are known for echoes', () => {
    const result = redactText('password: correct horse battery staple');
    expect(result.redactions).toEqual([{ kind: 'password', count: 1 }]);
  });

  it.each([
    ['password: hunter2 doesnt work', 'password: [redacted password] doesnt work'],
    ['password: hunter2 on my iphone', 'password: [redacted password] on my iphone'],
    ['pwd=abc def, thanks', 'pwd=[redacted password], thanks'],
    ['my password for iphone15 doesnt work', 'my password for iphone15 doesnt work'],
    ['my password is correct but it fails', 'my password is correct but it fails'],
    ['my storage expires 12/27 they said', 'my storage expires 12/27 they said'],
    ['my visa expires 03/2028', 'my visa expires [redacted card]'],
  ])('the clause ends where the password does: %s', (text, expected) => {
    expect(redactText(text).text).toBe(expected);
  });
});

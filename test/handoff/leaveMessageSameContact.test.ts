/**
 * After a message that held an address is saved, typing that same address again (or after "that's
 * wrong") only confirms it: no "Done: … instead", and the ticket is not rewritten. The message
 * itself is redacted once, and the address read from that same redaction.
 */
import { redactText } from '../../src/privacy/redact';
import { redactMessageAndContact, readContact, sameContact } from '../../src/handoff/contactAddress';
import { atMessageQuestion, messages, replyKeys } from './hubHarness';

describe('the same address typed again', () => {
  it.each(['pat@example.com', 'Pat@Example.com', 'yes, pat@example.com'])('"%s" after the message that held it confirms it', async (typed) => {
    const { h, p } = await atMessageQuestion();
    expect(replyKeys(await p.say('my photos are gone, email me at pat@example.com'))).toEqual(['handoff.leaveMessage.savedFound']);
    const r = await p.say(typed);
    expect(replyKeys(r)).toEqual(['handoff.leaveMessage.contactConfirmed']);
    expect(r[0].text).toContain('pat@example.com');
    expect(r[0].text).not.toContain(' instead');
    expect((await h.hub.tickets()).tickets.map((t) => t.contact)).toEqual(['pat@example.com']);
    // Still the one-turn "saved" mode: a goodbye now gets the leave-a-message goodbye.
    expect(replyKeys(await p.say('thanks bye'))).toEqual(['handoff.leaveMessage.goodbye']);
  });

  it('after "that\'s wrong", the same number with other separators is confirmed, not changed', async () => {
    const { h, p } = await atMessageQuestion();
    await p.say('nothing syncs, call me on +44 7700 900123');
    expect(replyKeys(await p.say("that's wrong"))).toEqual(['handoff.leaveMessage.contactCorrect']);
    expect(replyKeys(await p.say('+44 7700-900123'))).toEqual(['handoff.leaveMessage.contactConfirmed']);
    expect((await h.hub.tickets()).tickets.map((t) => t.contact)).toEqual(['+44 7700 900123']);
  });

  it('a different address still replaces it', async () => {
    const { h, p } = await atMessageQuestion();
    await p.say('my photos are gone, email me at pat@example.com');
    expect(replyKeys(await p.say('pat.smith@example.com'))).toEqual(['handoff.leaveMessage.contactChanged']);
    expect((await h.hub.tickets()).tickets.map((t) => t.contact)).toEqual(['pat.smith@example.com']);
  });
});

describe('sameContact', () => {
  it.each([
    ['pat@example.com', 'PAT@example.com ', true],
    ['pat.smith@example.com', 'patsmith@example.com', false],
    ['+44 7700 900123', '+44 (7700) 900-123', true],
    ['+44 7700 900123', '07700 900123', false],
  ])('%s / %s: %s', (a, b, same) => expect(sameContact(a, b)).toBe(same));
});

describe('redactMessageAndContact', () => {
  const or = ` ${String(messages['leaveMessage.contactOr'])} `;
  it.each([
    'call me on +44 7700 900123 or email jane.doe@example.com, my code is 123456',
    'me@example.com',
    'nothing here but words',
    'my password is hunter2 and photos are gone',
  ])('gives what redactText and readContact give, for "%s"', (text) => {
    expect(redactMessageAndContact(text, or)).toEqual({ redacted: redactText(text).text, contact: readContact(text, or) });
  });
});

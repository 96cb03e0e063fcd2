/**
 * A card or bank account number typed by the person (tester round 4, item 16, transcript r4h
 * H05): it was already hidden; now the bot also says so, once per conversation and before its
 * answer, in a notice of its own (`privacy.paymentHidden`: hidden, never type card details here,
 * billing questions go to a person), apart from the password-or-code one.
 */
import { MemoryStorage } from 'botbuilder';
import { paymentHiddenIn, secretHiddenIn, STATE_KEYS } from '../../src/bot/createBot';
import { redactActivityWithReport } from '../../src/privacy/redact';
import { harness, keys, realContent } from '../dialogs/helpers';

const PAYMENT = 'privacy.paymentHidden';
const SECRET = 'privacy.secretHidden';
const signIn = realContent().playbooks['sign-in-problem'];

describe('paymentHiddenIn: the redactor counts decide', () => {
  it.each([
    ['my card 4111 1111 1111 1111 was declined for icloud+', true],
    ['charged twice to GB82 WEST 1234 5698 7654 32', true],
    ['got it: 483920', false],
    ['call me on +44 7700 900123', false],
    ['I have 4111 photos and 1111 videos', false],
  ])('%s → %s', (text, hidden) => {
    expect(paymentHiddenIn(redactActivityWithReport({ type: 'message', text }))).toBe(hidden);
  });

  it('a card number is no password or code', () => {
    expect(secretHiddenIn(redactActivityWithReport({ type: 'message', text: 'my card 4111 1111 1111 1111 was declined' }))).toBe(false);
  });
});

describe('the notice in a conversation', () => {
  it('"my card 4111 1111 1111 1111 was declined for icloud+" at sign-in: the notice first, then the answer; once per conversation', async () => {
    const storage = new MemoryStorage();
    const h = harness({ storage });
    await h.say(`${signIn.intent} on my iphone`);
    const turn = await h.say('my card 4111 1111 1111 1111 was declined for icloud+');
    expect(keys(turn)[0]).toBe(PAYMENT);
    expect(keys(turn)).not.toContain(SECRET);
    expect(turn.length).toBeGreaterThan(1);
    expect(turn[0].text).toBe(h.content.messages[PAYMENT]);
    expect(turn.map((r) => r.text).join(' ')).not.toContain('4111');

    const stored = JSON.stringify(await storage.read(['test/conversations/conv-1/']));
    expect(stored).toContain(`"${STATE_KEYS.paymentNotice}":true`);
    expect(stored).not.toContain('4111 1111');

    // Not again in this conversation, also from a fresh bot on the same storage.
    expect(keys(await harness({ storage }).say('try 5500 0000 0000 0004 instead'))).not.toContain(PAYMENT);
    // The password-or-code notice is its own: still said the first time a code comes.
    expect(keys(await h.say('got it: 483920'))[0]).toBe(SECRET);
  });

  it('a card number and a code in one message get both notices, the code one first', async () => {
    const h = harness();
    const turn = await h.say('card 4111 1111 1111 1111 and the code is 483920');
    expect(keys(turn).slice(0, 2)).toEqual([SECRET, PAYMENT]);
  });

  it('is not said for ordinary messages, a code or an address', async () => {
    const h = harness();
    for (const text of [`${signIn.intent} on my mac`, 'got it: 483920', 'my apple id is john.smith@gmail.com', 'I have 4111 photos']) {
      expect(keys(await h.say(text))).not.toContain(PAYMENT);
    }
  });
});

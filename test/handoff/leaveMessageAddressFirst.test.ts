/**
 * Leave a message, regression round 5 item 8 (transcripts r5n N01/N02, r5f F03, r5g G01/G05): an
 * email address or a phone number typed alone at "Please type your message…" is the way to reach
 * the person (the message itself is asked for next, and the ticket keeps that address), "no
 * thanks" there saves nothing, and "forget it, I'll call Apple" at "How can we reach you?" cancels.
 */
import { atMessageQuestion, hubHarness, hubKeys, messages, replyKeys, storedOutsideTickets, type HubHarness, type Person } from './hubHarness';

/** Queued with nobody online, then "ok leave a message" (F03). */
async function atMessageQuestionFromQueue(): Promise<{ h: HubHarness; p: Person }> {
  const h = hubHarness();
  const p = h.person('c1');
  await p.say('photos-not-syncing on my iphone');
  await p.say('talk to a person');
  expect(hubKeys(await p.say('Wait anyway'))).toEqual(['event:handoff.initiate', 'handoff.waiting.noEstimate']);
  expect(replyKeys(await p.say('ok leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
  return { h, p };
}


describe('an address typed alone as the message (N01, F03)', () => {
  it.each([
    ['me@example.com', 'me@example.com'],
    ['+44 7700 900123', '+44 7700 900123'],
    ['07700 900123.', '07700 900123'],
  ])('"%s" is taken as the contact and the message is asked for; the ticket gets both', async (typed, contact) => {
    const { h, p } = await atMessageQuestion();
    const first = await p.say(typed);
    expect(replyKeys(first)).toEqual(['handoff.leaveMessage.contactFirst']);
    expect(first[0].text).toContain(contact);
    expect(first[0].text).not.toMatch(/password|code/i);
    expect((await h.hub.tickets()).tickets).toEqual([]);

    const saved = await p.say('My contacts from my old phone never arrived on the new iPhone');
    expect(replyKeys(saved)).toEqual(['handoff.leaveMessage.savedGiven']);
    const { tickets } = await h.hub.tickets();
    expect(tickets).toHaveLength(1);
    expect(tickets[0].contact).toBe(contact);
    expect(tickets[0].message).toContain('never arrived');
    expect(saved[0].text).toContain(tickets[0].id);
    expect(saved[0].text).toContain(contact);
    // The address was kept for one turn only, and never in the conversation's state.
    expect(storedOutsideTickets(h)).not.toContain('900123');
    expect(storedOutsideTickets(h)).not.toContain('me@example');
  });

  it('works the same after "leave a message" while queued', async () => {
    const { h, p } = await atMessageQuestionFromQueue();
    expect(replyKeys(await p.say('me@example.com'))).toEqual(['handoff.leaveMessage.contactFirst']);
    expect(replyKeys(await p.say('photos from my iphone never show on my mac'))).toEqual(['handoff.leaveMessage.savedGiven']);
    expect((await h.hub.tickets()).tickets.map((t) => t.contact)).toEqual(['me@example.com']);
  });

  it('"cancel" after the address saves nothing and forgets the address', async () => {
    const { h, p } = await atMessageQuestion();
    await p.say('me@example.com');
    expect(replyKeys(await p.say('cancel'))).toEqual(['handoff.leaveMessage.cancelled']);
    expect((await h.hub.tickets()).tickets).toEqual([]);
    expect(storedOutsideTickets(h)).not.toContain('me@example');
  });

  it('a card number alone is still hidden, and the reply names a card number', async () => {
    const { h, p } = await atMessageQuestion();
    const r = await p.say('4111 1111 1111 1111');
    expect(replyKeys(r)).toEqual(['handoff.leaveMessage.onlyHidden']);
    expect(r[0].text).toMatch(/card number/);
    expect((await h.hub.tickets()).tickets).toEqual([]);
  });

  it('the onlyHidden wording never calls what was hidden only a "password or code"', () => {
    expect(String(messages['leaveMessage.onlyHidden'])).not.toContain('the password or code you typed');
  });
});

describe('"no thanks" at "Please type your message…" (G01, N02)', () => {
  it.each(['no thanks', 'actually no thanks', 'No thanks.', 'no thank you', 'ok no thanks'])('"%s" saves nothing and asks for no contact', async (words) => {
    const { h, p } = await atMessageQuestion();
    expect(replyKeys(await p.say(words))).toEqual(['handoff.leaveMessage.cancelled']);
    expect((await h.hub.tickets()).tickets).toEqual([]);
  });

  it('a message that starts with "no" is still the message', async () => {
    const { p } = await atMessageQuestion();
    expect(replyKeys(await p.say('no contacts on my iphone since the update, thanks'))).toEqual(['handoff.leaveMessage.contact']);
  });
});

describe('cancelling at "How can we reach you?" with a reason (G05)', () => {
  it.each(["forget it, I'll call Apple", "never mind - I'll phone them", 'Cancel. I will try later'])('"%s" saves nothing', async (words) => {
    const { h, p } = await atMessageQuestion();
    expect(replyKeys(await p.say('My contacts never arrived'))).toEqual(['handoff.leaveMessage.contact']);
    expect(replyKeys(await p.say(words))).toEqual(['handoff.leaveMessage.cancelled']);
    expect((await h.hub.tickets()).tickets).toEqual([]);
  });

  it('an address after the cancel words is still the address', async () => {
    const { h, p } = await atMessageQuestion();
    await p.say('My contacts never arrived');
    expect(replyKeys(await p.say('never mind, just use jo@example.com'))).toEqual(['handoff.leaveMessage.saved']);
    expect((await h.hub.tickets()).tickets.map((t) => t.contact)).toEqual(['jo@example.com']);
  });
});

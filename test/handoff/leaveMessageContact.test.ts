/**
 * Leave a message as a demanding person does it (tester round 4, items 12 and 13; transcripts
 * r4h H02, H03, H04 and r4s U04): "actually never mind" cancels, an address inside a sentence is
 * the contact, a message that already holds an email or a phone number is saved with it (the
 * address confirmed and correctable, never asked for again), and "hello? any news?" later is told
 * the message arrived. The address is read from the person's own words for the ticket only: the
 * conversation's state and transcript keep it masked.
 */
import { MESSAGE_WELCOME_BACK_MS } from '../../src/handoff/hubService';
import { AGENT_A, atMessageQuestion, hubHarness, replyKeys, replyWith, storedOutsideTickets, type HubHarness } from './hubHarness';

async function transcriptText(h: HubHarness, conversationId: string): Promise<string> {
  const page = await h.transcripts.getTranscriptActivities('test', conversationId);
  return JSON.stringify(page.items);
}

describe('cancelling at "Please type your message…" (H03)', () => {
  it.each(['actually never mind', 'cancel', 'forget it', 'ok never mind then', 'Actually, forget it.', 'no, cancel please'])('"%s" saves nothing and asks for no contact', async (words) => {
    const { h, p } = await atMessageQuestion();
    expect(replyKeys(await p.say(words))).toEqual(['handoff.leaveMessage.cancelled']);
    expect((await h.hub.tickets()).tickets).toEqual([]);
  });

  it('a message that merely mentions cancelling is still the message', async () => {
    const { p } = await atMessageQuestion();
    expect(replyKeys(await p.say('I tried to cancel the sync and never mind, it still fails'))).toEqual(['handoff.leaveMessage.contact']);
  });
});

describe('an address inside a sentence at "How can we reach you?" (U04)', () => {
  it.each([
    ['ok fine someone@example.com', 'someone@example.com'],
    ['you can email me at someone@example.com thanks', 'someone@example.com'],
    ['call me on 07700 900123 please', '07700 900123'],
  ])('"%s" is taken as %s', async (words, contact) => {
    const { h, p } = await atMessageQuestion();
    await p.say('My contacts from my old phone never arrived');
    const r = await p.say(words);
    expect(replyKeys(r)).toEqual(['handoff.leaveMessage.saved']);
    expect(replyWith(r, 'handoff.leaveMessage.saved')?.text).toContain(contact);
    expect((await h.hub.tickets()).tickets[0].contact).toBe(contact);
  });

  it('a refusal or a sentence with no address is still not a contact', async () => {
    const { p } = await atMessageQuestion();
    await p.say('My contacts never arrived');
    expect(replyKeys(await p.say('not telling you'))).toEqual(['handoff.leaveMessage.contactInvalid']);
    expect(replyKeys(await p.say('my iphone 15 runs ios 18.2'))).toEqual(['handoff.leaveMessage.contactInvalid']);
  });
});

describe('a message that already says how to reach the person (H02)', () => {
  const MESSAGE = 'please call me, my number is +44 7700 900123 or email jane.doe@example.com';

  it('is saved with that address, confirmed instead of "How can we reach you?"', async () => {
    const { h, p } = await atMessageQuestion();
    const r = await p.say(MESSAGE);
    expect(replyKeys(r)).toEqual(['handoff.leaveMessage.savedFound']);
    const { tickets } = await h.hub.tickets();
    expect(tickets).toHaveLength(1);
    expect(tickets[0].contact).toBe('+44 7700 900123 or jane.doe@example.com');
    expect(r[0].text).toContain(tickets[0].id);
    expect(r[0].text).toContain('+44 7700 900123 or jane.doe@example.com');
    // The message itself is kept redacted, and the address is nowhere but in the ticket.
    expect(tickets[0].message).not.toContain('jane.doe');
    expect(tickets[0].message).not.toContain('900123');
    expect(storedOutsideTickets(h)).not.toContain('jane.doe');
    expect(storedOutsideTickets(h)).not.toContain('900123');
    const transcript = await transcriptText(h, 'c1');
    expect(transcript).not.toContain('jane.doe');
    expect(transcript).not.toContain('900123');
  });

  it('another address typed next replaces it', async () => {
    const { h, p } = await atMessageQuestion();
    await p.say('my photos are gone, email me at old@example.com');
    const r = await p.say('actually use new.me@example.org instead');
    expect(replyKeys(r)).toEqual(['handoff.leaveMessage.contactChanged']);
    expect(r[0].text).toContain('new.me@example.org');
    const { tickets } = await h.hub.tickets();
    expect(tickets).toHaveLength(1);
    expect(tickets[0].contact).toBe('new.me@example.org');
    expect(storedOutsideTickets(h)).not.toContain('new.me');
  });

  it('"that\'s wrong" asks for the right one, which replaces it; "cancel" then keeps the first', async () => {
    const { h, p } = await atMessageQuestion();
    await p.say('nothing syncs, reach me on jo@example.com');
    expect(replyKeys(await p.say("that's wrong"))).toEqual(['handoff.leaveMessage.contactCorrect']);
    expect(replyKeys(await p.say('+44 7700 900999'))).toEqual(['handoff.leaveMessage.contactChanged']);
    expect((await h.hub.tickets()).tickets.map((t) => t.contact)).toEqual(['+44 7700 900999']);

    const other = await atMessageQuestion('c2');
    await other.p.say('nothing syncs, reach me on jo@example.com');
    await other.p.say('wrong email');
    const kept = await other.p.say('cancel');
    expect(replyKeys(kept)).toEqual(['handoff.leaveMessage.contactKept']);
    expect(kept[0].text).toContain('jo@example.com');
    expect((await other.h.hub.tickets()).tickets.map((t) => t.contact)).toEqual(['jo@example.com']);
  });

  it('"yes that\'s right" confirms it; a goodbye gets the goodbye', async () => {
    const { h, p } = await atMessageQuestion();
    await p.say('nothing syncs, reach me on jo@example.com');
    const r = await p.say("yes that's right");
    expect(replyKeys(r)).toEqual(['handoff.leaveMessage.contactConfirmed']);
    expect(r[0].text).toContain('jo@example.com');
    expect(replyKeys(await p.say('thanks bye'))).toEqual(['handoff.leaveMessage.goodbye']);
    expect((await h.hub.tickets()).tickets.map((t) => t.contact)).toEqual(['jo@example.com']);
  });
});

describe('coming back after leaving a message (H04)', () => {
  async function messageLeft() {
    const { h, p } = await atMessageQuestion();
    await p.say('my iphone calendar is fine but mac is empty');
    await p.say('bob@example.org');
    const { tickets } = await h.hub.tickets();
    return { h, p, ticket: tickets[0] };
  }

  it.each(['hello? any news?', 'any news?', 'hi, any update', 'hello'])('"%s" four hours later: the message was received, its reference, the address, anything else?', async (words) => {
    const { h, p, ticket } = await messageLeft();
    h.clock.advance(4 * 60 * 60 * 1000);
    const calls = h.recognizer.calls;
    const r = await p.say(words);
    expect(replyKeys(r)).toEqual(['handoff.leaveMessage.received']);
    expect(r[0].text).toContain(ticket.id);
    expect(r[0].text).toContain('bob@example.org');
    expect(h.recognizer.calls).toBe(calls);
    // Nothing more to add: the goodbye fits the message left.
    expect(replyKeys(await p.say('no thanks'))).toEqual(['handoff.leaveMessage.goodbye']);
  });

  it('a new problem after it is troubleshooting as usual', async () => {
    const { h, p } = await messageLeft();
    h.clock.advance(4 * 60 * 60 * 1000);
    await p.say('any news?');
    const r = await p.say('photos-not-syncing on my mac');
    expect(replyKeys(r).some((k) => k.startsWith('handoff.'))).toBe(false);
  });

  it('a plain "hello" soon after is a greeting, and nothing is said once the ticket is done', async () => {
    const soon = await messageLeft();
    await soon.p.say('thanks');
    soon.h.clock.advance(10 * 60_000);
    expect(replyKeys(await soon.p.say('hello'))).not.toContain('handoff.leaveMessage.received');

    const done = await messageLeft();
    await done.h.hub.markTicketDone(done.ticket.id, AGENT_A);
    done.h.clock.advance(MESSAGE_WELCOME_BACK_MS + 60_000);
    expect(replyKeys(await done.p.say('hello? any news?'))).not.toContain('handoff.leaveMessage.received');
  });
});

describe('coming back: what is not a question about the message', () => {
  it.each(['ok', 'hmm', 'yes'])('"%s" hours later is not taken for "any news?"', async (words) => {
    const h = hubHarness({ agentsConfigured: false });
    const p = h.person('c1');
    await p.say('talk to a person');
    await p.say('1');
    await p.say('my iphone calendar is fine but mac is empty');
    await p.say('bob@example.org');
    await p.say('thanks');
    h.clock.advance(4 * 60 * 60 * 1000);
    expect(replyKeys(await p.say(words))).not.toContain('handoff.leaveMessage.received');
  });
});

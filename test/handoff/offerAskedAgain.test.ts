/**
 * Tester round 6, A8: at the hub's offer ("Leave a message / Cancel", "Wait anyway / …") the person
 * asks for a person again, or types what is wrong. Asked again: a short answer about the offer
 * itself (nobody online, what each button does) with its buttons, never Apple's support options
 * and the same offer word for word, and the summary does not list the handoff step twice. Free
 * text: it is taken as the message to leave (then "How can we reach you?"), never thrown away.
 */
import { HUB_CHOICES } from '../../src/handoff/hubService';
import { AGENT_A, hubHarness, hubKeys, replyKeys, replyWith, type Person } from './hubHarness';

/** G01 in the tester's words: a Mac's photos, every step done, no agent accounts, the offer at the end. */
async function g01(p: Person): Promise<void> {
  for (const t of ['photos-not-syncing on my mac', 'yep', 'nope', 'theres plenty', 'no', 'wifi', 'no', 'restarted, no change']) await p.say(t);
  expect(hubKeys(await p.say('updated, still nothing'))).toEqual(['handoff.noAccounts.endOfChecks']);
}

describe('"talk to a person" at the offer of one (A8 repeat)', () => {
  it('G01 (no agent accounts): a short answer about the offer with its buttons, not the support block and the offer again', async () => {
    const h = hubHarness({ agentsConfigured: false });
    const p = h.person('g01');
    await g01(p);
    const r = await p.say('talk to a person');
    expect(replyKeys(r)).toEqual(['handoff.offer.personNoAccounts']);
    expect(r[0].resync?.choices).toEqual([HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel]);
    expect(r[0].text).toMatch(/Leave a message: /);
    expect(r[0].text).toMatch(/Cancel: /);
    // The offer is still open: its first button leaves a message.
    expect(replyKeys(await p.say('1'))).toEqual(['handoff.leaveMessage.prompt']);
    await p.say('my photos stopped syncing on my mac last week');
    await p.say('pat@example.com');
    const [ticket] = (await h.hub.tickets()).tickets;
    // The handoff step is in the summary once (it listed contact-support twice).
    expect(ticket.summary.steps.filter((s) => s.step === 'contact-support')).toHaveLength(1);
  });

  it('J03 (nobody online): "talk to a person" says nobody is online and what waiting, a message and cancel mean', async () => {
    const h = hubHarness();
    const p = h.person('j03');
    await p.say('sign-in-problem, apple account locked, on my windows laptop');
    expect(hubKeys(await p.say('talk to a person'))).toEqual(['handoff.noAgent']);
    const r = await p.say('talk to a person');
    expect(replyKeys(r)).toEqual(['handoff.offer.personNoAgent']);
    expect(r[0].resync?.choices).toEqual([HUB_CHOICES.wait, HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel]);
    expect(r[0].text).toMatch(/online/);
    expect(r[0].text).toMatch(/Wait anyway: /);
    expect(await h.hub.queue()).toEqual([]);
    // In other words, inside a sentence, it is the same request.
    expect(replyKeys(await p.say('can i speak to a person please'))).toEqual(['handoff.offer.personNoAgent']);
  });

  it('once someone can take it, asking again at the offer queues the person', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    expect(hubKeys(await p.say('talk to a person'))).toEqual(['handoff.noAgent']);
    await h.hub.agentSeen(AGENT_A);
    expect(hubKeys(await p.say('talk to a person'))).toEqual(['event:handoff.initiate', 'handoff.waiting']);
    expect((await h.hub.queue()).map((e) => e.conversationId)).toEqual(['c1']);
  });

  it('at "Try again / Leave a message / No thanks" (the hub could not connect) it is trying again', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('c1');
    await p.say('talk to a person');
    const failed = await p.say({ type: 'event', name: 'handoff.status', value: { state: 'failed' }, from: { id: 'agent-hub', name: 'Agent hub', role: 'skill' } });
    expect(replyKeys(failed)).toEqual(['handoff.status.failed']);
    // Only the hub answers: no support options from the dialogs first.
    expect(replyKeys(await p.say('talk to a person'))).toEqual(['event:handoff.initiate', 'handoff.waiting']);
  });

  it('"no person" at the offer still declines it', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('talk to a person');
    expect(replyKeys(await p.say('no person'))).toEqual(['handoff.offer.declined']);
  });
});

describe('free text at the offer (A8 dropped text)', () => {
  it('E06: "my photos since tuesday are missing" becomes the message, then "How can we reach you?", and the ticket keeps it', async () => {
    const h = hubHarness({ agentsConfigured: false });
    const p = h.person('e06');
    await p.say('photos-not-syncing on iphone');
    await p.say('yes');
    await p.say('no');
    expect(hubKeys(await p.say('talk to a person'))).toEqual(['handoff.noAccounts']);
    const r = await p.say('my photos since tuesday are missing');
    expect(replyKeys(r)).toEqual(['handoff.offer.asMessage', 'handoff.leaveMessage.contact']);
    expect(replyWith(r, 'handoff.leaveMessage.contact')?.resync?.choices).toEqual([HUB_CHOICES.cancel]);
    expect(replyKeys(await p.say('pat@example.com'))).toEqual(['handoff.leaveMessage.saved']);
    const [ticket] = (await h.hub.tickets()).tickets;
    expect(ticket.message).toBe('my photos since tuesday are missing');
    expect(ticket.contact).toBe('pat@example.com');
  });

  it('with an address in it, the message is saved with that address at once', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('talk to a person');
    const r = await p.say('my contacts are gone since monday, pat@example.com');
    expect(replyKeys(r)).toEqual(['handoff.offer.asMessage', 'handoff.leaveMessage.savedFound']);
    expect((await h.hub.tickets()).tickets[0].contact).toBe('pat@example.com');
  });

  it('"cancel" at "How can we reach you?" saves nothing', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('talk to a person');
    await p.say('my photos since tuesday are missing');
    expect(replyKeys(await p.say('cancel'))).toEqual(['handoff.leaveMessage.cancelled']);
    expect((await h.hub.tickets()).tickets).toEqual([]);
  });

  it.each(['how long will it take?', 'ok', 'photos', 'what do i do', 'ok lets keep going then', "no thanks i'll carry on"])('"%s" is not taken as a message', async (text) => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('talk to a person');
    const keys = replyKeys(await p.say(text));
    expect(keys).not.toContain('handoff.offer.asMessage');
    expect(keys).not.toContain('handoff.leaveMessage.contact');
  });
});

/**
 * Waiting a long time in the queue (tester round 4, item 16, transcript r4i I04): after 30 minutes
 * "hello? anyone there?" gets the place in the queue and, once, leaving a message instead; taking
 * it ends the wait and asks for the message, which is saved with what the escalation knew.
 */
import { HUB_CHOICES } from '../../src/handoff/hubService';
import { hubHarness, hubKeys, replyKeys, replyWith } from './hubHarness';

const MINUTE = 60_000;

/** Queued with nobody online ("Wait anyway" after the honest offer). */
async function queued(options: Parameters<typeof hubHarness>[0] = {}) {
  const h = hubHarness(options);
  const p = h.person('c1');
  await p.say('photos-not-syncing on my iphone');
  await p.say('talk to a person');
  expect(hubKeys(await p.say('Wait anyway'))).toEqual(['event:handoff.initiate', 'handoff.waiting.noEstimate']);
  return { h, p };
}

describe('a long wait in the queue', () => {
  it('after 30 minutes "hello? anyone there?" gets the place and the offer to leave a message, once', async () => {
    const { h, p } = await queued();
    h.clock.advance(31 * MINUTE);
    const r = await p.say('hello? anyone there?');
    expect(replyKeys(r)).toEqual(['handoff.waiting.longAck']);
    expect(r[0].text).toContain('number 1');
    expect(r[0].text).toContain('31 min');
    expect(r[0].resync?.choices).toEqual([HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel]);
    // The next line is passed on with the place only.
    expect(replyKeys(await p.say('still here'))).toEqual(['handoff.waiting.ack']);
    h.clock.advance(30 * MINUTE);
    expect(replyKeys(await p.say('hello??'))).toEqual(['handoff.waiting.ack']);
    // Everything went to the person from the support team.
    const e = await h.hub.get('c1');
    expect(e?.messages.map((m) => m.text)).toEqual(['hello? anyone there?', 'still here', 'hello??']);
  });

  it('before 30 minutes a message gets the place only', async () => {
    const { h, p } = await queued();
    h.clock.advance(29 * MINUTE);
    const r = await p.say('hello? anyone there?');
    expect(replyKeys(r)).toEqual(['handoff.waiting.ack']);
    expect(r[0].resync?.choices).toEqual([HUB_CHOICES.cancel]);
  });

  it('the time is an option', async () => {
    const { h, p } = await queued({ hubOptions: { queueOfferMinutes: 5 } });
    h.clock.advance(6 * MINUTE);
    expect(replyKeys(await p.say('anyone?'))).toEqual(['handoff.waiting.longAck']);
  });

  it.each([['1'], ['Leave a message'], ['ok leave a message then']])('"%s" after the offer ends the wait and asks for the message; the ticket has the summary', async (answer) => {
    const { h, p } = await queued();
    h.clock.advance(40 * MINUTE);
    await p.say('hello? anyone there?');
    expect(replyKeys(await p.say(answer))).toEqual(['handoff.leaveMessage.prompt']);
    expect(await h.hub.queue()).toEqual([]);
    expect((await h.hub.get('c1'))?.state).toBe('cancelled');
    expect(replyKeys(await p.say('Photos from my iPhone never reach my Mac'))).toEqual(['handoff.leaveMessage.contact']);
    expect(replyKeys(await p.say('jo@example.com'))).toEqual(['handoff.leaveMessage.saved']);
    const [ticket] = (await h.hub.tickets()).tickets;
    expect(ticket.message).toBe('Photos from my iPhone never reach my Mac');
    expect(ticket.summary.intent).toBe('photos-not-syncing');
  });

  it('the offer\'s Cancel still stops waiting (button 2)', async () => {
    const { h, p } = await queued();
    h.clock.advance(40 * MINUTE);
    await p.say('hello? anyone there?');
    const r = await p.say('2');
    expect(replyWith(r, 'handoff.cancelledResume') ?? replyWith(r, 'handoff.cancelled')).toBeDefined();
    expect(await h.hub.queue()).toEqual([]);
  });

  it('before the offer a bare "1" is the Cancel button it always was', async () => {
    const { h, p } = await queued();
    const r = await p.say('1');
    expect(replyWith(r, 'handoff.cancelledResume') ?? replyWith(r, 'handoff.cancelled')).toBeDefined();
    expect(await h.hub.queue()).toEqual([]);
  });
});

describe('leaving a message from the queue before the offer', () => {
  it('"leave a message" typed as the button says ends the wait; "call me" or "message" alone goes to the person', async () => {
    const typed = await queued();
    expect(replyKeys(await typed.p.say('can I leave a message')).includes('handoff.leaveMessage.prompt')).toBe(false);
    expect(replyKeys(await typed.p.say('ok leave a message'))).toEqual(['handoff.leaveMessage.prompt']);

    const { h, p } = await queued();
    expect(replyKeys(await p.say('call me'))).toEqual(['handoff.waiting.ack']);
    expect(replyKeys(await p.say('message'))).toEqual(['handoff.waiting.ack']);
    expect((await h.hub.get('c1'))?.state).toBe('queued');
  });
});

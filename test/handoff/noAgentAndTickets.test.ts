/**
 * No agent online, or a long wait: the person is told honestly and can wait anyway, leave a
 * message with a contact address (a ticket agents see), or cancel.
 */
import { MemoryStorage } from 'botbuilder';
import { HUB_CHOICES, HUB_KEYS } from '../../src/handoff/hubService';
import { readDoc } from '../../src/handoff/storageDocs';
import { parseContact } from '../../src/handoff/contactAddress';
import { AGENT_A, hubHarness, hubKeys, replyKeys, replyWith } from './hubHarness';

const OFFER = [HUB_CHOICES.wait, HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel];

describe('no agent available', () => {
  it('says so honestly and offers wait / leave a message / cancel; nothing is queued yet', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    const r = await p.say('human please');
    expect(hubKeys(r)).toEqual(['handoff.noAgent']);
    expect(replyWith(r, 'handoff.noAgent')?.resync?.choices).toEqual(OFFER);
    expect(await h.hub.queue()).toEqual([]);
  });

  it('an agent seen too long ago does not count', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    h.clock.advance(10 * 60_000);
    const r = await h.person('c1').say('human please');
    expect(hubKeys(r)).toEqual(['handoff.noAgent']);
  });

  it('a long wait is told with the place and minutes', async () => {
    const h = hubHarness({ hubOptions: { minutesPerEscalation: 10, longWaitMinutes: 15 } });
    await h.hub.agentSeen(AGENT_A);
    expect(hubKeys(await h.person('c1').say('human please'))).toEqual(['event:handoff.initiate', 'handoff.waiting']);
    const r = await h.person('c2').say('human please');
    expect(hubKeys(r)).toEqual(['handoff.longWait']);
    expect(replyWith(r, 'handoff.longWait')?.text).toContain('number 2');
    expect(replyWith(r, 'handoff.longWait')?.text).toContain('20 min');
  });

  it('wait anyway: queued, with the handoff.initiate event', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('photos-not-syncing on my mac');
    await p.say('human please');
    const r = await p.say('1');
    // Nobody is online: queued, without a made-up wait estimate.
    expect(hubKeys(r)).toEqual(['event:handoff.initiate', 'handoff.waiting.noEstimate']);
    expect(replyWith(r, 'handoff.waiting.noEstimate')?.text).not.toMatch(/\d+ min/);
    expect((await h.hub.queue()).map((e) => e.conversationId)).toEqual(['c1']);
  });

  it('cancel: nothing queued and the bot carries on', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('human please');
    expect(replyKeys(await p.say({ text: '', value: { resyncChoice: HUB_CHOICES.cancel } }))).toEqual(['handoff.offer.declined']);
    expect(await h.hub.queue()).toEqual([]);
    expect(replyKeys(await p.say('hello'))).toEqual(['greeting']);
  });

  it('typing something else instead of choosing: the offer is dropped and the bot answers it', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('human please');
    expect(replyKeys(await p.say('hello'))).toEqual(['greeting']);
  });

  it('leave a message: asks the message, then a contact address (checked), then saves a ticket', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('photos-not-syncing on my ipad');
    await p.say('human please');
    expect(replyKeys(await p.say('Leave a message'))).toEqual(['handoff.leaveMessage.prompt']);

    const before = h.recognizer.calls;
    expect(replyKeys(await p.say('Photos stopped syncing after the update. My password is Tr0ub4dor&3'))).toEqual(['handoff.leaveMessage.contact']);
    expect(replyKeys(await p.say('call me maybe'))).toEqual(['handoff.leaveMessage.contactInvalid']);
    const saved = await p.say('jo@example.com');
    expect(h.recognizer.calls).toBe(before);
    expect(replyKeys(saved)).toEqual(['handoff.leaveMessage.saved']);

    const { tickets } = await h.hub.tickets();
    expect(tickets).toHaveLength(1);
    const t = tickets[0];
    expect(saved[0].text).toContain(t.id);
    expect(t).toMatchObject({ conversationId: 'c1', contact: 'jo@example.com', status: 'open', channelId: 'test' });
    expect(t.message).toContain('Photos stopped syncing after the update');
    expect(t.message).not.toContain('Tr0ub4dor');
    expect(t.summary).toMatchObject({ intent: 'photos-not-syncing', device: 'ipad' });
    expect((await h.hub.transcript('c1')).length).toBeGreaterThan(0);

    h.clock.advance(60_000);
    await h.hub.markTicketDone(t.id, AGENT_A);
    expect((await h.hub.tickets()).tickets).toEqual([]);
    const done = await h.hub.tickets({ status: 'done' });
    expect(done.month).toBe(h.clock.now().toISOString().slice(0, 7));
    expect(done.tickets).toMatchObject([{ id: t.id, status: 'done', doneAt: h.clock.now().toISOString(), doneBy: AGENT_A }]);
    // Done twice: nothing changes (the first agent and time stay).
    h.clock.advance(60_000);
    await h.hub.markTicketDone(t.id, { id: 'agent-b', name: 'Bob' });
    expect((await h.hub.tickets({ status: 'done' })).tickets).toEqual(done.tickets);
    await expect(h.hub.markTicketDone('T-NOPE', AGENT_A)).rejects.toMatchObject({ code: 'not-found' });
    // Back to the bot (the dialogs answer; whether they resume the step is theirs to decide).
    const back = replyKeys(await p.say('hello'));
    expect(back.length).toBeGreaterThan(0);
    expect(back.filter((k) => k.startsWith('handoff.'))).toEqual([]);
  });

  it('cancel while leaving a message saves nothing', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('human please');
    await p.say('Leave a message');
    expect(replyKeys(await p.say('never mind'))).toEqual(['handoff.leaveMessage.cancelled']);
    expect((await h.hub.tickets()).tickets).toEqual([]);
  });

  it('tickets from several people, newest first', async () => {
    const h = hubHarness();
    for (const id of ['c1', 'c2']) {
      const p = h.person(id);
      await p.say('human please');
      await p.say('Leave a message');
      await p.say(`message from ${id}`);
      await p.say('+44 20 7946 0000');
      h.clock.advance(1000);
    }
    expect((await h.hub.tickets()).tickets.map((t) => t.conversationId)).toEqual(['c2', 'c1']);
  });

  it('two instances, six people leaving messages at once: six tickets, each its own document, none lost', async () => {
    const storage = new MemoryStorage();
    const one = hubHarness({ storage });
    const two = hubHarness({ storage, clock: one.clock });
    const ids = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    await Promise.all(
      ids.map(async (id, i) => {
        const p = (i % 2 ? one : two).person(id);
        await p.say('human please');
        await p.say('Leave a message');
        await p.say(`message from ${id}`);
        expect(replyKeys(await p.say(`${id}@example.com`))).toEqual(['handoff.leaveMessage.saved']);
      }),
    );
    const { tickets } = await one.hub.tickets();
    expect(tickets.map((t) => t.conversationId).sort()).toEqual(ids);
    const open = await readDoc<{ entries: { id: string }[] }>(storage, HUB_KEYS.openTickets);
    expect(open?.entries.map((e) => e.id).sort()).toEqual(tickets.map((t) => t.id).sort());
    for (const t of tickets) expect(await readDoc(storage, HUB_KEYS.ticket(t.id))).toEqual(t);
    expect(await readDoc(storage, HUB_KEYS.legacyTickets)).toBeUndefined();
    // Both instances close the same ticket at once: one change, in one month.
    await Promise.all([one.hub.markTicketDone(tickets[0].id, AGENT_A), two.hub.markTicketDone(tickets[0].id, AGENT_A)]);
    expect((await two.hub.tickets()).tickets).toHaveLength(5);
    expect((await two.hub.tickets({ status: 'done' })).tickets.map((t) => t.id)).toEqual([tickets[0].id]);
  });

  it('tickets in the old single document are moved on first use, then it is deleted; marking one done works', async () => {
    const h = hubHarness();
    const summary = { steps: [], oneLine: 'photos · iphone' };
    const old = [
      { id: 'T-0LD00001', conversationId: 'old-1', message: 'first', contact: 'a@example.com', createdAt: '2026-02-01T10:00:00.000Z', summary, status: 'open', channelId: 'test' },
      { id: 'T-0LD00002', conversationId: 'old-2', message: 'second', contact: 'b@example.com', createdAt: '2026-02-02T10:00:00.000Z', summary, status: 'done', channelId: 'test' },
    ];
    await h.storage.write({ [HUB_KEYS.legacyTickets]: { tickets: old } });
    expect((await h.hub.tickets()).tickets.map((t) => t.id)).toEqual(['T-0LD00001']);
    expect(await readDoc(h.storage, HUB_KEYS.legacyTickets)).toBeUndefined();
    expect((await h.hub.tickets({ status: 'done', month: '2026-02' })).tickets.map((t) => t.id)).toEqual(['T-0LD00002']);

    // Another instance still on the old code appends to the old document: moved by the next call.
    await h.storage.write({ [HUB_KEYS.legacyTickets]: { tickets: [{ ...old[0], id: 'T-0LD00003', conversationId: 'old-3' }] } });
    await h.hub.markTicketDone('T-0LD00003', AGENT_A);
    expect(await readDoc(h.storage, HUB_KEYS.legacyTickets)).toBeUndefined();
    expect((await h.hub.tickets({ status: 'done' })).tickets.map((t) => t.id)).toEqual(['T-0LD00003']);
  });
});

describe('parseContact', () => {
  it.each([
    ['jo@example.com', 'email'],
    [' Jo.Smith+icloud@mail.example.co.uk ', 'email'],
    ['+44 20 7946 0000', 'phone'],
    ['(555) 123-4567', 'phone'],
    ['0612345678.', 'phone'],
  ])('accepts %s as %s', (input, kind) => {
    expect(parseContact(input)?.kind).toBe(kind);
  });

  it.each(['call me maybe', 'jo@example', '12345', '1234567890123456789', '', 'jo@ex ample.com', '<script>@x.com'])('rejects %p', (input) => {
    expect(parseContact(input)).toBeUndefined();
  });
});

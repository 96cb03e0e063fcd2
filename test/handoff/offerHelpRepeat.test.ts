/**
 * Tester round 7, item 10 (A1-K04): at the hub's offers ("Leave a message / Cancel", "Wait anyway /
 * Leave a message / Cancel", "Try again / Leave a message / No thanks") and in the queue, "help"
 * got the start-of-chat help and "what was that again?" the problem list: the offer was lost.
 * Now help says what each button shown does and shows the offer again; "what was that again?",
 * "say again", "repeat" (messages.yaml synonyms.repeat) show the offer again. The offer stays open.
 */
import { HUB_CHOICES } from '../../src/handoff/hubService';
import { AGENT_A, hubHarness, hubKeys, replyKeys, replyWith, type Person } from './hubHarness';

/** A1-K04 with the keyword recogniser: iPhone backup, storage still full, no agent accounts, the offer. */
async function a1k04(p: Person): Promise<void> {
  for (const t of ['backup-not-working on my iphone', 'yes', 'no', 'full', 'no still full']) await p.say(t);
  expect(hubKeys(await p.say('no'))).toEqual(['handoff.noAccounts.endOfChecks']);
}

describe('"help" and "what was that again?" at the offer of a person (round 7, A1-K04)', () => {
  it('no agent accounts: help explains Leave a message and Cancel, then the offer again; the offer still works', async () => {
    const h = hubHarness({ agentsConfigured: false });
    const p = h.person('a1k04');
    await a1k04(p);
    const help = await p.say('help');
    expect(replyKeys(help)).toEqual(['handoff.offer.help', 'handoff.noAccounts']);
    expect(help[0].text).toMatch(/• Leave a message: /);
    expect(help[0].text).toMatch(/• Cancel: /);
    expect(help[0].text).not.toMatch(/Wait anyway/);
    expect(help[1].resync?.choices).toEqual([HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel]);
    const again = await p.say('what was that again?');
    expect(replyKeys(again)).toEqual(['handoff.noAccounts']);
    expect(again[0].resync?.choices).toEqual([HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel]);
    for (const said of ['say again', 'repeat', 'can you say that again']) expect(replyKeys(await p.say(said))).toEqual(['handoff.noAccounts']);
    expect(replyKeys(await p.say('1'))).toEqual(['handoff.leaveMessage.prompt']);
  });

  it('the bot never sees help or repeat at the offer (the recogniser is not asked)', async () => {
    const h = hubHarness({ agentsConfigured: false });
    const p = h.person('quiet');
    await a1k04(p);
    const before = h.recognizer.calls;
    await p.say('help');
    await p.say('what was that again?');
    await p.say('ok help');
    expect(h.recognizer.calls).toBe(before);
  });

  it('nobody online: help names Wait anyway, Leave a message and Cancel; "can you say that again" shows the offer with its three buttons', async () => {
    const h = hubHarness();
    const p = h.person('nobody');
    await p.say('contacts-not-syncing on my iphone');
    expect(hubKeys(await p.say('talk to a person'))).toEqual(['handoff.noAgent']);
    const help = await p.say('help');
    expect(replyKeys(help)).toEqual(['handoff.offer.help', 'handoff.noAgent']);
    expect(help[0].text.split('\n').filter((l) => l.startsWith('• ')).map((l) => l.split(':')[0])).toEqual(['• Wait anyway', '• Leave a message', '• Cancel']);
    expect(replyKeys(await p.say('ok so what are my options?'))).toEqual(['handoff.offer.help', 'handoff.noAgent']);
    const again = await p.say('can you say that again');
    expect(replyKeys(again)).toEqual(['handoff.noAgent']);
    expect(again[0].resync?.choices).toEqual([HUB_CHOICES.wait, HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel]);
    // Mid-way the step is still waiting: Cancel carries on where we were.
    expect(hubKeys(await p.say('cancel'))).toEqual(['handoff.offer.declinedResume']);
  });

  it('"Try again / Leave a message / No thanks" (the hub could not connect): help explains those, repeat shows it again', async () => {
    const h = hubHarness();
    const p = h.person('failed');
    await h.hub.agentSeen(AGENT_A);
    await p.say('talk to a person');
    expect(replyKeys(await p.say({ type: 'event', name: 'handoff.status', value: { state: 'failed' }, from: { id: 'agent-hub', name: 'Agent hub', role: 'skill' } }))).toEqual(['handoff.status.failed']);
    const help = await p.say('help');
    expect(replyKeys(help)).toEqual(['handoff.offer.help', 'handoff.status.failed']);
    expect(help[0].text).toMatch(/• Try again: /);
    expect(help[0].text).toMatch(/• No thanks: /);
    expect(help[1].resync?.choices).toEqual([HUB_CHOICES.tryAgain, HUB_CHOICES.leaveMessage, HUB_CHOICES.noThanks]);
    expect(replyKeys(await p.say('repeat that please'))).toEqual(['handoff.status.failed']);
    expect(hubKeys(await p.say('try again'))).toContain('handoff.waiting');
  });

  it('a longer message that only holds a repeat phrase is still the message to leave', async () => {
    const h = hubHarness({ agentsConfigured: false });
    const p = h.person('long');
    await a1k04(p);
    expect(replyKeys(await p.say('i deleted old backups one more time and the backup still will not fit at all'))).toEqual(['handoff.offer.asMessage', 'handoff.leaveMessage.contact']);
  });
});

describe('"help" and "what was that again?" while waiting in the queue', () => {
  it('help gives the place, what typing does and what Cancel does; repeat gives the place; neither reaches the agent', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('queued');
    expect(hubKeys(await p.say('talk to a person'))).toContain('handoff.waiting');
    const help = await p.say('help');
    expect(replyKeys(help)).toEqual(['handoff.waiting.help']);
    expect(help[0].text).toMatch(/number 1 in the queue/);
    expect(help[0].text).toMatch(/• Cancel: /);
    expect(help[0].resync?.choices).toEqual([HUB_CHOICES.cancel]);
    const again = await p.say('what was that again?');
    expect(replyKeys(again)).toEqual(['handoff.waiting.stillQueued']);
    expect(again[0].resync?.choices).toEqual([HUB_CHOICES.cancel]);
    expect((await h.hub.get('queued'))?.messages).toEqual([]);
    // Anything else still goes to the person from the support team.
    expect(replyKeys(await p.say('my contacts vanished from my iphone'))).toEqual(['handoff.waiting.ack']);
    expect((await h.hub.get('queued'))?.messages.map((m) => m.text)).toEqual(['my contacts vanished from my iphone']);
  });

  it('after a long wait (Leave a message offered) help names both buttons', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('long-wait');
    await p.say('talk to a person');
    h.clock.advance(31 * 60_000);
    await h.hub.agentSeen(AGENT_A);
    expect(replyKeys(await p.say('still there?'))).toEqual(['handoff.waiting.longAck']);
    const help = await p.say('help');
    expect(help[0].text).toMatch(/• Leave a message: /);
    expect(help[0].resync?.choices).toEqual([HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel]);
    expect(replyWith(await p.say('say again'), 'handoff.waiting.stillQueued')?.resync?.choices).toEqual([HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel]);
  });
});

describe('"what was that again?" while leaving a message', () => {
  it('at "Please type your message…" it asks again (never saved as the message); a message with "one more time" in it is saved', async () => {
    const h = hubHarness({ agentsConfigured: false });
    const p = h.person('leave');
    await a1k04(p);
    await p.say('1');
    expect(replyKeys(await p.say('what was that again?'))).toEqual(['handoff.leaveMessage.prompt']);
    expect(replyKeys(await p.say('tried one more time, still full'))).toEqual(['handoff.leaveMessage.contact']);
    expect(replyKeys(await p.say('say that again'))).toEqual(['handoff.leaveMessage.contact']);
    expect(replyKeys(await p.say('pat@example.com'))).toEqual(['handoff.leaveMessage.saved']);
    const [ticket] = (await h.hub.tickets()).tickets;
    expect(ticket.message).toBe('tried one more time, still full');
  });
});

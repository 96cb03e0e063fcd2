/**
 * An address typed alone at "Please type your message…" waits in its own document
 * (handoff/pendingContact/<id>) for the message. A person who then leaves must not keep it for
 * ever, on any channel: it is filed in an expiry index in storage, and any instance's turn (at most
 * every pendingContactSweepMs) deletes the ones whose conversation has been idle pendingContactIdleMs.
 */
import { MemoryStorage } from 'botbuilder';
import { ManualClock } from '../../src/clock';
import { HUB_KEYS, HubService } from '../../src/handoff/hubService';
import { PendingContacts, pendingContactKey } from '../../src/handoff/pendingContacts';
import { NOW } from '../dialogs/helpers';
import { atMessageQuestion, hubHarness, replyKeys, type HubHarness } from './hubHarness';

const HOUR = 3_600_000;

async function stored(h: HubHarness, key: string): Promise<unknown> {
  return (await h.storage.read([key]))[key];
}

describe('Teams: an address typed, then the person leaves', () => {
  it('the address is deleted once the conversation is idle past the limit; an active one keeps its address', async () => {
    const h = hubHarness({ agentsConfigured: false, channelId: 'msteams' });
    const { p: gone } = await atMessageQuestion('teams-gone', h);
    const { p: active } = await atMessageQuestion('teams-active', h);
    expect(replyKeys(await gone.say('gone@example.com'))).toEqual(['handoff.leaveMessage.contactFirst']);
    expect(replyKeys(await active.say('stays@example.com'))).toEqual(['handoff.leaveMessage.contactFirst']);
    expect(await stored(h, HUB_KEYS.pendingContact('teams-gone'))).toBeDefined();

    h.clock.advance(20 * HOUR);
    expect(replyKeys(await active.say('help'))).toEqual(['handoff.leaveMessage.help']);
    h.clock.advance(6 * HOUR); // 26 h after the first address, 6 h after the active conversation's last turn

    // Any turn of any conversation sweeps (no timer, no process state but when it last did).
    await h.person('someone-else').say('hello');
    expect(await stored(h, HUB_KEYS.pendingContact('teams-gone'))).toBeUndefined();
    expect(await stored(h, HUB_KEYS.pendingContact('teams-active'))).toBeDefined();

    // The active person's message is saved with their address; the one who left is asked again.
    expect(replyKeys(await active.say('my contacts never arrived on my new iphone'))).toEqual(['handoff.leaveMessage.savedGiven']);
    expect((await h.hub.tickets()).tickets.map((t) => t.contact)).toEqual(['stays@example.com']);
    expect(replyKeys(await gone.say('my photos never arrived on my mac'))).toEqual(['handoff.leaveMessage.contact']);
  });

  it('a conversation still inside the limit keeps its address through a sweep', async () => {
    const h = hubHarness({ agentsConfigured: false, channelId: 'msteams' });
    const { p } = await atMessageQuestion('teams-1', h);
    await p.say('pat@example.com');
    h.clock.advance(23 * HOUR);
    await (h.hub as HubService).sweepPendingContacts();
    expect(await stored(h, HUB_KEYS.pendingContact('teams-1'))).toBeDefined();
    expect(replyKeys(await p.say('my contacts never arrived'))).toEqual(['handoff.leaveMessage.savedGiven']);
  });

  it('the idle limit is an option', async () => {
    const h = hubHarness({ agentsConfigured: false, channelId: 'msteams', hubOptions: { pendingContactIdleMs: 2 * HOUR } });
    const { p } = await atMessageQuestion('teams-2', h);
    await p.say('pat@example.com');
    h.clock.advance(4 * HOUR);
    const report = await (h.hub as HubService).sweepPendingContacts();
    expect(report.deleted).toBe(1);
    expect(await stored(h, HUB_KEYS.pendingContact('teams-2'))).toBeUndefined();
  });
});

describe('PendingContacts', () => {
  const setup = () => {
    const storage = new MemoryStorage();
    const clock = new ManualClock(NOW);
    return { storage, clock, contacts: new PendingContacts({ storage, clock, idleMs: 24 * HOUR }) };
  };

  it('take returns the address once', async () => {
    const { contacts } = setup();
    await contacts.put('c1', 'a@example.com');
    expect(await contacts.take('c1')).toBe('a@example.com');
    expect(await contacts.take('c1')).toBeUndefined();
  });

  it('a touch moves the idle time on; the sweep deletes only past it, from any instance on the same storage', async () => {
    const { storage, clock, contacts } = setup();
    await contacts.put('c1', 'a@example.com');
    await contacts.put('c2', 'b@example.com');
    clock.advance(12 * HOUR);
    await contacts.touch('c2');
    clock.advance(14 * HOUR);
    const otherInstance = new PendingContacts({ storage, clock, idleMs: 24 * HOUR });
    expect(await otherInstance.sweep()).toEqual({ deleted: 1, refiled: 1 });
    expect((await storage.read([pendingContactKey('c1')]))[pendingContactKey('c1')]).toBeUndefined();
    clock.advance(12 * HOUR);
    expect(await contacts.sweep()).toEqual({ deleted: 1, refiled: 0 });
    expect(await contacts.take('c2')).toBeUndefined();
  });

  it('an address taken before the sweep is simply skipped', async () => {
    const { clock, contacts } = setup();
    await contacts.put('c1', 'a@example.com');
    await contacts.take('c1');
    clock.advance(48 * HOUR);
    expect(await contacts.sweep()).toEqual({ deleted: 0, refiled: 0 });
  });
});

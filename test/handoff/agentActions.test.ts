/**
 * What agents do, seen from the person's side through the recording ProactiveMessenger: accept
 * (exactly one wins a race), messages both ways, close (the bot answers again), requeue, and
 * refusals when the agent does not hold the conversation.
 */
import { MemoryStorage } from 'botbuilder';
import { HubError } from '../../src/handoff/agentHub';
import { AGENT_A, AGENT_B, hubHarness, replyKeys } from './hubHarness';

async function queuedConversation(storage = new MemoryStorage()) {
  const h = hubHarness({ storage });
  await h.hub.agentSeen(AGENT_A);
  const p = h.person('c1');
  await p.say('photos-not-syncing on my iphone');
  await p.say('human please');
  return { h, p };
}

describe('agent actions', () => {
  it('two accepts at once on the same storage: exactly one wins', async () => {
    const storage = new MemoryStorage();
    const { h } = await queuedConversation(storage);
    // A second hub instance over the same storage, as a second server process would have.
    const other = hubHarness({ storage, messenger: h.messenger }).hub;
    const results = await Promise.all([h.hub.accept('c1', AGENT_A), other.accept('c1', AGENT_B)]);
    expect(results.filter((r) => r === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r === 'taken')).toHaveLength(1);
    const e = await h.hub.get('c1');
    const winner = results[0] === 'accepted' ? AGENT_A : AGENT_B;
    expect(e).toMatchObject({ state: 'active', agentId: winner.id, agentName: winner.name });
    expect(h.messenger.keys('c1')).toEqual(['handoff.agentJoined']);
    expect(h.messenger.texts('c1')[0]).toContain(winner.name);
  });

  it('ten agents racing: one accepted, nine taken', async () => {
    const storage = new MemoryStorage();
    const { h } = await queuedConversation(storage);
    const agents = Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, name: `Agent ${i}` }));
    const hubs = agents.map(() => hubHarness({ storage, messenger: h.messenger }).hub);
    const results = await Promise.all(agents.map((a, i) => hubs[i].accept('c1', a)));
    expect(results.filter((r) => r === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r === 'taken')).toHaveLength(9);
  });

  it('accepting an unknown conversation says not-found', async () => {
    const { h } = await queuedConversation();
    expect(await h.hub.accept('nope', AGENT_A)).toBe('not-found');
  });

  it('live chat both ways, then close: the person is told and the bot answers again', async () => {
    const { h, p } = await queuedConversation();
    expect(await h.hub.accept('c1', AGENT_A)).toBe('accepted');
    expect((await h.hub.mine(AGENT_A.id)).map((e) => e.conversationId)).toEqual(['c1']);
    expect(await h.hub.queue()).toEqual([]);

    const before = h.recognizer.calls;
    const silent = await p.say('it still shows 0 photos, my code was 123456');
    expect(silent).toEqual([]);
    expect(h.recognizer.calls).toBe(before);
    const fromPerson = await h.hub.messagesSince('c1');
    const last = fromPerson[fromPerson.length - 1];
    expect(last).toMatchObject({ from: 'user' });
    expect(last.text).toContain('0 photos');
    expect(last.text).not.toContain('123456');

    const sent = await h.hub.sendFromAgent('c1', AGENT_A, 'Try signing out and in again.');
    expect(sent).toMatchObject({ from: 'agent', agentName: 'Alice', text: 'Try signing out and in again.' });
    expect(await h.hub.messagesSince('c1', last.id)).toEqual([sent]);
    expect(h.messenger.texts('c1')).toContain('Alice: Try signing out and in again.');

    await h.hub.close('c1', AGENT_A);
    expect(h.messenger.keys('c1').slice(-1)).toEqual(['handoff.agentClosed']);
    expect(h.messenger.texts('c1').slice(-1)[0]).toMatch(/Alice.*anything else/);
    expect((await h.hub.get('c1'))?.state).toBe('closed');
    expect(await h.hub.mine(AGENT_A.id)).toEqual([]);

    const again = await p.say('hello');
    expect(h.recognizer.calls).toBeGreaterThan(before);
    // The dialogs answer (the person was mid-playbook: whether they resume the step is theirs to decide).
    expect(replyKeys(again).length).toBeGreaterThan(0);
    expect(replyKeys(again).filter((k) => k.startsWith('handoff.'))).toEqual([]);
  });

  it('the proactive messages use the stored conversation reference', async () => {
    const { h } = await queuedConversation();
    await h.hub.accept('c1', AGENT_A);
    const { reference } = h.messenger.sent[0];
    expect(reference).toMatchObject({ channelId: 'test', conversation: { id: 'c1' }, bot: { id: 'bot' } });
  });

  it('requeue: back in the queue at its original place, the person is told', async () => {
    const { h } = await queuedConversation();
    const later = h.person('c2');
    h.clock.advance(60_000);
    await later.say('human please');
    await h.hub.accept('c1', AGENT_A);
    await h.hub.requeue('c1', AGENT_A);
    expect((await h.hub.queue()).map((e) => e.conversationId)).toEqual(['c1', 'c2']);
    expect(h.messenger.keys('c1')).toEqual(['handoff.agentJoined', 'handoff.agentRequeued']);
    expect(h.messenger.texts('c1')[1]).toContain('number 1');
    const e = await h.hub.get('c1');
    expect(e?.agentId).toBeUndefined();
    expect(await h.hub.accept('c1', AGENT_B)).toBe('accepted');
  });

  it('one agent can hold several conversations', async () => {
    const { h } = await queuedConversation();
    await h.person('c2').say('human please');
    await h.hub.accept('c1', AGENT_A);
    await h.hub.accept('c2', AGENT_A);
    expect((await h.hub.mine(AGENT_A.id)).map((e) => e.conversationId).sort()).toEqual(['c1', 'c2']);
  });

  it('an agent cannot act on a conversation another agent holds, nor on a queued one', async () => {
    const { h } = await queuedConversation();
    await expect(h.hub.sendFromAgent('c1', AGENT_A, 'hi')).rejects.toMatchObject({ code: 'not-active' });
    await h.hub.accept('c1', AGENT_A);
    for (const action of [() => h.hub.sendFromAgent('c1', AGENT_B, 'hi'), () => h.hub.close('c1', AGENT_B), () => h.hub.requeue('c1', AGENT_B)]) {
      const error = await action().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubError);
      expect((error as HubError).code).toBe('not-yours');
    }
    await expect(h.hub.sendFromAgent('c1', AGENT_A, '   ')).rejects.toMatchObject({ code: 'empty' });
    await expect(h.hub.close('nope', AGENT_A)).rejects.toMatchObject({ code: 'not-found' });
    expect((await h.hub.get('c1'))?.state).toBe('active');
  });

  it('transcript(): the redacted activities of the conversation', async () => {
    const { h, p } = await queuedConversation();
    await p.say('my apple id password is Sup3rSecret!');
    const transcript = await h.hub.transcript('c1');
    expect(transcript.some((a) => a.text?.includes('photos-not-syncing on my iphone'))).toBe(true);
    expect(JSON.stringify(transcript)).not.toContain('Sup3rSecret');
  });

  it('waitForChange wakes on a change and times out otherwise', async () => {
    const { h } = await queuedConversation();
    const v0 = await h.hub.waitForChange!(-1, 0);
    const timedOut = await h.hub.waitForChange!(v0, 20);
    expect(timedOut).toBe(v0);
    const waiting = h.hub.waitForChange!(v0, 5000);
    await h.hub.accept('c1', AGENT_A);
    expect(await waiting).toBeGreaterThan(v0);
  });

  it('presence: agents count as online for the presence window only', async () => {
    const { h } = await queuedConversation();
    await h.hub.agentSeen(AGENT_B);
    expect(await h.hub.agentsOnline()).toBe(2);
    h.clock.advance(61_000);
    expect(await h.hub.agentsOnline()).toBe(0);
  });
});

/**
 * A live chat never strands the person (tester round 12, B1 and B3):
 * - the agent signs out: each of their chats goes back to the queue, the person is told, and the
 *   agent no longer counts as online;
 * - the agent vanishes without signing out (console closed, session ended: no heartbeat for two
 *   presence windows): the person's next message, or any agent's queue poll, puts the chat back in
 *   the queue, the person is told, and another agent can take it over; an agent still there is never
 *   judged gone;
 * - the person ends the chat ("end chat", "back to the bot", "start over"): closed, the agent's
 *   console says so, and the bot answers again; other words still go to the agent.
 */
import { AGENT_A, AGENT_B, hubHarness, replyKeys } from './hubHarness';

async function liveChat() {
  const h = hubHarness();
  await h.hub.agentSeen(AGENT_A);
  const p = h.person('c1');
  await p.say('photos-not-syncing on my iphone');
  await p.say('human please');
  expect(await h.hub.accept('c1', AGENT_A)).toBe('accepted');
  return { h, p };
}

describe('the agent leaves', () => {
  it('signing out puts their chat back in the queue and tells the person; they are no longer online', async () => {
    const { h } = await liveChat();
    await h.hub.agentSignedOut(AGENT_A);
    expect(await h.hub.get('c1')).toMatchObject({ state: 'queued' });
    expect(h.messenger.keys('c1')).toContain('handoff.agentLeft');
    expect(h.messenger.texts('c1').pop()).toMatch(/Alice had to leave the chat.*number 1/);
    expect(await h.hub.agentsOnline()).toBe(0);
    // Another agent takes it over.
    await h.hub.agentSeen(AGENT_B);
    expect(await h.hub.accept('c1', AGENT_B)).toBe('accepted');
  });

  it('gone without signing out: the person\'s next message puts the chat back in the queue, kept for the next agent', async () => {
    const { h, p } = await liveChat();
    h.clock.advance(3 * 60_000);
    await h.hub.agentSeen(AGENT_B);
    const replies = await p.say('hello? are you still there?');
    expect(replies).toEqual([]);
    expect(h.messenger.keys('c1')).toContain('handoff.agentLeft');
    const e = await h.hub.get('c1');
    expect(e).toMatchObject({ state: 'queued' });
    expect(e!.messages.map((m) => m.text)).toContain('hello? are you still there?');
    expect(await h.hub.accept('c1', AGENT_B)).toBe('accepted');
  });

  it('gone without signing out: another agent\'s queue poll releases the chat', async () => {
    const { h } = await liveChat();
    h.clock.advance(3 * 60_000);
    expect(await h.hub.releaseAbsentHolders()).toBe(1);
    expect((await h.hub.queue()).map((e) => e.conversationId)).toEqual(['c1']);
  });

  it('an agent still sending heartbeats is never judged gone', async () => {
    const { h, p } = await liveChat();
    h.clock.advance(50_000);
    await h.hub.agentSeen(AGENT_A);
    h.clock.advance(50_000);
    expect(await p.say('still here?')).toEqual([]);
    expect(await h.hub.releaseAbsentHolders()).toBe(0);
    expect(await h.hub.get('c1')).toMatchObject({ state: 'active', agentId: AGENT_A.id });
  });
});

describe('the person leaves', () => {
  it.each([['end chat'], ['back to the bot'], ['cancel'], ['ok end the chat']])('"%s" ends the live chat: the agent sees it, the bot is back', async (text) => {
    const { h, p } = await liveChat();
    const replies = await p.say(text);
    expect(replyKeys(replies)).toEqual(['handoff.personEnded']);
    expect(replies[0]!.text).toContain('Alice');
    const e = await h.hub.get('c1');
    expect(e).toMatchObject({ state: 'closed' });
    expect(e!.messages.map((m) => m.text).pop()).toBe('The person ended the chat');
    // The bot answers again.
    expect((await p.say('contacts-not-syncing on my ipad')).length).toBeGreaterThan(0);
  });

  it('"start over" ends the chat and starts over with the bot', async () => {
    const { h, p } = await liveChat();
    const replies = await p.say('start over');
    expect(replyKeys(replies)[0]).toBe('handoff.personEnded');
    expect(replies.length).toBeGreaterThan(1);
    expect(await h.hub.get('c1')).toMatchObject({ state: 'closed' });
  });

  it('a sentence with those words goes to the agent as usual', async () => {
    const { h, p } = await liveChat();
    expect(await p.say('should i cancel the backup first?')).toEqual([]);
    expect(await h.hub.get('c1')).toMatchObject({ state: 'active' });
  });
});

describe('what the agent types reaches the person as typed (round 12, B4)', () => {
  it('plain text: no Markdown or HTML reading, the characters kept', async () => {
    const { h } = await liveChat();
    const typed = 'Go to Settings > <your name> > iCloud, then tap *Contacts*. 2*3*4 = 24';
    await h.hub.sendFromAgent('c1', AGENT_A, typed);
    const sent = h.messenger.sent.filter((s) => s.reference.conversation?.id === 'c1').pop()!.activity;
    expect(sent.textFormat).toBe('plain');
    expect(sent.text).toBe(`Alice: ${typed}`);
  });
});

describe('"start over" while waiting in the queue (round 12, B6)', () => {
  it('ends the wait (the agents\' queue loses it) and the bot starts over', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('c2');
    await p.say('photos-not-syncing on my iphone');
    await p.say('human please');
    expect((await h.hub.queue()).map((e) => e.conversationId)).toEqual(['c2']);
    const replies = await p.say('start over');
    expect(replyKeys(replies)[0]).toBe('handoff.cancelledStartOver');
    expect(replies.length).toBeGreaterThan(1);
    expect(await h.hub.queue()).toEqual([]);
    expect(await h.hub.get('c2')).toMatchObject({ state: 'cancelled' });
  });
});

/**
 * Tester round 7, item 3 (C01): back from a live chat with a person from the support team. The
 * agent closes the chat; the hub asks "anything else?". "that didnt work either" is the same
 * problem not fixed: the checks carry on where the person asked for someone (the next step), never
 * "What isn't syncing, and on which device?" and the problem list.
 */
import { AGENT_A, hubHarness, replyKeys, type HubHarness, type Person } from '../handoff/hubHarness';

/** Mid-playbook "talk to a person" with an agent online, accepted and closed by the agent. */
async function afterLiveChat(): Promise<{ h: HubHarness; p: Person }> {
  const h = hubHarness();
  await h.hub.agentSeen(AGENT_A);
  const p = h.person('c1');
  await p.say('photos-not-syncing on my iphone');
  expect(replyKeys(await p.say('talk to a person'))).toContain('handoff.waiting');
  await h.hub.accept('c1', AGENT_A);
  await h.hub.close('c1', AGENT_A);
  return { h, p };
}

describe('back from a live chat (item 3, C01)', () => {
  it.each(['that didnt work either', 'still not working'])('"%s" after the agent closed: the checks carry on', async (line) => {
    const { p } = await afterLiveChat();
    const replies = await p.say(line);
    expect(replyKeys(replies)).toContain('playbook.resumed');
    expect(replyKeys(replies)).not.toContain('notUnderstood');
    expect(replyKeys(replies)).not.toContain('vague.problem');
    // The next check's question, in the same playbook.
    expect(replyKeys(replies)[replyKeys(replies).length - 1]).toMatch(/^(step|fixed)\.question$/);
  });

  it('"no" to "anything else?" still ends with the goodbye', async () => {
    const { p } = await afterLiveChat();
    expect(replyKeys(await p.say('no'))).toEqual(['goodbye']);
  });
});

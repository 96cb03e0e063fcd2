/**
 * Tester round 6, A9: the summary a person from the support team reads first, built from a whole
 * conversation: a command is never the problem, only the steps the person did are counted, and
 * the lines in which they described the problem reach it (redacted).
 */
import { AGENT_A, hubHarness, hubKeys, type HubHarness } from './hubHarness';

async function summaryOf(h: HubHarness, conversationId: string) {
  const escalation = await h.hub.get(conversationId);
  expect(escalation).toBeDefined();
  return escalation!.summary;
}

describe('the summary of a whole conversation', () => {
  it('J06: "start over", then "talk to a person": no problem recorded, "start over" nowhere in the summary', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('j06');
    await p.say('start over');
    expect(hubKeys(await p.say('talk to a person'))).toEqual(['event:handoff.initiate', 'handoff.waiting']);
    const summary = await summaryOf(h, 'j06');
    expect(summary.problem).toBeUndefined();
    expect(JSON.stringify(summary)).not.toContain('start over');
  });

  it('a problem said before the command is still the problem', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('c1');
    await p.say('my stuff is all over the place');
    await p.say('start over');
    await p.say('talk to a person');
    expect((await summaryOf(h, 'c1')).problem).toBe('my stuff is all over the place');
  });

  it('G01: a Mac walked through every step counts the 5 steps done, not the status check nor storage ("theres plenty")', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('g01');
    for (const t of ['photos-not-syncing on my mac', 'yep', 'nope', 'theres plenty', 'no', 'wifi', 'no', 'restarted, no change']) await p.say(t);
    expect(hubKeys(await p.say('updated, still nothing'))).toEqual(['event:handoff.initiate', 'handoff.waiting']);
    const summary = await summaryOf(h, 'g01');
    expect(summary.oneLine).toContain(' · 5 steps tried');
    expect(summary.steps.filter((s) => s.step === 'contact-support')).toHaveLength(1);
  });

  it('K06/D02: what the person said about the problem later reaches the summary (not their yes, no or "talk to a person")', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('k06');
    await p.say('sign-in-problem on my iphone');
    await p.say('the code goes to my old phone which is broken');
    await p.say("I don't have my old phone, my number is +44 20 7946 0000");
    await p.say('no');
    await p.say('talk to a person');
    const summary = await summaryOf(h, 'k06');
    expect(summary.said?.[0]).toBe('the code goes to my old phone which is broken');
    expect(summary.said?.[1]).toMatch(/^I don't have my old phone/);
    expect(summary.said?.[1]).not.toContain('7946');
    expect(summary.said).toHaveLength(2);
  });

  it('with the frustration offer off the lines are kept too', async () => {
    const h = hubHarness({ hubOptions: { frustrationOffer: false } });
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('c1');
    await p.say('photos-not-syncing on my iphone');
    await p.say('half of my photos from tuesday are gone');
    await p.say('talk to a person');
    expect((await summaryOf(h, 'c1')).said).toEqual(['half of my photos from tuesday are gone']);
  });
});

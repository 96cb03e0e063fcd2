/**
 * Offering a person when recent messages are frustrated: after the bot's own answer, with
 * "Talk to a person" / "Keep trying"; not repeated at once; never on top of a request for a person.
 */
import { HUB_CHOICES, HUB_KEYS, type ConversationDoc } from '../../src/handoff/hubService';
import { AGENT_A, hubHarness, hubKeys, replyKeys, replyWith } from './hubHarness';

async function inPlaybook() {
  const h = hubHarness();
  await h.hub.agentSeen(AGENT_A);
  const p = h.person('c1');
  await p.say('photos-not-syncing on my iphone');
  return { h, p };
}

describe('frustration offer', () => {
  it('calm messages get no offer', async () => {
    const { p } = await inPlaybook();
    for (const text of ['ok', 'which settings?', 'thanks']) {
      expect(replyKeys(await p.say(text))).not.toContain('handoff.frustration.offer');
    }
  });

  it('a frustrated message: the bot answers, then offers a person; Keep trying goes on with the bot', async () => {
    const { h, p } = await inPlaybook();
    const r = await p.say('this is useless, NOTHING WORKS!!');
    const k = replyKeys(r);
    // The dialog's own answer was only "didn't catch that" and the question again: the offer takes their place.
    expect(k).toEqual(['handoff.frustration.offer']);
    expect(r[r.length - 1].resync?.choices).toEqual([HUB_CHOICES.talkToPerson, HUB_CHOICES.keepTrying]);

    const keep = await p.say('Keep trying');
    expect(replyKeys(keep)).toEqual(['handoff.frustration.keepTrying']);
    expect(await h.hub.queue()).toEqual([]);
    // The recent texts were kept in storage, not in memory, and are cleared after "keep trying".
    const doc = (await h.storage.read([HUB_KEYS.conversation('c1')]))[HUB_KEYS.conversation('c1')] as ConversationDoc;
    expect(doc.recent).toEqual([]);
    expect(doc.mode).toBeUndefined();
  });

  it('Talk to a person escalates', async () => {
    const { h, p } = await inPlaybook();
    await p.say('this is useless, NOTHING WORKS!!');
    const r = await p.say({ text: 'Talk to a person', value: { resyncChoice: HUB_CHOICES.talkToPerson } });
    expect(hubKeys(r)).toEqual(['event:handoff.initiate', 'handoff.waiting']);
    expect((await h.hub.get('c1'))?.summary.intent).toBe('photos-not-syncing');
  });

  it('Talk to a person pressed on a card that sends no text (Teams) escalates too, the step on screen tried', async () => {
    const { h, p } = await inPlaybook();
    await p.say('this is useless, NOTHING WORKS!!');
    const r = await p.say({ text: '', value: { resyncChoice: HUB_CHOICES.talkToPerson } });
    expect(hubKeys(r)).toEqual(['event:handoff.initiate', 'handoff.waiting']);
    const summary = (await h.hub.get('c1'))?.summary;
    expect(summary?.intent).toBe('photos-not-syncing');
    expect(summary?.steps.length).toBeGreaterThan(0);
  });

  it('frustration building over several messages counts', async () => {
    const { p } = await inPlaybook();
    await p.say('still not working');
    const r = await p.say('still not syncing');
    expect(replyKeys(r)).toContain('handoff.frustration.offer');
  });

  it('is not offered again straight away', async () => {
    const { p } = await inPlaybook();
    await p.say('this is useless, NOTHING WORKS!!');
    const again = await p.say('this is useless, NOTHING WORKS!!');
    expect(replyKeys(again)).not.toContain('handoff.frustration.offer');
  });

  it('is not offered on top of a request for a person', async () => {
    const { p } = await inPlaybook();
    const r = await p.say('this is useless!! get me a human');
    expect(hubKeys(r)).toEqual(['event:handoff.initiate', 'handoff.waiting']);
  });

  it('can be turned off', async () => {
    const h = hubHarness({ hubOptions: { frustrationOffer: false } });
    const p = h.person('c1');
    await p.say('photos-not-syncing on my iphone');
    expect(replyKeys(await p.say('this is useless, NOTHING WORKS!!'))).not.toContain('handoff.frustration.offer');
  });
});

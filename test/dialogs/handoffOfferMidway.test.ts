/**
 * The hub's offer after "talk to a person" in the middle of a playbook (nobody online, so the hub
 * offers Wait anyway / Leave a message / Cancel): a hesitation is asked about once with the buttons
 * named, and stopping a wait chosen from that offer goes back to the step, not to "what isn't syncing".
 */
import { HUB_CHOICES } from '../../src/handoff/hubService';
import { hubHarness, replyKeys, type HubHarness, type Person } from '../handoff/hubHarness';
import { last, pick, type Reply } from './helpers';

async function offeredMidway(h: HubHarness): Promise<{ p: Person; question: Reply; offer: Reply[] }> {
  const p = h.person('c1');
  const question = last(await p.say('photos-not-syncing on my iphone'));
  expect(question.resync?.messageKey).toBe('step.question');
  const offer = await p.say('Talk to a person');
  expect(last(offer).resync?.messageKey).toBe('handoff.noAgent');
  return { p, question, offer };
}

describe('a hesitation in answer to the offer mid-way', () => {
  it.each(['not sure', 'hmm'])('"%s": the offer again with its buttons named, not "let\'s carry on"', async (text) => {
    const h = hubHarness();
    const { p, offer } = await offeredMidway(h);
    const again = await p.say(text);
    expect(replyKeys(again)).toEqual(['handoff.offer.unclear']);
    expect(last(again).resync?.choices).toEqual(last(offer).resync?.choices);
    // The offer still stands: its buttons work.
    const waiting = await p.say(pick(again, HUB_CHOICES.wait));
    expect(replyKeys(waiting).filter((k) => !k.startsWith('event:'))[0]).toMatch(/^handoff\.waiting/);
    expect((await h.hub.get('c1'))?.state).toBe('queued');
  });

  it('a second hesitation carries on at the step', async () => {
    const h = hubHarness();
    const { p, question } = await offeredMidway(h);
    await p.say('not sure');
    const back = await p.say('hmm');
    expect(replyKeys(back)).toEqual(['handoff.offer.declinedResume', 'step.question']);
    expect(last(back).resync).toMatchObject({ stepId: question.resync!.stepId, choices: question.resync!.choices });
    expect(await h.hub.get('c1')).toBeUndefined();
  });
});

describe('"Wait anyway" from the offer mid-way, then cancel (an agent account exists, nobody online)', () => {
  it('goes back to the step: "let\'s carry on" and the question, not "tell me what isn\'t syncing"', async () => {
    const h = hubHarness();
    const { p, question, offer } = await offeredMidway(h);
    const waiting = await p.say(pick(offer, HUB_CHOICES.wait));
    expect(replyKeys(waiting)).toEqual(['event:handoff.initiate', 'handoff.waiting.noEstimate']);
    const back = await p.say('cancel');
    expect(replyKeys(back)).toEqual(['handoff.cancelledResume', 'step.question']);
    expect(last(back).resync).toMatchObject({ stepId: question.resync!.stepId, choices: question.resync!.choices });
    // "no" now answers the step's question, it is no goodbye to the offer.
    const step = question.resync!;
    const answer = await p.say('no');
    expect(replyKeys(answer)).not.toContain('handoff.offer.goodbye');
    expect(answer[0].resync?.stepId).toBe(step.stepId);
  });

  it('at the top level, stopping waiting still says what to do next', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    const offer = await p.say('talk to a person');
    await p.say(pick(offer, HUB_CHOICES.wait));
    expect(replyKeys(await p.say('cancel'))).toEqual(['handoff.cancelled']);
  });
});

/**
 * A hesitation ("not sure", "hmm", "?") in answer to the hub's offer: the offer is asked again once
 * with its buttons named (offer.unclear); a second hesitation carries on. Mid-way that is the step
 * again; at the top level, "no person for now" and how to ask again. Also: how such replies are read.
 */
import { HUB_CHOICES } from '../../src/handoff/hubService';
import { readOfferAnswer } from '../../src/handoff/offerAnswer';
import type { PromptChoice } from '../../src/dialogs/answers';
import { last } from '../dialogs/helpers';
import { hubHarness, hubKeys, messages, replyKeys } from './hubHarness';

const list = (key: keyof typeof messages): string[] => [...(messages[key] as readonly string[])];
const PHRASES = { yes: list('synonyms.yes'), no: list('synonyms.no'), goodbye: list('synonyms.goodbye'), unsure: list('synonyms.unsure') };
const CHOICES: PromptChoice[] = [
  { id: HUB_CHOICES.wait, title: 'Wait anyway', synonyms: list('synonyms.wait') },
  { id: HUB_CHOICES.leaveMessage, title: 'Leave a message', synonyms: list('synonyms.leaveMessage') },
  { id: HUB_CHOICES.cancel, title: 'Cancel', synonyms: list('synonyms.cancel') },
];
const read = (text: string) => readOfferAnswer(CHOICES, { text }, PHRASES, [HUB_CHOICES.wait, HUB_CHOICES.leaveMessage]);

describe('reading a hesitation', () => {
  it.each(['not sure', "I'm not sure", 'hmm', 'Hmmmm', 'ummm', '?', '...', 'no idea', "hmm, I don't know", 'which one?', 'idk'])('"%s" is unsure', (text) => {
    expect(read(text)).toEqual({ kind: 'unsure' });
  });

  it.each([
    ['what about my notes', 'other'],
    ['no', 'no'],
    ['wait anyway', 'choice'],
    ["not sure, I'll leave a message", 'choice'],
    ['yes', 'unclear'],
    ['thanks bye', 'goodbye'],
  ])('"%s" is %s', (text, kind) => {
    expect(read(text).kind).toBe(kind);
  });
});

describe('at the top level (nobody online)', () => {
  it('"not sure" asks the offer again with its buttons; the offer stays open', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    const offer = await p.say('talk to a person');
    expect(hubKeys(offer)).toEqual(['handoff.noAgent']);
    const again = await p.say('not sure');
    expect(replyKeys(again)).toEqual(['handoff.offer.unclear']);
    expect(last(again).resync?.choices).toEqual(last(offer).resync?.choices);
    expect(last(again).text).toContain('Wait anyway');
    // Still an open offer: "1" waits.
    await p.say('1');
    expect((await h.hub.queue()).map((e) => e.conversationId)).toEqual(['c1']);
  });

  it('a second hesitation carries on: no person for now (saying how to ask again), nothing queued', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('talk to a person');
    await p.say('hmm');
    expect(replyKeys(await p.say('hmm'))).toEqual(['handoff.offer.declined']);
    expect(await h.hub.queue()).toEqual([]);
    // The offer is over: "1" is no longer "Wait anyway".
    await p.say('1');
    expect(await h.hub.queue()).toEqual([]);
  });

  it('the count starts again with a new offer', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('talk to a person');
    await p.say('not sure');
    await p.say('cancel');
    await p.say('talk to a person');
    expect(replyKeys(await p.say('not sure'))).toEqual(['handoff.offer.unclear']);
  });
});

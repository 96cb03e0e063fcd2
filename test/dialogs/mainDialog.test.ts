/**
 * Routing by handler kind, not-understood turns, did-you-mean, and the flow ending cleanly.
 */
import { harness, intentWithHandler, keys, last, pick, realContent, record } from './helpers';

const content = realContent();
const problems = Object.values(content.playbooks);
const [first, second] = problems;

describe('routing outside a flow', () => {
  it.each(['greeting', 'help', 'goodbye'] as const)('a %s intent gets its short reply', async (handler) => {
    const h = harness();
    const words = { greeting: 'hello', help: 'help', goodbye: 'bye' }[handler];
    expect(h.recognizer.recognize(words).intent).toBe(intentWithHandler(content, handler));
    expect(keys(await h.say(words))).toEqual([handler]);
  });

  it('cancel with nothing going on ends cleanly', async () => {
    const h = harness();
    expect(keys(await h.say('cancel'))).toEqual(['cancel.done']);
  });

  it.each(problems.map((p) => [p.intent, p.id]))('intent %s starts playbook %s', async (intent, id) => {
    const h = harness();
    const replies = await h.say(`${intent} on my mac`);
    expect(replies[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: id });
    expect((await record(h)).intent).toBe(intent);
  });

  it('talk to a person with no problem yet gives the support options', async () => {
    const h = harness();
    const replies = await h.say('I want a human');
    const handoff = Object.values(content.steps).find((s) => s.kind === 'handoff')!;
    expect(last(replies).resync).toMatchObject({ stepId: handoff.id, messageKey: 'step.instructions' });
    expect((await record(h)).steps[0]).toMatchObject({ step: handoff.id, outcome: 'support-options' });
  });

  it('an empty message (no text, no value) is ignored', async () => {
    const h = harness();
    expect(await h.say('')).toEqual([]);
  });
});

describe('not understood', () => {
  it('says sorry once, then offers the help menu and a person after two misses in a row', async () => {
    const h = harness();
    expect(keys(await h.say('blah'))).toEqual(['notUnderstood']);
    const offer = await h.say('blah blah');
    expect(keys(offer)).toEqual(['notUnderstood.offer']);
    const choices = last(offer).resync!.choices!;
    expect(choices).toContain('agent');
    expect(choices.filter((c) => c.startsWith('intent:')).sort()).toEqual(problems.map((p) => `intent:${p.intent}`).sort());
    // The count starts again after the offer.
    expect(keys(await h.say('blah'))).toEqual(['notUnderstood']);
  });

  it('an understood message in between resets the count', async () => {
    const h = harness();
    await h.say('blah');
    await h.say('hello');
    expect(keys(await h.say('blah'))).toEqual(['notUnderstood']);
  });

  it('picking a problem from the menu starts it; picking a person hands over', async () => {
    const h = harness();
    await h.say('blah');
    const offer = await h.say('blah');
    const started = await h.say(pick(offer, `intent:${first.intent}`));
    expect(started[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: first.id });

    const h2 = harness();
    await h2.say('blah');
    await h2.say('blah');
    const person = await h2.say({ value: { resyncChoice: 'agent' } });
    expect(last(person).resync?.messageKey).toBe('step.instructions');
  });
});

describe('did you mean', () => {
  it('offers the top candidates by title and "something else"', async () => {
    const h = harness();
    const replies = await h.say(`ambiguous ${first.intent} ${second.intent}`);
    expect(keys(replies)).toEqual(['didYouMean']);
    expect(last(replies).resync?.choices).toEqual([`intent:${first.intent}`, `intent:${second.intent}`, 'something-else']);
    expect(last(replies).text).toContain(first.title);
    expect(last(replies).text).toContain(second.title);
    const started = await h.say(second.title);
    expect(started[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: second.id });
  });

  it('"something else" asks again in other words', async () => {
    const h = harness();
    const replies = await h.say(`ambiguous ${first.intent} ${second.intent}`);
    expect(keys(await h.say(pick(replies, 'something-else')))).toEqual(['didYouMean.somethingElse']);
  });

  it('a new message instead of a choice is routed normally', async () => {
    const h = harness();
    await h.say(`ambiguous ${first.intent} ${second.intent}`);
    expect(keys(await h.say('hello'))).toEqual(['greeting']);
  });
});

/**
 * Choices offered on some platforms only (`onlyOn`): the bot shows, numbers and matches only the
 * choices of the person's platform. A hidden choice's words, its number and its button value are no
 * answer there; a device correction after such an answer asks the question again; a first message
 * that would answer with a hidden choice does not. Content is edited here (apple-id's "different
 * accounts" offered on a Mac or PC only), so these hold whatever the real content limits.
 */
import { editContent, harness, keys, last, realContent, type BotHarness, type Reply } from './helpers';

const real = realContent();
const content = editContent(real, (c) => {
  c.steps['apple-id'].question!.choices.find((x) => x.id === 'different')!.onlyOn = ['mac', 'windows'];
  c.steps['account-access'].question!.choices.find((x) => x.id === 'forgot-password')!.onlyOn = ['mac', 'windows', 'web'];
});
const step = content.steps['apple-id'];
const playbook = content.playbooks['photos-not-syncing'];
const all = step.question!.choices.map((c) => c.id);
const withoutDifferent = all.filter((id) => id !== 'different');
/** The first line of a choice's own text for a platform. */
const own = (choiceId: string, platform: 'ios' | 'mac') => step.question!.choices.find((c) => c.id === choiceId)!.instructions![platform]!.split('\n')[0];

/** Starts the playbook on a device and carries on until the apple-id question. */
async function atQuestion(device: string): Promise<{ h: BotHarness; replies: Reply[] }> {
  const h = harness({ content });
  let replies = await h.say(`${playbook.intent} on my ${device}`);
  for (let i = 0; i < 5 && !(last(replies).resync?.messageKey === 'step.question' && last(replies).resync?.stepId === 'apple-id'); i++) {
    const key = last(replies).resync?.messageKey;
    if (key === 'status.pauseQuestion' || key === 'step.question') replies = await h.say('1');
    else if (key === 'fixed.question') replies = await h.say('2');
    else throw new Error(`unexpected ${key}`);
  }
  expect(last(replies).resync).toMatchObject({ messageKey: 'step.question', stepId: 'apple-id' });
  return { h, replies };
}

function instructions(replies: Reply[]): Reply | undefined {
  return replies.find((r) => r.resync?.messageKey === 'step.instructions' && r.resync.stepId === 'apple-id');
}

describe('a choice offered on some platforms only', () => {
  it('on a Mac every choice is offered, numbered in content order, and picked by its words', async () => {
    const { h, replies } = await atQuestion('mac');
    expect(last(replies).resync?.choices).toEqual(all);
    expect(last(replies).text).toContain(`${all.indexOf('different') + 1}. ${step.question!.choices.find((c) => c.id === 'different')!.title}`);
    const after = await h.say('different accounts');
    expect(instructions(after)?.text).toContain(own('different', 'mac'));
  });

  it('on an iPhone it is not offered, and the numbers close up', async () => {
    const { h, replies } = await atQuestion('iphone');
    expect(last(replies).resync?.choices).toEqual(withoutDifferent);
    expect(last(replies).text).not.toContain(step.question!.choices.find((c) => c.id === 'different')!.title);
    // The number that is "different" on a Mac is the next offered choice here.
    const n = all.indexOf('different') + 1;
    const after = await h.say(String(n));
    expect(instructions(after)).toBeDefined();
    expect(instructions(after)!.text).not.toContain(own('different', 'ios'));
    expect(last(after).resync?.messageKey).toBe('fixed.question');
  });

  it.each([
    ['its words', 'different accounts'],
    ['its button value', { text: 'No, they use different ones', value: { resyncChoice: 'different' } }],
  ])('on an iPhone, %s are no answer: the question again', async (_what, input) => {
    const { h } = await atQuestion('iphone');
    const after = await h.say(input);
    expect(instructions(after)).toBeUndefined();
    expect(keys(after)).not.toContain('fixed.question');
    expect(last(after).resync).toMatchObject({ messageKey: 'step.question', stepId: 'apple-id', choices: withoutDifferent });
  });

  it('picked on a Mac, then the device corrected to an iPhone: the question again, without it', async () => {
    const { h } = await atQuestion('mac');
    const picked = await h.say('different accounts');
    expect(last(picked).resync?.messageKey).toBe('fixed.question');
    const after = await h.say('actually it is my iphone');
    expect(instructions(after)).toBeUndefined();
    expect(last(after).resync).toMatchObject({ messageKey: 'step.question', stepId: 'apple-id', choices: withoutDifferent });
  });

  it('a choice offered on both devices, then the device corrected: its instructions again for the new one', async () => {
    const { h } = await atQuestion('mac');
    await h.say('not sure');
    const after = await h.say('actually it is my iphone');
    expect(instructions(after)).toBeDefined();
    expect(last(after).resync).toMatchObject({ messageKey: 'fixed.question', stepId: 'apple-id' });
  });
});

describe('a first message that answers with a hidden choice', () => {
  const signIn = content.playbooks['sign-in-problem'];

  it('answers on a Mac (offered there)', async () => {
    const h = harness({ content });
    const replies = await h.say(`${signIn.intent} on my mac, i forgot my password`);
    expect(keys(replies)).not.toContain('step.question');
    expect(replies.some((r) => r.resync?.messageKey === 'step.instructions' && r.resync.stepId === 'account-access')).toBe(true);
  });

  it('does not answer on an iPhone: the question is asked, without that choice', async () => {
    const h = harness({ content });
    const replies = await h.say(`${signIn.intent} on my iphone, i forgot my password`);
    expect(last(replies).resync).toMatchObject({ messageKey: 'step.question', stepId: 'account-access' });
    expect(last(replies).resync?.choices).not.toContain('forgot-password');
  });
});

/**
 * Goodbye or thanks inside a playbook's question ends politely: never "didn't catch that", never
 * the question again next to another prompt, and never "great, it's fixed" at "Did that fix it?".
 * An unsure goodbye recognition is not acted on.
 */
import { answerUntilFixedQuestion, harness, intentWithHandler, keys, last, pick, realContent, record, type BotHarness } from './helpers';

const content = realContent();
const photos = content.playbooks['photos-not-syncing'];
const goodbyeIntent = intentWithHandler(content, 'goodbye');

async function atQuestion(): Promise<BotHarness> {
  const h = harness();
  const replies = await h.say(`${photos.intent} on my iphone`);
  expect(last(replies).resync?.messageKey).toBe('step.question');
  return h;
}

async function atFixed(): Promise<{ h: BotHarness; stepId: string }> {
  const h = harness();
  const { stepId } = await answerUntilFixedQuestion(h, content, `${photos.intent} on my iphone`);
  return { h, stepId };
}

describe('goodbye in the middle of a playbook', () => {
  it('"thanks bye" at a step question ends politely, with nothing left open', async () => {
    const h = await atQuestion();
    const replies = await h.say('thanks bye');
    expect(keys(replies)).toEqual(['playbook.goodbye']);
    expect(replies.every((r) => (r.resync?.choices ?? []).length === 0)).toBe(true);
    expect((await record(h)).steps.pop()?.outcome).toBe('user-left');
    // The flow is over: the next message is a new one.
    expect(keys(await h.say('hello'))).toEqual(['greeting']);
  });

  it('"bye" at "Did that fix it?" is not taken as fixed', async () => {
    const { h, stepId } = await atFixed();
    const replies = await h.say('bye');
    expect(keys(replies)).toEqual(['playbook.goodbye']);
    expect(keys(replies)).not.toContain('playbook.wrapUp');
    const rec = await record(h);
    expect(rec.steps.pop()).toMatchObject({ step: stepId, outcome: 'user-left' });
    expect(rec.steps.some((s) => s.outcome === 'fixed')).toBe(false);
  });

  it('an unsure goodbye recognition is not acted on', async () => {
    const { h } = await atFixed();
    const replies = await h.say(`meh ${goodbyeIntent}`);
    expect(keys(replies)).not.toContain('playbook.goodbye');
    expect(keys(replies)).not.toContain('playbook.wrapUp');
    expect(last(replies).resync?.messageKey).toBe('fixed.question');
  });
});

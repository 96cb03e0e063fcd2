/**
 * No endless loop inside a question: the second miss in a row gets the hint, the third a way out
 * (the question again, what can I say, a person, stop); saying the problem again is a miss that
 * says "we're on it" and shows where we are.
 */
import { MISSES_BEFORE_OFFER } from '../../src/dialogs/interruptibleDialog';
import { harness, keys, last, pick, realContent, record, type BotHarness, type Reply } from './helpers';
import { useRealBot } from '../helpers/realBot';

const content = realContent();
const photos = content.playbooks['photos-not-syncing'];
const handoffStep = photos.steps[photos.steps.length - 1];

async function atQuestion(): Promise<{ h: BotHarness; question: Reply }> {
  const h = harness();
  const replies = await h.say(`${photos.intent} on my iphone`);
  expect(last(replies).resync?.messageKey).toBe('step.question');
  return { h, question: last(replies) };
}

async function stuck(): Promise<{ h: BotHarness; question: Reply; offer: Reply[] }> {
  const { h, question } = await atQuestion();
  let replies: Reply[] = [];
  for (let i = 0; i < MISSES_BEFORE_OFFER; i++) replies = await h.say('zzz qqq');
  return { h, question, offer: replies };
}

describe('misses in a row inside a question', () => {
  it(`miss ${MISSES_BEFORE_OFFER} offers a way out instead of the question`, async () => {
    const { h } = await atQuestion();
    expect(keys(await h.say('zzz qqq'))).toEqual(['answer.notUnderstood', 'step.question']);
    expect(keys(await h.say('zzz qqq'))).toEqual(['answer.hint', 'step.question']);
    const offer = await h.say('zzz qqq');
    expect(keys(offer)).toEqual(['answer.stuck']);
    expect(last(offer).resync?.choices).toEqual(['stuck-retry', 'stuck-help', 'stuck-agent', 'stuck-stop']);
  });

  it('"no" eight times never just alternates the same two lines', async () => {
    const { h } = await atQuestion();
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) seen.push(keys(await h.say('blorp'))[0]);
    expect(seen).toContain('answer.stuck');
  });

  it('a person: Apple\'s options and the hub, keeping the place', async () => {
    const { h, offer } = await stuck();
    const replies = await h.say(pick(offer, 'stuck-agent'));
    expect(last(replies).resync).toMatchObject({ step: `${photos.id}/${handoffStep}`, messageKey: 'step.instructions' });
  });

  it('stop: stops, recorded as left', async () => {
    const { h, offer, question } = await stuck();
    expect(keys(await h.say(pick(offer, 'stuck-stop')))).toEqual(['cancel.done']);
    expect((await record(h)).steps.pop()).toMatchObject({ step: question.resync!.stepId, outcome: 'user-left' });
  });

  it('help: what can be said, then the question', async () => {
    const { h, offer, question } = await stuck();
    const replies = await h.say(pick(offer, 'stuck-help'));
    expect(keys(replies)).toEqual(['help', 'step.question']);
    expect(last(replies).resync?.stepId).toBe(question.resync!.stepId);
  });

  it('try again: the question, and the count starts again', async () => {
    const { h, offer } = await stuck();
    expect(keys(await h.say(pick(offer, 'stuck-retry')))).toEqual(['step.question']);
    expect(keys(await h.say('zzz qqq'))).toEqual(['answer.notUnderstood', 'step.question']);
  });

  it('an answer to the question instead is taken as that answer', async () => {
    const { h, offer, question } = await stuck();
    const step = content.steps[question.resync!.stepId!];
    const go = step.question!.choices.find((c) => c.action === 'continue')!;
    expect(offer.length).toBeGreaterThan(0);
    const replies = await h.say(go.title);
    expect(last(replies).resync).toMatchObject({ stepId: step.id, messageKey: 'fixed.question' });
  });
});

describe('the problem said again at a step', () => {
  it('"we\'re on it", then the same question', async () => {
    const { h, question } = await atQuestion();
    const replies = await h.say(`${photos.intent} still`);
    expect(keys(replies)).toEqual(['answer.sameProblem', 'step.question']);
    expect(replies[0].text).toContain(photos.title);
    expect(last(replies).resync).toMatchObject({ stepId: question.resync!.stepId, choices: question.resync!.choices });
  });
});

describe('with the real recogniser', () => {
  const bot = useRealBot('ways-out');
  it('"no" eight times at the sign-in question never only repeats "didn\'t catch that" and the hint', async () => {
    const say = bot.conversation('ways-out-1');
    await say("i can't sign in to icloud on my iphone");
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) seen.push(...(await say('no')).map((r) => r.messageKey ?? ''));
    const loop = new Set(['answer.notUnderstood', 'answer.hint', 'answer.unclear', 'step.question']);
    expect(seen.some((k) => !loop.has(k))).toBe(true);
  });
});

/**
 * What people type inside a question, with the recogniser's real readings of it scripted in (the
 * confidences and ambiguity flags the exploratory test saw): an answer that sounds like a command
 * is taken as the answer, a non-answer is never "fixed", a guessed cancel is confirmed, and after
 * two misses in a row the bot names the buttons and the ways out instead of repeating itself.
 */
import type { Step } from '../../src/content/playbookSchema';
import { MISSES_BEFORE_HINT } from '../../src/dialogs/interruptibleDialog';
import type { Recognition } from '../../src/nlu/recognizer';
import { harness, intentWithHandler, keys, last, pick, realContent, record, type BotHarness, type Reply } from './helpers';

const content = realContent();

/** A playbook whose first instruction step after the status check has a question with a continue choice. */
const playbook = Object.values(content.playbooks).find((p) => {
  const first = content.steps[p.steps[1]];
  return content.steps[p.steps[0]].kind === 'status' && first?.question?.choices.some((c) => c.action === 'continue');
})!;

function continueChoice(step: Step): string {
  return step.question!.choices.find((c) => c.action === 'continue')!.id;
}

/** The recogniser's reading of a message: an intent of this handler kind at this confidence. */
function reading(text: string, handler: string, confidence: number, ambiguous = false): Recognition {
  const intent = handler === 'playbook' ? playbook.intent : intentWithHandler(content, handler);
  return { text, intent, confidence, ambiguous, alternatives: ambiguous ? [{ intent: intentWithHandler(content, 'goodbye'), confidence: confidence - 0.01 }] : [], entities: [] };
}

/** What the real recogniser made of the tester's messages (from `resync nlu predict`). */
const READINGS: Record<string, Recognition> = Object.fromEntries(
  [
    reading('restarted it, still not syncing', 'cancel', 0.448, true),
    reading('did the restart, no luck', 'cancel', 0.618),
    reading('restart didnt help', 'cancel', 0.544, true),
    reading('stopped and restarted, same problem', 'cancel', 0.728),
    reading('i restarted it, nothing changed', 'cancel', 0.857),
    reading('restarted it', 'cancel', 0.873),
    reading('lets leave it there', 'cancel', 0.873),
    reading('no, cancel', 'cancel', 0.85),
    reading('nothing works!!!', 'goodbye', 0.397, true),
    reading('later', 'goodbye', 0.817),
    reading('ok done that', 'goodbye', 0.865),
    reading('it works but only on wifi', 'goodbye', 0.501),
    reading('yes but only some photos', 'playbook', 0.948),
    reading('i dont know', 'help', 0.374, true),
    reading("it isn't working now", 'goodbye', 0.66),
    reading("i don't think it's working now", 'goodbye', 0.62),
  ].map((r) => [r.text, r]),
);

function scripted(h: BotHarness): void {
  const keyword = h.recognizer.recognize.bind(h.recognizer);
  h.recognizer.recognize = (text: string) => READINGS[text] ?? keyword(text);
}

/** A fresh conversation at the playbook's first "Did that fix it?" prompt. */
async function atFixedPrompt(): Promise<{ h: BotHarness; stepId: string; replies: Reply[] }> {
  const h = harness();
  scripted(h);
  let replies = await h.say(`${playbook.intent} on my iphone`);
  expect(last(replies).resync?.messageKey).toBe('step.question');
  replies = await h.say(pick(replies, continueChoice(content.steps[last(replies).resync!.stepId!])));
  expect(last(replies).resync?.messageKey).toBe('fixed.question');
  return { h, stepId: last(replies).resync!.stepId!, replies };
}

/** A fresh conversation at the playbook's first step question. */
async function atQuestion(): Promise<{ h: BotHarness; replies: Reply[] }> {
  const h = harness();
  scripted(h);
  const replies = await h.say(`${playbook.intent} on my iphone`);
  expect(last(replies).resync?.messageKey).toBe('step.question');
  return { h, replies };
}

async function lastOutcome(h: BotHarness): Promise<string | undefined> {
  const rec = await record(h);
  return rec.steps[rec.steps.length - 1]?.outcome;
}

describe('an answer that sounds like a command is the answer', () => {
  it.each(['restarted it, still not syncing', 'did the restart, no luck', 'restart didnt help', 'stopped and restarted, same problem', 'i restarted it, nothing changed'])(
    '"%s" at "Did that fix it?" moves on to the next step',
    async (text) => {
      const { h, stepId } = await atFixedPrompt();
      const replies = await h.say(text);
      expect(keys(replies)).not.toContain('cancel.done');
      expect(keys(replies)).not.toContain('cancel.confirm');
      expect(replies.some((r) => r.resync?.stepId && r.resync.stepId !== stepId)).toBe(true);
      expect((await record(h)).steps.find((s) => s.step === stepId)?.outcome).toBe('not-fixed');
    },
  );

  it('a command typed as such still acts at once', async () => {
    for (const [text, key] of [['cancel', 'cancel.done'], ['no, cancel', 'cancel.done'], ['start over', 'startOver.question']]) {
      const { h } = await atFixedPrompt();
      const replies = await h.say(text);
      expect(keys(replies)).toContain(key);
      expect(keys(replies)).not.toContain('cancel.confirm');
    }
    const { h } = await atFixedPrompt();
    await h.say('no, cancel');
    expect(await lastOutcome(h)).toBe('user-left');
  });

  // ("restarted it" at "Did that fix it?" only says the step was done: it is asked about once more,
  // see fixedQuestionAnswers.test.ts.)
  it('a cancel only guessed from the words is confirmed: "no" carries on at the same prompt', async () => {
    const { h, stepId, replies } = await atFixedPrompt();
    const before = last(replies).resync!;
    const confirm = await h.say('lets leave it there');
    expect(keys(confirm)).toEqual(['cancel.confirm']);
    expect(last(confirm).resync).toMatchObject({ stepId, choices: ['confirm-stop', 'confirm-stay'] });
    const after = await h.say('no');
    expect(keys(after)).toEqual(['cancel.declined', 'fixed.question']);
    expect(last(after).resync).toMatchObject({ stepId, choices: before.choices });
    // The prompt still works as before.
    const next = await h.say('nope still broken');
    expect((await record(h)).steps.find((s) => s.step === stepId)?.outcome).toBe('not-fixed');
    expect(keys(next)).not.toContain('answer.notUnderstood');
  });

  it('a cancel only guessed from the words is confirmed: "yes, stop" stops', async () => {
    const { h } = await atFixedPrompt();
    const confirm = await h.say('lets leave it there');
    expect(keys(await h.say(pick(confirm, 'confirm-stop')))).toEqual(['cancel.done']);
    expect(await lastOutcome(h)).toBe('user-left');
    // Nothing is pending any more.
    expect(keys(await h.say('2'))).toEqual(['notUnderstood']);
  });

  it('an answer to the question instead of the confirmation is taken as the answer', async () => {
    const { h, stepId } = await atFixedPrompt();
    expect(keys(await h.say('lets leave it there'))).toEqual(['cancel.confirm']);
    const replies = await h.say('still not working');
    expect(keys(replies)).not.toContain('cancel.done');
    expect((await record(h)).steps.find((s) => s.step === stepId)?.outcome).toBe('not-fixed');
  });
});

describe('non-answers at "Did that fix it?" are never "fixed"', () => {
  it.each(['not sure', 'ok', 'sure', 'later', 'i dont know', "i don't think it's working now"])('"%s" gets a clarification and the same question', async (text) => {
    const { h, stepId } = await atFixedPrompt();
    const stepsBefore = (await record(h)).steps.length;
    const replies = await h.say(text);
    // Session 12 (tester A7): "not sure" / "i dont know" get "no rush" and how to tell, without counting a miss.
    const unsure = text === 'not sure' || text === 'i dont know';
    expect(keys(replies)).toEqual([unsure ? 'step.howTo' : 'answer.unclear', 'fixed.question']);
    expect(last(replies).resync?.stepId).toBe(stepId);
    expect((await record(h)).steps.length).toBe(stepsBefore);
  });

  // Tester round 4: "ok done" says the step was done, so "is it syncing now?", not "can't tell".
  it('"ok done that" says the step was done: is it syncing now? (nothing recorded)', async () => {
    const { h, stepId } = await atFixedPrompt();
    const stepsBefore = (await record(h)).steps.length;
    const replies = await h.say('ok done that');
    expect(keys(replies)).toEqual(['fixed.afterDone']);
    expect(last(replies).resync?.stepId).toBe(stepId);
    expect((await record(h)).steps.length).toBe(stepsBefore);
  });

  it.each([
    ['it works but only on wifi', 'partly-fixed'],
    ['yes but only some photos', 'partly-fixed'],
    ['nothing works!!!', 'not-fixed'],
    ['not yet', 'not-fixed'],
    ["it isn't working now", 'not-fixed'],
  ])('"%s" is not fixed (%s): the next check comes', async (text, outcome) => {
    const { h, stepId } = await atFixedPrompt();
    const replies = await h.say(text);
    expect(keys(replies)).not.toContain('playbook.wrapUp');
    expect(keys(replies)).not.toContain('switch.offer');
    expect((await record(h)).steps.find((s) => s.step === stepId)?.outcome).toBe(outcome);
  });
});

describe('misses inside a question', () => {
  it(`after ${MISSES_BEFORE_HINT} misses in a row the hint names every button and the ways out`, async () => {
    const { h, replies } = await atQuestion();
    const prompt = last(replies);
    const step = content.steps[prompt.resync!.stepId!];
    expect(keys(await h.say('qwerty zxcv'))).toEqual(['answer.notUnderstood', 'step.question']);
    const second = await h.say('asdf');
    expect(keys(second)).toEqual(['answer.hint', 'step.question']);
    for (const c of step.question!.choices) expect(second[0].text).toContain(c.title);
    expect(last(second).resync).toMatchObject({ stepId: prompt.resync!.stepId, choices: prompt.resync!.choices });
    // The third miss offers a way out instead of the question; then the count starts again.
    expect(keys(await h.say('zzz'))).toEqual(['answer.stuck']);
    expect(keys(await h.say('zzz'))).toEqual(['answer.notUnderstood', 'step.question']);
  });

  it('an answer in between starts the count again', async () => {
    const { h } = await atFixedPrompt();
    expect(keys(await h.say('qwerty'))).toEqual(['answer.notUnderstood', 'fixed.question']);
    const next = await h.say('nope still broken');
    const kind = last(next).resync!.messageKey;
    expect(keys(await h.say('qwerty'))).toEqual(['answer.notUnderstood', kind]);
  });

  it('a blank message inside a step is ignored, as at the top level', async () => {
    const { h, stepId } = await atFixedPrompt();
    expect(await h.say('   ')).toEqual([]);
    expect(await h.say('')).toEqual([]);
    // And it is no miss: the next miss is the first.
    expect(keys(await h.say('qwerty'))).toEqual(['answer.notUnderstood', 'fixed.question']);
    await h.say('nope still broken');
    expect((await record(h)).steps.find((s) => s.step === stepId)?.outcome).toBe('not-fixed');
  });

  it('"i dont know" at "Did that fix it?" is not the general help text', async () => {
    const { h } = await atFixedPrompt();
    const unsure = keys(await h.say('i dont know'));
    expect(unsure).not.toContain('help');
    expect(unsure).not.toContain('step.help');
    // A clear request for help still gets it (help about this prompt).
    expect(keys(await h.say('help please'))).toEqual(['step.help', 'fixed.question']);
  });
});

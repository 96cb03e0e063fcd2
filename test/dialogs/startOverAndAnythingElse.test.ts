/**
 * Follow-ups to the main dialog's questions: "start over" in the middle of a playbook says only the
 * start-over question (no "I've stopped here" first), and the answer to "Is there anything else
 * that isn't syncing?" is read as step answers are (negation-aware, non-answers asked again).
 * Whole bot, keyword recogniser; asserts message keys and stored state, never wording.
 */
import { answerUntilFixedQuestion, continueChoice, editContent, harness, keys, last, pick, realContent, record, type BotHarness, type Reply } from './helpers';

const content = realContent();
const problems = Object.values(content.playbooks);
const photos = problems.find((p) => p.service === 'photos')!;


/** Starts the photos playbook on an iPhone and answers until the first "Did that fix it?". */
async function atFixedPrompt(h: BotHarness): Promise<Reply[]> {
  return (await answerUntilFixedQuestion(h, content, `${photos.intent} on my iphone`)).replies;
}

async function askedAnythingElse(h: BotHarness): Promise<void> {
  await atFixedPrompt(h);
  const done = await h.say({ value: { resyncChoice: 'fixed' } });
  expect(keys(done).slice(-1)).toEqual(['wrapUp.more']);
}

describe('"start over" in the middle of a playbook', () => {
  it.each(['start over', 'Start over', 'please start over'])('"%s" at "Did that fix it?" sends only the start-over question', async (text) => {
    const h = harness();
    await atFixedPrompt(h);
    const replies = await h.say(text);
    expect(keys(replies)).toEqual(['startOver.question']);
    expect((await record(h)).steps).toEqual([]);
  });

  it('at a step question and at the device question, too', async () => {
    const h = harness();
    const first = await h.say(`${photos.intent} on my iphone`);
    expect(last(first).resync?.messageKey).toBe('step.question');
    expect(keys(await h.say('start over'))).toEqual(['startOver.question']);

    const other = harness({ conversationId: 'conv-2' });
    const asked = await other.say(photos.intent);
    expect(last(asked).resync?.messageKey).toBe('device.question');
    expect(keys(await other.say('start over'))).toEqual(['startOver.question']);
  });

  it.each(['cancel', 'stop', 'no, cancel'])('"%s" still says it stopped, and asks nothing', async (text) => {
    const h = harness();
    await atFixedPrompt(h);
    expect(keys(await h.say(text))).toEqual(['cancel.done']);
  });
});

describe('"Is there anything else that isn\'t syncing?" read like a step question', () => {
  it.each(['not sure', "I'm not sure", 'no idea', 'ok', 'maybe', 'hmm'])('"%s" is no answer: the question again, and it stays open', async (text) => {
    const h = harness();
    await askedAnythingElse(h);
    expect(keys(await h.say(text))).toEqual(['more.askAgain']);
    // Still the open question: "no" now ends with the goodbye.
    expect(keys(await h.say('no'))).toEqual(['goodbye']);
  });

  it('a phrase that is only negated is no answer either ("I don\'t have another problem" is not "another problem")', async () => {
    const h = harness();
    await askedAnythingElse(h);
    expect(keys(await h.say("I don't have another problem"))).toEqual(['more.askAgain']);
  });

  it('asked again once only: a second non-answer is routed as any message', async () => {
    const h = harness();
    await askedAnythingElse(h);
    await h.say('not sure');
    const second = await h.say('no idea');
    expect(keys(second)).not.toContain('more.askAgain');
    expect(keys(second)).not.toContain('goodbye');
    expect(keys(second)).not.toContain('more.question');
  });

  it('clear answers still work: "nothing else" ends, "yes there is" asks what', async () => {
    const h = harness();
    await askedAnythingElse(h);
    expect(keys(await h.say('nothing else'))).toEqual(['goodbye']);
    const other = harness({ conversationId: 'conv-2' });
    await askedAnythingElse(other);
    expect(keys(await other.say('yes, there is'))).toEqual(['more.question']);
  });

  it('with "sure" and "ok" among the yes phrases, "not sure" is still no yes (a plain "sure" is)', async () => {
    const withSure = editContent(content, (c) => {
      const yes = c.messages['synonyms.yes'];
      c.messages['synonyms.yes'] = [...(Array.isArray(yes) ? yes : [yes]), 'sure', 'ok', 'okay'];
    });
    for (const text of ['not sure', "I'm not sure"]) {
      const h = harness({ content: withSure });
      await askedAnythingElse(h);
      expect(keys(await h.say(text))).toEqual(['more.askAgain']);
    }
    const h = harness({ content: withSure });
    await askedAnythingElse(h);
    expect(keys(await h.say('sure'))).toEqual(['more.question']);
  });
});

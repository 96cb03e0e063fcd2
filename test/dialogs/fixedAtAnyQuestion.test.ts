/**
 * "It works now" (messages.yaml synonyms.fixed) at any prompt of a playbook, not only at "Did
 * that fix it?": the wrap-up, recorded as fixed. It beats a yes/no answer it contains ("yes it
 * works now" at "is your storage full?"), a goodbye recognition ("thanks bye, it works now") and
 * "never mind" in front of it; a message that also says it is still broken is not a fix.
 */
import { harness, keys, last, pick, realContent, record, type BotHarness, type Reply } from './helpers';
import { useRealBot } from '../helpers/realBot';

const content = realContent();
const contacts = Object.values(content.playbooks).find((p) => p.service === 'contacts')!;
/** The first step of the playbook whose question has a choice titled or phrased "yes". */
const yesNoStep = contacts.steps.find((id) => content.steps[id].question?.choices.some((c) => c.synonyms.includes('yes')))!;

/** Answers "continue" / "still not" until the question of `stepId` is asked. */
async function untilQuestion(h: BotHarness, replies: Reply[], stepId: string): Promise<Reply[]> {
  for (let i = 0; i < 20; i++) {
    const p = last(replies).resync!;
    if (p.messageKey === 'step.question' && p.stepId === stepId) return replies;
    if (p.messageKey === 'step.question') {
      const step = content.steps[p.stepId!];
      replies = await h.say(pick(replies, step.question!.choices.find((c) => c.action === 'continue')!.id));
    } else if (p.messageKey === 'fixed.question') replies = await h.say(pick(replies, 'not-fixed'));
    else throw new Error(`unexpected prompt ${p.messageKey} at ${p.stepId}`);
  }
  throw new Error(`never asked the question of ${stepId}`);
}

async function atQuestion(stepId = yesNoStep): Promise<BotHarness> {
  const h = harness();
  await untilQuestion(h, await h.say(`${contacts.intent} on my ipad`), stepId);
  return h;
}

async function expectFixed(h: BotHarness, replies: Reply[], stepId: string): Promise<void> {
  expect(keys(replies)).toEqual(['playbook.wrapUp', 'wrapUp.more']);
  const rec = await record(h);
  expect(rec.steps[rec.steps.length - 1]).toMatchObject({ step: stepId, outcome: 'fixed' });
  expect(rec.steps.some((s) => s.outcome === 'user-left')).toBe(false);
}

describe('"it works now" at a step question', () => {
  it.each(['it works now', 'all good now, thanks', 'its syncing now', "never mind it's working now", 'oh wait, fixed it'])(
    '"%s" wraps up, recorded as fixed',
    async (text) => {
      const h = await atQuestion();
      await expectFixed(h, await h.say(text), yesNoStep);
    },
  );

  it('"yes it works now" at a yes/no question is the fix, not "yes"', async () => {
    const h = await atQuestion();
    await expectFixed(h, await h.say('yes it works now'), yesNoStep);
  });

  it('a goodbye that says it works ("thanks bye, it works now") is a fix, not a leave', async () => {
    const h = await atQuestion();
    const replies = await h.say('thanks bye, it works now');
    expect(keys(replies)).not.toContain('playbook.goodbye');
    await expectFixed(h, replies, yesNoStep);
  });

  it.each(["it isn't working now", 'i fixed the date but its still not syncing'])('"%s" is not a fix', async (text) => {
    const h = await atQuestion();
    const replies = await h.say(text);
    expect(keys(replies)).not.toContain('playbook.wrapUp');
    expect((await record(h)).steps.some((s) => s.outcome === 'fixed')).toBe(false);
  });

  it('a plain "yes" still answers the question', async () => {
    const h = await atQuestion();
    const replies = await h.say('yes');
    expect(keys(replies)).not.toContain('playbook.wrapUp');
    expect(last(replies).resync?.stepId).toBe(yesNoStep);
  });
});

describe('"never mind" is not a negation', () => {
  it('"never mind it\'s working now" at "Did that fix it?" is fixed', async () => {
    const h = harness();
    let replies = await h.say(`${contacts.intent} on my ipad`);
    const step = content.steps[last(replies).resync!.stepId!];
    replies = await h.say(pick(replies, step.question!.choices.find((c) => c.action === 'continue')!.id));
    expect(last(replies).resync?.messageKey).toBe('fixed.question');
    await expectFixed(h, await h.say("never mind it's working now"), step.id);
  });
});

describe('with the real recogniser (which reads these as goodbye)', () => {
  const bot = useRealBot('fixed-anywhere');
  let n = 0;
  it.each(['it works now', 'all good now, thanks', 'its syncing now', "never mind it's working now"])(
    'contacts on an iPad, "yes", "no", then "%s": the wrap-up',
    async (text) => {
      const say = bot.conversation(`fixed-anywhere-${++n}`);
      let replies = await say('contacts wont sync on my ipad');
      expect(replies[replies.length - 1].messageKey).toBe('step.question');
      replies = await say('yes');
      replies = await say('no');
      expect(replies[replies.length - 1].messageKey).toBe('step.question');
      replies = await say(text);
      expect(replies.map((r) => r.messageKey)).toEqual(['playbook.wrapUp', 'wrapUp.more']);
    },
  );
});

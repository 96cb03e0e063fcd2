/**
 * The main dialog between problems (tester report 4: new problems 1, 4, 6, 9, 14 and the table's
 * item 5): a goodbye said with a negation, the device of a "Did you mean …?" message, the
 * "On your iPhone again?" question kept through thanks, "is iCloud down?" and a silence, a fix that
 * did not last, and a second goodbye. Keyword recogniser; asserts message keys, steps and records.
 */
import { WELCOME_BACK_AFTER_MS } from '../../src/dialogs/engine';
import { answerUntilFixedQuestion, harness, keys, last, pick, profile, realContent, record, type BotHarness, type Reply } from './helpers';

const content = realContent();
const problems = Object.values(content.playbooks);
const photos = problems.find((p) => p.service === 'photos')!;
const notes = problems.find((p) => p.service === 'notes')!;
const contacts = problems.find((p) => p.service === 'contacts')!;
const status = problems.find((p) => p.askDevice === false && p.steps.every((id) => content.steps[id]?.kind === 'status'))!;
const problemChoices = problems.map((p) => `intent:${p.intent}`).sort();

async function fixedAtFirstCheck(h: BotHarness, first: string): Promise<{ replies: Reply[]; stepId: string }> {
  const { stepId } = await answerUntilFixedQuestion(h, content, first);
  const replies = await h.say({ value: { resyncChoice: 'fixed' } });
  expect(keys(replies).slice(-2)).toEqual(['playbook.wrapUp', 'wrapUp.more']);
  return { replies, stepId };
}

/** A second conversation of a person whose iPhone is remembered from the first. */
async function returning(): Promise<BotHarness> {
  const h = harness();
  await fixedAtFirstCheck(h, `${contacts.intent} on my iphone`);
  expect((await profile(h)).device).toBe('iphone');
  return harness({ storage: h.storage, conversationId: 'conv-2' });
}

describe('a goodbye said with a negation is a complaint (new problem 1)', () => {
  it('as the first message: what isn\'t syncing, with a button per problem, never the goodbye', async () => {
    const h = harness();
    const replies = await h.say("it still doesn't work, goodbye");
    expect(keys(replies)).toEqual(['problem.vague']);
    expect([...last(replies).resync!.choices!].sort()).toEqual(problemChoices);
    // A button starts that problem.
    const started = await h.say(pick(replies, `intent:${photos.intent}`));
    expect(started[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: photos.id });
  });

  it('with a device: what isn\'t syncing on it', async () => {
    const h = harness();
    expect(keys(await h.say('hello'))).toEqual(['greeting']);
    expect(keys(await h.say('bye, it is not working on my mac'))).toEqual(['device.whatProblem']);
    expect((await profile(h)).device).toBe('mac');
  });

  it('a goodbye without a negation still ends, also "nothing else, bye"', async () => {
    expect(keys(await harness().say('ok bye'))).toEqual(['goodbye']);
    expect(keys(await harness().say('nothing else, goodbye'))).toEqual(['goodbye']);
  });
});

describe('a second goodbye gets a short one, not the same line again (new problem 14)', () => {
  it('after "no" at "anything else?", and after a goodbye', async () => {
    const h = harness();
    await fixedAtFirstCheck(h, `${photos.intent} on my iphone`);
    expect(keys(await h.say('no'))).toEqual(['goodbye']);
    expect(keys(await h.say('ok bye'))).toEqual(['goodbye.again']);
    // Anything in between: the next goodbye is a full one again.
    await h.say('hello');
    expect(keys(await h.say('bye'))).toEqual(['goodbye']);
  });
});

describe('"Did you mean …?" keeps the device the message named (new problem 4)', () => {
  it('the problem picked starts on that device, without asking for it', async () => {
    const h = harness();
    const asked = await h.say(`ambiguous ${photos.intent} ${notes.intent} on my mac`);
    expect(keys(asked)).toEqual(['didYouMean']);
    const started = await h.say(pick(asked, `intent:${notes.intent}`));
    expect(started[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: notes.id });
    expect(keys(started)).not.toContain('device.question');
    expect((await record(h)).device).toBe('mac');
  });
});

describe('"On your iPhone again?" keeps the problem waiting (new problem 6, item 5)', () => {
  it('a thanks gets "You\'re welcome" and the question; yes then starts the problem there', async () => {
    const h2 = await returning();
    expect(keys(await h2.say(notes.intent))).toEqual(['device.again']);
    const thanked = await h2.say('thanks');
    expect(keys(thanked)).toEqual(['thanks.welcome', 'device.again']);
    const started = await h2.say(pick(thanked, 'again-yes'));
    expect(started[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: notes.id });
    expect((await record(h2, 'conv-2')).device).toBe('iphone');
  });

  it('"is iCloud down?" is answered, then the question comes back and the problem carries on', async () => {
    const h2 = await returning();
    await h2.say(notes.intent);
    const answered = await h2.say(status.intent);
    expect(keys(answered)).toContain('status.allClear');
    expect(keys(answered).slice(-2)).toEqual(['status.asideResume', 'device.again']);
    const started = await h2.say(pick(answered, 'again-yes'));
    expect(started[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: notes.id });
  });

  it('after a long silence a greeting gets the recap and the question', async () => {
    const h2 = await returning();
    await h2.say(notes.intent);
    h2.clock.advance(WELCOME_BACK_AFTER_MS + 60 * 60 * 1000);
    const back = await h2.say('hello');
    expect(keys(back)).toEqual(['welcomeBack.noDevice', 'device.again']);
    expect(back[0].text).toContain(notes.title);
    const started = await h2.say(pick(back, 'again-yes'));
    expect(started[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: notes.id });
  });

  it('a conversation that opened with "is iCloud down?" still confirms the remembered device', async () => {
    const h2 = await returning();
    expect(keys(await h2.say(status.intent))).toContain('status.allClear');
    expect(keys(await h2.say(photos.intent))).toEqual(['device.again']);
  });
});

describe('after a fix, "it stopped again" reopens the problem at the next step (new problem 9)', () => {
  it('"only some of them came back" at "anything else?": recorded partly-fixed, the next step on the same device', async () => {
    const h = harness();
    const { stepId } = await fixedAtFirstCheck(h, `${photos.intent} on my iphone`);
    const replies = await h.say('actually only some of them came back');
    expect(keys(replies)[0]).toBe('playbook.reopenedPartly');
    const next = replies.find((r) => r.resync?.stepId && r.resync.messageKey !== 'playbook.reopenedPartly');
    expect(photos.steps.indexOf(next!.resync!.stepId!)).toBeGreaterThan(photos.steps.indexOf(stepId));
    const rec = await record(h);
    expect(rec.steps.filter((s) => s.step === stepId).map((s) => s.outcome)).toEqual(['fixed', 'partly-fixed']);
    expect(rec.device).toBe('iphone');
  });

  it('"it stopped again, still not working" after the goodbye: recorded not-fixed, carries on', async () => {
    const h = harness();
    const { stepId } = await fixedAtFirstCheck(h, `${photos.intent} on my iphone`);
    expect(keys(await h.say('no'))).toEqual(['goodbye']);
    const replies = await h.say('actually it stopped again, still not working');
    expect(keys(replies)[0]).toBe('playbook.reopened');
    expect(keys(replies)).not.toContain('playbook.intro');
    const rec = await record(h);
    expect(rec.steps.filter((s) => s.step === stepId).map((s) => s.outcome)).toEqual(['fixed', 'not-fixed']);
  });
});

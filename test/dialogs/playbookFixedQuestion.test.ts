/**
 * A playbook's own "Did that fix it?" (QA report #12): sign-in asks "Can you sign in now?" and
 * storage-full asks about free space, with buttons that answer that; the other playbooks keep the
 * default. The schema checks the YAML. And the Apple Watch's "Check what syncs" text is about the
 * watch only.
 */
import { playbookSchema } from '../../src/content/playbookSchema';
import { useRealBot } from '../helpers/realBot';
import { answerUntilFixedQuestion, editContent, harness, keys, last, realContent, record } from './helpers';
import { goOnNumber } from '../helpers/goesOn';

const content = realContent();
const FIXED_CHOICES = ['fixed', 'not-fixed', 'agent'];

describe('the fixedQuestion schema', () => {
  const base = { version: 1, id: 'x', intent: 'x', title: 'X', intro: 'Hi.', steps: ['a'], wrapUp: 'Done.' };
  const own = { text: 'Can you sign in now?', yes: "Yes, I'm signed in", no: 'No, I still can\'t', again: 'Thanks. Can you sign in now?' };

  it('is optional, and accepted with text, yes, no and again', () => {
    expect(playbookSchema.safeParse(base).success).toBe(true);
    expect(playbookSchema.safeParse({ ...base, fixedQuestion: own }).success).toBe(true);
  });

  it.each([
    ['without again', { text: own.text, yes: own.yes, no: own.no }, 'again'],
    ['with an empty text', { ...own, text: ' ' }, 'text'],
    ['with a button title too long for a button', { ...own, yes: 'Yes, I am signed in again on every one of my devices' }, 'yes'],
    ['with an unknown key', { ...own, agent: 'Talk to someone' }, ''],
  ])('is rejected %s, naming the field', (_label, fixedQuestion, field) => {
    const parsed = playbookSchema.safeParse({ ...base, fixedQuestion });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0].path.join('.')).toBe(field ? `fixedQuestion.${field}` : 'fixedQuestion');
  });
});

describe('the playbooks with their own question (keyword recogniser)', () => {
  it.each(['sign-in-problem', 'storage-full'])('%s: its question and buttons, same choice ids; "yes I checked" gets its own short question', async (id) => {
    const playbook = content.playbooks[id];
    expect(playbook.fixedQuestion).toBeDefined();
    const own = playbook.fixedQuestion!;
    const h = harness();
    const { replies, stepId } = await answerUntilFixedQuestion(h, content, `${playbook.intent} on my iphone`);
    const prompt = last(replies);
    expect(prompt.resync).toMatchObject({ messageKey: 'fixed.question', choices: FIXED_CHOICES });
    expect(prompt.text).toContain(own.text);
    expect(prompt.text).toContain(own.yes);
    expect(prompt.text).toContain(own.no);
    expect(prompt.text).not.toContain(String(content.messages['fixed.yes']));
    expect(prompt.text).not.toContain(String(content.messages['fixed.question']));
    const again = await h.say('yes I checked');
    expect(keys(again)).toEqual(['fixed.afterDone']);
    expect(last(again).text.startsWith(own.again)).toBe(true);
    expect(last(again).text).toContain(own.yes);
    // The button title typed is the fix.
    expect(keys(await h.say(own.yes))).toContain('playbook.wrapUp');
    expect((await record(h)).steps.pop()).toMatchObject({ step: stepId, outcome: 'fixed' });
  });

  it('every other playbook keeps the default question and buttons', async () => {
    const photos = content.playbooks['photos-not-syncing'];
    expect(photos.fixedQuestion).toBeUndefined();
    const h = harness();
    const { replies } = await answerUntilFixedQuestion(h, content, `${photos.intent} on my iphone`);
    expect(last(replies).text).toContain(String(content.messages['fixed.question']));
    expect(last(replies).text).toContain(String(content.messages['fixed.yes']));
  });

  it('a playbook given a question in content uses it, with {device} filled', async () => {
    const edited = editContent(content, (c) => {
      c.playbooks['photos-not-syncing'].fixedQuestion = { text: 'Do the photos show on your {device} now?', yes: 'Yes, they show', no: 'No', again: 'Thanks! Do they show on your {device} now?' };
    });
    const h = harness({ content: edited });
    const { replies } = await answerUntilFixedQuestion(h, edited, 'photos-not-syncing on my ipad');
    expect(last(replies).text).toContain('Do the photos show on your iPad now?');
    expect(last(await h.say("it's on")).text).toContain('Thanks! Do they show on your iPad now?');
  });
});

describe('the real recogniser (createRuntime)', () => {
  const bot = useRealBot('fixed-question');

  it('sign-in: "Can you sign in now?"; "yes restarted" is asked about once more, "yes I\'m in" is the fix', async () => {
    const say = await bot.atFixedQuestion('fixed-question-1', "i forgot my apple id password on my iphone");
    const again = await say('yes restarted');
    expect(again.map((r) => r.messageKey)).toEqual(['fixed.afterDone']);
    expect((await say('yes i can sign in now')).map((r) => r.messageKey)).toContain('playbook.wrapUp');
  }, 30_000);
});

describe('the Apple Watch reads about the watch only', () => {
  it('"Check what syncs" on a watch names no Android, other computer or browser', async () => {
    const step = content.steps['service-toggles'];
    const texts = [step.instructions.other, ...Object.values(step.services).map((s) => s.other)].filter((t): t is string => typeof t === 'string');
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text).not.toMatch(/android|another computer|another device|in a browser/i);
    // Through the bot: photos on an Apple Watch.
    const h = harness();
    let replies = await h.say('photos-not-syncing on my apple watch');
    for (let i = 0; i < 10 && !replies.some((r) => r.resync?.stepId === 'service-toggles' && r.resync.messageKey === 'step.instructions'); i++) {
      const p = last(replies).resync!;
      if (p.messageKey === 'fixed.question') replies = await h.say('no');
      else if (p.messageKey === 'step.question') replies = await h.say(goOnNumber(content.steps[p.stepId!]!, p.choices));
      else break;
    }
    const shown = replies.find((r) => r.resync?.stepId === 'service-toggles' && r.resync.messageKey === 'step.instructions');
    expect(shown?.text).toContain('Watch');
    expect(shown?.text).not.toMatch(/android/i);
  });
});

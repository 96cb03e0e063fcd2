/**
 * The conversation across problems, returns and pauses (tester report items 2, 4, 5, 8, 9, 10),
 * with the keyword recogniser: the next problem on the same device skips the checks done there;
 * a remembered device is confirmed with one tap; a device correction at "anything else?" reopens
 * the problem there; "still not working" soon after leaving picks the playbook up again; words at
 * the device question that answer a later question are kept; a long silence gets "welcome back".
 */
import { MAIN_DIALOG_ID, RESUME_WINDOW_MS } from '../../src/dialogs/mainDialog';
import { WELCOME_BACK_AFTER_MS } from '../../src/dialogs/engine';
import {
  answerUntilFixedQuestion,
  continueUntilFixedQuestion,
  FixtureStatusFeed,
  harness,
  keys,
  last,
  outage,
  pick,
  profile,
  realContent,
  record,
  type BotHarness,
  type Reply,
} from './helpers';

const content = realContent();
const photos = content.playbooks['photos-not-syncing'];
const contacts = content.playbooks['contacts-not-syncing'];
const notes = content.playbooks['notes-not-syncing'];
const signIn = content.playbooks['sign-in-problem'];
const HOUR = 60 * 60 * 1000;

/** Step ids of the prompts and instructions in a turn's replies, in order, once each. */
function stepsIn(replies: Reply[]): string[] {
  const out: string[] = [];
  for (const r of replies) {
    const id = r.resync?.stepId;
    if (id && ['step.question', 'step.instructions'].includes(r.resync!.messageKey) && !out.includes(id)) out.push(id);
  }
  return out;
}

/** From a step question or "Did that fix it?", answers until the next "Did that fix it?". */
const untilFixedQuestion = (h: BotHarness, replies: Reply[]): Promise<Reply[]> => continueUntilFixedQuestion(h, content, replies);

/** Goes through `notFixed` steps without a fix, then says the next one fixed it; returns the steps tried. */
async function fixAfter(h: BotHarness, first: string, notFixed: number): Promise<{ tried: string[]; fixedAt: string; replies: Reply[] }> {
  let { replies } = await answerUntilFixedQuestion(h, content, first);
  const tried: string[] = [];
  for (let i = 0; i < notFixed; i++) {
    tried.push(last(replies).resync!.stepId!);
    replies = await untilFixedQuestion(h, await h.say(pick(replies, 'not-fixed')));
  }
  const fixedAt = last(replies).resync!.stepId!;
  replies = await h.say(pick(replies, 'fixed'));
  expect(keys(replies).slice(-2)).toEqual(['playbook.wrapUp', 'wrapUp.more']);
  return { tried, fixedAt, replies };
}

describe('the next problem on the same device skips the checks done there (item 4)', () => {
  it('"yes, photos too" after contacts on the iPad: one line names the checks skipped, they are not asked again', async () => {
    const h = harness();
    const { tried } = await fixAfter(h, `${contacts.intent} on my ipad`, 2);
    expect(tried).toEqual(['apple-id', 'storage']);

    const replies = await h.say(`yes, ${photos.intent} too`);
    const skipping = replies.find((r) => r.resync?.messageKey === 'more.skipping');
    expect(skipping).toBeDefined();
    expect(skipping!.text).toContain('iPad');
    expect(keys(replies)).toContain('playbook.intro');
    // The sign-in check is the same for photos: skipped. The storage check has words of its own
    // for photos (content: storage.yaml `services.photos`), so it is shown, as after a switch mid-way.
    expect(skipping!.text).toContain(content.steps['apple-id'].title);
    expect(skipping!.text).not.toContain(content.steps.storage.title);
    const shown = stepsIn(replies);
    expect(shown[0]).toBe('storage');
    const steps = (await record(h)).steps.filter((s) => s.playbook === photos.id);
    expect(steps.find((s) => s.step === 'apple-id')?.outcome).toBe('skipped');
  });

  it('checks with no words of their own for the new service are all skipped (contacts, then notes)', async () => {
    const h = harness();
    const { tried } = await fixAfter(h, `${contacts.intent} on my ipad`, 2);
    const replies = await h.say(`yes, ${notes.intent} too`);
    const skipping = replies.find((r) => r.resync?.messageKey === 'more.skipping')!;
    for (const id of tried) {
      expect(content.steps[id].services.notes).toBeUndefined();
      expect(skipping.text).toContain(content.steps[id].title);
      expect(stepsIn(replies)).not.toContain(id);
    }
  });

  it('on another device nothing is skipped', async () => {
    const h = harness();
    await fixAfter(h, `${contacts.intent} on my ipad`, 2);
    const replies = await untilFixedQuestion(h, await h.say(`${photos.intent} on my mac`));
    expect(keys(replies)).not.toContain('more.skipping');
    expect(replies.map((r) => r.resync?.stepId)).toContain('apple-id');
  });
});

describe('a remembered device is confirmed with one tap (item 5)', () => {
  async function returning(): Promise<BotHarness> {
    const h = harness();
    await fixAfter(h, `${contacts.intent} on my iphone`, 0);
    expect((await profile(h)).device).toBe('iphone');
    return harness({ storage: h.storage, conversationId: 'conv-2' });
  }

  it('"On your iPhone again?" Yes starts there; nothing else is sent before the answer', async () => {
    const h2 = await returning();
    const asked = await h2.say(notes.intent);
    expect(keys(asked)).toEqual(['device.again']);
    expect(asked[0].text).toContain('iPhone');
    expect(asked[0].resync?.choices).toEqual(['again-yes', 'again-other']);
    const started = await h2.say(pick(asked, 'again-yes'));
    expect(keys(started)[0]).toBe('playbook.intro');
    expect(keys(started)).not.toContain('device.question');
    expect((await record(h2, 'conv-2')).device).toBe('iphone');
  });

  it('"another device" asks which one; a device named instead starts there', async () => {
    const h2 = await returning();
    const other = await h2.say(pick(await h2.say(notes.intent), 'again-other'));
    expect(keys(other)).toEqual(['playbook.intro', 'device.question']);

    const h3 = harness({ storage: h2.storage, conversationId: 'conv-3' });
    await h3.say(notes.intent);
    const onMac = await h3.say('it is my mac');
    expect(keys(onMac)).not.toContain('device.question');
    expect((await record(h3, 'conv-3')).device).toBe('mac');
  });

  it('a device named in the message, or earlier in this conversation, is not asked about', async () => {
    const h2 = await returning();
    expect(keys(await h2.say(`${notes.intent} on my ipad`))).not.toContain('device.again');
    const h3 = harness({ storage: h2.storage, conversationId: 'conv-3' });
    await fixAfter(h3, `${contacts.intent} on my iphone`, 0);
    expect(keys(await h3.say(`${notes.intent}`))).not.toContain('device.again');
  });

  it('a message not understood asks once more; another problem is routed as usual', async () => {
    const h2 = await returning();
    await h2.say(notes.intent);
    expect(keys(await h2.say('qwerty'))).toEqual(['answer.notUnderstood', 'device.again']);
    const switched = await h2.say(`${photos.intent} on my mac`);
    expect(switched[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: photos.id });
  });
});

describe('a device correction at "anything else?" reopens the problem there (item 10)', () => {
  it('"wait no, it\'s the mac not the iphone": the same playbook, at the step it reached, on the Mac', async () => {
    const h = harness();
    const { fixedAt } = await fixAfter(h, `${photos.intent} on my iphone`, 1);
    const replies = await h.say("wait no, it's the mac not the iphone");
    expect(keys(replies)[0]).toBe('device.reopened');
    expect(replies[0].text).toContain('Mac');
    expect(replies[0].text).toContain(photos.title);
    expect(keys(replies)).not.toContain('goodbye');
    expect(keys(replies)).not.toContain('playbook.intro');
    expect(replies.find((r) => r.resync?.messageKey === 'step.question' || r.resync?.messageKey === 'step.instructions')?.resync?.stepId).toBe(fixedAt);
    expect((await record(h)).device).toBe('mac');
    expect((await profile(h)).device).toBe('mac');
  });

  it('"no" is still the goodbye, and another problem on another device starts that problem', async () => {
    const h = harness();
    await fixAfter(h, `${photos.intent} on my iphone`, 0);
    expect(keys(await h.say('no'))).toEqual(['goodbye']);
    const h2 = harness({ conversationId: 'conv-9', userId: 'user-9' });
    await fixAfter(h2, `${photos.intent} on my iphone`, 0);
    const replies = await h2.say(`yes, ${notes.intent} on my mac`);
    expect(replies[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: notes.id });
  });
});

describe('"still not working" soon after the bot left a playbook picks it up again (item 2)', () => {
  async function leftAt(h: BotHarness): Promise<string> {
    let { replies } = await answerUntilFixedQuestion(h, content, `${photos.intent} on my ipad`);
    replies = await untilFixedQuestion(h, await h.say(pick(replies, 'not-fixed')));
    const stepId = last(replies).resync!.stepId!;
    expect(keys(await h.say('bye'))).toEqual(['playbook.goodbye']);
    return stepId;
  }

  it('goes on with the step after the last one shown, same problem and device, no intro', async () => {
    const h = harness();
    const stepId = await leftAt(h);
    const replies = await h.say('no it still doesnt work');
    expect(keys(replies)[0]).toBe('playbook.resumed');
    expect(replies[0].text).toContain(photos.title);
    expect(keys(replies)).not.toContain('playbook.intro');
    expect(keys(replies)).not.toContain('device.question');
    const next = photos.steps[photos.steps.indexOf(stepId) + 1];
    expect(stepsIn(replies)[0]).toBe(next);
    expect(dialogStackOf(await storedState(h))).toContain(`playbook:${photos.id}`);
    expect((await record(h)).device).toBe('ipad');
  });

  it('after more than three messages and 30 minutes it is a new conversation topic', async () => {
    const h = harness();
    await leftAt(h);
    for (const text of ['hello', 'hello', 'hello']) await h.say(text);
    h.clock.advance(RESUME_WINDOW_MS + 60_000);
    expect(keys(await h.say('no it still doesnt work'))).not.toContain('playbook.resumed');
  });

  it('within 30 minutes a later message still resumes; another device named does not', async () => {
    const h = harness();
    await leftAt(h);
    for (const text of ['hello', 'hello', 'hello', 'hello']) await h.say(text);
    h.clock.advance(RESUME_WINDOW_MS - 60_000);
    expect(keys(await h.say('still not working'))[0]).toBe('playbook.resumed');

    const h2 = harness({ conversationId: 'conv-5', userId: 'user-5' });
    await leftAt(h2);
    expect(keys(await h2.say('still not working on my mac'))).not.toContain('playbook.resumed');
  });

  it('after stopping for an outage: carries on after the status step', async () => {
    const h = harness({ feed: new FixtureStatusFeed(outage('Photos')) });
    const first = await h.say(`${photos.intent} on my ipad`);
    expect(last(first).resync?.messageKey).toBe('status.pauseQuestion');
    expect(keys(await h.say(pick(first, 'stop')))).toContain('status.stopped');
    const replies = await h.say('still not syncing');
    expect(keys(replies)[0]).toBe('playbook.resumed');
    expect(stepsIn(replies)[0]).toBe(photos.steps[1]);
  });
});

describe('words at the device question that answer the next question are kept (item 8)', () => {
  it('"the code never comes" is noted, then answers "What happens when you try to sign in?" once the device is known', async () => {
    const h = harness();
    const first = await h.say(signIn.intent);
    expect(last(first).resync?.messageKey).toBe('device.question');
    const noted = await h.say('the code never comes');
    expect(keys(noted)).toEqual(['device.noted', 'device.question']);
    const replies = await h.say(pick(noted, 'mac'));
    expect(keys(replies)).not.toContain('step.question');
    const shown = replies.find((r) => r.resync?.stepId === 'account-access' && r.resync.messageKey === 'step.instructions');
    expect(shown).toBeDefined();
    const noCode = content.steps['account-access'].question!.choices.find((c) => c.id === 'no-code')!;
    const macText = (noCode.instructions!.mac ?? noCode.instructions!.all)!;
    expect(shown!.text.replace(/\*\*/g, '')).toContain(macText.replace(/\*\*/g, '').split('\n')[0].replace(/\{[a-zA-Z]+\}.*/, '').slice(0, 25));
  });

  it('said with a device, it is taken at once; words that answer nothing are not kept', async () => {
    const h = harness();
    await h.say(signIn.intent);
    const replies = await h.say('on my mac the code never comes');
    expect(keys(replies)).not.toContain('step.question');
    expect(replies.some((r) => r.resync?.stepId === 'account-access' && r.resync.messageKey === 'step.instructions')).toBe(true);

    const h2 = harness({ conversationId: 'conv-7', userId: 'user-7' });
    await h2.say(signIn.intent);
    expect(keys(await h2.say('qwerty zxcv'))).toEqual(['answer.notUnderstood', 'device.question']);
    const asked = await h2.say('mac');
    expect(last(asked).resync).toMatchObject({ messageKey: 'step.question', stepId: 'account-access' });
  });
});

describe('a hidden code at the device question', () => {
  it('is not "noted" (its marker "[redacted code]" answers nothing), and the device is asked again', async () => {
    const h = harness();
    await h.say(signIn.intent);
    const replies = await h.say('ok got it now: 483920');
    expect(keys(replies)).not.toContain('device.noted');
    expect(last(replies).resync?.messageKey).toBe('device.question');
    const asked = await h.say('mac');
    expect(last(asked).resync).toMatchObject({ messageKey: 'step.question', stepId: 'account-access' });
  });
});

describe('after a long silence, a greeting or unclear message gets "welcome back" and a recap (item 9)', () => {
  it('"hello" three hours later at "Did that fix it?": welcome back with problem, device and step, then the question', async () => {
    const h = harness();
    const { stepId } = await answerUntilFixedQuestion(h, content, `${photos.intent} on my ipad`);
    h.clock.advance(3 * HOUR);
    const replies = await h.say('hello');
    expect(keys(replies)).toEqual(['welcomeBack', 'fixed.question']);
    expect(replies[0].text).toContain(photos.title);
    expect(replies[0].text).toContain('iPad');
    expect(replies[0].text).toContain(content.steps[stepId].title);
    // Not counted as a miss: the next unclear answer is the first miss.
    expect(keys(await h.say('qwerty'))).toEqual(['answer.notUnderstood', 'fixed.question']);
  });

  it('without the silence a greeting says where we are (tester round 9) and unclear words are a miss; an answer after the silence is taken', async () => {
    const h = harness();
    const { replies } = await answerUntilFixedQuestion(h, content, `${photos.intent} on my ipad`);
    h.clock.advance(WELCOME_BACK_AFTER_MS - 60_000);
    expect(keys(await h.say('hello'))).toEqual(['welcomeBack.soon', 'fixed.question']);
    expect(keys(await h.say('qwerty'))).toEqual(['answer.notUnderstood', 'fixed.question']);
    h.clock.advance(3 * HOUR);
    const answered = await h.say(pick(replies, 'not-fixed'));
    expect(keys(answered)).not.toContain('welcomeBack');
    expect((await record(h)).steps.some((s) => s.outcome === 'not-fixed')).toBe(true);
  });

  it('at the device question: welcome back names the problem only', async () => {
    const h = harness();
    await h.say(signIn.intent);
    h.clock.advance(3 * HOUR);
    const replies = await h.say('hi again');
    expect(keys(replies)).toEqual(['welcomeBack.noDevice', 'device.question']);
    expect(replies[0].text).toContain(signIn.title);
  });
});

async function storedState(h: BotHarness): Promise<unknown> {
  const key = 'test/conversations/conv-1/';
  return (await h.storage.read([key]))[key];
}

function dialogStackOf(state: unknown): string[] {
  const stack = (state as { dialogState?: { dialogStack?: { id: string }[] } }).dialogState?.dialogStack ?? [];
  return stack.map((d) => d.id).filter((id) => id !== MAIN_DIALOG_ID);
}

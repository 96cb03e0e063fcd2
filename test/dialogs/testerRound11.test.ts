/**
 * Tester round 11, in the testers' words, through the whole bot with the real recogniser and content:
 * - a price asked at a step that is not about storage ("how much is the 50gb plan?" at the account
 *   question) gets questions.yaml's storage-plans answer, not that step's "how to check";
 * - "where are we supposed to find that" is stuck on the step, not "didn't catch that";
 * - the account question: "yeah both are on my apple id", "its just the one phone" answer it (no
 *   switch to the sign-in problem); "Yes, the same account" gets only the look at this device, and a
 *   later problem on another device does not ask it again;
 * - "actually no it stopped again" / "wrong button, it's not syncing" right after a fix picks the
 *   problem up again (no goodbye, no cancel);
 * - "what have we tried?" and "go back" where a message for support is asked for: never the message;
 * - a side remark in a sentence of its own ("a billing issue with my carrier, unrelated") beside a
 *   problem said clearly in another: the problem starts; a vent's words are no second problem.
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW } from './helpers';
import { sayAll, useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const feed = new FixtureStatusFeed(ALL_CLEAR);
const bot = useRealBot('round11', { clock: new ManualClock(NOW), statusFeed: feed });

let n = 0;
const chat = (): LineChat => bot.lineChat(`round11-${++n}`);
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1]!;

describe('prices asked on the way', () => {
  it('"how much is the 50gb plan?" at the account question: the plans and where their prices are, then the same question', async () => {
    const c = chat();
    const pending = lastOf(await c.say('my photos stopped syncing to my mac'));
    expect(pending.stepId).toBe('apple-id');
    const replies = await c.say('how much is the 50gb plan?');
    expect(keys(replies)).toEqual(['question.storage-plans', pending.key]);
    // The Mac's own place for the plans, not the account check's "how to check".
    expect(replies[0]!.text).toContain('Change Storage Plan');
    expect(replies[0]!.text).toContain('System Settings');
    expect(replies[0]!.text).not.toMatch(/email address or phone number/);
  });

  it('at the storage question the step\'s own "how to check" still answers, since it says where the prices are', async () => {
    const c = chat();
    await sayAll(c, ['my icloud backup keeps failing on my iphone']);
    let last = lastOf(await c.say('yes'));
    for (let i = 0; i < 4 && last.stepId !== 'storage'; i++) last = lastOf(await c.say('No, still not'));
    expect(last.stepId).toBe('storage');
    const replies = await c.say('how much does the 200gb plan cost?');
    expect(replies[0]!.key).toBe('step.howTo');
    expect(replies[0]!.text).toMatch(/price/);
  });

  it('asked with nothing under way: the same answer, then how to go on', async () => {
    const replies = await chat().say('how much is icloud plus?');
    expect(keys(replies)).toEqual(['question.storage-plans', 'question.answeredTopLevel']);
  });
});

describe('stuck, in other words', () => {
  it.each([['where are we supposed to find that'], ['where would i find that?'], ['where should i look']])('"%s" at the account question: the step again and a person offered', async (text) => {
    const c = chat();
    const pending = lastOf(await c.say('my photos stopped syncing to my mac'));
    const replies = await c.say(text);
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    expect(keys(replies)).toContain('stuck.person');
    expect(lastOf(replies).key).toBe(pending.key);
  });
});

describe('the account question', () => {
  it.each([['yeah both are on my apple id'], ['i only have one apple id'], ['its just the one phone'], ['its only my ipad']])('"%s" answers it: the look at this device, no switch offer', async (text) => {
    const c = chat();
    expect(lastOf(await c.say('contacts not syncing on my ipad')).stepId).toBe('apple-id');
    const replies = await c.say(text);
    expect(keys(replies)).not.toContain('switch.offer');
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    expect(replies.map((r) => r.text).join('\n')).toContain('One quick look on this iPad itself');
    expect(lastOf(replies).key).toBe('fixed.question');
  });

  it('"Yes, the same account" shows only the look at this device, never "compare it with your other devices"', async () => {
    const c = chat();
    await c.say('my photos stopped syncing to my mac');
    const text = (await c.say('Yes, the same account')).map((r) => r.text).join('\n');
    expect(text).toContain('One quick look on this Mac itself');
    expect(text).not.toMatch(/compare it with your other devices/);
    // "I'm not sure" still gets the whole check.
    const unsure = chat();
    await unsure.say('my photos stopped syncing to my mac');
    expect((await unsure.say("I'm not sure")).map((r) => r.text).join('\n')).toMatch(/compare it with your other devices/);
  });

  it('a second problem on another device: not asked again, said why, and the look at that device', async () => {
    const c = chat();
    await sayAll(c, ['contacts on my mac and photos on my ipad', 'Yes, the same account', "Yes, it's syncing"]);
    const replies = await c.say('Yes, let\'s do that');
    expect(keys(replies)).toContain('playbook.answeredEarlier');
    expect(replies.find((r) => r.key === 'playbook.answeredEarlier')!.text).toContain('"Yes, the same account"');
    expect(replies.some((r) => r.key === 'step.question' && r.stepId === 'apple-id')).toBe(false);
    expect(replies.map((r) => r.text).join('\n')).toContain('One quick look on this iPad itself');
    expect(lastOf(replies)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  });

  it('a different answer is no carry-over: after "No, they use different ones" the next problem asks', async () => {
    const c = chat();
    await sayAll(c, ['contacts on my mac and photos on my ipad', 'No, they use different ones', "Yes, it's syncing"]);
    const replies = await c.say('Yes, let\'s do that');
    expect(keys(replies)).not.toContain('playbook.answeredEarlier');
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
  });

  it('start over forgets it', async () => {
    const c = chat();
    await sayAll(c, ['contacts not syncing on my mac', 'Yes, the same account', 'start over']);
    const replies = await c.say('photos not syncing on my ipad');
    expect(keys(replies)).not.toContain('playbook.answeredEarlier');
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
  });
});

describe('the problem back right after a fix', () => {
  it.each([['actually no it stopped again'], ["wait no, I clicked the wrong button, it's not syncing"], ['wait, it stopped syncing again']])('"%s" picks it up again at the next check', async (text) => {
    const c = chat();
    expect(keys(await sayAll(c, ['my photos stopped syncing to my mac', 'Yes, the same account', "Yes, it's syncing"]))).toContain('playbook.wrapUp');
    const replies = await c.say(text);
    expect(keys(replies)).toContain('playbook.reopened');
    expect(keys(replies)).not.toContain('goodbye');
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'storage' });
  });

  it('after "no" (nothing else), "actually no it stopped again" is no cancel either', async () => {
    const c = chat();
    await sayAll(c, ['my photos stopped syncing to my mac', 'Yes, the same account', "Yes, it's syncing", 'no']);
    const replies = await c.say('actually no it stopped again');
    expect(keys(replies)).toContain('playbook.reopened');
    expect(keys(replies)).not.toContain('cancel.done');
  });

  it('"no thanks" there is still the goodbye', async () => {
    const c = chat();
    await sayAll(c, ['my photos stopped syncing to my mac', 'Yes, the same account', "Yes, it's syncing"]);
    expect(keys(await c.say('no thanks'))).toContain('goodbye');
  });
});

describe('where a message for support is asked for', () => {
  const toMessagePrompt = async (c: LineChat) => {
    const replies = await sayAll(c, ['photos not syncing on mac', 'Yes, the same account', 'talk to a person', 'Leave a message']);
    expect(lastOf(replies).key).toBe('handoff.leaveMessage.prompt');
  };

  it('"what have we tried" is the recap and the message prompt again (session 12: the message flow is kept), never the message', async () => {
    const c = chat();
    await toMessagePrompt(c);
    const replies = await c.say('what have we tried');
    expect(keys(replies)).toEqual(['recap', 'handoff.leaveMessage.promptTried']);
    expect(keys(replies)).not.toContain('handoff.leaveMessage.contact');
  });

  it('"go back" is back to the checks, never the message', async () => {
    const c = chat();
    await toMessagePrompt(c);
    const replies = await c.say('go back');
    expect(keys(replies)[0]).toBe('handoff.leaveMessage.cancelled');
    expect(lastOf(replies).key).toBe('fixed.question');
    expect(keys(replies)).not.toContain('handoff.leaveMessage.contact');
  });

  it('"what have we tried" at the offer itself (Leave a message / Cancel) is no message either', async () => {
    const c = chat();
    await sayAll(c, ['photos not syncing on mac', 'Yes, the same account', 'talk to a person']);
    const replies = await c.say('what have we tried');
    expect(keys(replies)).not.toContain('handoff.offer.asMessage');
    expect(keys(replies)).toContain('recap');
    // Session 12: the offer stays open after the recap.
    expect(lastOf(replies).key).toBe('handoff.noAccounts');
  });
});

describe('a side remark beside the problem', () => {
  it('a billing issue "unrelated" in its own sentence: the calendar problem starts, not the billing answer', async () => {
    const replies = await chat().say("Last week I had a billing issue with my carrier, unrelated. Anyway: the calendar events I add on my iPhone don't show up on my Mac.");
    expect(keys(replies)).not.toContain('question.billing');
    expect(replies.some((r) => r.playbook === 'calendar-not-syncing')).toBe(true);
  });

  it('the billing question alone still gets its answer', async () => {
    expect(keys(await chat().say('i was charged twice for icloud, can i get a refund?'))).toContain('question.billing');
  });

  it('a vent, then "here is the actual problem": only that problem, no sign-in problem from the vent\'s words', async () => {
    const vent =
      "I am so fed up with this. I've been using Apple stuff for years, I have an iPhone and a Mac and an iPad, and I just want things to work. I tried googling and every forum says something different, one says reset everything, another says wait 24 hours. I even went to the Apple Store but the Genius Bar had no appointments for two weeks. I'm typing this on my lunch break and have ten minutes. Here is the actual problem: the calendar events I add on my iPhone don't show up on my Mac.";
    const replies = await chat().say(vent);
    expect(keys(replies)).not.toContain('several.intro');
    expect(replies.some((r) => r.playbook === 'sign-in-problem')).toBe(false);
    expect(replies.some((r) => r.playbook === 'calendar-not-syncing')).toBe(true);
  });

  it('two problems in two sentences of their own are still both kept', async () => {
    const replies = await chat().say("My photos won't sync on my iPhone. Also I forgot my Apple ID password. It has been a week.");
    expect(replies.some((r) => r.playbook === 'sign-in-problem')).toBe(true);
    expect(replies.map((r) => r.text).join('\n')).toContain('Photos not syncing');
  });
});

describe('checks said done already', () => {
  it('"i already restarted and updated btw" at a step question: both skipped when they come, the same question now', async () => {
    const c = chat();
    const before = await sayAll(c, ['calendar not syncing on my ipad', 'Yes, the same account', 'No, still not', "No, there's plenty of space", 'No, still not']);
    const pending = lastOf(before);
    expect(pending.stepId).toBe('network');
    const replies = await c.say('i already restarted and updated btw');
    expect(keys(replies)).toEqual(['playbook.alreadyDone', pending.key]);
    expect(replies[0]!.text).toContain('"Restart the device or browser"');
    expect(replies[0]!.text).toContain('"Update the software"');
    const after = await sayAll(c, ['Wi-Fi', 'No, still not']);
    expect(after.some((r) => r.stepId === 'restart' || r.stepId === 'software-update')).toBe(false);
  });

  it('an answer in the same message is still the answer ("No, still not, I restarted it too" goes on)', async () => {
    const c = chat();
    await sayAll(c, ['calendar not syncing on my ipad', 'Yes, the same account']);
    const replies = await c.say('no still not, i already restarted it too');
    expect(keys(replies)).not.toContain('playbook.alreadyDone');
    expect(lastOf(replies).stepId).toBe('storage');
  });

  it.each([
    ["notes on my mac don't sync. I already tried signing out of iCloud and back in and rebooting twice", ['apple-id', 'restart']],
    ["notes on my mac don't sync. I've already updated macOS and restarted", ['restart', 'software-update']],
    ["I've already tried everything: restarted, signed out and in, updated to iOS 18.1, toggled iCloud Drive off and on. Drive still won't sync on my iPhone", ['apple-id', 'service-toggles', 'restart', 'software-update']],
  ])('first message "%s": those checks skipped', async (text, skipped) => {
    const replies = await chat().say(text);
    const done = replies.find((r) => r.key === 'playbook.alreadyDone');
    expect(done).toBeDefined();
    expect(replies.some((r) => r.key === 'step.question' && skipped.includes(r.stepId ?? ''))).toBe(false);
    for (const id of skipped) expect(replies.some((r) => r.stepId === id && r.key !== 'playbook.alreadyDone')).toBe(false);
  });
});

describe('answers in other words', () => {
  it.each([
    ['the second one', 'different'],
    ['option 2', 'different'],
    ['two', 'different'],
    ['first', 'same'],
    ['the last one', 'not-sure'],
  ])('"%s" at the account question picks that button', async (text, choice) => {
    const c = chat();
    await c.say('my photos stopped syncing to my mac');
    const replies = await c.say(text);
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    const shown = replies.map((r) => r.text).join('\n');
    if (choice === 'same') expect(shown).toContain('One quick look on this Mac itself');
    if (choice === 'different') expect(shown).toContain('Different accounts are normal');
    if (choice === 'not-sure') expect(shown).toMatch(/compare it with your other devices/);
  });

  it('"one" alone is no place', async () => {
    const c = chat();
    await c.say('my photos stopped syncing to my mac');
    expect(lastOf(await c.say('one')).stepId).toBe('apple-id');
  });

  it.each([
    ['yes — no wait, no', 'Different accounts are normal'],
    ['no sorry I mean yes', 'One quick look on this Mac itself'],
  ])('a self-correction "%s": the answer after it counts', async (text, expected) => {
    const c = chat();
    await c.say('my photos stopped syncing to my mac');
    const replies = await c.say(text);
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    expect(replies.map((r) => r.text).join('\n')).toContain(expected);
  });

  it('"no sorry I mean yes" at "Did that fix it?" is the fix', async () => {
    const c = chat();
    await sayAll(c, ['my photos stopped syncing to my mac', 'Yes, the same account']);
    expect(keys(await c.say('no sorry I mean yes'))).toContain('playbook.wrapUp');
  });
});

describe('done before, said crossly', () => {
  it('"this is useless, ive done all this already" at "Did that fix it?": sorry, and the next check; never "thanks for doing that"', async () => {
    const c = chat();
    await sayAll(c, ['notes not syncing on my mac', 'Yes, the same account']);
    const replies = await c.say('this is useless, ive done all this already');
    expect(keys(replies)).toContain('step.doneBefore');
    expect(keys(replies)).not.toContain('fixed.afterDone');
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'storage' });
    // Tried and not fixed: the recap says so.
    expect((await c.say('what have we tried?'))[0]!.text).toMatch(/Check your Apple Account sign-in: you said "Yes, the same account", and it didn't fix it/);
  });

  it('an answer in the same words wins: "done all that and it works now" is the fix', async () => {
    const c = chat();
    await sayAll(c, ['notes not syncing on my mac', 'Yes, the same account']);
    expect(keys(await c.say('done all that and it works now'))).toContain('playbook.wrapUp');
  });
});

describe('the network check on Wi-Fi', () => {
  it('a Mac on Wi-Fi gets the Wi-Fi checks only, no cable', async () => {
    const c = chat();
    const replies = await sayAll(c, ['my photos stopped syncing to my mac', 'Yes, the same account', 'No, still not', "No, there's plenty of space", 'No, still not', 'Wi-Fi']);
    const text = replies.filter((r) => r.key === 'step.instructions').map((r) => r.text).pop()!;
    expect(text).toContain('Low Data Mode');
    expect(text).not.toMatch(/cable|Ethernet/);
  });
});

describe('icloud.com is no Android phone', () => {
  it.each([['contacts missing on icloud website', 'contacts'], ['calendar events missing on icloud.com', 'calendar']])('"%s": where the data is, without the Android part', async (text) => {
    const replies = await chat().say(text);
    const shown = replies.map((r) => r.text).join('\n');
    expect(shown).toMatch(/icloud\.com\/(contacts|calendar)/);
    expect(shown).not.toMatch(/Android|Google Play/);
  });

  it('on an Android phone the Android part is still there', async () => {
    const replies = await chat().say('contacts not syncing on my android phone');
    expect(replies.map((r) => r.text).join('\n')).toMatch(/An Android phone can't sync iCloud Contacts by itself/);
  });
});

describe('the sign-in cases', () => {
  it('"it says account locked??" at "What happens when you try to sign in?" is the locked case, not a question for a person', async () => {
    const c = chat();
    await sayAll(c, ['i cant sign in to icloud', 'iPhone']);
    const replies = await c.say('it says account locked??');
    expect(keys(replies)).not.toContain('question.cantAnswer');
    expect(replies.map((r) => r.text).join('\n')).toMatch(/only Apple can unlock it/);
  });

  it('"it says account locked" at "Can you sign in now?" after the forgotten password: the locked case of the same question', async () => {
    const c = chat();
    const before = await c.say('forgot my apple id password, cant get into icloud on my ipad');
    const at = lastOf(before);
    const replies = await c.say('it says account locked');
    expect(replies.map((r) => r.text).join('\n')).toMatch(/only Apple can unlock it/);
    expect(lastOf(replies)).toMatchObject({ key: at.key, stepId: at.stepId });
    // "No, I still can't" there is still the answer.
    expect(lastOf(await c.say("No, I still can't")).stepId).not.toBe(at.stepId);
  });
});

describe('after a fix', () => {
  it('"what was it?" names the check it came back at; "anything else?" is still open', async () => {
    const c = chat();
    await sayAll(c, ['icloud drive not syncing on my mac', 'Yes, the same account', 'oh wait it just started working']);
    const replies = await c.say('what was it?');
    expect(keys(replies)).toEqual(['fixed.whatFixedIt']);
    expect(replies[0]!.text).toContain('"Check your Apple Account sign-in"');
    expect(keys(await c.say('no thanks'))).toContain('goodbye');
  });
});

describe('the checks run out, nobody asked for', () => {
  it('the offer of a message is worded as an offer, not as "sorry, nobody I can put you through to"', async () => {
    const c = chat();
    const replies = await sayAll(c, ['reminders dont sync to my ipad', 'Yes, the same account', 'No, still not', "No, there's plenty of space", 'No, still not', 'Wi-Fi', 'No, still not', 'No, still not', 'No, still not']);
    expect(keys(replies)).toContain('handoff.noAccounts.endOfChecks');
    expect(keys(replies)).not.toContain('handoff.noAccounts');
    // Asked for: the plain answer.
    expect(keys(await chat().say('talk to a person'))).toContain('handoff.noAccounts');
  });
});

describe('tester C (round 11 regression pass)', () => {
  it.each([["what's the price for 2tb"], ['whats the cheapest plan'], ['how much for 6tb'], ['how much is 200 gigs']])('C9 "%s" at a step: the plans answer', async (text) => {
    const c = chat();
    await sayAll(c, ['calendar not syncing on my iphone', 'Yes, the same account']);
    expect(keys(await c.say(text))).toContain('question.storage-plans');
  });

  it.each([
    ["contacts not syncing on my ipad, rebooting didn't help", 'restart'],
    ['contacts not syncing on my ipad. I keep rebooting it', 'restart'],
    ['contacts not syncing on my ipad, already power cycled it', 'restart'],
    ['contacts not syncing on my ipad, logged out and back into icloud', 'apple-id'],
  ])('C10 "%s": that check skipped', async (text, step) => {
    const replies = await chat().say(text);
    expect(replies.find((r) => r.key === 'playbook.alreadyDone')?.text).toBeDefined();
    expect(replies.some((r) => r.key === 'step.question' && r.stepId === step)).toBe(false);
  });

  it.each([["how do I stop my kid's ipad from syncing my photos"], ["my kid's ipad has all my photos, how do i stop that"]])('C5 "%s": how to keep it off that device, not the photos checks', async (text) => {
    const replies = await chat().say(text);
    expect(keys(replies)).toContain('question.stop-syncing');
    expect(replies.some((r) => r.playbook === 'photos-not-syncing')).toBe(false);
  });

  it('C5 "is this a bot? i need to speak to a human" still goes to a person', async () => {
    expect(keys(await chat().say('is this a bot? i need to speak to a human'))).not.toContain('question.about-bot');
  });

  it.each([['i deleted some contacts, can i get them back?'], ['can deleted contacts be recovered?'], ['how do I get back notes I deleted']])('C4 "%s" at the top level: how to restore them', async (text) => {
    expect(keys(await chat().say(text))).toContain('question.restore-deleted');
  });

  it('C4 mid-step: "i think i deleted half my contacts, can i get them back?" gets the restore answer, never "thanks for doing that"', async () => {
    const c = chat();
    await sayAll(c, ['contacts not syncing on my iphone', 'Yes, the same account']);
    const replies = await c.say('i think i deleted half my contacts, can i get them back?');
    expect(keys(replies)[0]).toBe('question.restore-deleted');
    expect(keys(replies)).not.toContain('fixed.afterDone');
  });

  it('C18 "whatsapp isn\'t backing up to icloud" is about WhatsApp\'s own backup', async () => {
    expect(keys(await chat().say("whatsapp isn't backing up to icloud"))).toContain('question.not-icloud-whatsapp');
  });

  it.each([["no it didn't actually"]])('C3 "%s" right after a fix: the problem picked up again', async (text) => {
    const c = chat();
    await sayAll(c, ['contacts not syncing on my iphone', 'Yes, the same account', "Yes, it's syncing"]);
    const replies = await c.say(text);
    expect(keys(replies)).not.toContain('goodbye');
    expect(keys(replies)).toContain('playbook.reopened');
  });

  it('C3 "actually no its still full" after the storage fix: picked up again', async () => {
    const c = chat();
    await sayAll(c, ['my icloud storage is full', 'iPhone', "Yes, there's room now"]);
    const replies = await c.say('actually no its still full');
    expect(keys(replies)).not.toContain('goodbye');
    expect(keys(replies)).toContain('playbook.reopened');
  });

  it.each([['thanks, checking now'], ['thanks let me try'], ['thank you, one sec']])('C7 "%s" at "Did that fix it?" waits, never ends', async (text) => {
    const c = chat();
    await sayAll(c, ['notes not syncing on my mac', 'Yes, the same account']);
    expect(keys(await c.say(text))).toEqual(['wait.ack']);
  });

  it('C17 "how do i know?" at the Wi-Fi question says how to tell', async () => {
    const c = chat();
    await sayAll(c, ['contacts not syncing on my iphone', 'Yes, the same account', 'No, still not', "No, there's plenty of space", 'No, still not']);
    const replies = await c.say('how do i know?');
    expect(replies[0]).toMatchObject({ key: 'step.howTo' });
    expect(replies[0]!.text).toContain('Control Center');
  });

  it('C22 "I\'ve done this 5 times already!!" moves on with an apology', async () => {
    const c = chat();
    await sayAll(c, ['contacts not syncing on my iphone', 'Yes, the same account', 'No, still not', "No, there's plenty of space"]);
    expect(keys(await c.say("I've done this 5 times already!!"))).toContain('step.doneBefore');
  });

  it.each([
    ["Side note: I'm travelling this week. iCloud Drive isn't syncing on my windows pc.", 'drive-not-syncing'],
    ["Quick note - I'm traveling. Contacts won't sync on my ipad", 'contacts-not-syncing'],
    ['I had a backup issue last year which got sorted. Now my photos arent syncing on my ipad', 'photos-not-syncing'],
    ['honestly apple is a joke. my storage got full twice this year. what i need right now is my notes to show up on my mac', 'notes-not-syncing'],
  ])('C1/C2 "%s": only the problem of now', async (text, playbook) => {
    const replies = await chat().say(text);
    const started = [...new Set(replies.map((r) => r.playbook).filter((p) => p))];
    expect(started).toEqual([playbook]);
  });
});

describe('a device said to work', () => {
  it.each([
    ["calendar on my iPad is fine but my iPhone calendar doesn't update", 'iPhone'],
    ["My daughter's iPad works fine. My iPhone contacts aren't syncing.", 'iPhone'],
    ['photos on my mac work fine but not on my iphone', 'iPhone'],
  ])('B14/C19 "%s": the checks on the other one, no "which device?"', async (text, device) => {
    const c = chat();
    const first = await c.say(text);
    expect(keys(first)).not.toContain('device.which');
    expect(keys(first)).not.toContain('device.several');
    expect((await c.say('Yes, the same account')).map((r) => r.text).join('\n')).toContain(`One quick look on this ${device} itself`);
  });

  it('a device said to work when it is the only one named stays the device', async () => {
    const c = chat();
    await c.say('my iphone works fine but my photos dont sync');
    expect((await c.say('Yes, the same account')).map((r) => r.text).join('\n')).toContain('One quick look on this iPhone itself');
  });
});

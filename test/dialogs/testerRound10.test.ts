/**
 * Tester round 10 and round 9's leftovers, in the testers' words, through the whole bot with the
 * real recogniser and content:
 * - "what have we tried so far?" at a step, at "Did that fix it?", at the device question and at the
 *   top level gets the checks behind us (in the person's words) and where we are, then the same
 *   question; never "didn't catch that" nor "a person can answer that";
 * - "notes not syncing iphone to mac": the device the words point at is the one missing the data.
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW } from './helpers';
import { sayAll, useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const feed = new FixtureStatusFeed(ALL_CLEAR);
const bot = useRealBot('round10', { clock: new ManualClock(NOW), statusFeed: feed });

let n = 0;
const chat = (): LineChat => bot.lineChat(`round10-${++n}`);
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1]!;

describe('what have we tried so far?', () => {
  it('at a step question: each check behind us by its outcome, where we are, and the same question', async () => {
    const c = chat();
    // Sign-in: same account, then "no" (not fixed); storage: plenty of space (checked, nothing to change).
    const before = await sayAll(c, ['my photos wont sync to my mac', 'Yes, the same account', 'No, still not', "No, there's plenty of space"]);
    const pending = lastOf(before);
    const replies = await c.say('what have we tried so far?');
    expect(keys(replies)).toEqual(['recap', pending.key]);
    expect(lastOf(replies).stepId).toBe(pending.stepId);
    const recap = replies[0]!.text;
    expect(recap).toContain('"Photos not syncing" on your Mac');
    expect(recap).toMatch(/Check your Apple Account sign-in: you said "Yes, the same account", and it didn't fix it/);
    expect(recap).toMatch(/Check your iCloud storage: you said "No, there's plenty of space", so nothing to change there/);
    // Where we are is the step pending, and it is not listed as done.
    expect(recap).toMatch(/We're now at "[^"]+":\s*$/);
    expect(recap.split('\n').filter((l) => l.startsWith('- ') || l.startsWith('• ')).length).toBe(3);
    // The question still takes its answer.
    expect(keys(await c.say('No, still not'))).not.toContain('answer.notUnderstood');
  });

  it.each([['recap please'], ['where are we?'], ['what did we try?']])('"%s" at "Did that fix it?" recaps, then asks again', async (text) => {
    const c = chat();
    expect(lastOf(await sayAll(c, ['contacts not syncing on my ipad', 'yes']))).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
    const replies = await c.say(text);
    expect(keys(replies)).toEqual(['recap', 'fixed.question']);
    expect(replies[0]!.text).toContain('We\'re now at "Check your Apple Account sign-in"');
  });

  it('before any check: nothing tried yet, then the question again', async () => {
    const c = chat();
    expect(lastOf(await c.say('contacts not syncing between iphone and ipad')).key).toBe('device.which');
    const replies = await c.say('what have we tried so far?');
    expect(keys(replies)).toEqual(['recap.none', 'device.which']);
  });

  it('at the top level after a fix: the checks of that problem, then how to go on', async () => {
    const c = chat();
    await sayAll(c, ['my photos wont sync to my mac', 'Yes, the same account']);
    expect(keys(await c.say("Yes, it's syncing"))).toContain('playbook.wrapUp');
    const replies = await c.say('what did we try?');
    expect(replies[0]!.key).toBe('recap');
    expect(replies[0]!.text).toMatch(/Check your Apple Account sign-in: that fixed it/);
    expect(replies[0]!.text).not.toContain("We're now at");
  });

  it('at the very start: none yet, and how to begin', async () => {
    const replies = await chat().say('what have we tried so far?');
    expect(keys(replies)).toEqual(['recap.none', 'question.answeredTopLevel']);
  });
});

describe('a device after another: "iphone to mac"', () => {
  it.each([
    ['notes not syncing iphone to mac', 'mac'],
    ['photos from my iphone to my macbook not syncing', 'mac'],
    ['contacts wont sync from mac to ipad', 'ipad'],
  ])('"%s" starts on the device missing the data', async (text, device) => {
    const replies = await chat().say(text);
    expect(replies[0]!.key).toBe('device.startedWhereMissing');
    expect(keys(replies)).not.toContain('device.which');
    expect(replies.find((r) => r.stepId !== undefined && r.key !== 'device.startedWhereMissing')).toBeDefined();
    expect(replies[0]!.text.toLowerCase()).toContain(device === 'mac' ? 'the mac' : 'the ipad');
  });

  it.each([['contacts not syncing between iphone and ipad'], ['calendar syncs mac to iphone but not iphone to mac']])('"%s" still asks which one', async (text) => {
    expect(lastOf(await chat().say(text)).key).toBe('device.which');
  });
});

describe('questions about the bot and other side questions (B10, A7, round 9 leftovers)', () => {
  it.each([['are you a human?'], ['are you a bot?'], ['am i talking to a real person'], ['who made you']])('"%s" at the top level: the bot says what it is, no hand-over', async (text) => {
    const replies = await chat().say(text);
    expect(keys(replies)).toEqual(['question.about-bot', 'question.answeredTopLevel']);
    expect(replies[0]!.text).toMatch(/automated assistant, not a person/);
  });

  it('"are you a real person?" at a step: the answer, then the same question (the word "person" in it is no command)', async () => {
    const c = chat();
    const pending = lastOf(await c.say('my contacts arent syncing to my mac'));
    const replies = await c.say('are you a real person?');
    expect(keys(replies)).toEqual(['question.about-bot', pending.key]);
    expect(lastOf(replies).stepId).toBe(pending.stepId);
  });

  it.each([['is this a bot? i need to speak to a human'], ['are you a human? i want a real person']])('"%s": the request for a person beside the question wins', async (text) => {
    const replies = await chat().say(text);
    expect(keys(replies)).not.toContain('question.about-bot');
    expect(replies.some((r) => r.playbook === 'contact-support' || r.key.startsWith('handoff.'))).toBe(true);
  });

  it.each([
    ['will i lose my photos if i delete the old backup?', 'delete-backup'],
    ['i lost my old number, how do i get codes now?', 'trusted-number-lost'],
    ['i have two apple ids, how do i merge them?', 'merge-accounts'],
    ['it asks me to merge, should i?', 'merge-prompt'],
  ])('"%s" gets its own answer (%s)', async (text, id) => {
    const replies = await chat().say(text);
    expect(replies[0]!.key).toBe(`question.${id}`);
  });
});

describe('"it worked" at "Did that fix it?" (B6)', () => {
  it.each([['it worked'], ['worked!'], ['that did the trick']])('"%s" closes the problem as fixed', async (text) => {
    const c = chat();
    expect(lastOf(await sayAll(c, ['notes not syncing on my ipad', 'Yes, the same account']))).toMatchObject({ key: 'fixed.question' });
    const replies = await c.say(text);
    expect(keys(replies)).toContain('playbook.wrapUp');
    expect(keys(replies)).not.toContain('playbook.goodbye');
  });
});

describe('first messages that say what works (A1, B2, B3)', () => {
  it.each([
    ['photos not syncing on my iphone, im signed in with the same account everywhere', 'photos-not-syncing'],
    ['photos not syncing from iphone to mac. same apple id on both, 1.5TB free in icloud, already restarted both and updated to latest ios and macos, wifi is fine', 'photos-not-syncing'],
    ["photos sync fine but contacts don't on my ipad", 'contacts-not-syncing'],
    ["my calendar works, it's notes that won't sync on my mac", 'notes-not-syncing'],
  ])('"%s" starts %s alone', async (text, playbook) => {
    const replies = await chat().say(text);
    expect(keys(replies)).not.toContain('queue.noted');
    expect(keys(replies)).not.toContain('didYouMean');
    expect(replies.find((r) => r.playbook !== undefined)?.playbook).toBe(playbook);
  });

  it('"photos and contacts both not syncing on my ipad" still names both', async () => {
    expect(keys(await chat().say('photos and contacts both not syncing on my ipad'))).toContain('queue.noted');
  });
});

describe('a password typed again (B8)', () => {
  it('the first gets the notice, each later one a short reminder', async () => {
    const c = chat();
    await c.say('icloud drive not syncing on my mac');
    expect(keys(await c.say('password is Hunter2! does that help'))[0]).toBe('privacy.secretHidden');
    expect(keys(await c.say('my password is Hunter2!'))[0]).toBe('privacy.secretHiddenAgain');
    expect(keys(await c.say('the code is 4 8 3 9 2 0'))[0]).toBe('privacy.secretHiddenAgain');
  });
});

describe('the problem corrected mid-way (B1, B5)', () => {
  it.each([
    ['wait actually its my calendar not contacts'],
    ["no, it's calendars that aren't syncing, not contacts"],
    ['sorry i meant calendar'],
  ])('"%s" at the first step switches to calendars at once, on the same device, and never answers the question', async (text) => {
    const c = chat();
    expect(lastOf(await c.say('my contacts arent syncing to my mac'))).toMatchObject({ playbook: 'contacts-not-syncing', stepId: 'apple-id' });
    const replies = await c.say(text);
    expect(replies[0]!.key).toBe('switch.corrected');
    expect(replies[0]!.text).toContain('Calendars or reminders not syncing');
    expect(keys(replies)).not.toContain('switch.offer');
    expect(lastOf(replies).playbook).toBe('calendar-not-syncing');
    // Still the Mac: no device question, and the Mac's steps.
    expect(keys(replies)).not.toContain('device.question');
    // The calendars' first question, unanswered: no sign-out instructions for a "no" taken as the answer.
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
    expect(replies.some((r) => /Sign Out/.test(r.text))).toBe(false);
  });

  it('the same words at "Did that fix it?" are no "No": the switch, not the next contacts check', async () => {
    const c = chat();
    await sayAll(c, ['my contacts arent syncing to my mac', 'Yes, the same account']);
    const replies = await c.say('wait actually its my calendar not contacts');
    expect(replies[0]!.key).toBe('switch.corrected');
    expect(replies.every((r) => r.playbook !== 'contacts-not-syncing' || r.key === 'switch.corrected')).toBe(true);
  });

  it('"and my calendar too" is an addition, not a correction', async () => {
    const c = chat();
    await sayAll(c, ['my contacts arent syncing to my mac', 'Yes, the same account']);
    expect(keys(await c.say('and my calendar too'))).toEqual(['queue.later', 'fixed.question']);
  });
});

describe('the next problem on the same device skips the check that fixed the last one (A18, B13)', () => {
  it('"my notes too" after the account check fixed the photos: no account question again', async () => {
    const c = chat();
    await sayAll(c, ['photos not syncing on my ipad', 'yes']);
    expect(keys(await c.say("Yes, it's syncing"))).toContain('playbook.wrapUp');
    await c.say('yes');
    const replies = await c.say('my notes too');
    expect(keys(replies)).toContain('more.skipping');
    expect(replies.some((r) => r.stepId === 'apple-id' && r.key !== 'more.skipping')).toBe(false);
  });

  it('two problems in one message: the second skips the account check the first was fixed by', async () => {
    const c = chat();
    await sayAll(c, ['photos and contacts both not syncing on my ipad', 'Yes, the same account', "Yes, it's syncing"]);
    const replies = await c.say('yes');
    expect(lastOf(replies).playbook).toBe('contacts-not-syncing');
    expect(replies.some((r) => r.stepId === 'apple-id' && r.key !== 'more.skipping')).toBe(false);
  });
});

describe('not iCloud, or not iCloud storage, said as a statement (A2, B11, B15)', () => {
  it.each([
    ['google photos not syncing', 'not-icloud-google'],
    ['my whatsapp backup is stuck', 'not-icloud-whatsapp'],
    ['i want a refund for my icloud+ subscription, i was charged twice', 'billing'],
    ['iphone storage full', 'device-storage-full'],
    ["my iphone storage is full, it says iPhone Storage Full, can't take photos", 'device-storage-full'],
  ])('"%s": the answer (%s), and no iCloud checks start', async (text, id) => {
    const replies = await chat().say(text);
    expect(keys(replies)).toEqual([`question.${id}`, 'question.answeredTopLevel']);
    expect(replies.some((r) => r.playbook !== undefined)).toBe(false);
  });

  it.each([['icloud storage full'], ['my icloud is full'], ['photos not syncing on my iphone']])('"%s" still starts its checks', async (text) => {
    const replies = await chat().say(text);
    expect(keys(replies).some((k) => k.startsWith('question.'))).toBe(false);
  });

  it('"my iphone is full" at the iCloud storage question: the device-storage answer, then the same question', async () => {
    const c = chat();
    const pending = lastOf(await sayAll(c, ['photos not syncing on my iphone', 'Yes, the same account', 'No, still not']));
    expect(pending.stepId).toBe('storage');
    const replies = await c.say('my iphone is full');
    expect(keys(replies)).toEqual(['question.device-storage-full', pending.key]);
  });
});

describe('a long message with the problem at its end (B9)', () => {
  it('starts that problem on that device, without asking what or where', async () => {
    const venting = 'I have been trying for days and nothing works and I am really frustrated with apple. '.repeat(7);
    const replies = await chat().say(`ok so here is the whole story. ${venting} anyway my photos on my ipad are not syncing`);
    expect(keys(replies)).not.toContain('problem.vague');
    expect(keys(replies)).not.toContain('device.question');
    expect(lastOf(replies).playbook).toBe('photos-not-syncing');
  });
});

describe('skip, go back after a miss, a double click (B14, B17, B23)', () => {
  const toStorage = ['notes not syncing on my ipad', 'Yes, the same account', 'No, still not'];

  it.each([['skip this step'], ['skip'], ['next'], ['ok next'], ['can we skip this']])('"%s" at a step question skips it, recorded as skipped', async (text) => {
    const c = chat();
    expect(lastOf(await sayAll(c, toStorage)).stepId).toBe('storage');
    const replies = await c.say(text);
    expect(replies[0]!.key).toBe('step.skipped');
    expect(lastOf(replies).stepId).not.toBe('storage');
    expect((await c.say('what have we tried so far?'))[0]!.text).toMatch(/Check your iCloud storage: skipped/);
  });

  it('"next" at "Did that fix it?" moves on too; "go back" then returns to the skipped step', async () => {
    const c = chat();
    expect(lastOf(await sayAll(c, ['notes not syncing on my ipad', 'Yes, the same account'])).key).toBe('fixed.question');
    const skipped = await c.say('next');
    expect(skipped[0]!.key).toBe('step.skipped');
    expect(lastOf(skipped).stepId).toBe('storage');
    const back = await c.say('go back');
    expect(back[0]!.key).toBe('undo.done');
    expect(lastOf(back)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  });

  it.each([['hmm'], ['blorp'], ['what have we tried so far?']])('"go back" still works after "%s" (a turn that only asked again)', async (aside) => {
    const c = chat();
    expect(lastOf(await sayAll(c, toStorage)).stepId).toBe('storage');
    await c.say(aside);
    const back = await c.say('go back');
    expect(back[0]!.key).toBe('undo.done');
    expect(lastOf(back)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  });

  it('"No, still not" sent twice: the second answers nothing at the storage question', async () => {
    const c = chat();
    expect(lastOf(await sayAll(c, toStorage)).stepId).toBe('storage');
    const replies = await c.say('No, still not');
    expect(keys(replies)).toEqual(['answer.stale', 'step.question']);
    expect(lastOf(replies).stepId).toBe('storage');
    // A real answer there still works, and "go back" still goes back one.
    expect(lastOf(await c.say("No, there's plenty of space")).stepId).not.toBe('storage');
  });

  it('a stale title is no stale answer when the new prompt has the same button ("No, still not" at two fix questions)', async () => {
    const c = chat();
    await sayAll(c, toStorage);
    // The storage question has no "No, still not" button, but "Did that fix it?" after the next step has.
    const next = await c.say("No, there's plenty of space");
    expect(lastOf(next).key).toBe('fixed.question');
    expect(keys(await c.say('No, still not'))).not.toContain('answer.stale');
  });
});

describe('tester C (the regression round)', () => {
  it('C1: "how do i merge two apple ids?" at the sign-in step gets the merge answer, not stuck help', async () => {
    const c = chat();
    const pending = lastOf(await c.say('my contacts arent syncing to my mac'));
    const replies = await c.say('how do i merge two apple ids?');
    expect(keys(replies)).toEqual(['question.merge-accounts', pending.key]);
  });

  it.each([
    ['i lost my trusted phone number', 'trusted-number-lost'],
    ['i have two apple ids, can i merge them', 'merge-accounts'],
    ['my iphone asks me to merge, should i', 'merge-prompt'],
    ['can i delete old iphone backups?', 'delete-backup'],
    ['what does the merge option mean?', 'merge-prompt'],
  ])('C2: "%s" gets %s as a statement or a question', async (text, id) => {
    expect((await chat().say(text))[0]!.key).toBe(`question.${id}`);
  });

  it('C3: "im signed in with the same account everywhere" alone starts the general checks, never the sign-in problem', async () => {
    const replies = await chat().say('im signed in with the same account everywhere');
    expect(replies.some((r) => r.playbook === 'sign-in-problem')).toBe(false);
    expect(replies.find((r) => r.playbook !== undefined)?.playbook).toBe('sync-not-working');
  });

  it('C5: "go back" with nothing open says so; "oops wrong button" right after a fix picks the problem up again', async () => {
    const c = chat();
    await c.say('hi');
    expect(keys(await c.say('go back'))).toEqual(['undo.nothingTopLevel']);
    const d = chat();
    await sayAll(d, ['notes not syncing on my ipad', 'Yes, the same account']);
    expect(keys(await d.say("Yes, it's syncing"))).toContain('playbook.wrapUp');
    const replies = await d.say('oops wrong button');
    expect(replies[0]!.key).toBe('playbook.reopened');
    expect(lastOf(replies).playbook).toBe('notes-not-syncing');
  });

  it('C8: "that did it" at "Did that fix it?" is the fix', async () => {
    const c = chat();
    await sayAll(c, ['notes not syncing on my ipad', 'Yes, the same account']);
    expect(keys(await c.say('that did it'))).toContain('playbook.wrapUp');
  });

  it('C9: "sorry i meant notes" at "which device?" corrects the problem and asks the same question for it', async () => {
    const c = chat();
    expect(lastOf(await c.say('contacts not syncing between iphone and ipad')).key).toBe('device.which');
    const replies = await c.say('sorry i meant notes');
    expect(keys(replies)).toEqual(['switch.corrected', 'device.which']);
    expect(lastOf(await c.say('iPad')).playbook).toBe('notes-not-syncing');
  });

  it('C10: after a correction the recap says the account check was gone through for the problem before, not "skipped"', async () => {
    const c = chat();
    await sayAll(c, ['my contacts arent syncing to my mac', 'Yes, the same account', 'sorry i meant calendar']);
    const recap = (await c.say('what have we tried so far?'))[0]!.text;
    expect(recap).toMatch(/Check your Apple Account sign-in: already gone through for the problem before/);
  });

  it('C12: "where are we supposed to find that" is no recap; "next question" skips', async () => {
    const c = chat();
    await sayAll(c, ['notes not syncing on my ipad', 'Yes, the same account', 'No, still not']);
    expect(keys(await c.say('where are we supposed to find that'))).not.toContain('recap');
    expect((await c.say('next question'))[0]!.key).toBe('step.skipped');
  });
});

describe('side-question phrases never take a real problem away', () => {
  it.each([['cant sign in on my iphone, code goes to my old number which i dont have'], ['cant sign in, i have two apple ids']])('"%s" starts the sign-in checks', async (text) => {
    const replies = await chat().say(text);
    expect(keys(replies).some((k) => k.startsWith('question.'))).toBe(false);
    expect(replies.find((r) => r.playbook !== undefined)?.playbook).toBe('sign-in-problem');
  });

  it('"i lost my trusted phone number", which nothing else places, gets the side answer instead of "didn\'t get that"', async () => {
    expect(keys(await chat().say('i lost my trusted phone number'))).toEqual(['question.trusted-number-lost', 'question.answeredTopLevel']);
  });
});

it('"it worked" at a step\'s question (not only at "Did that fix it?") is the fix, not "I\'ll leave it there"', async () => {
  const c = chat();
  expect(lastOf(await sayAll(c, ['my photos stopped syncing to my mac', 'Yes, the same account', 'skip'])).stepId).toBe('storage');
  const replies = await c.say('it worked');
  expect(keys(replies)).toContain('playbook.wrapUp');
  expect(keys(replies)).not.toContain('playbook.goodbye');
});

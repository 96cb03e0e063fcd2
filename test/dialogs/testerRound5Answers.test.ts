/**
 * Answers at a step's question in the words the tester of round 5 used (/tmp/qa8 report items 1,
 * 4, 5, 9, 10), through the whole bot with the real recogniser and content:
 * - storage amounts with a total or a percentage are read: 85% used or more, or under 2 GB free of
 *   the total, is nearly full (the storage check); less is plenty (the next step); a bare "2 GB
 *   left" is still asked again;
 * - "I don't have email" at the sign-in question is "I'm not sure": what an Apple Account is and
 *   how to see it, never "menus move around";
 * - "can we do the mac instead?" asks for another device (a device change), while a device said
 *   to be fine or to have the problem too is none;
 * - "not at all" and "it's slow too" at "Did that fix it?" are no; "I checked that as well" at a
 *   step's question asks what it showed; "also it says paused" there is the problem said again.
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';

const bot = useRealBot('round5-answers');
let n = 0;

type Talk = (text: string) => Promise<ReplyLine[]>;

function talk(): Talk {
  const chat = personalChat(bot.runtime.bot, `round5-answers-${++n}`);
  return async (text) => (await chat(text)).map(lineOf);
}

const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1];

/** A conversation at "Did that fix it?" after the Apple Account step (photos on the iPhone). */
async function atAccountFixed(first = 'photos not syncing on my iphone'): Promise<Talk> {
  const say = talk();
  expect(lastOf(await say(first))).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
  expect(lastOf(await say('1'))).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  return say;
}

/** A conversation at the storage question (after "same account" and "no, still not"). */
async function atStorageQuestion(first?: string): Promise<Talk> {
  const say = await atAccountFixed(first);
  expect(lastOf(await say('2'))).toMatchObject({ key: 'step.question', stepId: 'storage' });
  return say;
}

describe('item 1: storage amounts at "Does iCloud say your storage is full?"', () => {
  it.each(['50 GB of 50 GB', '1.9 TB of 2 TB used', '3% free', '5 GB used of 5 GB', '96% used', '500 MB left'])('"%s" is nearly full: the storage check', async (text) => {
    const say = await atStorageQuestion();
    const replies = await say(text);
    expect(keys(replies)).toEqual(['step.instructions', 'fixed.question']);
    expect(lastOf(replies).stepId).toBe('storage');
  });

  it.each(['4 GB of 200 GB used', '10% used', "it's about half full", 'no I have 200GB plan with 150 free'])('"%s" is plenty of space: on to the next check', async (text) => {
    const say = await atStorageQuestion();
    const replies = await say(text);
    expect(replies.some((r) => r.stepId === 'storage')).toBe(false);
    expect(lastOf(replies)).toMatchObject({ key: 'fixed.question', stepId: 'service-toggles' });
  });

  it.each(['4 GB of 5 GB used', '48 GB of 50 GB used'])('"%s": under 2 GB free of the plan is nearly full', async (text) => {
    const say = await atStorageQuestion();
    expect(lastOf(await say(text))).toMatchObject({ key: 'fixed.question', stepId: 'storage' });
  });

  it.each(['1 GB left', '2 GB left'])('"%s" alone (no total) is asked again, never taken as plenty', async (text) => {
    const say = await atStorageQuestion();
    expect(keys(await say(text))).toEqual(['answer.notUnderstood', 'step.question']);
  });

  it('"200 GB left" alone is plenty on any plan (round 8: 10 GB free or more is room without a total): the storage check is skipped', async () => {
    const say = await atStorageQuestion();
    const replies = await say('200 GB left');
    expect(replies.some((r) => r.stepId === 'storage')).toBe(false);
    expect(keys(replies)).not.toContain('answer.notUnderstood');
  });

  it('an amount at "Did that fix it?" answers nothing there', async () => {
    const say = await atAccountFixed();
    const replies = await say('10% used');
    expect(keys(replies)).not.toContain('playbook.wrapUp');
    expect(lastOf(replies)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  });
});

describe('item 9: "I don\'t have email" at the sign-in question', () => {
  it.each(["I don't have email", "I don't have an email address"])('"%s" gets what an Apple Account is and how to see it, not "menus move around"', async (text) => {
    const say = talk();
    expect(lastOf(await say('photos not syncing on my iphone'))).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
    const replies = await say(text);
    expect(keys(replies)).not.toContain('stuck.intro');
    expect(keys(replies)).toEqual(['step.instructions', 'fixed.question']);
    expect(replies[0].text).toMatch(/email address or phone number/);
  });

  it('"I can\'t find my email address there" is still stuck help', async () => {
    const say = talk();
    await say('photos not syncing on my iphone');
    await say('1');
    expect(keys(await say("I can't find the email address"))).toContain('stuck.intro');
  });
});

describe('item 5: a device asked for at a step\'s prompt', () => {
  it.each(['can we do the mac instead?', 'what about the mac instead?', 'could we try it on my mac?'])('"%s" at "Did that fix it?" changes the device, no question for a person', async (text) => {
    const say = await atAccountFixed();
    const replies = await say(text);
    expect(keys(replies)).not.toContain('question.cantAnswer');
    expect(keys(replies)[0]).toBe('device.changed');
    expect(replies[0].text).toMatch(/Mac it is/);
  });

  it('"can we do the mac instead?" at the storage question changes the device too', async () => {
    const say = await atStorageQuestion();
    const replies = await say('can we do the mac instead?');
    expect(keys(replies)).toEqual(['device.changed', 'step.question']);
  });

  it.each(['my mac shows them fine', 'it also happens on my mac', "why doesn't it work on my mac?", 'will my mac lose photos?'])('"%s" keeps the iPhone', async (text) => {
    const say = await atAccountFixed();
    const replies = await say(text);
    expect(keys(replies)).not.toContain('device.changed');
    expect(lastOf(replies)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  });
});

describe('item 10: minor gaps', () => {
  it.each(['not at all', "it's slow too"])('"%s" at "Did that fix it?" is no: the next check', async (text) => {
    const say = await atAccountFixed();
    const replies = await say(text);
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'storage' });
  });

  it('"not at all" at the storage question is "no, there\'s plenty of space"', async () => {
    const say = await atStorageQuestion();
    expect(lastOf(await say('not at all'))).toMatchObject({ stepId: 'service-toggles' });
  });

  it('"I also turned on sync this iphone" after the sync step is the step done: is it syncing now?', async () => {
    const say = await atStorageQuestion();
    expect(lastOf(await say('2'))).toMatchObject({ key: 'fixed.question', stepId: 'service-toggles' });
    expect(keys(await say('I also turned on sync this iphone'))).toEqual(['fixed.afterDone']);
  });

  it('"I checked that as well" at the storage question asks what it showed, with the buttons; the answer then counts', async () => {
    const say = await atStorageQuestion();
    const asked = await say('I checked that as well');
    expect(keys(asked)).toEqual(['question.afterDone']);
    expect(asked[0].choices).toEqual(['full', 'has-space', 'not-sure']);
    expect(lastOf(await say('1'))).toMatchObject({ key: 'fixed.question', stepId: 'storage' });
  });

  it('"I checked that as well" again is a miss ("can\'t tell"), then the hint', async () => {
    const say = await atStorageQuestion();
    await say('I checked that as well');
    expect(keys(await say('I checked that as well'))).toEqual(['answer.unclear', 'step.question']);
    expect(keys(await say('I checked that as well'))).toEqual(['answer.hint', 'step.question']);
  });

  it.each(['also it says paused', "it's slow too"])('"%s" at the storage question is the problem said again: we\'re on it, and the question', async (text) => {
    const say = await atStorageQuestion();
    expect(keys(await say(text))).toEqual(['answer.sameProblem', 'step.question']);
  });

  it('"also it says paused" answered nothing: "go back" right after it still goes back past it to the answer before (round 10, B17)', async () => {
    const say = await atStorageQuestion();
    await say('also it says paused');
    const replies = await say('go back');
    expect(keys(replies)[0]).toBe('undo.done');
    expect(lastOf(replies).stepId).not.toBe('storage');
  });
});

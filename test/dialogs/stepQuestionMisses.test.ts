/**
 * Known misses at a playbook's questions, in the words people used (QA transcripts), through the
 * whole bot with the real recogniser and content:
 * - "go back" / "undo" / "previous step" with nothing to go back to: said so, the same question;
 * - "idk everything", "all of them" at "Which device is giving you trouble?": a reply written for a
 *   device question, not the "give it a minute and check again" one written for "is it syncing?";
 * - "yes it was already on", "already checked that, it's on" at "Did that fix it?": that setting
 *   was fine, so the next check, said in one line.
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';
import { realContent } from './helpers';

const content = realContent();
const bot = useRealBot('step-misses');
let n = 0;

type Talk = (text: string) => Promise<ReplyLine[]>;

function talk(): Talk {
  const chat = personalChat(bot.runtime.bot, `step-misses-${++n}`);
  return async (text) => (await chat(text)).map(lineOf);
}

const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1];
const message = (key: string) => String(content.messages[key]);

describe('"go back" with nothing to go back to', () => {
  it.each(['go back', 'undo', 'previous step', 'oops wrong button'])('"%s" at the first question: nothing to go back to, the same question', async (text) => {
    const say = talk();
    expect(lastOf(await say('photos not syncing on my iphone'))).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
    const replies = await say(text);
    expect(keys(replies)).toEqual(['undo.nothing', 'step.question']);
    expect(lastOf(replies).stepId).toBe('apple-id');
    // The question still takes its answer.
    expect(lastOf(await say('1'))).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  });

  it('"go back" after a message that answered nothing ("help") at "Did that fix it?": still back to the answer before it (round 10, B17)', async () => {
    const say = talk();
    await say('photos not syncing on my iphone');
    await say('1');
    await say('help');
    const replies = await say('go back');
    expect(keys(replies)).toEqual(['undo.done', 'step.question']);
    expect(keys(replies)).not.toContain('answer.notUnderstood');
  });

  it('"go back" right after an answer still goes back to that question', async () => {
    const say = talk();
    await say('photos not syncing on my iphone');
    await say('1');
    const replies = await say('go back');
    expect(keys(replies)).toEqual(['undo.done', 'step.question']);
    expect(lastOf(replies).stepId).toBe('apple-id');
  });

  it('"I meant the same account" at the first question answers it (a choice\'s words, not only an undo)', async () => {
    const say = talk();
    await say('photos not syncing on my iphone');
    const replies = await say('i meant the same account');
    expect(keys(replies)).not.toContain('undo.nothing');
    expect(lastOf(replies)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  });

  it('"oops, I meant my mac" with nothing to undo is a device correction', async () => {
    const say = talk();
    await say('photos not syncing on my iphone');
    const replies = await say('oops, I meant my mac');
    expect(keys(replies)).not.toContain('undo.nothing');
    expect(keys(replies)).toContain('device.changed');
  });
});

describe('a non-answer at "Which device is giving you trouble?"', () => {
  it.each(['idk everything', 'all of them', 'everything', 'not sure', 'all my devices'])('"%s" gets the device question\'s own reply, then the question', async (text) => {
    const say = talk();
    expect(lastOf(await say('my icloud is broken'))).toMatchObject({ key: 'device.question' });
    const replies = await say(text);
    expect(keys(replies)).toEqual(['answer.unclearDevice', 'device.question']);
    expect(replies[0].text).toBe(message('answer.unclearDevice'));
    expect(replies[0].text).not.toContain('give it a minute');
    // A device then starts the checks.
    expect(lastOf(await say('iphone'))).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
  });

  it('"all of them, mostly my iphone" names one device: that one', async () => {
    const say = talk();
    await say('my icloud is broken');
    const replies = await say('all of them, mostly my iphone');
    expect(keys(replies)).not.toContain('answer.unclearDevice');
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
  });

  it('"not sure" at "Did that fix it?" keeps the reply written for it', async () => {
    const say = talk();
    await say('photos not syncing on my iphone');
    await say('1');
    expect(keys(await say('not sure'))).toEqual(['step.howTo', 'fixed.question']);
  });
});

describe('"it was already on" at "Did that fix it?"', () => {
  /** Photos on an iPad, at "Did that fix it?" after the iCloud Photos switch (service-toggles). */
  async function atToggleStep(): Promise<Talk> {
    const say = talk();
    await say('photos not syncing on my ipad');
    await say('1');
    await say('2');
    expect(lastOf(await say('2'))).toMatchObject({ key: 'fixed.question', stepId: 'service-toggles' });
    return say;
  }

  it.each(['yes it was already on', 'it was already on', "already checked that, it's on", 'it was on already'])('"%s": the setting was fine, the next check, said in one line', async (text) => {
    const say = await atToggleStep();
    const replies = await say(text);
    expect(keys(replies)[0]).toBe('fixed.alreadyFine');
    expect(keys(replies)).not.toContain('answer.unclear');
    expect(keys(replies)).not.toContain('fixed.afterDone');
    const next = replies.find((r) => r.key === 'step.instructions' || r.key === 'step.question');
    expect(next?.stepId).toBe('network');
  });

  it('"yes I checked" then "yes it was already on" (a02): the next check, not "can\'t tell"', async () => {
    const say = await atToggleStep();
    expect(keys(await say('yes I checked'))).toEqual(['fixed.afterDone']);
    const replies = await say('yes it was already on');
    expect(keys(replies)[0]).toBe('fixed.alreadyFine');
    expect(replies.find((r) => r.key === 'step.instructions' || r.key === 'step.question')?.stepId).toBe('network');
  });

  it('"it was already on and now it works" is fixed', async () => {
    const say = await atToggleStep();
    const replies = await say('it was already on and now it works');
    expect(keys(replies)).toContain('playbook.wrapUp');
    expect(keys(replies)).not.toContain('fixed.alreadyFine');
  });

  it('the step is recorded as not fixing it, and "go back" undoes that answer', async () => {
    const say = await atToggleStep();
    await say('it was already on');
    const back = await say('go back');
    expect(keys(back)[0]).toBe('undo.done');
    expect(lastOf(back)).toMatchObject({ key: 'fixed.question', stepId: 'service-toggles' });
  });
});

/**
 * Side questions with a sure answer (dialogs/questions.yaml), through the whole bot with the real
 * recogniser and content, in the words testers used (round 8: B14 "time machine?" after the Mac
 * backup notice, B18 "optimize mac storage is on, does that matter?"): the answer for the device
 * being talked about, then the pending question again, never "a person can answer that". At the
 * top level the answer comes with how to go on, and no playbook starts. A question no entry covers
 * still gets the honest "a person can".
 */
import { realContent } from './helpers';
import { sayAll, useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const content = realContent();
const answerOf = (id: string) => content.questions.find((q) => q.id === id)!.answer;
/** An answer as a reply line reads (one line, bold marks gone). */
const asSaid = (text: string | undefined) => text!.replace(/\*\*/g, '').replace(/\s+/g, ' ');

const bot = useRealBot('known-questions');
let n = 0;
const chat = (): LineChat => bot.lineChat(`known-questions-${++n}`);
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1]!;
/** The last prompt of a reply: its key, step and button titles. */
const promptOf = (replies: ReplyLine[]) => ({ key: lastOf(replies).key, stepId: lastOf(replies).stepId, choices: lastOf(replies).choices });

describe('at a pending question', () => {
  it('B14: "time machine?" at "which device shall we carry on with?" gets the Time Machine answer and the same menu', async () => {
    const c = chat();
    const menu = await c.say('icloud backup on my mac doesnt work');
    const replies = await c.say('time machine?');
    expect(keys(replies)).toEqual(['question.time-machine', lastOf(menu).key]);
    expect(replies[0]!.text).toBe(asSaid(answerOf('time-machine').all));
    expect(promptOf(replies)).toEqual(promptOf(menu));
  });

  it('B18: "optimize mac storage is on, does that matter?" at "Did that fix it?" on a Mac gets the Mac text, then the same question', async () => {
    const c = chat();
    const asked = await sayAll(c, ['desktop & documents folders on my mac not uploading to icloud', 'yes']);
    expect(lastOf(asked)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
    const replies = await c.say('optimize mac storage is on, does that matter?');
    expect(keys(replies)).toEqual(['question.optimize-storage', 'fixed.question']);
    expect(replies[0]!.text).toBe(asSaid(answerOf('optimize-storage').mac));
    expect(lastOf(replies).stepId).toBe('apple-id');
    // The question is still open: "no" goes on to the next check.
    const next = await c.say('no');
    expect(next.some((r) => r.key === 'step.instructions' || r.key === 'step.question')).toBe(true);
  });

  it('the device the question names wins over the one being talked about ("optimise storage on my iphone?" during a Mac problem)', async () => {
    const c = chat();
    await sayAll(c, ['desktop & documents folders on my mac not uploading to icloud', 'yes']);
    const replies = await c.say('what does optimise storage do on my iphone?');
    expect(replies[0]).toMatchObject({ key: 'question.optimize-storage', text: asSaid(answerOf('optimize-storage').ios) });
    expect(lastOf(replies)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  });

  it('"if i delete photos from my iphone will they be deleted from icloud too?" at a step question: the deleting answer, then that question', async () => {
    const c = chat();
    const asked = await c.say('photos not syncing on iphone');
    expect(lastOf(asked)).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
    const replies = await c.say('if i delete photos from my iphone will they be deleted from icloud too?');
    expect(keys(replies)).toEqual(['question.delete-everywhere', 'step.question']);
    expect(lastOf(replies).stepId).toBe('apple-id');
  });

  it('a question no entry covers still gets "a person can answer that", and a phrase inside an answer is no question', async () => {
    const c = chat();
    await c.say('photos not syncing on iphone');
    expect(keys(await c.say('does the colour of my case matter?'))).toEqual(['question.cantAnswer', 'step.question']);
    // "yes, and time machine is set up" answers the question; it is not a question about Time Machine.
    const answered = await c.say('yes, and time machine is set up');
    expect(keys(answered)).not.toContain('question.time-machine');
    expect(lastOf(answered)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  });
});

describe('at the top level', () => {
  it.each([
    ['will i lose my photos if i sign out of icloud on my iphone?', 'losing-data'],
    ['how long does it take for photos to sync to my mac?', 'how-long'],
    ['is my iphone storage the same as icloud storage?', 'device-storage'],
    ['time machine', 'time-machine'],
  ])('"%s": the %s answer and how to go on; no playbook starts', async (text, id) => {
    const replies = await chat().say(text);
    expect(keys(replies)).toEqual([`question.${id}`, 'question.answeredTopLevel']);
    expect(replies.some((r) => r.playbook !== undefined)).toBe(false);
  });

  it('the problem said next starts its playbook as usual', async () => {
    const c = chat();
    await c.say('will i lose my photos if i sign out?');
    const replies = await c.say('photos not syncing on iphone');
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'apple-id', playbook: 'photos-not-syncing' });
  });

  it('a problem that only mentions a phrase is still the problem ("my icloud backup fails on my iphone, i also use time machine")', async () => {
    const replies = await chat().say('my icloud backup fails on my iphone, i also use time machine');
    expect(keys(replies).some((k) => k.startsWith('question.'))).toBe(false);
    expect(replies.some((r) => r.playbook === 'backup-not-working')).toBe(true);
  });
});

/**
 * Tester round 3 (items 2, 8 and 14), answers in the tester's own words through the whole bot with
 * the real recogniser and content:
 * - "I already checked my storage, it's fine" at the storage question: storage is not the cause.
 * - A shared album on someone else's phone, "No, they use different ones": nobody is told to sign
 *   out of their own account before hearing that different accounts are normal there.
 * - Storage full: "i deleted old backups" is no new backup problem; "still full" gets more ways to
 *   make room and the plans before support.
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';
import { realContent } from './helpers';

const content = realContent();
const bot = useRealBot('round3-answers');
let n = 0;

type Talk = (text: string) => Promise<Line[]>;
type Line = ReplyLine;

function talk(): Talk {
  const id = `round3-answers-${++n}`;
  const chat = personalChat(bot.runtime.bot, id);
  return async (text) => (await chat(text)).map(lineOf);
}

const lastOf = (replies: Line[]) => replies[replies.length - 1];

describe('"I already checked my storage, it\'s fine" (item 8)', () => {
  it('at the storage question it is "plenty of space": the step is skipped and the next one shown', async () => {
    const say = talk();
    await say('my notes are not syncing to my ipad');
    await say('1');
    expect(lastOf(await say('2'))).toMatchObject({ key: 'step.question', stepId: 'storage' });
    const replies = await say("I already checked my storage, it's fine");
    const keys = replies.map((r) => r.key);
    expect(keys).not.toContain('answer.unclear');
    expect(keys).not.toContain('answer.notUnderstood');
    expect(replies.find((r) => r.key === 'step.instructions')?.stepId).toBe('service-toggles');
  });

  it('"it says it\'s full" is still full', async () => {
    const say = talk();
    await say('my notes are not syncing to my ipad');
    await say('1');
    await say('2');
    const replies = await say("it says it's full");
    expect(replies.find((r) => r.key === 'step.instructions')?.stepId).toBe('storage');
  });
});

describe('a shared album on someone else\'s phone (item 2)', () => {
  it('"No, they use different ones" says different accounts are normal there before any sign-out', async () => {
    const say = talk();
    const first = await say("my shared album isn't updating on my wife's iphone");
    expect(lastOf(first)).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
    const replies = await say('2');
    const text = replies.find((r) => r.key === 'step.instructions' && r.stepId === 'apple-id')!.text;
    const normal = text.indexOf("someone else's device");
    expect(normal).toBeGreaterThanOrEqual(0);
    expect(text.toLowerCase()).toContain('shared album');
    expect(normal).toBeLessThan(text.indexOf('Sign Out'));
    expect(text).toContain("don't sign anyone out");
  });
});

describe('storage full (item 14)', () => {
  async function atAccountQuestion(): Promise<Talk> {
    const say = talk();
    const first = await say('icloud storage full on my iphone');
    expect(lastOf(first)).toMatchObject({ key: 'fixed.question', stepId: 'storage' });
    expect(lastOf(await say('2'))).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
    return say;
  }

  it('"i deleted old backups" at the account question is no switch to the backup problem', async () => {
    const say = await atAccountQuestion();
    const replies = await say('i deleted old backups');
    expect(replies.map((r) => r.key)).not.toContain('switch.offer');
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'apple-id', playbook: 'storage-full' });
  });

  it('"i deleted old backups" where no step has talked of backups yet (photos, first question) is still offered as another problem', async () => {
    const say = talk();
    const first = await say('my photos are not syncing on my iphone');
    expect(lastOf(first)).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
    const replies = await say('i deleted old backups');
    expect(replies.map((r) => r.key)).toContain('switch.offer');
  });

  it('"No, it\'s still full" after the account check gets more ways to make room and the plans, then support', async () => {
    const say = await atAccountQuestion();
    expect(lastOf(await say('1'))).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
    const more = await say('2');
    const tips = more.find((r) => r.key === 'step.instructions');
    expect(tips?.stepId).toBe('storage-space');
    expect(tips?.text).toContain('Change Storage Plan');
    expect(lastOf(more).text).toContain(content.playbooks['storage-full'].fixedQuestion!.text);
    const end = await say(content.playbooks['storage-full'].fixedQuestion!.no);
    expect(end.find((r) => r.key === 'step.instructions')?.stepId).toBe('contact-support');
  });
});

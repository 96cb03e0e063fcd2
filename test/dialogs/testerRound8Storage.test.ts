/**
 * Tester round 8, items 7 and 12, in the testers' words, through the whole bot with the real
 * recogniser and content:
 * - item 7: "N used of N" is full wherever the storage is asked about (never "Now that there's room
 *   again"); "5gb free of 50" is nearly full, never "You said your storage is full"; "i have 2tb plan"
 *   at the storage question shows where to look instead of "didn't catch".
 * - item 12: facts volunteered at "Did that fix it?" of another step ("plenty", "ok 20gb free",
 *   "wifi at home") are kept for their question; "i have 50gb free" and "same account" in a first
 *   message count as other wordings do.
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';

const bot = useRealBot('round8-storage');
let n = 0;

function chat(): (text: string) => Promise<ReplyLine[]> {
  const send = personalChat(bot.runtime.bot, `round8-storage-${++n}`);
  return async (text) => (await send(text)).map(lineOf);
}
async function run(say: (text: string) => Promise<ReplyLine[]>, lines: string[]): Promise<ReplyLine[]> {
  let replies: ReplyLine[] = [];
  for (const line of lines) replies = await say(line);
  return replies;
}
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1];
const stepsShown = (replies: ReplyLine[]) => replies.filter((r) => r.key === 'step.instructions' || r.key === 'step.question').map((r) => r.stepId);

describe('item 7: full storage said as an amount', () => {
  it.each([['yes it says 2TB used of 2TB'], ['it says 2TB used of 2TB']])(
    'storage-full, "%s" at "Does iCloud show enough free space now?": still full, never "Now that there\'s room again"',
    async (answer) => {
      const say = chat();
      expect(lastOf(await say('windows pc says icloud storage full'))).toMatchObject({ key: 'fixed.question', stepId: 'storage' });
      const replies = await say(answer);
      expect(keys(replies)).not.toContain('playbook.wrapUp');
      expect(keys(replies)).not.toContain('answer.notUnderstood');
      expect(replies.map((r) => r.text).join('\n')).not.toMatch(/room again/);
      // The checks go on: the storage was not fixed.
      expect(stepsShown(replies).length).toBeGreaterThan(0);
    },
  );

  it('photos, "it says 2TB used of 2TB" at "Did that fix it?" after the storage step: not fixed, the next check', async () => {
    const say = chat();
    const replies = await run(say, ['photos not syncing on iphone', 'yes', 'no', "I'm not sure", 'it says 2TB used of 2TB']);
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    expect(keys(replies)).not.toContain('playbook.wrapUp');
    expect(stepsShown(replies)[0]).not.toBe('storage');
    expect(stepsShown(replies).length).toBeGreaterThan(0);
  });

  it('"5gb free of 50" at "Did that fix it?" of the account step: nearly full, noted, never "You said your storage is full"', async () => {
    const say = chat();
    const replies = await run(say, ["iCloud Drive folder on my windows 11 pc is stuck on 'sync pending'", 'yes', '5gb free of 50']);
    const noted = replies.find((r) => r.key === 'playbook.saidFirst');
    expect(noted?.text).toMatch(/nearly full/);
    expect(noted?.text).not.toMatch(/You said your storage is full/);
    expect(lastOf(replies)).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
  });

  it('"i have 2tb plan" at the storage question shows where to look, not "didn\'t catch"', async () => {
    const say = chat();
    const asked = await run(say, ['photos not syncing on iphone', 'yes', 'no']);
    expect(lastOf(asked)).toMatchObject({ key: 'step.question', stepId: 'storage' });
    const replies = await say('i have 2tb plan');
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    expect(replies.find((r) => r.key === 'step.instructions' && r.stepId === 'storage')?.text).toMatch(/storage bar|bar at the top/);
  });
});

describe('item 12: facts said at another step are kept', () => {
  it.each([
    ['plenty', 'storage'],
    ['ok 20gb free', 'storage'],
    ['wifi at home', 'network'],
  ])('"%s" at "Did that fix it?" of the account step is noted, and its question is not asked later', async (fact, later) => {
    const say = chat();
    expect(lastOf(await run(say, ['photos not syncing on iphone', 'yes']))).toMatchObject({ key: 'fixed.question', stepId: 'apple-id' });
    const replies = await say(fact);
    expect(keys(replies)).toEqual(['playbook.saidFirst', 'fixed.question']);
    // Through to the end: the step's question never comes.
    const rest: ReplyLine[] = [];
    let next = await say('no');
    for (let i = 0; i < 12 && (lastOf(next).key === 'fixed.question' || lastOf(next).key === 'step.question'); i++) {
      rest.push(...next);
      next = await say(lastOf(next).key === 'fixed.question' ? 'no' : '1');
    }
    expect(rest.some((r) => r.key === 'step.question' && r.stepId === later)).toBe(false);
  });

  it.each([
    ['my iphone 13 contacts dont sync since i updated to ios 18, i have 50gb free, same apple id on all'],
    ['calendar events i add on iphone dont show on ipad, both on ios 17, same account, storage is fine'],
  ])('first message "%s": same account and room both kept, neither question asked', async (text) => {
    const replies = await chat()(text);
    const noted = replies.filter((r) => r.key === 'playbook.saidFirst').map((r) => r.text);
    expect(noted.some((t) => /same Apple Account/.test(t))).toBe(true);
    expect(noted.some((t) => /room in your iCloud storage/.test(t))).toBe(true);
    expect(replies.some((r) => r.key === 'step.question' && r.stepId === 'apple-id')).toBe(false);
  });
});

describe('B07: a price question after the storage tips', () => {
  it('"how much is the 200gb plan" at "Did that fix it?" of the storage step gets the plans and prices, then the same question', async () => {
    const say = chat();
    const tips = await say('icloud storage full on my mac, keeps nagging');
    expect(lastOf(tips)).toMatchObject({ key: 'fixed.question', stepId: 'storage' });
    const replies = await say('how much is the 200gb plan');
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    expect(keys(replies)).not.toContain('playbook.wrapUp');
    // The storage question's own how-to (where the plans and their prices are), then "Did that fix it?" again.
    expect(replies.map((r) => r.text).join('\n')).toMatch(/plan/i);
    expect(stepsShown(replies)).not.toContain('sign-in');
    expect(lastOf(replies)).toMatchObject({ key: 'fixed.question', stepId: 'storage' });
  });
});

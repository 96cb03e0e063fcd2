/**
 * Tester round 6 (section A, item 14), in the tester's own words, through the whole bot with the
 * real recogniser and content: Photos' own status lines ("uploading 300 items", "paused") name
 * Photos (messages.yaml `synonyms.problemWords`), in a first message and at "What isn't syncing there?".
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';
const bot = useRealBot('round6-status');
let n = 0;

type Talk = (text: string) => Promise<ReplyLine[]>;

function talk(): Talk {
  const chat = personalChat(bot.runtime.bot, `round6-status-${++n}`);
  return async (text) => (await chat(text)).map(lineOf);
}

const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1];
const intro = (replies: ReplyLine[]) => replies.find((r) => r.key === 'playbook.intro')?.playbook;

describe("Photos' own status lines name Photos (item 14)", () => {
  it('"iphone says uploading 300 items for days" starts Photos on the iPhone', async () => {
    const replies = await talk()('iphone says uploading 300 items for days');
    expect(intro(replies)).toBe('photos-not-syncing');
    expect(keys(replies)).not.toContain('device.whatProblem');
    expect(keys(replies)).not.toContain('device.question');
  });

  it('"it says paused" at "What isn\'t syncing there?" is Photos', async () => {
    const say = talk();
    expect(lastOf(await say('my iphone')).key).toBe('device.whatProblem');
    const replies = await say('it says paused');
    expect(intro(replies)).toBe('photos-not-syncing');
    expect(keys(replies)).not.toContain('device.question');
  });

  it('a Drive complaint with "uploading" is still Drive', async () => {
    const replies = await talk()('my files in icloud drive are stuck uploading on my mac');
    expect(intro(replies)).toBe('drive-not-syncing');
  });
});

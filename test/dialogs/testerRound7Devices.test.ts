/**
 * Tester round 7, item 8 (B06) and item 4 (D11), in the testers' words, through the whole bot with
 * the real recogniser and content: two devices named where only one can be what's meant.
 * - "i uploaded photos on icloud.com but they dont appear on my iphone": Photos can't be put right
 *   on iCloud.com, so the checks start on the iPhone, said so; never "Which one is missing…?".
 * - "i cant log in to icloud on my android phone browser": Android and iCloud.com share the web
 *   platform (the same steps), so nobody is asked which; the sign-in question comes straight away.
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';

const bot = useRealBot('round7-devices');
let n = 0;

async function first(text: string): Promise<ReplyLine[]> {
  const chat = personalChat(bot.runtime.bot, `round7-devices-${++n}`);
  return (await chat(text)).map(lineOf);
}

describe('two devices where one is meant', () => {
  it('"i uploaded photos on icloud.com but they dont appear on my iphone" starts on the iPhone', async () => {
    const replies = await first('i uploaded photos on icloud.com but they dont appear on my iphone');
    expect(replies.some((r) => /more than one device/.test(r.text))).toBe(false);
    expect(replies[0]).toMatchObject({ key: 'device.startedWhereFixable' });
    expect(replies[0].text).toContain('iPhone');
    expect(replies.some((r) => r.key === 'step.question' && r.playbook === 'photos-not-syncing')).toBe(true);
  });

  it('"i cant log in to icloud on my android phone browser": the sign-in question, not which device', async () => {
    const replies = await first('i cant log in to icloud on my android phone browser');
    expect(replies[replies.length - 1]).toMatchObject({ key: 'step.question', stepId: 'account-access' });
    expect(replies.some((r) => /more than one device/.test(r.text))).toBe(false);
  });

  // Round 8: "photos from my iphone dont show on my mac" says the Mac is missing them (testerRound8FirstMessage); without such words both are asked about.
  it.each(['photos not syncing between my iphone and my mac', 'my iphone and my ipad have different photos'])(
    'two devices of their own where both can be fixed are still asked about: "%s"',
    async (text) => {
      const replies = await first(text);
      expect(replies.some((r) => /more than one device/.test(r.text))).toBe(true);
    },
  );
});

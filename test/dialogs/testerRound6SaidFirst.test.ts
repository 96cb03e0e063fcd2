/**
 * Tester round 6 (section A, item 6, E07), in the tester's own words, through the whole bot with the
 * real recogniser and content: "im signed in with the same apple id everywhere" in the first message
 * answers the account question, as "storage has loads of space" answers the storage one (the
 * `saidFirst` of apple-id's `same` choice).
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';

const bot = useRealBot('round6-said-first');
let n = 0;

function talk(): (text: string) => Promise<ReplyLine[]> {
  const chat = personalChat(bot.runtime.bot, `round6-said-first-${++n}`);
  return async (text) => (await chat(text)).map(lineOf);
}

const asks = (replies: ReplyLine[], stepId: string) => replies.some((r) => r.key === 'step.question' && r.stepId === stepId);

describe('the account question answered in the first message (item 6, E07)', () => {
  it('"im signed in with the same apple id everywhere" is not asked again', async () => {
    const replies = await talk()('photos not syncing on my iphone, im signed in with the same apple id everywhere and storage has loads of space');
    expect(asks(replies, 'apple-id')).toBe(false);
    expect(asks(replies, 'storage')).toBe(false);
    // Heard, and the sign-in check itself still shown (the same account can still be signed out).
    expect(replies.some((r) => r.key === 'step.instructions' && r.stepId === 'apple-id')).toBe(true);
  });

  it('"not sure if it\'s the same apple id" still asks', async () => {
    const replies = await talk()("photos not syncing on my iphone, not sure if it's the same apple id everywhere");
    expect(asks(replies, 'apple-id')).toBe(true);
  });
});

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

describe('a storage amount in the first message answers the storage question', () => {
  /** The replies up to the storage step, answering "no" to every "Did that fix it?" on the way. */
  async function toStorage(first: string): Promise<ReplyLine[]> {
    const say = talk();
    const all: ReplyLine[] = [];
    let replies = await say(first);
    all.push(...replies);
    for (let i = 0; i < 4 && !replies.some((r) => r.stepId === 'storage' || r.stepId === 'service-toggles'); i++) {
      replies = await say('no');
      all.push(...replies);
    }
    return all;
  }

  it('"icloud says 4.9 GB of 5 GB used": heard as full, and the storage step goes straight to making room', async () => {
    const replies = await toStorage('photos not syncing on my iphone, icloud says 4.9 GB of 5 GB used');
    expect(replies.some((r) => r.key === 'playbook.saidFirst' && /storage is full/.test(r.text))).toBe(true);
    expect(asks(replies, 'storage')).toBe(false);
    expect(replies.some((r) => r.key === 'step.instructions' && r.stepId === 'storage')).toBe(true);
  });

  it('"only 4 GB of 200 GB used": heard as room, and the storage check is left out', async () => {
    const replies = await toStorage('photos not syncing on my iphone, only 4 GB of 200 GB used');
    expect(replies.some((r) => r.key === 'playbook.saidFirst' && /room in your iCloud storage/.test(r.text))).toBe(true);
    expect(replies.some((r) => r.stepId === 'storage')).toBe(false);
  });

  it('a bare "2 GB left" says nothing about how full it is: the question is asked', async () => {
    const replies = await toStorage('photos not syncing on my iphone, it has 2 GB left');
    expect(asks(replies, 'storage')).toBe(true);
  });
});

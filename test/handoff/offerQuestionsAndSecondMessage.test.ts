/**
 * Questions at the hub's offer and message prompt, and a second message in one conversation,
 * through the whole bot (no agent accounts: Leave a message / Cancel):
 * - "how long does that take?" at the offer or the message prompt: an honest answer, and the offer
 *   or the prompt stays open (never the step again, never saved as the message);
 * - "what have we tried?" at the offer or the message prompt: the recap, then the same offer or
 *   prompt (the offer is not dropped, the message flow not cancelled);
 * - the recap says the status check was not done when the feed could not be read;
 * - a second message while the first is still open is added to the same ticket, with the address
 *   given before (never asked twice, never a second ticket).
 */
import { ManualClock } from '../../src/clock';
import type { StatusReport } from '../../src/status/statusFeed';
import { ALL_CLEAR, FixtureStatusFeed, NOW } from '../dialogs/helpers';
import { sayAll, useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const feed = new FixtureStatusFeed(ALL_CLEAR);
const bot = useRealBot('offerQuestions', { clock: new ManualClock(NOW), statusFeed: feed });
let n = 0;
const chat = (): LineChat => bot.lineChat(`offerQuestions-${++n}`);
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);

const toOffer = async (c: LineChat) => {
  const replies = await sayAll(c, ['my photos arent syncing on my iphone', 'talk to a person']);
  expect(keys(replies).pop()).toBe('handoff.noAccounts');
};

describe('"how long does that take?"', () => {
  it.each([['how long does that take?'], ['when will they get back to me'], ['whats the response time']])('"%s" at the offer: an honest answer with the same buttons, the offer still open', async (text) => {
    const c = chat();
    await toOffer(c);
    const replies = await c.say(text);
    expect(keys(replies)).toEqual(['handoff.offer.howLong.noAccounts']);
    expect(replies[0]!.text).toMatch(/can't promise a time/);
    expect(replies[0]!.choices).toEqual(['handoff.leaveMessage', 'handoff.cancel']);
    // Still the offer: "leave a message" picks it.
    expect(keys(await c.say('leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
  });

  it('at "Please type your message…": the answer and the prompt again; the next text is the message', async () => {
    const c = chat();
    await toOffer(c);
    await c.say('Leave a message');
    expect(keys(await c.say('how long will that take?'))).toEqual(['handoff.leaveMessage.howLong']);
    expect(keys(await c.say('photos stopped syncing on tuesday'))).toEqual(['handoff.leaveMessage.contact']);
  });

  it('a message that mentions a time is still the message', async () => {
    const c = chat();
    await toOffer(c);
    await c.say('Leave a message');
    expect(keys(await c.say('my photos have not synced for how long now, three weeks. please help'))).toEqual(['handoff.leaveMessage.contact']);
  });
});

describe('"what have we tried?" at the offer and the message prompt', () => {
  it('at the offer: the recap, then the offer again (still open)', async () => {
    const c = chat();
    await toOffer(c);
    const replies = await c.say('what have we tried so far');
    expect(keys(replies)).toEqual(['recap', 'handoff.noAccounts']);
    expect(replies[0]!.text).toContain('Photos not syncing');
    expect(keys(await c.say('Leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
  });

  it('at "Please type your message…": the recap, then the prompt again; the message flow goes on', async () => {
    const c = chat();
    await toOffer(c);
    await c.say('Leave a message');
    const replies = await c.say('what have we tried');
    expect(keys(replies)).toEqual(['recap', 'handoff.leaveMessage.promptTried']);
    expect(keys(await c.say('photos stopped on tuesday'))).toEqual(['handoff.leaveMessage.contact']);
  });

  it('the status check reads "not checked" when the feed could not be read, "done" when it was', async () => {
    const down = chat();
    feed.report = { ok: false, reason: 'timeout', detail: 'no answer in time' };
    try {
      await toOffer(down);
    } finally {
      feed.report = ALL_CLEAR;
    }
    const unreachable = (await down.say('what have we tried so far'))[0]!.text;
    expect(unreachable).toMatch(/Check Apple's system status: I couldn't reach Apple's status feed/);
    const up = chat();
    await toOffer(up);
    const read = (await up.say('what have we tried so far'))[0]!.text;
    expect(read).toMatch(/Check Apple's system status: done/);
  });
});

describe('a second message in the same conversation', () => {
  const leaveFirst = async (c: LineChat) => {
    await toOffer(c);
    await sayAll(c, ['Leave a message', 'photos stopped syncing on tuesday']);
    expect(keys(await c.say('jane@example.com'))).toEqual(['handoff.leaveMessage.saved']);
  };

  it('is added to the open ticket, with the address given before: one ticket, both messages', async () => {
    const c = chat();
    await leaveFirst(c);
    const before = (await bot.runtime.hub.tickets()).tickets.filter((t) => t.conversationId === c.id);
    expect(before).toHaveLength(1);
    await c.say('ok');
    await c.say('talk to a person');
    const prompt = await c.say('Leave a message');
    expect(keys(prompt)).toEqual(['handoff.leaveMessage.promptAdd']);
    expect(prompt[0]!.text).toContain(before[0]!.id);
    const added = await c.say('my contacts are missing too');
    expect(keys(added)).toEqual(['handoff.leaveMessage.addedKnown']);
    expect(added[0]!.text).toContain('jane@example.com');
    const after = (await bot.runtime.hub.tickets()).tickets.filter((t) => t.conversationId === c.id);
    expect(after).toHaveLength(1);
    expect(after[0]!.message).toContain('photos stopped syncing on tuesday');
    expect(after[0]!.message).toContain('my contacts are missing too');
    expect(after[0]!.message).toMatch(/Added later/);
  });

  it('the address can be changed right after, on the same ticket', async () => {
    const c = chat();
    await leaveFirst(c);
    await sayAll(c, ['ok', 'talk to a person', 'Leave a message', 'my contacts are missing too']);
    expect(keys(await c.say('use +44 20 7946 0000 instead'))).toEqual(['handoff.leaveMessage.contactChanged']);
    const tickets = (await bot.runtime.hub.tickets()).tickets.filter((t) => t.conversationId === c.id);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.contact).toContain('7946');
  });
});

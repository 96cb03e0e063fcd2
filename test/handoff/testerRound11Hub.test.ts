/**
 * Tester round 11 at the agent hub's prompts, in the testers' words, through the whole bot:
 * - "nope still broken" right after declining a person is the problem said again, not a goodbye;
 * - "ok leave msg" at the offer picks Leave a message (the words are never the message).
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW } from '../dialogs/helpers';
import { sayAll, useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const bot = useRealBot('round11hub', { clock: new ManualClock(NOW), statusFeed: new FixtureStatusFeed(ALL_CLEAR) });
let n = 0;
const chat = (): LineChat => bot.lineChat(`round11hub-${++n}`);
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);

describe('after a person was declined', () => {
  it.each([['nope still broken'], ['still not working']])('"%s" is no goodbye: what isn\'t syncing', async (text) => {
    const c = chat();
    await sayAll(c, ['talk to a person', 'Cancel']);
    const replies = await c.say(text);
    expect(keys(replies)).not.toContain('handoff.offer.goodbye');
    expect(replies.length).toBeGreaterThan(0);
  });

  it('"no thanks, bye" there is still the goodbye', async () => {
    const c = chat();
    await sayAll(c, ['talk to a person', 'Cancel']);
    expect(keys(await c.say('no thanks, bye'))).toContain('handoff.offer.goodbye');
  });
});

describe('leave a message in short', () => {
  it.each([['ok leave msg'], ['leave a msg']])('"%s" picks Leave a message, and is not kept as the message', async (text) => {
    const c = chat();
    await c.say('talk to a human');
    const replies = await c.say(text);
    expect(keys(replies)).toContain('handoff.leaveMessage.prompt');
    expect(keys(replies)).not.toContain('handoff.offer.asMessage');
  });
});

describe('at "How can we reach you?" (round 11, C6)', () => {
  const toContact = async (c: LineChat) => {
    const replies = await sayAll(c, ['contacts not syncing on my iphone', 'Yes, the same account', 'Talk to a person', 'Leave a message', 'My contacts stopped syncing between iphone and mac']);
    expect(keys(replies).pop()).toBe('handoff.leaveMessage.contact');
  };

  it('"what have we tried so far?" keeps the message: the checks go with it, the question again; the address then saves it', async () => {
    const c = chat();
    await toContact(c);
    expect(keys(await c.say('what have we tried so far?'))).toEqual(['recap', 'handoff.leaveMessage.contactTried']);
    expect(keys(await c.say('jane@example.com'))).toContain('handoff.leaveMessage.saved');
  });

  it('"go back" is the message prompt again, not the end of the message', async () => {
    const c = chat();
    await toContact(c);
    expect(keys(await c.say('go back'))).toEqual(['handoff.leaveMessage.prompt']);
  });
});

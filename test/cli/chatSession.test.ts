import { ChatSession, CLI_CONVERSATION_ID } from '../../src/cli/chatSession';
import { buttonBot, type Received } from './fakeBots';

describe('ChatSession', () => {
  let received: Received[];
  let session: ChatSession;
  let bot: ReturnType<typeof buttonBot>;

  beforeEach(() => {
    received = [];
    bot = buttonBot(received);
    session = new ChatSession(bot);
  });

  it('starts with a conversationUpdate on the webchat channel and a fixed conversation', async () => {
    const result = await session.start();
    expect(received[0]).toMatchObject({ type: 'conversationUpdate', channelId: 'webchat', conversationId: CLI_CONVERSATION_ID });
    expect(result.replies.map((r) => r.text)).toEqual(['welcome']);
    expect(result.sent?.membersAdded?.map((m) => m.id)).toContain('cli-user');
  });

  it('uses the channel it is given', async () => {
    session = new ChatSession(bot, { channelId: 'msteams' });
    await session.say('hello');
    expect(received[0].channelId).toBe('msteams');
  });

  it('collects every reply of a turn and numbers buttons across them', async () => {
    const { replies } = await session.say('hello');
    expect(replies.map((r) => r.type)).toEqual(['typing', 'delay', 'message', 'message', 'event']);
    expect(session.currentButtons.map((b) => b.title)).toEqual(['iPhone', 'Mac', 'Apple status', 'Yes, fixed', 'Still broken', 'Talk to a person']);
  });

  it('answers an imBack button by number with its value as text', async () => {
    await session.say('hello');
    await session.say('1');
    expect(received[1]).toMatchObject({ type: 'message', text: 'my iphone' });
    expect(received[1].value).toBeUndefined();
  });

  it('answers a button by title, case-insensitively', async () => {
    await session.say('hello');
    await session.say('  talk TO a person ');
    expect(received[1].text).toBe('agent please');
  });

  it('sends Adaptive Card Action.Submit data as the value, with the title as text', async () => {
    await session.say('hello');
    await session.say('5');
    expect(received[1]).toMatchObject({ type: 'message', text: 'Still broken', value: { answer: 'no' } });
    await session.say('yes, fixed');
    expect(received[2]).toMatchObject({ text: 'Yes, fixed', value: { answer: 'yes' } });
  });

  it('sends a postBack object value as the value', async () => {
    await session.say('hello');
    await session.say('mac');
    expect(received[1]).toMatchObject({ text: 'Mac', value: { device: 'mac' } });
  });

  it('does not send link buttons; it shows their address', async () => {
    await session.say('hello');
    const result = await session.say('3');
    expect(result.sent).toBeNull();
    expect(result.note).toContain('https://www.apple.com/support/systemstatus/');
    expect(received).toHaveLength(1);
  });

  it('sends numbers as text when out of range or when the last turn had no buttons', async () => {
    await session.say('hello');
    await session.say('42');
    expect(received[1].text).toBe('42');
    await session.say('nothing'); // a turn without replies clears the buttons
    expect(session.currentButtons).toEqual([]);
    await session.say('1');
    expect(received[3].text).toBe('1');
  });

  it('routes turn errors to the bot onTurnError', async () => {
    const { replies } = await session.say('boom');
    expect(bot.errors).toHaveLength(1);
    expect(replies.map((r) => r.text)).toEqual(['sorry, that went wrong']);
  });
});

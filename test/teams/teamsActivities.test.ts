import type { Activity } from 'botbuilder';
import { isCardSubmit, mentionsBot, teamsScope, textWithoutBotMention, threadConversationId, threadRootId } from '../../src/teams/teamsActivities';
import { BOT, CHANNEL_ID, channelPost, groupMessage } from './teamsHarness';

describe('teamsScope', () => {
  it.each([
    [{ conversationType: 'personal' }, 'personal'],
    [{ conversationType: 'channel', isGroup: true }, 'channel'],
    [{ conversationType: 'groupChat', isGroup: true }, 'groupChat'],
    [{ isGroup: true }, 'groupChat'],
    [{}, 'personal'],
    [undefined, 'personal'],
  ])('%j is %s', (conversation, scope) => {
    expect(teamsScope(conversation as Activity['conversation'] | undefined)).toBe(scope);
  });
});

describe('mentions', () => {
  it('only a mention of the bot (the recipient) counts', () => {
    const other: Partial<Activity> = {
      ...groupMessage('<at>Sam</at> can you look?', false),
      entities: [{ type: 'mention', mentioned: { id: '29:sam', name: 'Sam' }, text: '<at>Sam</at>' }],
    };
    expect(mentionsBot(other)).toBe(false);
    expect(mentionsBot(channelPost('hi', { mention: true }))).toBe(true);
    expect(mentionsBot({ ...channelPost('hi', { mention: true }), recipient: undefined })).toBe(false);
  });

  it('removes every mention of the bot, keeps other people’s, and tidies spaces', () => {
    const a: Partial<Activity> = {
      recipient: BOT,
      text: `<at>${BOT.name}</at>&nbsp;my photos\u00a0 and <at>Sam</at>  won't sync <at>${BOT.name}</at>`,
      entities: [
        { type: 'mention', mentioned: { id: BOT.id, name: BOT.name }, text: `<at>${BOT.name}</at>` },
        { type: 'mention', mentioned: { id: '29:sam', name: 'Sam' }, text: '<at>Sam</at>' },
      ],
    };
    expect(textWithoutBotMention(a)).toBe("my photos and <at>Sam</at> won't sync");
  });

  it('uses the mentioned name when the entity has no text, and treats regex characters literally', () => {
    const name = 'Resync (beta) *';
    const a: Partial<Activity> = {
      recipient: { id: 'b', name },
      text: `<at>${name}</at> help`,
      entities: [{ type: 'mention', mentioned: { id: 'b', name } }],
    };
    expect(textWithoutBotMention(a)).toBe('help');
  });

  it('a mention alone leaves nothing', () => {
    expect(textWithoutBotMention(channelPost('', { mention: true }))).toBe('');
  });
});

describe('card submits', () => {
  it('a message with a value is a submit; null or absent values are not', () => {
    expect(isCardSubmit({ type: 'message', value: { resyncChoice: 'x' } })).toBe(true);
    expect(isCardSubmit({ type: 'message', value: null })).toBe(false);
    expect(isCardSubmit({ type: 'message', text: 'x' })).toBe(false);
    expect(isCardSubmit({ type: 'invoke', value: {} })).toBe(false);
  });
});

describe('threads', () => {
  it('keeps a thread id, or makes one from the root post', () => {
    const reply = channelPost('x', { root: '42' });
    expect(threadRootId(reply)).toBe('42');
    expect(threadConversationId(reply)).toBe(`${CHANNEL_ID};messageid=42`);
    const root: Partial<Activity> = { id: '77', conversation: { id: CHANNEL_ID } as Activity['conversation'] };
    expect(threadRootId(root)).toBe('77');
    expect(threadConversationId(root)).toBe(`${CHANNEL_ID};messageid=77`);
    expect(threadConversationId({ conversation: { id: CHANNEL_ID } as Activity['conversation'] })).toBe(CHANNEL_ID);
    expect(threadConversationId({})).toBeUndefined();
  });
});

/**
 * Leave-a-message (tester report 4, new problems 12 and 14): a greeting long after the question is
 * not the message, and a message that was only a hidden code is not taken (nor thanked for).
 */
import { MESSAGE_WELCOME_BACK_MS } from '../../src/handoff/hubService';
import { hubHarness, replyKeys } from './hubHarness';

async function atMessageQuestion() {
  const h = hubHarness();
  const p = h.person('c1');
  await p.say('photos-not-syncing on my ipad');
  await p.say('human please');
  expect(replyKeys(await p.say('Leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
  return { h, p };
}

describe('leave a message after a long silence (new problem 12)', () => {
  it.each(['hello?', 'anyone there?', 'hi again', 'ok'])('"%s" hours later gets welcome back and the question; the next message is kept', async (hello) => {
    const { h, p } = await atMessageQuestion();
    h.clock.advance(MESSAGE_WELCOME_BACK_MS + 3 * 60 * 60 * 1000);
    expect(replyKeys(await p.say(hello))).toEqual(['handoff.leaveMessage.welcomeBack']);
    expect(replyKeys(await p.say('My photos stopped syncing after the update'))).toEqual(['handoff.leaveMessage.contact']);
    await p.say('jo@example.com');
    const { tickets } = await h.hub.tickets();
    expect(tickets[0].message).toBe('My photos stopped syncing after the update');
  });

  it('"hello" right after the question, or a real message hours later, is the message as before', async () => {
    const soon = await atMessageQuestion();
    expect(replyKeys(await soon.p.say('hello'))).toEqual(['handoff.leaveMessage.contact']);
    const late = await atMessageQuestion();
    late.h.clock.advance(MESSAGE_WELCOME_BACK_MS + 60_000);
    expect(replyKeys(await late.p.say('hello, my photos are missing on the ipad'))).toEqual(['handoff.leaveMessage.contact']);
  });
});

describe('a message that was only a hidden code (new problem 14)', () => {
  it('is not kept or thanked for: the code was hidden, what should be passed on?', async () => {
    const { h, p } = await atMessageQuestion();
    const replies = await p.say('483920');
    expect(replyKeys(replies)).toEqual(['handoff.leaveMessage.onlyHidden']);
    expect(replies[0].text).not.toContain('483920');
    expect(replyKeys(await p.say('Photos stopped after the update'))).toEqual(['handoff.leaveMessage.contact']);
    await p.say('jo@example.com');
    expect((await h.hub.tickets()).tickets[0].message).toBe('Photos stopped after the update');
  });
});

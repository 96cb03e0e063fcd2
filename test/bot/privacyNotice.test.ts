/**
 * Telling people not to type secrets: when the redactor hid a password or a code from what the
 * person typed, the bot says so once per conversation (before its answer), the flag lives in
 * conversation state, and the secrets are in neither the stored state nor the transcript.
 */
import { MemoryStorage, type Activity } from 'botbuilder';
import { STATE_KEYS, typedSecretHidden } from '../../src/bot/createBot';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import { personalChat, useRealBot } from '../helpers/realBot';
import { harness, keys, realContent } from '../dialogs/helpers';

const NOTICE = 'privacy.secretHidden';
const content = realContent();
const signIn = content.playbooks['sign-in-problem'];

describe('typedSecretHidden: the redactor counts decide', () => {
  it.each([
    ['got it: 483920', true],
    ['my pass is letmein2024', true],
    ['tried pw: correcthorse', true],
    ['my apple id is john.smith@gmail.com', false], // an address is hidden too, but it is no secret to warn about
    ['call me on +44 7700 900123', false],
    ['my password is wrong', false],
    ['I have 483920 photos', false],
  ])('%s → %s', (text, hidden) => {
    expect(typedSecretHidden({ type: 'message', text })).toBe(hidden);
  });

  it('looks at card input values too, and only at messages', () => {
    expect(typedSecretHidden({ type: 'message', text: '', value: { password: 'bluebird' } })).toBe(true);
    expect(typedSecretHidden({ type: 'event', text: 'got it: 483920' })).toBe(false);
  });
});

describe('the notice in a conversation (keyword recogniser)', () => {
  it('comes once, first in the turn, and the flag is kept in conversation state, not in the process', async () => {
    const storage = new MemoryStorage();
    const h1 = harness({ storage });
    const first = await h1.say(`${signIn.intent} on my iphone`);
    expect(keys(first)).not.toContain(NOTICE);

    const withCode = await h1.say('got it: 483920');
    expect(keys(withCode)[0]).toBe(NOTICE);
    expect(keys(withCode).filter((k) => k === NOTICE)).toHaveLength(1);
    expect(withCode.length).toBeGreaterThan(1); // the answer still comes after it
    expect(withCode[0].text).toBe(h1.content.messages[NOTICE]);

    const state = await storage.read([`test/conversations/conv-1/`]);
    expect(JSON.stringify(state)).toContain(`"${STATE_KEYS.privacyNotice}":true`);

    // A fresh bot on the same storage (another process) does not say it again in this conversation.
    const h2 = harness({ storage });
    expect(keys(await h2.say('my pass is letmein2024'))).not.toContain(NOTICE);
    expect(keys(await h2.say('pw bluebird'))).not.toContain(NOTICE);

    // Another conversation of the same person is told again.
    const h3 = harness({ storage, conversationId: 'conv-2' });
    expect(keys(await h3.say('tried pw: correcthorse'))[0]).toBe(NOTICE);
  });

  it('is not said for ordinary messages or for an email address alone', async () => {
    const h = harness();
    for (const text of [`${signIn.intent} on my mac`, 'my password is wrong', 'my apple id is john.smith@gmail.com', 'I have 483920 photos']) {
      expect(keys(await h.say(text))).not.toContain(NOTICE);
    }
  });
});

describe('the whole bot at sign-in: what the tester found', () => {
  const bot = useRealBot('privacy-notice');
  const SECRETS = ['483920', 'bluebird', 'correcthorse', 'letmein2024', 'john.smith@gmail.com'];

  it('hides every secret from state and transcript and tells the person once', async () => {
    const { runtime } = bot;
    const id = 'privacy-sign-in';
    const say = personalChat(runtime.bot, id, runtime.transcriptLogger);
    const keyOf = (a: Partial<Activity>) => (a.channelData as { resync?: ResyncChannelData } | undefined)?.resync?.messageKey;

    const replies: Array<Array<Partial<Activity>>> = [];
    for (const text of [
      "I can't sign in to iCloud on my iPhone",
      'ok got it now: 483920',
      'got it: 483920',
      'my apple id is john.smith@gmail.com and password bluebird',
      'tried pw: correcthorse',
      'my pass is letmein2024',
    ]) {
      replies.push(await say(text));
    }
    const noticeTurns = replies.map((turn) => turn.filter((a) => keyOf(a) === NOTICE).length);
    expect(noticeTurns).toEqual([0, 1, 0, 0, 0, 0]);
    expect(keyOf(replies[1][0])).toBe(NOTICE);
    // The sign-in playbook is what the person was taken into.
    expect(replies[0].some((a) => (a.channelData as { resync?: ResyncChannelData }).resync?.playbook === signIn.id)).toBe(true);

    await runtime.transcriptLogger.flush();
    const transcript = await runtime.transcripts.getTranscriptActivities('test', id);
    const stored = JSON.stringify(transcript.items);
    expect(stored).toContain('[redacted code]');
    expect(stored).toContain('[redacted password]');
    const state = JSON.stringify(await runtime.storage.read([`test/conversations/${id}/`, `handoff/conversation/${id}`, `test/users/user-${id}/`]));
    expect(state).toContain(STATE_KEYS.privacyNotice);
    for (const secret of SECRETS) {
      expect(stored).not.toContain(secret);
      expect(state).not.toContain(secret);
    }
  }, 60_000);
});

/**
 * The person's message is redacted once per turn: the bot's hidden-secret check and the
 * transcript logger share one redaction (src/privacy/turnRedaction.ts). Counted with a spy on the
 * redactor, through the whole runtime with the transcript middleware, as the server wires it.
 */
import type { Activity } from 'botbuilder';
import * as redactModule from '../../src/privacy/redact';
import { personalChat, useRealBot } from '../helpers/realBot';

const TYPICAL = [
  "Photos aren't syncing on my iPhone",
  'got it: 483920',
  'my apple id is john.smith@gmail.com and password bluebird',
  'yes',
  'I have 2,000 photos on iOS 18.2 and 50 GB free',
];

describe('one redaction of the incoming message per turn', () => {
  const bot = useRealBot('redact-once');
  afterEach(() => jest.restoreAllMocks());

  it('the hidden-secret check and the transcript logger share it, and the transcript is what a redaction of the message gives', async () => {
    const { runtime } = bot;
    const id = 'redact-once';
    const say = personalChat(runtime.bot, id, runtime.transcriptLogger);
    const spy = jest.spyOn(redactModule, 'redactActivityWithReport');

    const perTurn: number[] = [];
    for (const text of TYPICAL) {
      spy.mockClear();
      await say(text);
      await runtime.transcriptLogger.flush();
      // Calls about the person's message (the bot's replies are redacted by the logger as well, once each).
      perTurn.push(spy.mock.calls.filter(([activity]) => (activity as Partial<Activity>).text === text).length);
    }
    expect(perTurn).toEqual(TYPICAL.map(() => 1));

    spy.mockRestore();
    const stored = (await runtime.transcripts.getTranscriptActivities('test', id)).items.filter((a) => a.from?.role === 'user');
    expect(stored.map((a) => a.text)).toEqual(TYPICAL.map((text) => redactModule.redactText(text).text));
  }, 60_000);
});

/**
 * The turn's one redaction (src/privacy/turnRedaction.ts): kept on turnState, handed to the
 * transcript logger only when its copy holds exactly the content redacted, and then giving the
 * same redacted copy a redaction of its own would give.
 */
import { TestAdapter, TranscriptLoggerMiddleware, TurnContext, type Activity, type TranscriptLogger } from 'botbuilder';
import * as redactModule from '../../src/privacy/redact';
import { TURN_REDACTION, redactTurn, redactedLikeTurn, turnRedaction } from '../../src/privacy/turnRedaction';
import { RedactingTranscriptLogger } from '../../src/transcript/redactingTranscriptLogger';
import { createMemoryTranscriptStore } from '../../src/transcript/memoryTranscriptStore';

const user = () => ({ id: 'u1', name: 'User', role: 'user' });

/** Incoming activities as channels send them: plain text, card inputs, attachments, channel data. */
const INCOMING: Array<Partial<Activity>> = [
  { type: 'message', text: 'got it: 483920' },
  { type: 'message', text: 'my apple id is john.smith@gmail.com and password bluebird', channelData: { clientActivityID: '1712345678901abcDEF9x' } },
  { type: 'message', text: '', value: { password: 'bluebird', choice: 'sunshine77', code: '483920' } },
  { type: 'message', text: 'sunshine77', value: { resyncChoice: 'sunshine77' }, attachments: [{ contentType: 'text/plain', content: 'the code is 482 913' }] },
  { type: 'message', text: 'I have 2,000 photos on iOS 18.2', speak: 'call me on +44 7700 900123', summary: 'card 4111 1111 1111 1111' },
  { type: 'conversationUpdate', membersAdded: [{ id: 'u1', name: 'User' }] },
];

function contextFor(activity: Partial<Activity>): TurnContext {
  return new TurnContext(new TestAdapter(async () => undefined), { ...activity, from: user(), conversation: { id: 'c1' } as Activity['conversation'], channelId: 'test' } as Activity);
}

describe('redactTurn / turnRedaction', () => {
  afterEach(() => jest.restoreAllMocks());

  it('redacts once per turn and keeps the result on turnState', () => {
    const spy = jest.spyOn(redactModule, 'redactActivityWithReport');
    const context = contextFor({ type: 'message', text: 'got it: 483920' });
    expect(turnRedaction(context)).toBeUndefined();
    const first = redactTurn(context);
    expect(redactTurn(context)).toBe(first);
    expect(turnRedaction(context)).toBe(first);
    expect(context.turnState.get(TURN_REDACTION)).toBe(first);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(first.activity.text).toBe('got it: [redacted code]');
    expect(first.byField.text).toEqual([{ kind: 'code', count: 1 }]);
  });

  it.each(INCOMING.map((a) => [JSON.stringify(a).slice(0, 60), a] as const))('the logger copy of %s is what a redaction of its own gives', (_name, activity) => {
    const context = contextFor(activity);
    redactTurn(context);
    // What TranscriptLoggerMiddleware hands the logger: a shallow copy, with a timestamp set.
    const copy = { ...context.activity, timestamp: new Date('2026-03-10T13:05:00Z'), id: 'in-1' } as Activity;
    const expected = redactModule.redactActivityWithReport(copy);
    const handed = redactedLikeTurn(copy);
    expect(handed).toBeDefined();
    expect(handed!.activity).toEqual(expected.activity);
    expect(handed!.secrets).toEqual(expected.secrets);
    // Used up: a second look finds nothing.
    expect(redactedLikeTurn(copy)).toBeUndefined();
  });

  it('is not handed over when the copy holds other content (the Teams layer took the @mention out after the copy was made)', () => {
    const context = contextFor({ type: 'message', text: '<at>Resync</at> got it: 483920' });
    const copy = { ...context.activity } as Activity;
    context.activity.text = 'got it: 483920';
    redactTurn(context);
    expect(redactedLikeTurn(copy)).toBeUndefined();
  });

  it('is not handed over for a nested change after the redaction, nor for an activity of another author', () => {
    const context = contextFor({ type: 'message', text: '', value: { note: 'hello' } });
    redactTurn(context);
    (context.activity.value as Record<string, string>).note = 'got it: 483920';
    expect(redactedLikeTurn({ ...context.activity })).toBeUndefined();

    const other = contextFor({ type: 'message', text: 'got it: 483920' });
    redactTurn(other);
    expect(redactedLikeTurn({ ...other.activity, from: user() })).toBeUndefined();
  });
});

describe('RedactingTranscriptLogger, with and without a turn redaction', () => {
  afterEach(() => jest.restoreAllMocks());

  async function run(bot: (context: TurnContext) => Promise<void>, texts: string[]): Promise<{ calls: number[]; stored: Array<Partial<Activity>> }> {
    const store = createMemoryTranscriptStore();
    const logger = new RedactingTranscriptLogger(store as TranscriptLogger);
    const adapter = new TestAdapter(bot);
    adapter.use(new TranscriptLoggerMiddleware(logger));
    const spy = jest.spyOn(redactModule, 'redactActivityWithReport');
    const calls: number[] = [];
    for (const text of texts) {
      spy.mockClear();
      await adapter.receiveActivity({ type: 'message', text });
      await logger.flush();
      calls.push(spy.mock.calls.filter(([a]) => (a as Partial<Activity>).text === text).length);
    }
    spy.mockRestore();
    const conversationId = adapter.conversation.conversation.id;
    const stored = (await store.getTranscriptActivities(adapter.conversation.channelId, conversationId)).items;
    return { calls, stored };
  }

  const TEXTS = ['got it: 483920', 'my pass is letmein2024', 'photos are fine'];
  const echo = async (context: TurnContext) => {
    await context.sendActivity(`You said: ${context.activity.text}`);
  };

  it('redacts by itself when no turn redaction was made (other entry points), and stores the same either way', async () => {
    const alone = await run(echo, TEXTS);
    const withTurn = await run(async (context) => {
      redactTurn(context);
      await echo(context);
    }, TEXTS);
    expect(alone.calls).toEqual([1, 1, 1]);
    expect(withTurn.calls).toEqual([1, 1, 1]);
    const strip = (items: Array<Partial<Activity>>) => items.map(({ text, type, from }) => ({ text, type, role: from?.role }));
    expect(strip(withTurn.stored)).toEqual(strip(alone.stored));
    const json = JSON.stringify(withTurn.stored);
    for (const secret of ['483920', 'letmein2024']) expect(json).not.toContain(secret);
  });
});

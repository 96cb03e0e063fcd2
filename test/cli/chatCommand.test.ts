import type { Runtime } from '../../src/app/runtime';
import { ManualClock } from '../../src/clock';
import { parseChatArgs, runChat } from '../../src/cli/chatCommand';
import { buttonBot, type Received } from './fakeBots';
import { testIo } from './cliTestIo';

function fakeRuntime(received: Received[], closed: { value: boolean }, ready = true) {
  const bot = buttonBot(received);
  return async () => ({ bot, clock: new ManualClock(), ready: async () => ready, close: async () => void (closed.value = true) }) as unknown as Runtime;
}

const ENV = { LOG_LEVEL: 'silent' };

describe('parseChatArgs', () => {
  it('defaults to memory storage, the webchat channel and text output', () => {
    expect(parseChatArgs([])).toEqual({ json: false, storage: 'memory', channelId: 'webchat' });
    expect(parseChatArgs(['--json', '--storage', 'sqlite', '--channel', 'msteams'])).toEqual({ json: true, storage: 'sqlite', channelId: 'msteams' });
  });
});

describe('runChat with a stand-in bot', () => {
  it('shows replies as text, skips typing and delay, numbers buttons, and answers by number and title', async () => {
    const received: Received[] = [];
    const closed = { value: false };
    const sleeps: number[] = [];
    const io = testIo('hello\n1\nstill BROKEN\n', ENV);
    const code = await runChat([], io, { createRuntime: fakeRuntime(received, closed), sleep: async (ms) => void sleeps.push(ms) });
    expect(code).toBe(0);
    expect(closed.value).toBe(true);
    expect(received.map((r) => r.type)).toEqual(['conversationUpdate', 'message', 'message', 'message']);
    expect(received[2]).toMatchObject({ text: 'my iphone' });
    expect(received[3]).toMatchObject({ text: 'Still broken', value: { answer: 'no' } });
    expect(sleeps).toEqual([]); // not a terminal: delays are not waited for

    const out = io.out();
    expect(out.split('\n')[0]).toBe('resync> welcome');
    expect(out).toContain('resync> got hello');
    expect(out).toMatch(/^ +\[1\] iPhone$/m);
    expect(out).toMatch(/^ +\[6\] Talk to a person$/m);
    expect(out).toContain('resync> (event: resync.handoff)');
    expect(out).not.toMatch(/typing|delay/);
  });

  it('in --json mode numbers buttons across the activities of a turn', async () => {
    const io = testIo('hello\n', ENV);
    await runChat(['--json'], io, { createRuntime: fakeRuntime([], { value: false }) });
    const records = io.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => r.type)).toEqual(['message', 'typing', 'delay', 'message', 'message', 'event']);
    expect(records[3]).toMatchObject({ text: 'got hello', step: 'check-switch', attachments: ['application/vnd.microsoft.card.hero'] });
    expect(records[3].buttons.map((b: { n: number }) => b.n)).toEqual([1, 2]); // the link (3) is not answerable
    expect(records[4].buttons.map((b: { n: number }) => b.n)).toEqual([4, 5, 6]);
    expect(records[4].suggestedActions).toEqual(['Talk to a person']);
    expect(records[5]).toMatchObject({ type: 'event', event: 'resync.handoff' });
  });

  it('on a terminal prompts "you> ", honours delays and leaves on /quit', async () => {
    const sleeps: number[] = [];
    const io = testIo('hello\n/quit\nnever sent\n', ENV);
    Object.assign(io.stdin, { isTTY: true });
    Object.assign(io.stdout, { isTTY: true, columns: 80 });
    const received: Received[] = [];
    expect(await runChat([], io, { createRuntime: fakeRuntime(received, { value: false }), sleep: async (ms) => void sleeps.push(ms) })).toBe(0);
    expect(io.out()).toContain('you> ');
    expect(sleeps).toEqual([5]);
    expect(received.map((r) => r.text)).toEqual([undefined, 'hello']);
  });

  it('exits 1 when storage does not answer', async () => {
    const io = testIo('hello\n', ENV);
    const closed = { value: false };
    expect(await runChat([], io, { createRuntime: fakeRuntime([], closed, false) })).toBe(1);
    expect(io.err()).toContain('does not answer');
    expect(closed.value).toBe(true);
  });
});

/**
 * Every message the bot sends is made fit for the channel once, in one place (the send hook of
 * createBot): the welcome, the error apology, the dialogs' texts and the agent hub's, plus the hub's
 * proactive messages. Channels that do not render Markdown (any unknown channel id) get plain text;
 * Markdown channels get the text as written; card JSON is never touched. The texts here are the real
 * ones with Markdown put in, so the test does not depend on what the content happens to contain.
 */
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { createBot } from '../../src/bot/createBot';
import type { BotDeps } from '../../src/app/types';
import { ManualClock } from '../../src/clock';
import { parseConfig } from '../../src/config/config';
import type { Content } from '../../src/content/loadContent';
import { plainText, type ResyncChannelData } from '../../src/dialogs/cards';
import { createAgentHub, type ResyncAgentHub } from '../../src/handoff/agentHub';
import type { HandoffMessages } from '../../src/handoff/handoffMessages';
import { silentLogger } from '../../src/logging/logger';
import { ALL_CLEAR, FixtureStatusFeed, KeywordRecognizer, NOW, realContent } from '../dialogs/helpers';
import { AGENT_A, RecordingMessenger, messages as realHandoffMessages } from '../handoff/hubHarness';

/** Markdown in each kind of text; `\\*` is an escaped star, which converted twice would lose its stars. */
const MD = {
  welcome: '**Welcome** to Resync. See [the guide](https://example.com/guide).',
  apology: 'Sorry, *something* went wrong. Please send `it` again.',
  greeting: 'Hello! \\*\\*Not bold\\*\\* but **bold**.',
  declined: '**OK**, no person for now. Say [talk to a person](https://example.com/person) any time.',
  noAccounts: '**Nobody** can chat right now. Leave a message?',
  agentClosed: '**{agent}** has closed the chat. Anything *else*?',
};

function content(): Content {
  const c = JSON.parse(JSON.stringify(realContent())) as Content;
  c.messages = { ...c.messages, welcome: MD.welcome, 'error.apology': MD.apology, greeting: MD.greeting };
  return c;
}

const handoffMessages: HandoffMessages = { ...realHandoffMessages, 'offer.declined': MD.declined, noAccounts: MD.noAccounts, agentClosed: MD.agentClosed };

interface Sent {
  text?: string;
  key?: string;
  activity: Partial<Activity>;
}

function bot(channelId: string, options: { agentsConfigured?: boolean } = {}) {
  const c = content();
  const storage = new MemoryStorage();
  const clock = new ManualClock(NOW);
  const feed = new FixtureStatusFeed(ALL_CLEAR);
  const messenger = new RecordingMessenger();
  const hub: ResyncAgentHub = createAgentHub({
    storage,
    clock,
    messenger,
    logger: silentLogger,
    messages: handoffMessages,
    statusFeed: feed,
    statusTimeoutMs: 100,
    random: () => 0,
    agentsConfigured: options.agentsConfigured ?? false,
  });
  const recognizer = new KeywordRecognizer(c, 'explode');
  const deps: BotDeps = { config: parseConfig({ STORAGE: 'memory', STATUS_FEED_TIMEOUT_MS: '100' }), logger: silentLogger, storage, recognizer, statusFeed: feed, clock, content: c, handoff: hub, handoffGate: hub };
  const app = createBot(deps, { random: () => 0 });
  const adapter = new TestAdapter((context) => app.run(context), {
    channelId,
    conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'User', role: 'user' },
    recipient: { id: 'bot', name: 'Resync' },
  });
  adapter.onTurnError = (context, error) => app.onTurnError(context, error);
  const send = async (activity: Partial<Activity>): Promise<Sent[]> => {
    await adapter.receiveActivity(activity);
    return adapter.activeQueue.splice(0).map((a) => ({ text: a.text, key: (a.channelData as { resync?: ResyncChannelData } | undefined)?.resync?.messageKey, activity: a }));
  };
  const say = (text: string) => send({ type: 'message', text });
  return { hub, messenger, say, send };
}

const byKey = (sent: Sent[], key: string) => sent.find((s) => s.key === key);

describe.each(['some-new-channel', 'sms'])('a channel that does not render Markdown (%s)', (channelId) => {
  it('the welcome is plain text', async () => {
    const b = bot(channelId);
    const sent = await b.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'User' }] });
    expect(byKey(sent, 'welcome')?.text).toBe('Welcome to Resync. See the guide (https://example.com/guide).');
  });

  it('the error apology is plain text', async () => {
    const b = bot(channelId);
    const sent = await b.say('explode');
    expect(byKey(sent, 'error.apology')?.text).toBe('Sorry, something went wrong. Please send it again.');
  });

  it("the hub's own text messages are plain text, its questions too", async () => {
    const b = bot(channelId);
    const offer = await b.say('talk to a person');
    const asked = byKey(offer, 'handoff.noAccounts');
    expect(asked?.text).toContain('Nobody can chat right now.');
    expect(asked?.text).not.toContain('**');
    const declined = await b.say('no');
    expect(byKey(declined, 'handoff.offer.declined')?.text).toBe('OK, no person for now. Say talk to a person (https://example.com/person) any time.');
  });

  it('a text is converted once: an escaped star stays a star', async () => {
    const b = bot(channelId);
    const sent = await b.say('hello');
    expect(byKey(sent, 'greeting')?.text).toBe('Hello! **Not bold** but bold.');
  });

  it("the hub's messages outside a turn (an agent closing the chat) are plain text", async () => {
    const b = bot(channelId, { agentsConfigured: true });
    await b.hub.agentSeen(AGENT_A);
    await b.say('talk to a person');
    await b.hub.accept('c1', AGENT_A);
    await b.hub.close('c1', AGENT_A);
    const closed = b.messenger.sent.find((s) => (s.activity.channelData as { resync?: ResyncChannelData }).resync?.messageKey === 'handoff.agentClosed');
    expect(closed?.activity.text).toBe('Alice has closed the chat. Anything else?');
  });
});

describe('channels that render Markdown', () => {
  it.each(['webchat', 'test'])('%s gets every text as written', async (channelId) => {
    const b = bot(channelId);
    const welcome = await b.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'User' }] });
    expect(byKey(welcome, 'welcome')?.text).toBe(MD.welcome);
    expect(byKey(await b.say('hello'), 'greeting')?.text).toBe(MD.greeting);
    await b.say('talk to a person');
    expect(byKey(await b.say('no'), 'handoff.offer.declined')?.text).toBe(MD.declined);
  });
});

describe('cards are left alone', () => {
  it('a question on a channel with buttons but no Markdown (slack) is built plain once, its card JSON untouched by the hook', async () => {
    const b = bot('slack');
    const offer = await b.say('talk to a person');
    const asked = byKey(offer, 'handoff.noAccounts')!;
    const card = asked.activity.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.hero');
    const content = card!.content as { text: string; buttons: { title: string; value: unknown }[] };
    expect(content.text).toBe(plainText(MD.noAccounts));
    expect(content.buttons.length).toBeGreaterThan(0);
    expect(content.buttons.every((button) => typeof button.value === 'object')).toBe(true);
  });
});

/**
 * Handoff from Microsoft Teams through the real runtime and server: Teams-shaped activities are
 * posted to /api/messages with a local capture server standing in for the Teams serviceUrl. The
 * escalation reaches the agent hub with a Teams conversation reference, and the agent's replies
 * reach the person proactively through that serviceUrl — into the same thread for a channel.
 */
import type { Activity } from 'botbuilder';
import { startCaptureServer, type CaptureServer, type CapturedRequest } from '../helpers/captureServer';
import { jsonRequest, startTestServer, type TestServer } from '../helpers/testServer';
import { testAccounts } from '../agent/consoleServer';
import { KeywordRecognizer, realContent } from '../dialogs/helpers';
import { CHANNEL_ID, channelPost, personalMessage, PERSONAL_CONVERSATION } from './teamsHarness';

const ALICE = { id: 'alice', name: 'Alice' };

describe('handoff in Teams', () => {
  let server: TestServer;
  let teams: CaptureServer;
  beforeAll(async () => {
    teams = await startCaptureServer();
    // An agent account exists, so the person is queued for a person (without one the hub offers only a message).
    server = await startTestServer({ env: { AGENT_ACCOUNTS: await testAccounts(), LOCAL_SERVICE_URLS: teams.url }, runtime: { recognizer: new KeywordRecognizer(realContent()) } });
  });
  afterAll(async () => {
    await server.dispose();
    await teams.close();
  });

  const post = async (activity: Partial<Activity>) => {
    const res = await jsonRequest(`${server.url}/api/messages`, { body: { ...activity, serviceUrl: teams.url } });
    expect(res.status).toBeLessThan(300);
  };
  /** Messages the bot sent to the Teams stand-in, with the conversation id decoded from the path. */
  const sent = (since = 0): { conversationId: string; text: string; request: CapturedRequest }[] =>
    teams.requests.slice(since).flatMap((r) => {
      const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(r.path);
      if (!m || r.method !== 'POST') return [];
      const body = r.body as { text?: string; attachments?: { content?: { body?: { text?: string }[] } }[] };
      const text = body.text ?? body.attachments?.[0]?.content?.body?.map((b) => b.text).join('\n') ?? '';
      return [{ conversationId: decodeURIComponent(m[1]), text, request: r }];
    });

  it('personal chat: escalation reaches the hub, the agent writes, the person answers, the agent closes', async () => {
    const { hub } = server.runtime;
    await hub.agentSeen(ALICE);
    await post(personalMessage('contacts-not-syncing on my iphone'));
    await post(personalMessage('get me a human'));
    const queued = await hub.queue();
    const escalation = queued.find((e) => e.conversationId === PERSONAL_CONVERSATION);
    expect(escalation).toBeDefined();
    expect(escalation!.reference).toMatchObject({ channelId: 'msteams', serviceUrl: teams.url, conversation: { id: PERSONAL_CONVERSATION } });

    const before = teams.requests.length;
    expect(await hub.accept(PERSONAL_CONVERSATION, ALICE)).toBe('accepted');
    await hub.sendFromAgent(PERSONAL_CONVERSATION, ALICE, 'Hi, I can see what you tried.');
    const proactive = sent(before);
    expect(proactive.every((p) => p.conversationId === PERSONAL_CONVERSATION)).toBe(true);
    expect(proactive.map((p) => p.text)).toContain('Alice: Hi, I can see what you tried.');
    expect(proactive.some((p) => p.text.includes('Alice'))).toBe(true);

    await post(personalMessage('thanks, it still fails'));
    expect((await hub.messagesSince(PERSONAL_CONVERSATION)).filter((m) => m.from === 'user').map((m) => m.text)).toEqual(['thanks, it still fails']);

    const beforeClose = teams.requests.length;
    await hub.close(PERSONAL_CONVERSATION, ALICE);
    expect(sent(beforeClose).some((p) => /Alice has closed the chat/.test(p.text))).toBe(true);
  });

  it('channel thread: the agent’s replies land in the thread, and the person’s @mention replies reach the agent without the mention', async () => {
    const { hub } = server.runtime;
    await hub.agentSeen(ALICE);
    const root = channelPost('contacts-not-syncing on my iphone', { mention: true });
    await post(root);
    await post(channelPost('can I talk to a person', { mention: true, root: root.id }));
    const thread = `${CHANNEL_ID};messageid=${root.id}`;
    const escalation = (await hub.queue()).find((e) => e.conversationId === thread);
    expect(escalation).toBeDefined();
    expect(escalation!.reference).toMatchObject({ channelId: 'msteams', serviceUrl: teams.url, conversation: { id: thread } });

    const before = teams.requests.length;
    expect(await hub.accept(thread, ALICE)).toBe('accepted');
    await hub.sendFromAgent(thread, ALICE, 'Which iPhone model is it?');
    const proactive = sent(before);
    expect(proactive.length).toBeGreaterThan(0);
    expect(proactive.every((p) => p.conversationId === thread)).toBe(true);
    expect(proactive.map((p) => p.text)).toContain('Alice: Which iPhone model is it?');

    // Someone chatting in the channel without mentioning the bot is not forwarded to the agent.
    await post(channelPost('unrelated chatter', { root: root.id }));
    await post(channelPost('an iPhone 15', { mention: true, root: root.id }));
    expect((await hub.messagesSince(thread)).filter((m) => m.from === 'user').map((m) => m.text)).toEqual(['an iPhone 15']);
    await hub.close(thread, ALICE);
  });
});

/**
 * The hub wired into the real runtime and server: a person on the built-in Direct Line asks for a
 * person, an agent accepts and writes, and the proactive messages reach the person's conversation;
 * the transcript the agent sees is redacted; closing gives the person back to the bot.
 */
import { DirectLineStore } from '../../src/directline/directLineStore';
import { jsonRequest, startTestServer, type TestServer } from '../helpers/testServer';
import { KeywordRecognizer, realContent } from '../dialogs/helpers';
import { testAccounts } from '../agent/consoleServer';

const ALICE = { id: 'alice', name: 'Alice' };

async function texts(server: TestServer, conversationId: string): Promise<string[]> {
  const store = new DirectLineStore({ storage: server.runtime.storage, clock: server.runtime.clock });
  const log = await store.activitiesSince(conversationId, 0);
  return log.activities
    .map((a) => a as { type?: string; text?: string; from?: { role?: string }; attachments?: { content?: { text?: string } }[] })
    .filter((a) => a.from?.role === 'bot' && a.type === 'message')
    .map((a) => String(a.text ?? a.attachments?.[0]?.content?.text ?? ''));
}

describe('handoff through the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    // An agent account exists (otherwise nobody could ever take the chat and the hub offers only a message).
    server = await startTestServer({ env: { AGENT_ACCOUNTS: await testAccounts() }, runtime: { recognizer: new KeywordRecognizer(realContent()) } });
  });
  afterAll(async () => server.dispose());

  it('queue, accept, both ways, close — over the built-in Direct Line', async () => {
    const { hub } = server.runtime;
    await hub.agentSeen(ALICE);
    const started = await jsonRequest(`${server.url}/v3/directline/tokens/generate`, { body: { user: { id: 'dl_person' } } });
    const { conversationId, token } = started.body;
    const post = (text: string) => jsonRequest(`${server.url}/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text, from: { id: 'dl_person' } } });

    expect((await post('my password is Hunter2!x and photos-not-syncing on my iphone')).status).toBe(200);
    expect((await post('get me a human')).status).toBe(200);
    expect((await hub.queue()).map((e) => e.conversationId)).toEqual([conversationId]);

    expect(await hub.accept(conversationId, ALICE)).toBe('accepted');
    await hub.sendFromAgent(conversationId, ALICE, 'Hi, I can see what you tried.');
    expect((await post('thanks!')).status).toBe(200);
    expect((await hub.messagesSince(conversationId)).filter((m) => m.from === 'user').map((m) => m.text)).toEqual(['thanks!']);

    await server.runtime.transcriptLogger.flush();
    const transcript = await hub.transcript(conversationId);
    expect(transcript.some((a) => a.text === 'get me a human')).toBe(true);
    expect(JSON.stringify(transcript)).not.toContain('Hunter2');

    await hub.close(conversationId, ALICE);
    const said = await texts(server, conversationId);
    expect(said.some((t) => t.includes("You're now talking to Alice"))).toBe(true);
    expect(said).toContain('Alice: Hi, I can see what you tried.');
    expect(said.some((t) => /Alice has closed the chat/.test(t))).toBe(true);

    // The bot answers again.
    const before = said.length;
    await post('hello');
    expect((await texts(server, conversationId)).length).toBeGreaterThan(before);
  });
});

import type { ConversationReference } from 'botbuilder';
import { AdapterMessenger } from '../../src/agent/adapterMessenger';
import { DirectLineStore } from '../../src/directline/directLineStore';
import { jsonRequest, startTestServer } from '../helpers/testServer';

describe('AdapterMessenger', () => {
  test('sends through the server adapter into a built-in Direct Line conversation', async () => {
    const server = await startTestServer();
    try {
      const { conversationId, token } = (await jsonRequest(`${server.url}/v3/directline/tokens/generate`, { body: { user: { id: 'dl_person' } } })).body;
      const key = await new DirectLineStore({ storage: server.runtime.storage, clock: server.runtime.clock }).connectorKey();
      const reference: Partial<ConversationReference> = {
        channelId: 'directline',
        serviceUrl: `${server.url}/connector/${key}`,
        conversation: { id: conversationId, isGroup: false, conversationType: '', name: '' },
        bot: { id: 'resync-bot', name: 'Resync' },
        user: { id: 'dl_person', name: '' },
      };
      const messenger = new AdapterMessenger();
      expect(messenger.attached).toBe(false);
      await expect(messenger.send(reference, { type: 'message', text: 'too early' })).rejects.toThrow(/no adapter attached/);
      messenger.attach(server.app.adapter, undefined);
      await messenger.send(reference, { type: 'message', text: 'Alice Smith: hello from the console' });
      const activities = (await jsonRequest(`${server.url}/v3/directline/conversations/${conversationId}/activities?watermark=0`, { token })).body.activities as { text?: string }[];
      expect(activities.map((a) => a.text)).toContain('Alice Smith: hello from the console');
    } finally {
      await server.dispose();
    }
  });

  test('passes the app id and the reference to continueConversationAsync', async () => {
    const calls: unknown[] = [];
    const sent: unknown[] = [];
    const messenger = new AdapterMessenger({
      continueConversationAsync: async (appId, reference, logic) => {
        calls.push([appId, reference.conversation?.id]);
        await logic({ sendActivity: async (a: unknown) => sent.push(a) } as never);
      },
    }, '00000000-0000-0000-0000-000000000001');
    await messenger.send({ conversation: { id: 'teams-1' } as never, serviceUrl: 'https://smba.example/' }, { type: 'message', text: 'hi' });
    expect(calls).toEqual([['00000000-0000-0000-0000-000000000001', 'teams-1']]);
    expect(sent).toEqual([{ type: 'message', text: 'hi' }]);
  });
});

import type { ConversationReference } from 'botbuilder';
import { DirectLineStore } from '../../src/directline/directLineStore';
import { jsonRequest, startTestServer } from '../helpers/testServer';

describe('proactive messages to the built-in Direct Line', () => {
  it('reach the conversation through the adapter and the connector, also after a restart', async () => {
    const first = await startTestServer();
    const port = Number(new URL(first.url).port);
    let second: Awaited<ReturnType<typeof startTestServer>> | undefined;
    try {
      const { conversationId, token } = (await jsonRequest(`${first.url}/v3/directline/tokens/generate`, { body: { user: { id: 'dl_p' } } })).body;
      const key = await new DirectLineStore({ storage: first.runtime.storage, clock: first.runtime.clock }).connectorKey();
      // What a bot stores from an incoming activity (TurnContext.getConversationReference).
      const reference: Partial<ConversationReference> = {
        channelId: 'directline',
        serviceUrl: `${first.url}/connector/${key}`,
        conversation: { id: conversationId, isGroup: false, conversationType: '', name: '' },
        bot: { id: 'resync-bot', name: 'Resync' },
        user: { id: 'dl_p', name: '' },
      };
      await first.app.adapter.continueConversationAsync('', reference, async (context) => {
        await context.sendActivity('An agent has joined.');
      });
      const texts = async (url: string) =>
        ((await jsonRequest(`${url}/v3/directline/conversations/${conversationId}/activities?watermark=0`, { token })).body.activities as any[]).map((a) => a.text);
      expect(await texts(first.url)).toContain('An agent has joined.');
      // botbuilder makes the message reply to its invented continuation activity; that id names
      // nothing in the log, so it is dropped (Web Chat would otherwise hold the message back).
      const log = (await jsonRequest(`${first.url}/v3/directline/conversations/${conversationId}/activities?watermark=0`, { token })).body.activities as any[];
      expect(log.find((a) => a.text === 'An agent has joined.').replyToId).toBeUndefined();

      // Same host and port after a restart: the stored reference still works.
      const dataDir = first.dataDir;
      await first.stop();
      second = await startTestServer({ dataDir, port });
      await second.app.adapter.continueConversationAsync('', reference, async (context) => {
        await context.sendActivity('Still here after the restart.');
      });
      expect(await texts(second.url)).toEqual(expect.arrayContaining(['An agent has joined.', 'Still here after the restart.']));
    } finally {
      await second?.stop();
      await first.dispose();
    }
  });
});

import { ActivityHandler } from 'botbuilder';
import type { Runtime } from '../../src/app/runtime';
import { DirectLineStore } from '../../src/directline/directLineStore';
import { startCaptureServer } from '../helpers/captureServer';
import { jsonRequest, startTestServer } from '../helpers/testServer';

/** A bot whose turns wait until the test releases them. */
function slowBot() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const handler = new ActivityHandler();
  handler.onMessage(async (context, next) => {
    await gate;
    await context.sendActivity('done waiting');
    await next();
  });
  const patch = (runtime: Runtime): Runtime => ({ ...runtime, bot: { run: (c) => handler.run(c), onTurnError: runtime.bot.onTurnError } });
  return { patch, release };
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('graceful shutdown (in process)', () => {
  it('stops taking requests, waits for the turn in flight, then closes', async () => {
    const bot = slowBot();
    const capture = await startCaptureServer();
    const server = await startTestServer({ env: { LOCAL_SERVICE_URLS: capture.url }, patchRuntime: bot.patch });
    try {
      const turn = jsonRequest(`${server.url}/api/messages`, {
        body: { type: 'message', text: 'slow', channelId: 'test', serviceUrl: capture.url, from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'conv-slow' } },
      });
      await until(() => server.app.inFlightTurns() === 1);

      let closed = false;
      const shutdown = server.app.shutdown(5000).then((drained) => {
        closed = true;
        return drained;
      });
      const refused = await jsonRequest(`${server.url}/api/messages`, { body: { type: 'message' } });
      expect(refused.status).toBe(503);
      expect((await jsonRequest(`${server.url}/readyz`)).status).toBe(503);
      expect(closed).toBe(false);

      bot.release();
      expect((await turn).status).toBe(200);
      expect(await shutdown).toBe(true);
      expect(server.app.inFlightTurns()).toBe(0);
      expect(capture.requests).toHaveLength(1);
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      bot.release();
      await server.dispose();
      await capture.close();
    }
  });

  it('lets a draining turn still deliver its reply through the built-in connector', async () => {
    const bot = slowBot();
    const server = await startTestServer({ patchRuntime: bot.patch });
    try {
      const started = await jsonRequest(`${server.url}/v3/directline/tokens/generate`, { body: { user: { id: 'dl_u' } } });
      const { conversationId, token } = started.body;
      const post = jsonRequest(`${server.url}/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: 'slow' } });
      await until(() => server.app.inFlightTurns() === 1);
      const shutdown = server.app.shutdown(5000);
      bot.release();
      expect((await post).status).toBe(200);
      expect(await shutdown).toBe(true);
      const store = new DirectLineStore({ storage: server.runtime.storage, clock: server.runtime.clock });
      const log = await store.activitiesSince(conversationId, 0);
      expect(log.activities.some((a) => a.text === 'done waiting' && (a.from as { role: string }).role === 'bot')).toBe(true);
    } finally {
      bot.release();
      await server.dispose();
    }
  });

  it('gives up waiting after the timeout and reports it', async () => {
    const bot = slowBot();
    const capture = await startCaptureServer();
    const server = await startTestServer({ env: { LOCAL_SERVICE_URLS: capture.url }, patchRuntime: bot.patch });
    try {
      const turn = jsonRequest(`${server.url}/api/messages`, {
        body: { type: 'message', text: 'slow', channelId: 'test', serviceUrl: capture.url, from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } },
      }).catch(() => undefined);
      await until(() => server.app.inFlightTurns() === 1);
      expect(await server.app.shutdown(200)).toBe(false);
      bot.release();
      await turn;
    } finally {
      bot.release();
      await server.dispose();
      await capture.close();
    }
  });
});

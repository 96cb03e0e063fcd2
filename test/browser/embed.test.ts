import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromiumContext } from '../helpers/chromium';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Another site (a second loopback origin) embeds Resync with <script src=".../embed.js">: the
 * launcher opens the chat page in a frame, and a person chats through it. A site that is not in
 * EMBED_ORIGINS gets no chat (the browser refuses the frame).
 */
const SENDBOX = '[data-id="webchat-sendbox-input"]';
const BOT_BUBBLES = '.webchat__bubble:not(.webchat__bubble--from-user)';

jest.setTimeout(120_000);

function startHostSite(resyncUrl: () => string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html><head><title>Example shop</title></head><body><h1>Example shop help</h1>
<script src="${resyncUrl()}/embed.js" defer></script></body></html>`);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((done) => server.close(() => done())) });
    }),
  );
}

async function chatFrame(page: Page, resyncUrl: string): Promise<Frame | undefined> {
  await page.locator('#resync-launcher').click();
  await page.locator('#resync-panel').waitFor({ state: 'visible' });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().startsWith(resyncUrl));
    if (frame && (await frame.locator(SENDBOX).count()) > 0) return frame;
    await page.waitForTimeout(200);
  }
  return undefined;
}

describe('embedding Resync in another site (Chromium)', () => {
  let resync: TestServer;
  let allowed: { origin: string; close(): Promise<void> };
  let other: { origin: string; close(): Promise<void> };
  let profile: string;
  let context: BrowserContext;

  beforeAll(async () => {
    let resyncUrl = '';
    allowed = await startHostSite(() => resyncUrl);
    other = await startHostSite(() => resyncUrl);
    resync = await startTestServer({ env: { EMBED_ORIGINS: allowed.origin } });
    resyncUrl = resync.url;
    profile = mkdtempSync(path.join(os.tmpdir(), 'resync-embed-profile-'));
    context = await launchChromiumContext(profile, { width: 1000, height: 800 });
  });

  afterAll(async () => {
    await context?.close();
    await resync?.dispose();
    await allowed?.close();
    await other?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('a listed site opens the chat from the launcher and the person gets answers', async () => {
    const page = await context.newPage();
    await page.goto(`${allowed.origin}/`);
    const frame = await chatFrame(page, resync.url);
    expect(frame).toBeDefined();
    const before = await frame!.locator(BOT_BUBBLES).count();
    await frame!.locator(SENDBOX).fill('hi');
    await frame!.locator(SENDBOX).press('Enter');
    await frame!.waitForFunction(([sel, n]) => document.querySelectorAll(sel as string).length > (n as number), [BOT_BUBBLES, before] as const, { timeout: 20_000 });
    expect((await frame!.locator(BOT_BUBBLES).last().innerText()).trim().length).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/resync-embed.png' });
    await page.close();
  });

  it('a site that is not listed gets no chat: the browser refuses the frame', async () => {
    const page = await context.newPage();
    await page.goto(`${other.origin}/`);
    const frame = await chatFrame(page, resync.url);
    expect(frame).toBeUndefined();
    await page.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromiumContext } from '../helpers/chromium';
import { DirectLineStore } from '../../src/directline/directLineStore';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Drives the real page in Debian's Chromium: Web Chat from node_modules, the built-in Direct Line
 * (polling) and the bot over the Bot Framework HTTP path, with SQLite state in a temp dir.
 * Needs /usr/bin/chromium (scripts/install-chromium.sh) or CHROMIUM_PATH.
 */
const SCREENSHOT = '/tmp/resync-webchat.png';

const SENDBOX = '[data-id="webchat-sendbox-input"]';
const BOT_BUBBLES = '.webchat__bubble:not(.webchat__bubble--from-user)';
const USER_BUBBLES = '.webchat__bubble.webchat__bubble--from-user';

jest.setTimeout(120_000);

describe('web chat page in Chromium', () => {
  let server: TestServer;
  let dataDir: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'resync-browser-data-'));
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'resync-browser-profile-'));
    server = await startTestServer({ dataDir });
    context = await launchChromiumContext(userDataDir, { width: 900, height: 760 });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  });

  async function send(text: string): Promise<void> {
    const botsBefore = await page.locator(BOT_BUBBLES).count();
    await page.locator(SENDBOX).fill(text);
    await page.locator(SENDBOX).press('Enter');
    await page.locator(USER_BUBBLES, { hasText: text }).last().waitFor();
    // A new bot message arrives after ours.
    await page.waitForFunction(
      ([selector, before]) => document.querySelectorAll(selector as string).length > (before as number),
      [BOT_BUBBLES, botsBefore] as const,
      { timeout: 20_000 },
    );
  }

  async function conversationId(): Promise<string | undefined> {
    return page.evaluate(() => JSON.parse(localStorage.getItem('resync.conversation') ?? '{}').conversationId);
  }

  it('loads the page with its title and Web Chat', async () => {
    await page.goto(`${server.url}/`);
    await expect(page.title()).resolves.toMatch(/Resync/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Resync');
    await page.locator(SENDBOX).waitFor({ timeout: 20_000 });
  });

  it('sends "hi" and shows the bot reply', async () => {
    await send('hi');
    const replies = await page.locator(BOT_BUBBLES).allTextContents();
    expect(replies.join(' ').trim().length).toBeGreaterThan(0);
    expect(await conversationId()).toBeTruthy();
  });

  it('shows the same conversation after a reload', async () => {
    const before = await conversationId();
    const botCount = await page.locator(BOT_BUBBLES).count();
    await page.reload();
    await page.locator(USER_BUBBLES, { hasText: 'hi' }).first().waitFor({ timeout: 20_000 });
    await page.waitForFunction(([s, n]) => document.querySelectorAll(s as string).length >= (n as number), [BOT_BUBBLES, botCount] as const);
    expect(await conversationId()).toBe(before);
  });

  it('continues the conversation after the server restarts', async () => {
    const before = await conversationId();
    const port = Number(new URL(server.url).port);
    await server.stop();
    server = await startTestServer({ dataDir, port });
    await page.reload();
    await page.locator(USER_BUBBLES, { hasText: 'hi' }).first().waitFor({ timeout: 20_000 });
    await send('my photos are not syncing');
    expect(await conversationId()).toBe(before);
    await expect(page.locator(USER_BUBBLES).allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('hi'), expect.stringContaining('my photos are not syncing')]),
    );
    await page.screenshot({ path: SCREENSHOT });
  });

  it('shows a proactive message (as the human handoff sends) within a few seconds', async () => {
    const id = await conversationId();
    const userId = await page.evaluate(() => localStorage.getItem('resync.userId'));
    const key = await new DirectLineStore({ storage: server.runtime.storage, clock: server.runtime.clock }).connectorKey();
    const sent = Date.now();
    await server.app.adapter.continueConversationAsync(
      '',
      { channelId: 'directline', serviceUrl: `${server.url}/connector/${key}`, conversation: { id: id as string, isGroup: false, conversationType: '', name: '' }, bot: { id: 'resync-bot', name: 'Resync' }, user: { id: userId as string, name: '' } },
      async (context) => {
        await context.sendActivity('A proactive hello.');
      },
    );
    await page.locator(BOT_BUBBLES, { hasText: 'A proactive hello.' }).last().waitFor({ timeout: 10_000 });
    const ms = Date.now() - sent;
    // eslint-disable-next-line no-console
    console.log(`proactive message visible after ${ms} ms`);
    // Polling is once a second; Web Chat must not hold the message back.
    expect(ms).toBeLessThan(3000);
  });

  it('"Start over" begins a new conversation', async () => {
    const before = await conversationId();
    await page.getByText('Start over').click();
    await page.waitForLoadState('load');
    await page.locator(SENDBOX).waitFor({ timeout: 20_000 });
    await page.waitForFunction((old) => {
      const saved = JSON.parse(localStorage.getItem('resync.conversation') ?? '{}');
      return saved.conversationId && saved.conversationId !== old;
    }, before);
    expect(await page.locator(USER_BUBBLES).count()).toBe(0);
  });

  it('ran without Content-Security-Policy violations or page errors', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { loadRecognizer } from '../../src/nlu';
import type { Recognizer } from '../../src/nlu/recognizer';
import { silentLogger } from '../../src/logging/logger';
import { testAccounts } from '../agent/consoleServer';
import { signInToConsole } from '../helpers/agentConsole';

/**
 * The whole human handoff in real Chromium, two browser contexts: a person in the web widget at
 * `/` asks for a person; an agent signs in at `/agent`, sees the escalation with its summary and
 * redacted transcript, accepts, they write both ways, the agent closes and the bot answers the
 * person again. Then: the server restarts while someone waits, and nothing is lost.
 * The server is the real one (createServer: hub in the runtime, console routes, transcripts logged
 * on the adapter) with the real recogniser trained from intents/.
 */
const SENDBOX = '[data-id="webchat-sendbox-input"]';
const BOT_BUBBLES = '.webchat__bubble:not(.webchat__bubble--from-user)';
const USER_BUBBLES = '.webchat__bubble.webchat__bubble--from-user';

jest.setTimeout(180_000);

describe('human handoff end to end (Chromium: person in the web widget, agent in the console)', () => {
  let server: TestServer;
  let dataDir: string;
  let browser: Browser;
  let personContext: BrowserContext;
  let agentContext: BrowserContext;
  let person: Page;
  let agent: Page;
  let accounts: string;
  let recognizer: Recognizer;
  const pageErrors: string[] = [];
  const figures: Record<string, number> = {};

  async function start(port = 0): Promise<TestServer> {
    return startTestServer({ dataDir, port, env: { AGENT_ACCOUNTS: accounts, STORAGE: 'sqlite' }, runtime: { recognizer } });
  }

  beforeAll(async () => {
    accounts = await testAccounts();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'resync-handoff-e2e-'));
    const t0 = Date.now();
    recognizer = await loadRecognizer({ intentsDir: path.resolve(__dirname, '../../intents'), cacheDir: path.join(dataDir, 'nlu-cache'), logger: silentLogger });
    figures.recogniserLoad = Date.now() - t0;
    server = await start();
    browser = await launchChromium();
    personContext = await browser.newContext({ viewport: { width: 720, height: 820 } });
    agentContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    person = await personContext.newPage();
    agent = await agentContext.newPage();
    for (const page of [person, agent]) page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log('handoff e2e figures (ms):', JSON.stringify(figures));
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function say(page: Page, text: string, expectReply = true): Promise<void> {
    const before = await page.locator(BOT_BUBBLES).count();
    await page.locator(SENDBOX).fill(text);
    await page.locator(SENDBOX).press('Enter');
    await page.locator(USER_BUBBLES, { hasText: text }).last().waitFor();
    if (expectReply) {
      await page.waitForFunction(([s, n]) => document.querySelectorAll(s as string).length > (n as number), [BOT_BUBBLES, before] as const, { timeout: 20_000 });
    }
  }

  async function botSaid(page: Page, text: string | RegExp, timeout = 10_000): Promise<void> {
    await page.locator(BOT_BUBBLES, { hasText: text }).last().waitFor({ timeout });
  }

  async function openWidget(page: Page): Promise<void> {
    await page.goto(`${server.url}/`);
    await page.locator(SENDBOX).waitFor({ timeout: 20_000 });
  }

  it('the agent signs in to /agent; nobody is waiting', async () => {
    await signInToConsole(agent, server.url);
    await agent.locator('#agent-name', { hasText: 'Alice Smith' }).waitFor();
    await agent.locator('#queue-empty:not([hidden])').waitFor();
  });

  it('the person troubleshoots a little, then asks for a person and is told their place', async () => {
    await openWidget(person);
    await say(person, 'my photos are not syncing on my iphone');
    await say(person, 'my apple id password is Tr0ub4dor&3 if that matters');
    await say(person, 'I want to talk to a person');
    await botSaid(person, /number 1 in the queue/);
  });

  it('the agent sees the escalation with summary and a redacted transcript', async () => {
    const item = agent.locator('#queue-list .item-button').first();
    await item.waitFor({ timeout: 5000 });
    await expect(item.textContent()).resolves.toMatch(/iphone/i);
    await item.click();
    await agent.locator('#transcript .turn').first().waitFor();
    const transcript = (await agent.locator('#transcript').textContent()) ?? '';
    expect(transcript).toContain('my photos are not syncing on my iphone');
    expect(transcript).toContain('[redacted password]');
    expect(transcript).not.toContain('Tr0ub4dor');
    const record = (await agent.locator('#record').textContent()) ?? '';
    expect(record).toMatch(/iphone/i);
    expect(await agent.locator('#accept').isVisible()).toBe(true);
  });

  it('the agent accepts: the person is told who they are talking to', async () => {
    await agent.locator('#accept').click();
    await agent.locator('#chat-text:not([disabled])').waitFor();
    await botSaid(person, /now talking to Alice Smith/);
  });

  it("the person's message reaches the console within a second; the agent's reaches the widget", async () => {
    const botBubbles = await person.locator(BOT_BUBBLES).count();
    const started = Date.now();
    await say(person, 'Hi Alice, the photos count is stuck at 0', false);
    await agent.locator('#messages .from-user .message-text', { hasText: 'the photos count is stuck at 0' }).waitFor({ timeout: 5000 });
    figures.personToConsole = Date.now() - started;
    expect(figures.personToConsole).toBeLessThan(1000);
    // Nothing from the bot answered that message: it went to the agent, not the recogniser.
    const sentAt = Date.now();
    await agent.locator('#chat-text').fill('Hi, I am Alice. Is iCloud Photos on in Settings?');
    const posted = agent.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
    await agent.locator('#chat-send').click();
    await posted;
    figures.agentPost = Date.now() - sentAt;
    figures.inDirectLine = await person.evaluate(async (t0) => {
      const saved = JSON.parse(localStorage.getItem('resync.conversation') ?? '{}');
      while (Date.now() - t0 < 10_000) {
        const res = await fetch(`/v3/directline/conversations/${saved.conversationId}/activities?watermark=0`, { headers: { Authorization: `Bearer ${saved.token}` } });
        const body = await res.json();
        if (JSON.stringify(body).includes('Is iCloud Photos on in Settings?')) return Date.now() - t0;
        await new Promise((r) => setTimeout(r, 50));
      }
      return -1;
    }, sentAt);
    expect(figures.inDirectLine).toBeGreaterThan(0);
    expect(figures.inDirectLine).toBeLessThan(1000);
    await botSaid(person, 'Is iCloud Photos on in Settings?');
    // Web Chat polls the built-in Direct Line every second, so this is about 1 s on a quiet machine.
    figures.consoleToWidget = Date.now() - sentAt;
    // The person's message went to the agent, not the recogniser: the only new bubble is Alice's.
    const newBubbles = (await person.locator(BOT_BUBBLES).allTextContents()).slice(botBubbles);
    expect(newBubbles).toHaveLength(1);
    expect(newBubbles[0]).toContain('Alice Smith');
  });

  it('what the agent types shows in the widget exactly as typed: no Markdown or HTML reading (round 12, B4)', async () => {
    const typed = 'Open Settings > <your name> > iCloud, tap *Photos*; 2*3*4 = 24';
    await agent.locator('#chat-text').fill(typed);
    await agent.locator('#chat-send').click();
    await botSaid(person, 'tap *Photos*; 2*3*4 = 24');
    const shown = (await person.locator(BOT_BUBBLES).last().textContent()) ?? '';
    expect(shown).toContain(typed);
  });

  it('the agent closes: the person is told and the bot answers again', async () => {
    await agent.locator('#close').click();
    await botSaid(person, /closed the chat/);
    await agent.locator('#mine-empty:not([hidden])').waitFor({ timeout: 5000 });
    await agent.screenshot({ path: '/tmp/agent-console-e2e.png' });
    await say(person, 'hello');
    const last = await person.locator(BOT_BUBBLES).last().textContent();
    expect(last).not.toContain('Alice');
    await person.screenshot({ path: '/tmp/person-widget-e2e.png' });
  });

  describe('server restart while someone waits', () => {
    let waiting: Page;

    it('a second person asks for a person and waits', async () => {
      const context = await browser.newContext({ viewport: { width: 720, height: 820 } });
      waiting = await context.newPage();
      waiting.on('pageerror', (error) => pageErrors.push(error.message));
      await openWidget(waiting);
      await say(waiting, 'my contacts are not syncing on my mac');
      await say(waiting, 'can I talk to a human please');
      await botSaid(waiting, /number 1 in the queue/);
      await agent.locator('#queue-list .item-button').first().waitFor({ timeout: 5000 });
    });

    it('after a restart the escalation is still queued with its transcript, the agent still signed in', async () => {
      const port = Number(new URL(server.url).port);
      await server.stop();
      server = await start(port);
      await agent.reload();
      await agent.locator('#agent-name', { hasText: 'Alice Smith' }).waitFor();
      const item = agent.locator('#queue-list .item-button').first();
      await item.waitFor({ timeout: 5000 });
      await item.click();
      await agent.locator('#transcript .message-text', { hasText: 'my contacts are not syncing on my mac' }).first().waitFor();
    });

    it("the waiting person's next message still reaches the agent, and accepting still reaches them", async () => {
      await waiting.reload();
      await waiting.locator(USER_BUBBLES, { hasText: 'can I talk to a human please' }).first().waitFor({ timeout: 20_000 });
      await say(waiting, 'still there? I have a meeting soon');
      await agent.locator('#messages .from-user .message-text', { hasText: 'I have a meeting soon' }).waitFor({ timeout: 5000 });
      await agent.locator('#accept').click();
      await botSaid(waiting, /now talking to Alice Smith/);
    });
  });

  it('"Start over" in the widget while waiting ends the wait: the agent\'s queue loses it (round 12, B6)', async () => {
    const context = await browser.newContext({ viewport: { width: 720, height: 820 } });
    const leaving = await context.newPage();
    leaving.on('pageerror', (error) => pageErrors.push(error.message));
    await openWidget(leaving);
    await say(leaving, 'my notes are not syncing on my ipad');
    await say(leaving, 'talk to a person');
    await botSaid(leaving, /in the queue/);
    await agent.locator('#queue-list .item-button').first().waitFor({ timeout: 5000 });
    await leaving.locator('#start-over').click();
    await leaving.locator(SENDBOX).waitFor({ timeout: 20_000 });
    await agent.locator('#queue-empty:not([hidden])').waitFor({ timeout: 10_000 });
    await context.close();
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

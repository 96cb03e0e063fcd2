import type { Page } from 'playwright-core';
import { openWatchedPage, type WatchedPage } from '../helpers/chromium';
import { startConsoleServer, type ConsoleServer } from '../agent/consoleServer';
import type { FakeHub } from '../agent/fakeHub';
import { signInToConsole } from '../helpers/agentConsole';

/**
 * What people type is shown in the agent console as text, never run: the console (real page,
 * real Chromium) shows markup-laden messages in the queue, record, transcript, live chat and
 * tickets, and nothing in them executes, loads or opens a dialog.
 */
const SCREENSHOT = '/tmp/agent-console.png';

const IMG = '<img src="/xss-probe-img.png" onerror="window.__xss=(window.__xss||0)+1;alert(\'img\')">';
const SCRIPT = '<script>window.__xss=(window.__xss||0)+1;alert("script")</script>';
const SVG = '<svg onload="window.__xss=1"><a href="javascript:alert(1)">x</a></svg>';

jest.setTimeout(120_000);

describe('agent console shows what people type as text (Chromium)', () => {
  let srv: ConsoleServer & { fake?: FakeHub };
  let hub: FakeHub;
  let browser: WatchedPage;
  let page: Page;
  const dialogs: string[] = [];
  const probes: string[] = [];

  beforeAll(async () => {
    srv = await startConsoleServer({ deps: { pollIntervalMs: 100 } });
    hub = srv.fake!;
    hub.escalate('c-xss', `photos · iPhone · "${IMG}"`, { intent: 'photos-sync', device: 'iphone', problem: `${IMG} ${SCRIPT}`, status: SVG, steps: [{ playbook: 'photos', step: SCRIPT, outcome: 'not-fixed' }] });
    hub.transcripts.set('c-xss', [
      { type: 'message', from: { id: 'u', role: 'user' } as never, text: IMG, timestamp: new Date() },
      { type: 'message', from: { id: 'u', role: 'user' } as never, text: SCRIPT, timestamp: new Date() },
      { type: 'message', from: { id: 'b', role: 'bot' } as never, text: 'Is iCloud Photos on?' },
    ]);
    hub.userSays('c-xss', SCRIPT);
    hub.ticketList.push({ id: 't-xss', conversationId: 'c-old', message: IMG, contact: SCRIPT, createdAt: srv.clock.now().toISOString(), summary: { steps: [], oneLine: SVG }, status: 'open' });

    browser = await openWatchedPage('resync-agent-profile-');
    page = browser.page;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (/xss-probe|javascript:/.test(request.url())) probes.push(request.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('signs in through the form', async () => {
    await signInToConsole(page, srv.url);
    await page.locator('#agent-name', { hasText: 'Alice Smith' }).waitFor();
    await page.locator('#queue-list .item-button').first().waitFor();
  });

  it('shows the queue entry with the markup as literal text', async () => {
    const line = await page.locator('#queue-list .item-line').first().textContent();
    expect(line).toContain(IMG);
  });

  it('opens the conversation: record, steps, transcript and chat show the markup literally', async () => {
    await page.locator('#queue-list .item-button').first().click();
    await page.locator('#transcript .turn').nth(2).waitFor();
    const record = await page.locator('#record').textContent();
    expect(record).toContain(IMG);
    expect(record).toContain(SCRIPT);
    expect(record).toContain(SVG);
    expect(await page.locator('#steps').textContent()).toContain(SCRIPT);
    const transcript = await page.locator('#transcript .message-text').allTextContents();
    expect(transcript).toEqual([IMG, SCRIPT, 'Is iCloud Photos on?']);
    await page.locator('#messages .message-text', { hasText: '<script>' }).first().waitFor();
  });

  it('accepts, and a live message with markup arrives within a second, as text', async () => {
    await page.locator('#accept').click();
    await page.locator('#chat-text:not([disabled])').waitFor();
    const started = Date.now();
    hub.userSays('c-xss', `live ${IMG}`);
    await page.locator('#messages .message-text', { hasText: `live ${IMG}` }).waitFor({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
    await page.locator('#chat-text').fill('Hi, I am Alice. <b>not bold</b>');
    await page.locator('#chat-text').press('Enter');
    await page.locator('#messages .from-agent .message-text', { hasText: '<b>not bold</b>' }).waitFor();
    expect(hub.escalations.get('c-xss')!.messages.at(-1)).toMatchObject({ from: 'agent', text: 'Hi, I am Alice. <b>not bold</b>' });
    await page.screenshot({ path: SCREENSHOT });
  });

  it('shows a ticket with markup as text', async () => {
    await page.locator('#ticket-list .item-button').first().click();
    const ticket = await page.locator('#ticket-record').textContent();
    expect(ticket).toContain(IMG);
    expect(ticket).toContain(SCRIPT);
  });

  it('no element was created from the markup and nothing ran', async () => {
    const created = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img').length,
      scripts: Array.from(document.querySelectorAll('script')).map((s) => s.getAttribute('src')),
      svgs: document.querySelectorAll('svg, a[href^="javascript"]').length,
      flag: (window as unknown as { __xss?: number }).__xss ?? null,
    }));
    expect(created).toEqual({ imgs: 0, scripts: ['/agent/agent.js'], svgs: 0, flag: null });
    expect(dialogs).toEqual([]);
    expect(probes).toEqual([]);
  });

  it('the page cannot turn strings into HTML at all (Trusted Types)', async () => {
    const result = await page.evaluate(() => {
      try {
        document.body.insertAdjacentHTML('beforeend', '<img src="/xss-probe-tt.png">');
        return 'inserted';
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(result).toBe('TypeError');
    expect(probes).toEqual([]);
  });

  it('ran without page errors, and the only policy report is the one the Trusted Types probe caused', () => {
    expect(browser.pageErrors).toEqual([]);
    expect(browser.cspViolations.filter((m) => !/TrustedHTML/.test(m))).toEqual([]);
  });
});

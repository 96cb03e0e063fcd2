import { MemoryStorage } from 'botbuilder';
import type { Page } from 'playwright-core';
import { openWatchedPage, type WatchedPage } from '../helpers/chromium';
import { startConsoleServer, type ConsoleServer } from '../agent/consoleServer';
import { hubHarness } from '../handoff/hubHarness';
import { ManualClock } from '../../src/clock';
import { silentLogger } from '../../src/logging/logger';
import { TicketStore } from '../../src/handoff/ticketStore';
import type { Ticket } from '../../src/handoff/agentHub';
import { signInToConsole } from '../helpers/agentConsole';

/**
 * The console's tickets panel in real Chromium over the real hub: open tickets a page at a time
 * ("Show more"), marking one done, the Open / Done switch and the month picker for done ones.
 * The server's clock says 2026-03-01 09:00 UTC.
 */
jest.setTimeout(120_000);

const OPEN = 55;

function ticket(id: string, createdAt: string, message: string): Ticket {
  return { id, conversationId: `conv-${id}`, message, contact: `${id.toLowerCase()}@example.com`, createdAt, summary: { steps: [], oneLine: `photos · ${id}` }, status: 'open' };
}

describe('agent console: tickets panel (Chromium)', () => {
  let srv: ConsoleServer;
  let browser: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    const storage = new MemoryStorage();
    srv = await startConsoleServer({ storage, hub: (clock) => hubHarness({ storage, clock }).hub });
    const now = new TicketStore({ storage, clock: srv.clock, logger: silentLogger });
    for (let n = 0; n < OPEN; n++) {
      await now.create(ticket(`T-OPEN${String(n).padStart(2, '0')}`, new Date(Date.parse('2026-02-20T00:00:00Z') + n * 3_600_000).toISOString(), `open message ${n}`));
    }
    // Two tickets done in February (by someone else, earlier).
    const february = new TicketStore({ storage, clock: new ManualClock('2026-02-15T12:00:00Z'), logger: silentLogger });
    for (const id of ['T-FEB1', 'T-FEB2']) {
      await february.create(ticket(id, '2026-02-10T08:00:00.000Z', `february ${id}`));
      await february.markDone(id, { id: 'bob', name: 'Bob Jones' });
    }

    browser = await openWatchedPage('resync-agent-tickets-');
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  const items = () => page.locator('#ticket-list .item-button');
  const count = () => page.locator('#ticket-count').textContent();

  it('signs in; the open tickets show a page of 50, newest first, and "Show more" brings the rest', async () => {
    await signInToConsole(page, srv.url);
    await page.locator('#agent-name', { hasText: 'Alice Smith' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#ticket-list .item-button').length === 50);
    expect(await count()).toBe('50+');
    expect(await page.locator('#tickets-open').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#ticket-month-picker').isVisible()).toBe(false);
    expect(await items().first().getAttribute('data-ticket-id')).toBe('T-OPEN54');
    await page.locator('#ticket-more').click();
    await page.waitForFunction((n) => document.querySelectorAll('#ticket-list .item-button').length === n, OPEN);
    expect(await count()).toBe(String(OPEN));
    expect(await page.locator('#ticket-more').isVisible()).toBe(false);
    expect(await items().last().getAttribute('data-ticket-id')).toBe('T-OPEN00');
  });

  it('marks one done: it leaves the open list', async () => {
    await page.locator('#ticket-list .item-button[data-ticket-id="T-OPEN54"]').click();
    await page.locator('#ticket-record', { hasText: 'open message 54' }).waitFor();
    await page.locator('#ticket-done').click();
    await page.locator('#detail-empty:not([hidden])').waitFor();
    await page.waitForFunction(() => !document.querySelector('#ticket-list .item-button[data-ticket-id="T-OPEN54"]'));
    expect(await items().first().getAttribute('data-ticket-id')).toBe('T-OPEN53');
  });

  it('"Done" shows this month\'s done tickets, with the month picker on the current month', async () => {
    await page.locator('#tickets-done').click();
    await page.locator('#ticket-month[data-month="2026-03"]').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#ticket-list .item-button').length === 1);
    expect(await page.locator('#tickets-done').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#ticket-month').textContent()).toMatch(/2026/);
    expect(await items().first().getAttribute('data-ticket-id')).toBe('T-OPEN54');
    // Nothing is done in the future.
    expect(await page.locator('#ticket-month-next').isDisabled()).toBe(true);
  });

  it('the previous month shows February\'s; a done ticket says who did it and cannot be done again', async () => {
    await page.locator('#ticket-month-prev').click();
    await page.locator('#ticket-month[data-month="2026-02"]').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#ticket-list .item-button').length === 2);
    expect(await items().evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.ticketId))).toEqual(['T-FEB2', 'T-FEB1']);
    await items().first().click();
    await page.locator('#ticket-meta', { hasText: 'done by Bob Jones' }).waitFor();
    expect(await page.locator('#ticket-done').isVisible()).toBe(false);
    // January's answer is held back: while it is on its way the panel does not claim there are none.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/agent\/tickets\?.*month=2026-01/, async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('#ticket-month-prev').click();
    await page.locator('#ticket-month[data-month="2026-01"]').waitFor();
    expect(await page.locator('#ticket-empty').isVisible()).toBe(false);
    expect(await count()).toBe('…');
    expect(await items().count()).toBe(0);
    release();
    await page.locator('#ticket-empty:not([hidden])', { hasText: 'marked done in this month' }).waitFor();
    expect(await count()).toBe('0');
    await page.unroute(/\/api\/agent\/tickets\?.*month=2026-01/);
    await page.locator('#ticket-month-next').click();
    await page.locator('#ticket-month[data-month="2026-02"]').waitFor();
    await page.locator('#ticket-month-next').click();
    await page.locator('#ticket-month[data-month="2026-03"]').waitFor();
    await items().first().waitFor();
    expect(await count()).toBe('1');
    await page.screenshot({ path: '/tmp/agent-console-tickets.png' });
  });

  it('"Open" goes back to the open list', async () => {
    await page.locator('#tickets-open').click();
    await page.waitForFunction(() => document.querySelectorAll('#ticket-list .item-button').length === 50);
    expect(await page.locator('#ticket-month-picker').isVisible()).toBe(false);
    expect(await count()).toBe('50+');
  });

  it('ran without page errors or policy reports', () => {
    expect(browser.pageErrors).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });
});

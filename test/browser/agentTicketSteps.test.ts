import { buildSummary, statusLine } from '../../src/handoff/handoffSummary';
import { stepCatalog } from '../../src/handoff/stepCatalog';
import { realContent } from '../dialogs/helpers';
import { signInToConsole, useConsolePage } from '../helpers/agentConsole';

/**
 * Tester round 7, item 14 in the agent console (real page, real Chromium): a message left (B03)
 * shows what was checked and tried, as a live chat does. Before, the ticket view showed only the
 * one line ("2 steps tried"), so the steps were read from the stored JSON, where storage answered
 * "plenty" said skipped and the status check said it didn't help. Now: "checked: No, there's
 * plenty of space", "checked: no outage", and the Apple status row.
 */
jest.setTimeout(120_000);

const AT = '2026-03-01T08:30:00.000Z';

describe('agent console: the steps of a message left (Chromium)', () => {
  const ui = useConsolePage('resync-agent-ticket-steps-', (srv) => {
    const step = (name: string, outcome: 'not-fixed' | 'skipped' | 'support-options', answer?: string) => ({ playbook: 'drive-not-syncing', step: name, outcome, at: AT, ...(answer ? { answer } : {}) });
    const summary = buildSummary({
      record: {
        intent: 'drive-not-syncing',
        service: 'drive',
        device: 'mac',
        steps: [step('system-status', 'not-fixed'), step('apple-id', 'not-fixed', 'same'), step('storage', 'skipped', 'has-space'), step('service-toggles', 'not-fixed'), step('contact-support', 'support-options')],
      },
      problem: 'desktop folder on my imac not showing on my macbook',
      status: statusLine({ ok: true, fetchedAt: new Date(AT), services: [] }),
      said: ['ok restarted it'],
      catalog: stepCatalog(realContent().steps),
    });
    srv.fake!.ticketList.push({ id: 'T-B03', conversationId: 'qa-B03', message: 'desktop docs not syncing between imac and macbook, tried everything', contact: '07700 900123', createdAt: AT, summary, status: 'open' });
  });

  it('signs in and opens the message left', async () => {
    await signInToConsole(ui.page, ui.srv.url);
    await ui.page.locator('#ticket-list .item-button[data-ticket-id="T-B03"]').click();
    await ui.page.locator('#ticket-steps .step').nth(4).waitFor();
  });

  it('lists each step with its outcome in words: checked (status, storage), didn\'t help, support options', async () => {
    const rows = await ui.page.locator('#ticket-steps .step').evaluateAll((items) =>
      items.map((li) => [li.querySelector('.step-name')?.textContent, li.querySelector('.step-outcome')?.textContent]),
    );
    expect(rows).toEqual([
      ['drive-not-syncing › system-status', 'checked: no outage'],
      ['drive-not-syncing › apple-id', "didn't help (answered: Yes, the same account)"],
      ['drive-not-syncing › storage', "checked: No, there's plenty of space"],
      ['drive-not-syncing › service-toggles', "didn't help"],
      ['drive-not-syncing › contact-support', "Apple's support options given"],
    ]);
    expect(await ui.page.locator('#ticket-steps-empty').isVisible()).toBe(false);
  });

  it('shows Apple\'s status and what the person said in passing', async () => {
    const rows = await ui.page.locator('#ticket-record dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(rows).toContainEqual(['Apple status', 'no problems reported by Apple']);
    expect(rows).toContainEqual(['Also said', 'ok restarted it']);
  });

  it('ran without page errors or policy reports', () => {
    expect(ui.browser.pageErrors).toEqual([]);
    expect(ui.browser.cspViolations).toEqual([]);
  });
});

import { signInToConsole, useConsolePage } from '../helpers/agentConsole';

/**
 * Tester round 6, A9 in the agent console (real page, real Chromium): storage answered "plenty of
 * space" reads "checked: …" (not "skipped"), a chosen answer follows the outcome, and the person's
 * other lines about the problem are shown ("Also said").
 */
jest.setTimeout(120_000);

describe('agent console: answers and lines said (Chromium)', () => {
  const ui = useConsolePage('resync-agent-answers-', (srv) => {
    srv.fake!.escalate('c-g01', 'photos-not-syncing · photos · mac · 5 steps tried', {
      intent: 'photos-not-syncing',
      device: 'mac',
      steps: [
        { playbook: 'photos-not-syncing', step: 'storage', outcome: 'skipped', answer: "No, there's plenty of space" },
        { playbook: 'photos-not-syncing', step: 'network', outcome: 'not-fixed', answer: 'Wi-Fi' },
      ],
      said: ['the code goes to my old phone which is broken'],
    });
  }, { deps: { pollIntervalMs: 100 } });

  it('signs in and opens the conversation', async () => {
    await signInToConsole(ui.page, ui.srv.url);
    await ui.page.locator('#queue-list .item-button').first().click();
    await ui.page.locator('#steps .step').nth(1).waitFor();
  });

  it('a step checked by its answer reads "checked: …"; a chosen answer follows the outcome', async () => {
    const outcomes = await ui.page.locator('#steps .step .step-outcome').allTextContents();
    expect(outcomes).toEqual(["checked: No, there's plenty of space", "didn't help (answered: Wi-Fi)"]);
  });

  it('shows the lines the person said about the problem', async () => {
    const rows = await ui.page.locator('#record dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(rows).toContainEqual(['Also said', 'the code goes to my old phone which is broken']);
  });

  it('ran without page errors or policy reports', () => {
    expect(ui.browser.pageErrors).toEqual([]);
    expect(ui.browser.cspViolations).toEqual([]);
  });
});

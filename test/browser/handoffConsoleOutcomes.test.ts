import { signInToConsole, useConsolePage } from '../helpers/agentConsole';

/**
 * The agent console (real page, real Chromium) names each step's outcome in words: a partial fix
 * reads "helped partly" (its own colour, not a failure's), a step that did not help "didn't help",
 * and an outcome the server does not know is shown as stored.
 */
jest.setTimeout(120_000);

describe('agent console: step outcomes in words (Chromium)', () => {
  const ui = useConsolePage('resync-agent-outcomes-', (srv) => {
    srv.fake!.escalate('c-partly', 'photos-not-syncing · photos · iphone · 3 steps tried (1 helped partly)', {
      intent: 'photos-not-syncing',
      device: 'iphone',
      steps: [
        { playbook: 'photos-not-syncing', step: 'apple-id', outcome: 'not-fixed' },
        { playbook: 'photos-not-syncing', step: 'network', outcome: 'partly-fixed' },
        { playbook: 'photos-not-syncing', step: 'restart', outcome: 'some-later-outcome' },
      ],
    });
  }, { deps: { pollIntervalMs: 100 } });

  it('signs in and opens the conversation', async () => {
    await signInToConsole(ui.page, ui.srv.url);
    await ui.page.locator('#queue-list .item-button').first().click();
    await ui.page.locator('#steps .step').nth(2).waitFor();
  });

  it('lists each step with its outcome in words', async () => {
    const rows = await ui.page.locator('#steps .step').evaluateAll((items) =>
      items.map((li) => [li.querySelector('.step-name')?.textContent, li.querySelector('.step-outcome')?.textContent]),
    );
    expect(rows).toEqual([
      ['photos-not-syncing › apple-id', "didn't help"],
      ['photos-not-syncing › network', 'helped partly'],
      ['photos-not-syncing › restart', 'some-later-outcome'],
    ]);
  });

  it("a partial fix has its own colour, not the red of a step that didn't help", async () => {
    const colour = (n: number) => ui.page.locator('#steps .step .step-outcome').nth(n).evaluate((e) => getComputedStyle(e).color);
    const [notFixed, partly, unknown] = [await colour(0), await colour(1), await colour(2)];
    expect(partly).not.toBe(notFixed);
    expect(partly).not.toBe(unknown);
  });

  it('ran without page errors or policy reports', () => {
    expect(ui.browser.pageErrors).toEqual([]);
    expect(ui.browser.cspViolations).toEqual([]);
  });
});

import type { Page } from 'playwright-core';
import { PASSWORDS, startConsoleServer, type ConsoleServer, type ConsoleServerOptions } from '../agent/consoleServer';
import type { FakeHub } from '../agent/fakeHub';
import { openWatchedPage, type WatchedPage } from './chromium';

/**
 * Opens `<baseUrl>/agent` in `page` and signs in through the form as a test agent (alice by
 * default, whose display name is "Alice Smith"); resolves once the console shows the agent's name.
 */
export async function signInToConsole(page: Page, baseUrl: string, user: keyof typeof PASSWORDS = 'alice'): Promise<void> {
  await page.goto(`${baseUrl}/agent`);
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(PASSWORDS[user]);
  await page.locator('#sign-in-button').click();
  await page.locator('#agent-name:not(:empty)').waitFor();
}

export interface ConsolePage {
  readonly srv: ConsoleServer & { fake?: FakeHub };
  readonly page: Page;
  readonly browser: WatchedPage;
}

/**
 * Registers the jest hooks of a browser suite on the agent console: a console server (`options`),
 * `prepare` to queue what the suite looks at, then Chromium in a fresh profile; all closed after.
 */
export function useConsolePage(profilePrefix: string, prepare: (srv: ConsoleServer & { fake?: FakeHub }) => void | Promise<void>, options: ConsoleServerOptions = {}): ConsolePage {
  let srv: (ConsoleServer & { fake?: FakeHub }) | undefined;
  let browser: WatchedPage | undefined;
  beforeAll(async () => {
    srv = await startConsoleServer(options);
    await prepare(srv);
    browser = await openWatchedPage(profilePrefix);
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useConsolePage: not started (use it inside a test)');
    return value;
  };
  return {
    get srv() {
      return started(srv);
    },
    get page() {
      return started(browser).page;
    },
    get browser() {
      return started(browser);
    },
  };
}

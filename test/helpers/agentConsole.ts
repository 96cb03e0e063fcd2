import type { Page } from 'playwright-core';
import { PASSWORDS } from '../agent/consoleServer';

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

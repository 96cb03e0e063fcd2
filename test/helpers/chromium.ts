import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (no browser download). Install it with
 * `bash scripts/install-chromium.sh`, or point CHROMIUM_PATH at another build.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, sandbox-free (root in CI) and quiet on a machine without internet access. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails with the way to fix it when Chromium is missing. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`bash scripts/install-chromium.sh\` (or set CHROMIUM_PATH).`);
  }
}

/** A browser whose contexts start empty (for tests with several people). */
export function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });
}

/** A context with a profile directory (local storage survives reloads). */
export function launchChromiumContext(userDataDir: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  assertChromium();
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS], viewport });
}

/** A page in a fresh profile that records its script errors and content-policy reports. */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page's scripts. */
  pageErrors: string[];
  /** Console reports of Content Security Policy or Trusted Types violations. */
  cspViolations: string[];
  /** Closes the browser and removes the profile directory. */
  close(): Promise<void>;
}

export async function openWatchedPage(profilePrefix: string, viewport = { width: 1360, height: 900 }): Promise<WatchedPage> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), profilePrefix));
  const context = await launchChromiumContext(userDataDir, viewport);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) cspViolations.push(message.text());
  });
  return {
    context,
    page,
    pageErrors,
    cspViolations,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

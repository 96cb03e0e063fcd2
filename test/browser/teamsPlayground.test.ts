import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromiumContext } from '../helpers/chromium';
import type { Activity } from 'botbuilder';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import { loadRecognizer } from '../../src/nlu';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { ALL_CLEAR, FixtureStatusFeed, realContent } from '../dialogs/helpers';
import { freePort } from '../helpers/freePort';

/**
 * Drives the Microsoft 365 Agents Playground (a Teams-like client, channel `msteams`) in Debian's
 * Chromium against the running bot: the real recogniser, SQLite state in a temp dir, an offline
 * status feed. Personal chat: a problem in plain words starts the contacts playbook and its card
 * buttons work (the pressed card turns into its answered form). Channel: an @mention gets a threaded reply, a post without one gets none.
 * Needs /usr/bin/chromium (scripts/install-chromium.sh) or CHROMIUM_PATH.
 */
const PLAYGROUND = path.resolve(__dirname, '../../node_modules/@microsoft/m365agentsplayground/cli.js');
const SCREENSHOT_DIR = os.tmpdir();
/** The Playground's editors (chat box, new post, thread replies) are Lexical contenteditables. */
const EDITOR = '[data-lexical-editor="true"]';
/** The Playground's name for the bot (mention picker, message author). */
const BOT_NAME = 'Test Bot';

jest.setTimeout(180_000);

interface Playground {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** Starts the Playground (its own process group, so everything it spawns can be ended with it). */
async function startPlayground(botEndpoint: string, port: number): Promise<Playground> {
  let output = '';
  const child = spawn(process.execPath, [PLAYGROUND, '--disable-telemetry', '-c', 'msteams', '-p', String(port)], {
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BOT_ENDPOINT: botEndpoint },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const listening = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Agents Playground did not start within 60 s:\n${output}`)), 60_000);
    const check = () => {
      const m = /Listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Agents Playground exited with ${code}:\n${output}`));
    });
  });
  return { url: `http://127.0.0.1:${listening}`, child, output: () => output };
}

async function stopPlayground(p: Playground | undefined): Promise<void> {
  if (!p?.child.pid || p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
  try {
    process.kill(-p.child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-p.child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

function processGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Sent {
  conversationId: string;
  resync?: ResyncChannelData;
}

describe('Microsoft Teams (Agents Playground) in Chromium', () => {
  let server: TestServer;
  let playground: Playground | undefined;
  let dataDir: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  /** What the bot sent, recorded server-side (for the step ids behind what the page shows). */
  const sent: Sent[] = [];
  const content = realContent();
  const contacts = content.playbooks['contacts-not-syncing'];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'resync-teams-data-'));
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'resync-teams-profile-'));
    const recognizer = await loadRecognizer({ intentsDir: path.resolve(__dirname, '../../intents') });
    // In local mode the bot answers only serviceUrls it knows: the Playground's (LOCAL_SERVICE_URLS).
    const playgroundPort = await freePort();
    server = await startTestServer({
      env: { LOCAL_SERVICE_URLS: `http://localhost:${playgroundPort},http://127.0.0.1:${playgroundPort}` },
      dataDir,
      runtime: { recognizer, statusFeed: new FixtureStatusFeed(ALL_CLEAR) },
      patchRuntime: (runtime) => {
        const inner = runtime.bot;
        const bot = {
          ...inner,
          run: async (ctx: Parameters<typeof inner.run>[0]) => {
            ctx.onSendActivities(async (_c, activities: Partial<Activity>[], next) => {
              const responses = await next();
              for (const a of activities) sent.push({ conversationId: a.conversation?.id ?? '', resync: (a.channelData as { resync?: ResyncChannelData } | undefined)?.resync });
              return responses;
            });
            await inner.run(ctx);
          },
        };
        return { ...runtime, bot };
      },
    });
    playground = await startPlayground(`${server.url}/api/messages`, playgroundPort);
    context = await launchChromiumContext(userDataDir, { width: 1400, height: 900 });
    // Only loopback: the Playground's UI pulls fonts and telemetry from CDNs, which are refused here.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(playground.url);
    // Opening the Playground installs the app in the personal chat: the welcome arrives.
    await page.getByText(content.messages.welcome as string).first().waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await context?.close();
    const pid = playground?.child.pid;
    await stopPlayground(playground);
    if (pid) expect(processGroupAlive(pid)).toBe(false);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  });

  async function typeInto(editor: ReturnType<Page['locator']>, text: string): Promise<void> {
    await editor.click();
    await page.keyboard.type(text);
  }

  it('personal chat: a contacts problem starts the contacts playbook, and its card buttons lead to the next step', async () => {
    const before = sent.length;
    await typeInto(page.locator(EDITOR).first(), "my contacts won't sync on my iPhone");
    await page.keyboard.press('Enter');

    await page.getByText(contacts.intro).first().waitFor({ timeout: 20_000 });
    // The first step with something to answer: its card, with a button per choice.
    const firstPrompt = await waitForPrompt(before);
    expect(firstPrompt.resync?.playbook).toBe(contacts.id);
    // The playbook's first step with something to answer (the status check before it needs none).
    expect(firstPrompt.resync?.stepId).toBe(contacts.steps.find((id) => content.steps[id].kind !== 'status'));
    const step = content.steps[firstPrompt.resync!.stepId!];
    await page.getByText(step.title, { exact: true }).last().waitFor();
    for (const c of step.question!.choices) await page.getByRole('button', { name: c.title, exact: true }).last().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'resync-teams-personal-1.png') });

    // Click the first choice: the card submits its value and the next question arrives.
    const afterFirst = sent.length;
    await page.getByRole('button', { name: step.question!.choices[0].title, exact: true }).last().click();
    const nextPrompt = await waitForPrompt(afterFirst);
    // The pressed card now shows the answer and has no buttons left.
    const picked = step.question!.choices[0].title;
    await page.getByText(`\u2713 ${picked}`, { exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: picked, exact: true }).count()).toBe(0);
    expect(nextPrompt.resync?.messageKey).not.toBe('answer.notUnderstood');
    expect(`${nextPrompt.resync?.step}:${nextPrompt.resync?.messageKey}`).not.toBe(`${firstPrompt.resync?.step}:${firstPrompt.resync?.messageKey}`);
    const nextChoices = nextPrompt.resync!.choices!;
    expect(nextChoices.length).toBeGreaterThan(0);
    // Its buttons are on the page (titles from the content: the step's own or the "did that fix it?" ones).
    const nextStep = content.steps[nextPrompt.resync!.stepId!];
    const titleOf = (id: string) => nextStep.question?.choices.find((c) => c.id === id)?.title;
    const known = nextChoices.map(titleOf).filter((t): t is string => Boolean(t));
    for (const t of known) await page.getByRole('button', { name: t, exact: true }).last().waitFor();
    if (known.length === 0) {
      // The fixed/not fixed question: as many new buttons as choices.
      await page.waitForFunction((n) => document.querySelectorAll('.ac-actionSet button, .ac-pushButton').length >= n, nextChoices.length);
    }
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'resync-teams-personal-2.png') });
  });

  /** Waits until the bot has sent a prompt (an activity with choices) after index `from`. */
  async function waitForPrompt(from: number): Promise<Sent> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const hit = sent.slice(from).find((s) => s.resync?.choices?.length);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no prompt from the bot; sent: ${JSON.stringify(sent.slice(from))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** innerText of the thread that holds a post: the closest ancestor that also holds a reply box. */
  async function threadText(postText: string): Promise<string> {
    return page.evaluate(
      ([needle, editor]) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let node: Node | null;
        while ((node = walker.nextNode())) if (node.textContent?.includes(needle)) break;
        let el = node?.parentElement ?? null;
        while (el && !el.querySelector(editor)) el = el.parentElement;
        return el?.innerText ?? '';
      },
      [postText, EDITOR] as const,
    );
  }

  it('channel: a post with an @mention gets a threaded reply; a post without one gets none', async () => {
    await page.getByText('General', { exact: true }).first().click();
    const newPost = page.locator(EDITOR).first();
    await newPost.waitFor();

    const before = sent.length;
    await typeInto(newPost, '@Test');
    await page.getByText(BOT_NAME, { exact: true }).last().click();
    const mentioned = "my contacts won't sync on my iPhone please";
    await page.keyboard.type(` ${mentioned}`);
    await page.getByRole('button', { name: 'Post', exact: true }).click();

    await page.getByText(contacts.intro).first().waitFor({ timeout: 20_000 });
    const prompt = await waitForPrompt(before);
    // Server side: every reply went to the thread of the post.
    const replies = sent.slice(before);
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(r.conversationId).toMatch(/;messageid=.+/);
    expect(new Set(replies.map((r) => r.conversationId)).size).toBe(1);
    expect(prompt.resync?.playbook).toBe(contacts.id);
    // Page side: the replies sit in the post's thread (the prompt card renders after the server has sent it).
    const title = content.steps[prompt.resync!.stepId!].title;
    await page.getByText(title).first().waitFor({ timeout: 20_000 });
    const thread = await threadText(mentioned);
    expect(thread).toContain(contacts.intro);
    expect(thread).toContain(title);

    const beforeQuiet = sent.length;
    const quiet = 'contacts broken again, no mention this time';
    await typeInto(page.locator(EDITOR).first(), quiet);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.getByText(quiet).first().waitFor();
    // Give a reply every chance to arrive, then check there is none.
    await page.waitForTimeout(3000);
    expect(sent.slice(beforeQuiet)).toEqual([]);
    const quietThread = await threadText(quiet);
    expect(quietThread).toContain(quiet);
    expect(quietThread).not.toContain(BOT_NAME);
    expect(quietThread).not.toContain(contacts.intro);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'resync-teams-channel.png') });
  });
});

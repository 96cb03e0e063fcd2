/**
 * Tester round 7, items 10 and 14, in the tester's own words, through the whole bot with the real
 * recogniser and content, the hub in front (no agent accounts, as in the tester's runs) and the
 * engine's messages wired into the hub as the runtime does:
 * - A1-K04: at "Leave a message / Cancel", "help" explains the two buttons and shows the offer
 *   again; "what was that again?" shows the offer again (it got the start-of-chat help and the
 *   problem list); the offer still works afterwards.
 * - B03: the ticket says storage was checked ("No, there's plenty of space"), the status check
 *   "checked: no outage" (not a step that didn't help), and keeps "ok restarted it" in Also said.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRecognizer } from '../../src/nlu';
import type { Recognizer } from '../../src/nlu/recognizer';
import { HUB_CHOICES } from '../../src/handoff/hubService';
import { stepLabel } from '../../src/handoff/handoffSummary';
import { silentLogger } from '../../src/logging/logger';
import { hubHarness, hubKeys, replyKeys, type HubHarness } from './hubHarness';

let cacheDir = '';
let recognizer: Recognizer;

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(tmpdir(), 'resync-round7-handoff-'));
  recognizer = await loadRecognizer({ intentsDir: path.resolve('intents'), cacheDir, logger: silentLogger });
}, 300_000);

afterAll(() => {
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

const harness = (): HubHarness => hubHarness({ agentsConfigured: false, botRecognizer: recognizer });

describe('tester round 7 (real recogniser): the offer of a person', () => {
  it('A1-K04: "help" and "what was that again?" at "Leave a message / Cancel" keep the offer', async () => {
    const h = harness();
    const p = h.person('a1k04');
    for (const t of ['iphone backup not working', 'yes', 'no', 'full', 'no still full']) await p.say(t);
    expect(hubKeys(await p.say('no'))).toEqual(['handoff.noAccounts.endOfChecks']);

    const help = await p.say('help');
    expect(replyKeys(help)).toEqual(['handoff.offer.help', 'handoff.noAccounts']);
    expect(help[0].text).toMatch(/Leave a message: .*\n• Cancel: /s);
    expect(help[1].resync?.choices).toEqual([HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel]);

    const again = await p.say('what was that again?');
    expect(replyKeys(again)).toEqual(['handoff.noAccounts']);
    expect(again[0].resync?.choices).toEqual([HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel]);

    expect(replyKeys(await p.say('leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
    await p.say('backup still wont fit after deleting old backups');
    await p.say('me@example.org');
    const [ticket] = (await h.hub.tickets()).tickets;
    const labels = Object.fromEntries(ticket.summary.steps.map((s) => [s.step, stepLabel(s)]));
    expect(labels['system-status']).toBe('checked: no outage');
    expect(labels.storage).toMatch(/full/i);
    expect(ticket.summary.steps.filter((s) => s.step === 'contact-support')).toHaveLength(1);
  });
});

describe('tester round 7 (real recogniser): the ticket of B03', () => {
  it('storage "plenty" is checked, the status check says no outage, and the restart said in passing is kept', async () => {
    const h = harness();
    const p = h.person('b03');
    await p.say('desktop folder on my imac not showing on my macbook');
    await p.say('same acct');
    await p.say('no');
    const storage = await p.say('2');
    expect(storage.some((r) => r.resync?.stepId === 'service-toggles')).toBe(true);
    expect(replyKeys(await p.say('ok restarted it')).length).toBeGreaterThan(0);
    await p.say('nope');
    expect(hubKeys(await p.say('talk to a person'))).toEqual(['handoff.noAccounts']);
    expect(replyKeys(await p.say('leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
    await p.say('desktop docs not syncing between imac and macbook, tried everything');
    await p.say('call me on 07700 900123');
    const [ticket] = (await h.hub.tickets()).tickets;
    const steps = ticket.summary.steps;
    expect(steps.find((s) => s.step === 'storage')).toMatchObject({ outcome: 'checked', answer: "No, there's plenty of space" });
    expect(stepLabel(steps.find((s) => s.step === 'system-status')!)).toBe('checked: no outage');
    expect(ticket.summary.said).toContain('ok restarted it');
    expect(ticket.summary.oneLine).toContain(' · 2 steps tried · ');
  });
});

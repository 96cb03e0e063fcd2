/**
 * The real troubleshooting content (dialogs/ and intents/entities.yaml) against what the
 * exploratory test report found: the sign-in playbook must fit people who cannot sign in, the
 * network question must offer a cable on a computer and never to an iPhone or Apple Watch, the Apple Watch texts must speak only
 * about the watch, and every entity value must name a device or service the dialogs know.
 * Conversations run through the whole bot (TestAdapter, keyword recogniser) and assert step ids,
 * choice ids and message keys; wording is only checked where it is the point (a URL, a menu name).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { choicesOn, PLATFORMS, type Platform, type Step } from '../../src/content/playbookSchema';
import { FixtureStatusFeed, harness, keys, last, outage, pick, realContent, record, type Reply } from '../dialogs/helpers';
import { stepText, untilQuestion } from './stepTexts';

const content = realContent();
const ROOT = path.join(__dirname, '..', '..');

describe('sign-in playbook: for people who cannot sign in', () => {
  const playbook = content.playbooks['sign-in-problem'];

  it('does not use the "same account on every device" step, and checks Apple first', () => {
    expect(playbook.steps).not.toContain('apple-id');
    expect(content.steps[playbook.steps[0]].kind).toBe('status');
    expect(playbook.steps).toContain('account-access');
  });

  it('asks what stops the sign-in: forgotten password, a code that never comes, a locked account', async () => {
    const h = harness();
    const first = await h.say('sign-in-problem on my iphone');
    const replies = await untilQuestion(h, first, 'account-access');
    expect(last(replies).resync?.choices).toEqual(expect.arrayContaining(['forgot-password', 'no-code', 'locked']));
    const seen = (await record(h)).steps.map((s) => s.step);
    expect(seen).not.toContain('apple-id');
  });

  it('a forgotten password gets the reset, not "sign out", and the step is recorded', async () => {
    const h = harness();
    const replies = await untilQuestion(h, await h.say('sign-in-problem on my mac'), 'account-access');
    const answer = await h.say(pick(replies, 'forgot-password'));
    const shown = answer.find((r) => r.resync?.messageKey === 'step.instructions');
    expect(shown?.resync?.stepId).toBe('account-access');
    expect(shown?.text).toMatch(/iforgot\.apple\.com/);
    expect(shown?.text).not.toMatch(/sign out/i);
    expect(last(answer).resync?.messageKey).toBe('fixed.question');
  });

  it.each(PLATFORMS)('on %s: reset at iforgot.apple.com, "Didn\'t get a verification code", unlocking, and no sign-out', (platform) => {
    const step = content.steps['account-access'];
    expect(stepText(step, platform, { choiceId: 'forgot-password' })).toMatch(/iforgot\.apple\.com/);
    expect(stepText(step, platform, { choiceId: 'locked' })).toMatch(/iforgot\.apple\.com/);
    expect(stepText(step, platform, { choiceId: 'no-code' })).toMatch(/Didn't get a verification code/);
    expect(stepText(step, platform)).toMatch(/iforgot\.apple\.com/);
    for (const choice of [undefined, ...step.question!.choices.map((c) => c.id)]) {
      expect(stepText(step, platform, { choiceId: choice })).not.toMatch(/sign out/i);
    }
  });

  it('the account check of the sync playbooks tells iPhone and Mac users how to reset a password and get a code', () => {
    const step = content.steps['apple-id'];
    for (const platform of ['ios', 'mac', 'windows', 'web'] as const) expect(stepText(step, platform)).toMatch(/iforgot\.apple\.com/);
    for (const platform of ['ios', 'mac'] as const) expect(stepText(step, platform)).toMatch(/Didn't get a verification code/);
  });
});

describe('network question', () => {
  const network = content.steps.network;
  const offered = (platform: Platform) => choicesOn(network, platform).map((c) => c.id);
  /** The button titles of a prompt's card (Web Chat gets a card with buttons). */
  const buttons = (reply: Reply): string[] =>
    ((reply.activity.attachments?.[0]?.content as { buttons?: { title: string }[] } | undefined)?.buttons ?? []).map((b) => b.title);

  it('offers a cable on computers only (Mac, Windows PC, a browser), never on an iPhone, iPad or Apple Watch', () => {
    for (const platform of ['mac', 'windows', 'web'] as const) expect(offered(platform)).toContain('cable');
    for (const platform of ['ios', 'other'] as const) expect(offered(platform)).not.toContain('cable');
  });

  it('on a Mac: the Cable button, its number and "ethernet" all pick it, with its own text', async () => {
    for (const answer of ['ethernet', 'Cable (Ethernet)', 'wired', 'number']) {
      const h = harness({ channelId: 'webchat' });
      const replies = await untilQuestion(h, await h.say('photos-not-syncing on my mac'), 'network');
      expect(buttons(last(replies))).toEqual(choicesOn(network, 'mac').map((c) => c.title));
      expect(buttons(last(replies))).toContain('Cable (Ethernet)');
      const after = await h.say(answer === 'number' ? pick(replies, 'cable') : answer);
      const shown = after.find((r) => r.resync?.messageKey === 'step.instructions');
      expect(shown?.resync?.stepId).toBe('network');
      expect(shown?.text).toContain(stepText(network, 'mac', { choiceId: 'cable' }).split('\n')[0]);
      expect(shown?.text).not.toContain(stepText(network, 'mac', { choiceId: 'wifi' }).split('\n')[0]);
    }
  });

  it('on an iPhone: no Cable button, its number is the next choice, "ethernet" is not taken as an answer', async () => {
    const h = harness({ channelId: 'webchat' });
    const replies = await untilQuestion(h, await h.say('photos-not-syncing on my iphone'), 'network');
    const prompt = last(replies);
    expect(prompt.resync?.choices).toEqual(offered('ios'));
    expect(buttons(prompt)).toEqual(choicesOn(network, 'ios').map((c) => c.title));
    expect(buttons(prompt)).not.toContain('Cable (Ethernet)');
    const typed = await h.say('ethernet');
    expect(typed.some((r) => r.resync?.messageKey === 'step.instructions')).toBe(false);
    expect(last(typed).resync).toMatchObject({ messageKey: 'step.question', stepId: 'network' });
    // The button a Mac would have sent, replayed here, is no answer either.
    const button = await h.say({ text: 'Cable (Ethernet)', value: { resyncChoice: 'cable' } });
    expect(button.some((r) => r.resync?.messageKey === 'step.instructions')).toBe(false);
    // "2" is the second choice offered here, mobile data.
    const second = await h.say('2');
    expect(second.find((r) => r.resync?.messageKey === 'step.instructions')?.text).toContain(stepText(network, 'ios', { choiceId: 'mobile' }).split('\n')[0]);
  });

  it('numbered for a channel without buttons: the cable is numbered on a Mac, and the numbers close up on an iPhone', async () => {
    const numbered = async (device: string): Promise<string[]> => {
      const h = harness({ channelId: 'plain-text-channel' });
      const replies = await untilQuestion(h, await h.say(`photos-not-syncing on my ${device}`), 'network');
      return last(replies).text.split('\n').filter((l) => /^\d+\. /.test(l));
    };
    expect(await numbered('mac')).toEqual(choicesOn(network, 'mac').map((c, i) => `${i + 1}. ${c.title}`));
    expect(await numbered('mac')).toContain('2. Cable (Ethernet)');
    expect(await numbered('iphone')).toEqual(choicesOn(network, 'ios').map((c, i) => `${i + 1}. ${c.title}`));
    expect((await numbered('iphone')).join('\n')).not.toMatch(/cable/i);
  });
});

describe('Apple Watch texts (platform "other")', () => {
  const files = ['apple-id', 'network', 'restart', 'software-update', 'storage', 'account-access'];
  const watchTexts = (step: Step): string[] => {
    const out = [step.instructions.other, step.question?.text.other];
    for (const c of step.question?.choices ?? []) out.push(c.instructions?.other);
    for (const s of Object.values(step.services)) out.push(s.other);
    return out.filter((t): t is string => typeof t === 'string' && t !== 'skip');
  };

  it.each(files)('%s speaks about the watch only, never "on another device"', (id) => {
    const texts = watchTexts(content.steps[id]);
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).not.toMatch(/on another device|(?:^|\. )other devices?:|any other device/im);
  });

  it('the "other" device is the one for non-Apple devices, read with the web instructions', () => {
    const other = content.devices.find((d) => d.id === 'other')!;
    expect(other.platform).toBe('web');
    expect(content.devices.filter((d) => d.platform === 'other').map((d) => d.id)).toEqual(['apple-watch']);
  });
});

describe('iOS texts name the device the person has (tester round 4, item 15)', () => {
  /** Every text an iPhone, iPad or iPod touch user reads: ios or all, in the step, its services and its choices. */
  const iosTexts = (step: Step): [string, string][] => {
    const out: [string, string | undefined][] = [
      ['instructions', step.instructions.ios ?? step.instructions.all],
      ['question', step.question?.text.ios ?? step.question?.text.all],
    ];
    for (const c of step.question?.choices ?? []) out.push([`choice ${c.id}`, c.instructions?.ios ?? c.instructions?.all]);
    for (const [svc, o] of Object.entries(step.services)) out.push([`services.${svc}`, o.ios ?? o.all]);
    return out.filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== 'skip');
  };

  it.each(Object.keys(content.steps))('%s: its own folders and switches say {device}, never a fixed "iPhone" or "iPad"', (id) => {
    for (const [where, t] of iosTexts(content.steps[id])) {
      expect(`${where}: ${t}`).not.toMatch(/On My iP(?:hone|ad)|(?:this|your) iP(?:hone|ad)(?!,| or| and)|Sync this iP(?:hone|ad)|Optimize iP(?:hone|ad)/);
    }
  });
});

describe('devices and services', () => {
  it('device buttons are capitalised like the rest ("iPhone", "Mac", "Web browser (iCloud.com)"), also the ones offered only to carry on elsewhere', () => {
    const labels = content.devices.map((d) => d.label);
    expect(labels.filter((l) => !/^(?:[A-Z]|i[A-Z])/.test(l))).toEqual([]);
  });

  it('step texts never put a capitalised common noun after "your" ("your Other device", "your Web browser")', () => {
    const brands = /^(?:iPhone|iPad|Mac|Windows|Apple|Android)\b/;
    /** [platform or undefined for every platform, text] */
    const texts: [string | undefined, string][] = [];
    for (const step of Object.values(content.steps)) {
      texts.push(...Object.values(step.messages).map((t): [undefined, string] => [undefined, t]));
      for (const layer of [step.instructions, ...Object.values(step.services), ...(step.question?.choices ?? []).map((c) => c.instructions ?? {})]) {
        for (const [key, t] of Object.entries(layer)) if (typeof t === 'string') texts.push([key === 'all' ? undefined : key, t]);
      }
    }
    const odd: string[] = [];
    for (const [platform, t] of texts.filter(([, x]) => x.includes('{device}'))) {
      for (const d of content.devices.filter((x) => platform === undefined || x.platform === platform)) {
        const filled = t.replaceAll('{device}', d.label);
        for (const m of filled.matchAll(/\byour ([A-Z][\w.]*)/g)) if (!brands.test(m[1])) odd.push(`${d.id}: ...${filled.slice(Math.max(0, m.index - 30), m.index + 40)}...`);
      }
    }
    expect(odd).toEqual([]);
  });

  it('step titles fit iCloud.com too: no "switches" above a text saying it has none, and the restart names the browser', () => {
    const toggles = content.steps['service-toggles'];
    expect(toggles.instructions.web).toMatch(/no sync switches/);
    expect(toggles.title).not.toMatch(/switch/i);
    expect(content.steps['restart'].instructions.web).toMatch(/browser/);
    expect(content.steps['restart'].title).toMatch(/browser/i);
  });

  it('every device and service the recogniser can find is one the dialogs know', () => {
    const file = parse(readFileSync(path.join(ROOT, 'intents', 'entities.yaml'), 'utf8')) as { entities: Record<string, { value: string }[]> };
    const deviceIds = content.devices.map((d) => d.id);
    const serviceIds = content.services.map((s) => s.id);
    expect(file.entities.device.map((e) => e.value).filter((v) => !deviceIds.includes(v))).toEqual([]);
    expect(file.entities.service.map((e) => e.value).filter((v) => !serviceIds.includes(v))).toEqual([]);
    for (const id of ['messages', 'mail', 'keychain', 'safari']) expect(serviceIds).toContain(id);
    expect(file.entities.device.map((e) => e.value)).toContain('other');
  });
});

describe('status question about one service', () => {
  it('"is iCloud Mail down?" with only Photos and sign-in events lists them and says every service not listed works', async () => {
    const statusPlaybook = Object.values(content.playbooks).find((p) => p.askDevice === false && p.handoff === false)!;
    const photos = outage('Photos');
    const signIn = outage(content.alwaysCheck[0]);
    if (!photos.ok || !signIn.ok) throw new Error('fixture');
    const report = { ...photos, services: [...photos.services, ...signIn.services] };
    const h = harness({ feed: new FixtureStatusFeed(report) });
    const replies = await h.say(`${statusPlaybook.intent} service:mail`);
    const intro = replies.find((r) => r.resync?.messageKey === 'status.outageIntro')!;
    expect(intro.text).toContain('Photos');
    expect(intro.text).not.toContain('iCloud Mail');
    const firstLine = intro.text.split('\n')[0];
    // Not "Yes, iCloud has a problem": it says what the list means for a service not in it.
    expect(firstLine).not.toMatch(/^Yes\b/);
    expect(firstLine).toMatch(/not listed[^:]*working normally/);
  });
});

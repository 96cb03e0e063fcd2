/**
 * Tester round 6, part B (step texts checked against iOS 18, macOS 15, watchOS 11, iCloud for
 * Windows and iCloud.com): each device reads its own menu names. The content checks read the real
 * dialogs/ files; the conversations run through the whole bot (TestAdapter, keyword recogniser) and
 * assert what a person on that device is shown.
 */
import type { Platform } from '../../src/content/playbookSchema';
import { FixtureStatusFeed, harness, last, outage, pick, realContent, type BotHarness, type Reply } from '../dialogs/helpers';
import { goOnNumber } from '../helpers/goesOn';
import { lineOf, personalChat, useRealBot } from '../helpers/realBot';
import { stepText, untilQuestion } from './stepTexts';

const content = realContent();

const instructionsOf = (replies: Reply[], stepId: string): string | undefined =>
  replies.find((r) => r.resync?.messageKey === 'step.instructions' && r.resync.stepId === stepId)?.text;

describe('B1: a locked or disabled account: where the payment method is, per platform', () => {
  const step = content.steps['account-access'];
  const locked = (p: Platform) => stepText(step, p, { choiceId: 'locked' });

  it('iPhone/iPad: Settings; Mac: System Settings; PC and iCloud.com: account.apple.com; watch: its iPhone', () => {
    expect(locked('ios')).toContain('**Settings › [your name] › Payment & Shipping**');
    expect(locked('mac')).toContain('**System Settings › [your name] › Payment & Shipping**');
    for (const p of ['windows', 'web'] as const) {
      expect(locked(p)).toContain('account.apple.com');
      expect(locked(p)).toContain('Payment Methods');
    }
    expect(locked('other')).toMatch(/paired iPhone|on the iPhone/);
  });

  it('a Mac conversation picking "locked" is shown System Settings, never the iPhone path alone', async () => {
    const h = harness();
    const atQuestion = await untilQuestion(h, await h.say('sign-in-problem on my mac'), 'account-access');
    const text = instructionsOf(await h.say(pick(atQuestion, 'locked')), 'account-access');
    expect(text).toContain('**System Settings › [your name] › Payment & Shipping**');
    expect(text).not.toMatch(/(^|[^m] )\*\*Settings › \[your name\] › Payment/);
  });

  it('a Windows conversation picking "locked" is sent to account.apple.com', async () => {
    const h = harness();
    const atQuestion = await untilQuestion(h, await h.say('sign-in-problem on my windows pc'), 'account-access');
    const text = instructionsOf(await h.say(pick(atQuestion, 'locked')), 'account-access');
    expect(text).toContain('account.apple.com');
    expect(text).not.toContain('System Settings');
  });
});

describe('B3: network on an iPhone or iPad', () => {
  const step = content.steps.network;

  it('"not sure": the Wi-Fi tick tells it, and Control Centre is opened both ways (Face ID and Home button)', () => {
    const text = stepText(step, 'ios', { choiceId: 'not-sure' });
    expect(text).toContain('**Settings › Wi-Fi**');
    expect(text).toMatch(/tick next to a network/);
    expect(text).toMatch(/top-right corner/);
    expect(text).toMatch(/bottom edge on models with a Home button/);
    expect(text).not.toMatch(/blue Wi-Fi button means/);
  });

  it('mobile data names the iPad menu Cellular Data and tells 4G models from 5G models', () => {
    const text = stepText(step, 'ios', { choiceId: 'mobile' });
    expect(text).toMatch(/on an iPad \*\*Cellular Data\*\*/);
    expect(text).toMatch(/5G model[^\n]*\*\*Data Mode\*\*/);
    expect(text).toMatch(/4G model[^\n]*\*\*Low Data Mode\*\* switch/);
  });

  it('an iPad conversation on mobile data is shown the iPad menu name', async () => {
    const h = harness();
    const atQuestion = await untilQuestion(h, await h.say('contacts-not-syncing on my ipad'), 'network');
    const text = instructionsOf(await h.say(pick(atQuestion, 'mobile')), 'network');
    expect(text).toContain('**Cellular Data**');
    expect(text).toContain('Cellular Data Options');
  });
});

describe('B4: the older menu names next to See All', () => {
  const step = content.steps['service-toggles'];

  it.each(['contacts', 'calendar', 'reminders', 'notes'])('%s: the Mac text names Sonoma\'s Show All, the iOS text iOS 17\'s', (service) => {
    expect(stepText(step, 'mac', { service })).toMatch(/See All\*\* \(macOS Sonoma and earlier: \*\*Apps Using iCloud › Show All\*\*\)/);
    expect(stepText(step, 'ios', { service })).toMatch(/See All\*\* \(iOS 17: \*\*Apps Using iCloud › Show All\*\*\)/);
  });
});

describe('B5, B9: iCloud.com and Android', () => {
  const step = content.steps['service-toggles'];

  it('photos: how to see and download them at icloud.com/photos', () => {
    expect(stepText(step, 'web', { service: 'photos' })).toMatch(/icloud\.com\/photos\*\*[^\n]*download/);
  });

  it('contacts: an Android phone cannot sync them itself; icloud.com/contacts or a vCard', () => {
    // The Android phone's own text (round 11, A2: the web platform's is read at icloud.com in a computer's browser too).
    const text = step.services.contacts?.devices?.other;
    expect(text).toMatch(/Android phone can't sync iCloud Contacts/);
    expect(text).toContain('vCard');
  });

  it.each(['contacts', 'calendar', 'reminders'])('%s: the web text opens with icloud.com, not with Android (round 10, A3: read in a computer\'s browser too)', (service) => {
    const text = stepText(step, 'web', { service })!;
    const first = text.split('\n')[0]!;
    expect(first).toMatch(/icloud\.com\//);
    expect(first).not.toMatch(/Android/);
  });

  it('drive: uploads on iCloud.com (page left open, another browser, the 50 GB limit)', () => {
    const text = stepText(step, 'web', { service: 'drive' });
    expect(text).toMatch(/leave the page open/);
    expect(text).toMatch(/another browser/);
    expect(text).toContain('50 GB');
  });

  it('an Android phone with photos is told to download them from icloud.com/photos', async () => {
    const h = harness();
    const atDevice = await h.say('photos-not-syncing');
    expect(last(atDevice).resync?.messageKey).toBe('device.question');
    const replies = await h.say(pick(atDevice, 'other'));
    expect(replies.find((r) => r.resync?.stepId === 'service-toggles')?.text).toMatch(/icloud\.com\/photos\*\*[^\n]*download/);
  });
});

describe('B10: Notes on an Apple Watch', () => {
  it('says that watchOS before 26 has no Notes app, instead of the generic "syncs through its iPhone"', async () => {
    expect(stepText(content.steps['service-toggles'], 'other', { service: 'notes' })).toMatch(/Before watchOS 26 there's no Notes app/);
    const h = harness();
    const toggles = await untilInstructions(h, await h.say('notes-not-syncing on my apple watch'), 'service-toggles');
    expect(toggles).toMatch(/no Notes app/);
  });
});

/** From the first replies, answers "1" / "not fixed" until the instructions of `stepId` are shown. */
async function untilInstructions(h: BotHarness, first: Reply[], stepId: string): Promise<string | undefined> {
  let replies = first;
  for (let turn = 0; turn < 20; turn++) {
    const shown = instructionsOf(replies, stepId);
    if (shown !== undefined) return shown;
    const prompt = last(replies).resync;
    if (prompt?.messageKey === 'step.question') replies = await h.say(goOnNumber(content.steps[prompt.stepId!]!, prompt.choices));
    else if (prompt?.messageKey === 'fixed.question') replies = await h.say(pick(replies, 'not-fixed'));
    else throw new Error(`stuck at ${prompt?.messageKey}`);
  }
  return undefined;
}

describe('B6, B7: the storage texts', () => {
  const step = content.steps.storage;

  it('iCloud.com: empty Recently Deleted in Photos and iCloud Drive, which still count for 30 days', () => {
    const text = stepText(step, 'web');
    expect(text).toMatch(/\*\*Recently Deleted\*\* in Photos and in iCloud Drive/);
    expect(text).toContain('30 days');
  });

  it('every platform says a lapsed iCloud+ plan drops back to 5 GB, and where the payment method is on it', () => {
    const where: Record<Platform, string> = {
      ios: '**Settings › [your name] › Payment & Shipping**',
      mac: '**System Settings › [your name] › Payment & Shipping**',
      windows: '**account.apple.com › Payment Methods**',
      web: '**account.apple.com › Payment Methods**',
      other: 'on the iPhone in **Settings › [your name] › Payment & Shipping**',
    };
    for (const [platform, path] of Object.entries(where) as [Platform, string][]) {
      const text = stepText(step, platform);
      expect(text).toMatch(/iCloud\+ plan lapsed[^\n]*free 5 GB/);
      expect(text).toContain(path);
    }
  });
});

describe('B8, A12: answers after "It keeps asking for my password" and "got it, im in"', () => {
  /** Sign-in on an iPhone, "It keeps asking for my password", then `answer` at the fixed question. */
  async function keepsAskingThen(answer: string): Promise<string[]> {
    const h = harness();
    const atQuestion = await untilQuestion(h, await h.say('sign-in-problem on my iphone'), 'account-access');
    const atFixed = await h.say(pick(atQuestion, 'keeps-asking'));
    expect(last(atFixed).resync?.messageKey).toBe('fixed.question');
    return (await h.say(answer)).map((r) => `${r.resync?.messageKey}:${r.resync?.stepId ?? ''}`);
  }

  it.each(['got it, im in', 'it stopped asking', "it doesn't ask anymore", 'no longer asking, thanks'])('"%s" is a yes: the wrap-up', async (answer) => {
    expect(await keepsAskingThen(answer)).toContain('playbook.wrapUp:account-access');
  });

  it.each(['it keeps asking', 'still asking', 'it asked again', "it hasn't stopped asking"])('"%s" is a no: the next check (network)', async (answer) => {
    const replies = await keepsAskingThen(answer);
    expect(replies).not.toContain('playbook.wrapUp:account-access');
    expect(replies[replies.length - 1]).toBe('step.question:network');
  });

  it('the question fits people who are signed in: "Has it stopped asking for your password?", not "Can you sign in now?"', async () => {
    const h = harness();
    const atQuestion = await untilQuestion(h, await h.say('sign-in-problem on my iphone'), 'account-access');
    const atFixed = last(await h.say(pick(atQuestion, 'keeps-asking')));
    expect(atFixed.text).toMatch(/^Has it stopped asking for your password\?\n\n1\. Yes, it's stopped asking\n2\. No, it still asks/);
    expect(atFixed.text).not.toMatch(/sign in now/);
  });

  it('another case of the same step keeps the playbook\'s "Can you sign in now?"', async () => {
    const h = harness();
    const atQuestion = await untilQuestion(h, await h.say('sign-in-problem on my iphone'), 'account-access');
    expect(last(await h.say(pick(atQuestion, 'forgot-password'))).text).toMatch(/^Can you sign in now\?\n/);
  });

  it('"I\'m in Settings" is still no answer', async () => {
    expect(await keepsAskingThen("I'm in Settings")).not.toContain('playbook.wrapUp:account-access');
  });
});

describe('B8, A12 with the real recogniser', () => {
  const bot = useRealBot('round6-signin');
  let n = 0;

  async function atFixedQuestion(): Promise<(text: string) => Promise<string[]>> {
    const chat = personalChat(bot.runtime.bot, `round6-signin-${++n}`);
    const say = async (text: string) => (await chat(text)).map(lineOf);
    let replies = await say('my iphone keeps asking for my apple id password');
    for (let i = 0; i < 6 && replies[replies.length - 1]?.key !== 'fixed.question'; i++) {
      const prompt = replies[replies.length - 1];
      if (prompt.key === 'step.question' && prompt.stepId === 'account-access') replies = await say(String((prompt.choices ?? []).indexOf('keeps-asking') + 1));
      else if (prompt.key === 'status.pauseQuestion') replies = await say('1');
      else break;
    }
    expect(replies[replies.length - 1]?.key).toBe('fixed.question');
    return async (text) => (await say(text)).map((r) => `${r.key}:${r.stepId ?? ''}`);
  }

  it('"got it, im in" is the fix; "it keeps asking" goes on to the next check', async () => {
    expect(await (await atFixedQuestion())('got it, im in')).toContain('playbook.wrapUp:account-access');
    const no = await (await atFixedQuestion())('it keeps asking');
    expect(no).not.toContain('playbook.wrapUp:account-access');
    expect(no).not.toContain('answer.notUnderstood:account-access');
  });
});

describe('B2: an iCloud.com outage', () => {
  it('"Is iCloud down?" reports Apple\'s "iCloud Web Apps (iCloud.com)" events instead of "every service working"', async () => {
    const statusPlaybook = Object.values(content.playbooks).find((p) => p.askDevice === false && p.handoff === false)!;
    const h = harness({ feed: new FixtureStatusFeed(outage('iCloud Web Apps (iCloud.com)')) });
    const replies = await h.say(statusPlaybook.intent);
    const keysSeen = replies.map((r) => r.resync?.messageKey);
    expect(keysSeen).toContain('status.outageIntro');
    expect(keysSeen).not.toContain('status.allClear');
    expect(replies.map((r) => r.text).join('\n')).toContain('iCloud Web Apps (iCloud.com)');
  });
});

/**
 * Tester round 8, in the testers' words, through the whole bot with the real recogniser and content:
 * - item 6: "X i take on A dont show up on B" names B as the device missing the data (messages.yaml
 *   synonyms.missingOn / synonyms.madeOn): the checks start on B, nobody asked "Which one is missing…?";
 *   an unclear answer to that question ("yes its on", "no", "yes") is asked again, never taken as the first button.
 * - item 14: a backup whose message names "not enough icloud storage" starts with making room (storage-full's
 *   firstWhen), the backup checks offered after; never the account question first.
 * - item 13: a shared notes folder or a Shared Album from another person gets a line on the owner's sharing (and the
 *   Shared Albums switch) before the checks, which are about the person's own devices (playbooks' whenSaid).
 * - item 10: "i even signed out and back in on the ipad" in a long story is a step done, not a sign-in problem
 *   (sign-in-problem notWhen): the photos checks start on the iPad, no "You mentioned more than one problem".
 */
import type { TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const bot = useRealBot('round8-first');
let n = 0;

const chat = (): LineChat => bot.lineChat(`round8-first-${++n}`);
async function recordOf(c: LineChat): Promise<TroubleshootingRecord> {
  const key = `test/conversations/${c.id}/`;
  const stored = await bot.runtime.storage.read([key]);
  return (stored[key] as { troubleshooting: TroubleshootingRecord }).troubleshooting;
}
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1];

describe('item 6: the device after "dont show on" is the one missing the data', () => {
  it.each([
    ['Photos i take on my iphone 15 dont show up on my macbook air. same apple id on both', 'photos-not-syncing', 'mac'],
    ['calendar events i add on iphone dont show on ipad, both on ios 17, same account, storage is fine', 'calendar-not-syncing', 'ipad'],
    ['notes i write on icloud.com never show on my iphone', 'notes-not-syncing', 'iphone'],
    ['contacts i add on my mac dont show up on my iphone', 'contacts-not-syncing', 'iphone'],
    ['photos from my iphone dont show on my mac', 'photos-not-syncing', 'mac'],
    ['photos from my iphone are missing from my ipad', 'photos-not-syncing', 'ipad'],
  ])('"%s": %s on the %s, no "Which one is missing…?"', async (text, playbook, device) => {
    const c = chat();
    const replies = await c.say(text);
    expect(keys(replies)).not.toContain('device.which');
    expect(keys(replies)).not.toContain('device.question');
    expect(replies.some((r) => r.playbook === playbook)).toBe(true);
    expect((await recordOf(c)).device).toBe(device);
    // Said why it starts there, and how to start on the other device instead.
    expect(replies.find((r) => r.key === 'device.startedWhereMissing')?.text).toMatch(/the one missing them/);
  });

  it('the Mac steps are shown for the Mac ("Photos i take on my iphone 15 dont show up on my macbook air")', async () => {
    const c = chat();
    const replies = await c.say('Photos i take on my iphone 15 dont show up on my macbook air. same apple id on both');
    const shown = replies.filter((r) => r.key === 'step.instructions' || r.key === 'step.question').map((r) => r.text).join('\n');
    expect(shown).toMatch(/System Settings/);
    expect(shown).not.toMatch(/Sign in to your iPhone/);
  });

  it.each([
    ['photos not syncing between my iphone and my ipad', ['iphone', 'ipad']],
    ['my notes sync from my mac to my ipad but not the other way', ['mac', 'ipad']],
  ])('two devices and no direction (or one that turns round) are still asked about: "%s"', async (text, devices) => {
    const replies = await chat().say(text);
    expect(lastOf(replies)).toMatchObject({ key: 'device.which', choices: devices });
  });
});

describe('item 6: an unclear answer to "Which one is missing…?" is asked again', () => {
  const first = 'photos not syncing between my iphone and my mac';

  it.each([['yes its on'], ['no'], ['yes']])('"%s" (twice): the question again each time, never "Let\'s start with the iPhone"', async (answer) => {
    const c = chat();
    expect(lastOf(await c.say(first)).key).toBe('device.which');
    for (let i = 0; i < 2; i++) {
      const replies = await c.say(answer);
      expect(keys(replies)).not.toContain('device.startFirst');
      expect(keys(replies)).not.toContain('playbook.intro');
      expect(lastOf(replies)).toMatchObject({ key: 'device.which', choices: ['iphone', 'mac'] });
    }
    const started = await c.say('the mac');
    expect(keys(started)).toContain('playbook.intro');
    expect((await recordOf(c)).device).toBe('mac');
  });
});

describe('item 14: "not enough icloud storage" in a backup message starts with making room', () => {
  it.each([['iphone backup says not enough icloud storage'], ['my ipad says icloud backup failed not enough storage']])('"%s"', async (text) => {
    const c = chat();
    const replies = await c.say(text);
    expect(replies.some((r) => r.stepId === 'apple-id')).toBe(false);
    expect(keys(replies)).toContain('playbook.firstWhen');
    expect(replies.find((r) => r.key === 'step.instructions')?.stepId).toBe('storage');
    expect(lastOf(replies)).toMatchObject({ key: 'fixed.question', stepId: 'storage' });
    // Room made: the backup checks are offered next.
    const after = await c.say('yes theres room now');
    expect(keys(after)).toContain('queue.offer');
    expect(lastOf(after).text).toMatch(/Backup/);
  });
});

describe('item 13: content shared by someone else', () => {
  it.each([
    ["shared notes folder not updating on my ipad, my wife's changes don't show", 'notes-not-syncing', /Manage Shared Folder/],
    ['shared album photos from my sister dont show up on my iphone', 'photos-not-syncing', /Shared Albums/],
  ])('"%s": a line on the sharing comes before the account question', async (text, playbook, says) => {
    const replies = await chat().say(text);
    const line = replies.findIndex((r) => r.key === 'playbook.whenSaid');
    expect(line).toBeGreaterThanOrEqual(0);
    expect(replies[line].playbook).toBe(playbook);
    expect(replies[line].text).toMatch(says);
    expect(replies[line].text).toMatch(/person who shared it/);
    expect(replies.findIndex((r) => r.stepId === 'apple-id')).toBeGreaterThan(line);
  });

  it('notes not shared with anyone get no such line', async () => {
    const replies = await chat().say('notes not syncing on my ipad');
    expect(keys(replies)).not.toContain('playbook.whenSaid');
  });
});

describe('item 10: signing out and back in is a step done, not a second problem', () => {
  const story =
    'ok so here is my whole story, i have had an iphone for years and recently i bought a new ipad pro and since then my photos from the iphone are not coming to the ipad, i checked that both have the same apple id and i have 200gb plan with 150gb free, i also restarted both devices twice and updated to latest ios and ipados, wifi is fine at home, and i even signed out and back in on the ipad but it still shows only old pictures from last month, what else can i do, this is driving me crazy honestly, my kids photos from the school play are on the iphone and i want to see them on the big screen';

  it('D05: the photos checks, on the iPad, with what the story said kept', async () => {
    const c = chat();
    const replies = await c.say(story);
    expect(keys(replies)).not.toContain('queue.noted');
    expect(replies.some((r) => r.playbook === 'sign-in-problem')).toBe(false);
    expect(replies.some((r) => r.playbook === 'photos-not-syncing')).toBe(true);
    expect(replies.filter((r) => r.key === 'playbook.saidFirst').length).toBeGreaterThanOrEqual(2);
    expect((await recordOf(c)).device).toBe('ipad');
  });

  it('"i signed out and now i cant sign back in" is still a sign-in problem', async () => {
    const replies = await chat().say('i signed out and now i cant sign back in');
    expect(replies.some((r) => r.playbook === 'sign-in-problem')).toBe(true);
  });
});

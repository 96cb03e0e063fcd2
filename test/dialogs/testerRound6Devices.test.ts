/**
 * Tester round 6 (section A, items 5 and 6), in the tester's own words, through the whole bot
 * with the real recogniser and content:
 * - "my phone" names an iPhone or an Android phone: asked which, with those two buttons only
 *   (messages.yaml `synonyms.deviceWords`); "photos from my phone dont show up on icloud.com" starts
 *   on the iPhone (iCloud.com only shows what the phone uploaded: Photos can't be fixed there).
 * - "its on the website" at the two-device question is iCloud.com; "no" there, however often, never
 *   loses the devices the message named.
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';
import { realContent } from './helpers';

const content = realContent();
const bot = useRealBot('round6-top');
let n = 0;

type Talk = (text: string) => Promise<ReplyLine[]>;

function talk(): Talk {
  const chat = personalChat(bot.runtime.bot, `round6-top-${++n}`);
  return async (text) => (await chat(text)).map(lineOf);
}

const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1];
const label = (id: string) => content.devices.find((d) => d.id === id)!.label;
const intro = (replies: ReplyLine[]) => replies.find((r) => r.key === 'playbook.intro')?.playbook;

describe('"my phone" is an iPhone or an Android phone (item 5)', () => {
  it.each(['calendar not syncing on my phone', 'my phone isnt syncing contacts'])('"%s": which phone, with those two buttons', async (first) => {
    const say = talk();
    const replies = await say(first);
    const asked = lastOf(replies);
    expect(asked.key).toBe('device.whichOf');
    expect(asked.choices).toEqual(['iphone', 'other']);
    expect(asked.text).toContain('phone');
    const next = await say('iphone');
    expect(intro(next)).toBeDefined();
    expect(keys(next)).not.toContain('device.question');
  });

  it('"photos from my phone dont show up on icloud.com" starts on the iPhone, never asking which device', async () => {
    const say = talk();
    const replies = await say('photos from my phone dont show up on icloud.com');
    expect(intro(replies)).toBe('photos-not-syncing');
    expect(keys(replies)).not.toContain('step.elsewhere');
    expect(keys(replies)).not.toContain('device.which');
    expect(keys(replies)).not.toContain('device.question');
    expect(replies.find((r) => r.key === 'device.startedWhereFixable')?.text).toContain(label('iphone'));
  });
});

describe('the two-device question keeps the devices named (item 6)', () => {
  const first = 'notes on icloud.com arent the same as my iphone';

  it('"its on the website" is iCloud.com', async () => {
    const say = talk();
    expect(lastOf(await say(first)).key).toBe('device.which');
    const replies = await say('its on the website');
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    expect(intro(replies)).toBe('notes-not-syncing');
    expect(keys(replies)).not.toContain('device.question');
  });

  it('"no" again and again never asks the general device question: the devices named are kept', async () => {
    const say = talk();
    await say(first);
    let all: ReplyLine[] = [];
    for (const line of ['no', 'no', 'no']) all = [...all, ...(await say(line))];
    expect(keys(all)).not.toContain('device.question');
    for (const r of all.filter((x) => x.key === 'device.which')) expect(r.choices).toEqual(['web', 'iphone']);
    // Asked again each time with those devices (tester round 8: never the first button taken for an answer).
    expect(keys(all).filter((k) => k === 'device.which')).toHaveLength(3);
    expect(keys(all)).not.toContain('device.startFirst');
    expect(intro(all)).toBeUndefined();
    expect(intro(await say('iphone'))).toBe('notes-not-syncing');
  });
});

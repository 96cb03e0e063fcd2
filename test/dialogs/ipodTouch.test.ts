/**
 * An iPod touch is a device of its own on the iOS steps, with its own name, and never takes the
 * iPhone's place: not at "carry on with which device?" (dialogs/devices.yaml lists it after the
 * iPhone), and not on the device question's buttons (typing it works). Through the whole bot with
 * the real recogniser and content.
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';
import { realContent } from './helpers';

const content = realContent();
const bot = useRealBot('ipod');
let n = 0;

function talk(): { say: (text: string) => Promise<ReplyLine[]>; id: string } {
  const id = `ipod-${++n}`;
  const chat = personalChat(bot.runtime.bot, id);
  return { id, say: async (text) => (await chat(text)).map(lineOf) };
}

const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1];

async function deviceOf(id: string): Promise<string | undefined> {
  const key = `test/conversations/${id}/`;
  const stored = (await bot.runtime.storage.read([key]))[key] as { troubleshooting?: { device?: string } } | undefined;
  return stored?.troubleshooting?.device;
}

describe('an iPod touch', () => {
  it('is in the content as an iOS device that is not a button at the device question', () => {
    const ipod = content.devices.find((d) => d.id === 'ipod');
    expect(ipod).toMatchObject({ platform: 'ios', ask: false, label: 'iPod touch' });
  });

  it('"photos not syncing on my ipod touch" starts on it without asking which device; the iOS steps use its name', async () => {
    const { say, id } = talk();
    const first = await say('photos not syncing on my ipod touch');
    expect(keys(first)).not.toContain('device.question');
    expect(lastOf(first)).toMatchObject({ key: 'step.question', playbook: 'photos-not-syncing', stepId: 'apple-id' });
    expect(await deviceOf(id)).toBe('ipod');
    const shown = (await say('1')).find((r) => r.key === 'step.instructions')!;
    expect(shown.text).toContain('iPod touch');
    expect(shown.text).not.toContain('iPhone');
  });

  it.each(['my ipod', 'ipod', 'i pod', 'ipood', 'my old ipod touch'])('"%s" at the device question is the iPod touch', async (text) => {
    const { say, id } = talk();
    const asked = await say('my icloud is broken');
    expect(lastOf(asked).key).toBe('device.question');
    expect(lastOf(asked).choices).not.toContain('ipod');
    expect(lastOf(await say(text))).toMatchObject({ key: 'step.question', stepId: 'apple-id' });
    expect(await deviceOf(id)).toBe('ipod');
  });

  it('"my ipad" is still the iPad', async () => {
    const { say, id } = talk();
    await say('my icloud is broken');
    await say('my ipad');
    expect(await deviceOf(id)).toBe('ipad');
  });
});

describe('"carry on with which device?" (backup on a Mac, where it does not exist)', () => {
  /** Answers "continue" and "still not" until the bot asks where to carry on. */
  async function untilElsewhere(say: (text: string) => Promise<ReplyLine[]>): Promise<ReplyLine[]> {
    let replies = await say('my icloud backup is not working on my mac');
    for (let i = 0; i < 20; i++) {
      const p = lastOf(replies);
      if (p.key === 'step.elsewhere') return replies;
      if (p.key === 'step.question') {
        const step = content.steps[p.stepId!]!;
        replies = await say(String(step.question!.choices.findIndex((c) => c.action === 'continue') + 1));
      } else if (p.key === 'fixed.question') replies = await say('2');
      else throw new Error(`unexpected prompt ${p.key} at ${p.stepId}`);
    }
    throw new Error('never asked where to carry on');
  }

  it('offers the iPhone and the iPad, not the iPod touch', async () => {
    const { say } = talk();
    const choices = lastOf(await untilElsewhere(say)).choices!;
    expect(choices).toEqual(['iphone', 'ipad', 'elsewhere-stop']);
  });

  it('typing "my ipod" there carries on with it', async () => {
    const { say, id } = talk();
    await untilElsewhere(say);
    const moved = await say('my ipod then');
    expect(keys(moved)[0]).toBe('device.changed');
    expect(moved[0].text).toContain('iPod touch');
    expect(await deviceOf(id)).toBe('ipod');
  });
});

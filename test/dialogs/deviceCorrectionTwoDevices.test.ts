/**
 * A correction naming two devices mid-flow ("no, it's on my iPad, not my iPhone", "not the
 * iPhone, the iPad"): the device not ruled out is used and the step shown again for it, wherever
 * it stands in the sentence. Two devices not ruled out ("my iPad and my Mac"), or only ruled-out
 * ones ("neither the iPad nor the Mac", "not the iPhone" while on the iPhone), ask which device,
 * and the answer is a correction as usual. A negated verb ("photos don't sync on my iPhone") is no
 * ruling out. The first message reads devices the same way.
 */
import { ruledOutAt } from '../../src/dialogs/answers';
import { answerUntilFixedQuestion, harness, keys, last, pick, profile, realContent, record, type BotHarness } from './helpers';
import { useRealBot } from '../helpers/realBot';

const content = realContent();
const photos = Object.values(content.playbooks).find((p) => p.service === 'photos')!;
const label = (id: string) => content.devices.find((d) => d.id === id)!.label;

async function atFixed(device = 'iphone'): Promise<{ h: BotHarness; stepId: string }> {
  const h = harness();
  const { stepId } = await answerUntilFixedQuestion(h, content, `${photos.intent} on my ${device}`);
  expect((await record(h)).device).toBe(device);
  return { h, stepId };
}

describe('a correction naming two devices', () => {
  it.each([
    ["no, it's on my ipad, not my iphone", 'ipad'],
    ['not the iphone, the ipad', 'ipad'],
    ["it's the mac, not the iphone", 'mac'],
    ['not my iphone, it is on the mac', 'mac'],
    ['the ipad instead of the iphone', 'ipad'],
    ["it isn't the iphone, it's the mac", 'mac'],
  ])('"%s" → %s, the step again for it', async (text, device) => {
    const { h, stepId } = await atFixed();
    const replies = await h.say(text);
    expect(replies[0].resync).toMatchObject({ messageKey: 'device.changed', stepId });
    expect(replies[0].text).toContain(label(device));
    expect(last(replies).resync?.stepId).toBe(stepId);
    expect((await record(h)).device).toBe(device);
    expect((await profile(h)).device).toBe(device);
  });

  it('two devices, neither ruled out: asks which (only those two), and the answer corrects', async () => {
    const { h, stepId } = await atFixed();
    const replies = await h.say('my ipad and my mac');
    expect(keys(replies)).toEqual(['device.whichNow']);
    expect(last(replies).resync?.choices).toEqual(['ipad', 'mac']);
    expect((await record(h)).device).toBe('iphone');
    const after = await h.say(pick(replies, 'mac'));
    expect(after[0].resync).toMatchObject({ messageKey: 'device.changed', stepId });
    expect((await record(h)).device).toBe('mac');
  });

  it('a typed device name answers "which device?", also one not offered', async () => {
    const { h } = await atFixed();
    await h.say('my ipad and my mac');
    const after = await h.say('the windows pc actually');
    expect(keys(after)[0]).toBe('device.changed');
    expect((await record(h)).device).toBe('windows');
  });

  it('both ruled out: asks which, with every other device', async () => {
    const { h } = await atFixed();
    const replies = await h.say('neither the ipad nor the mac');
    expect(keys(replies)).toEqual(['device.whichNow']);
    const offered = last(replies).resync?.choices ?? [];
    expect(offered).not.toContain('ipad');
    expect(offered).not.toContain('mac');
    expect(offered).toContain('iphone');
  });

  it('the device worked on ruled out: asks which; picking it again keeps it and asks the question again', async () => {
    const { h, stepId } = await atFixed();
    const replies = await h.say('not the iphone');
    expect(keys(replies)).toEqual(['device.whichNow']);
    expect(last(replies).resync?.choices).not.toContain('iphone');
    const after = await h.say('iphone');
    expect(keys(after)).toEqual(['device.unchanged', 'fixed.question']);
    expect(last(after).resync?.stepId).toBe(stepId);
    expect((await record(h)).device).toBe('iphone');
  });

  it('another device ruled out while on the iPhone says nothing new', async () => {
    const { h } = await atFixed();
    const replies = await h.say('not the ipad');
    expect(keys(replies)).not.toContain('device.whichNow');
    expect(keys(replies)).not.toContain('device.changed');
    expect((await record(h)).device).toBe('iphone');
  });

  it('a negated verb is no ruling out: "photos don\'t sync on my ipad" corrects to the iPad', async () => {
    const { h } = await atFixed();
    const replies = await h.say("photos don't sync on my ipad");
    expect(keys(replies)[0]).toBe('device.changed');
    expect((await record(h)).device).toBe('ipad');
  });

  it('"cancel" at "which device?" stops as anywhere, the step recorded as left', async () => {
    const { h } = await atFixed();
    await h.say('my ipad and my mac');
    const stop = await h.say('cancel');
    expect(keys(stop)).toContain('cancel.done');
    expect((await record(h)).steps.some((s) => s.outcome === 'user-left')).toBe(true);
  });

  it('at the device question, the device not ruled out is the answer', async () => {
    const h = harness();
    const replies = await h.say(photos.intent);
    expect(last(replies).resync?.messageKey).toBe('device.question');
    await h.say('not the iphone, the ipad');
    expect((await record(h)).device).toBe('ipad');
  });
});

describe('the first message', () => {
  it('"... on my ipad, not my iphone" starts on the iPad without asking which', async () => {
    const h = harness();
    const replies = await h.say(`${photos.intent} on my ipad, not my iphone`);
    expect(keys(replies)).not.toContain('device.which');
    expect((await record(h)).device).toBe('ipad');
  });

  it('the remembered device ruled out is not used', async () => {
    const h = harness();
    await answerUntilFixedQuestion(h, content, `${photos.intent} on my iphone`);
    const h2 = harness({ storage: h.storage, conversationId: 'conv-2' });
    const replies = await h2.say(`${photos.intent}, not my iphone`);
    expect(last(replies).resync?.messageKey).toBe('device.question');
  });

  it('"not the iphone" at "which device?" with two offered picks the other', async () => {
    const h = harness();
    const replies = await h.say(`${photos.intent} iphone mac`);
    expect(keys(replies)).toEqual(['device.which']);
    await h.say('not the iphone');
    expect((await record(h, 'conv-1')).device).toBe('mac');
  });
});

describe('ruledOutAt', () => {
  const at = (text: string, word: string) => ruledOutAt(text, text.toLowerCase().indexOf(word));
  it.each([
    ['not my iphone', 'iphone', true],
    ['not the iphone', 'iphone', true],
    ["it isn't the iphone", 'iphone', true],
    ['the ipad instead of the iphone', 'iphone', true],
    ['ipad rather than iphone', 'iphone', true],
    ["it's on my ipad, not my iphone", 'ipad', false],
    ["photos don't sync on my iphone", 'iphone', false],
    ['not on my iphone', 'iphone', false],
    ['my iphone', 'iphone', false],
  ])('"%s": %s ruled out → %s', (text, word, expected) => {
    expect(at(text as string, word as string)).toBe(expected);
  });
});

describe('with the real recogniser', () => {
  const bot = useRealBot('two-devices');
  let n = 0;

  const atFixedReal = () => bot.atFixedQuestion(`two-devices-${++n}`, 'photos not syncing on my iphone');

  it.each([
    ["no, it's on my iPad, not my iPhone", 'iPad'],
    ['not the iphone, the ipad', 'iPad'],
    ["it's the mac, not the iphone", 'Mac'],
    ['not my iphone, it is on the mac', 'Mac'],
  ])('"%s" → %s', async (text, name) => {
    const say = await atFixedReal();
    const replies = await say(text);
    expect(replies[0].messageKey).toBe('device.changed');
    const conversation = `two-devices-${n}`;
    const stored = await bot.runtime.storage.read([`test/conversations/${conversation}/`]);
    const device = (stored[`test/conversations/${conversation}/`] as { troubleshooting?: { device?: string } })?.troubleshooting?.device;
    expect(content.devices.find((d) => d.id === device)?.label).toBe(name);
  }, 30_000);

  it('"my ipad and my mac" asks which', async () => {
    const say = await atFixedReal();
    expect((await say('my ipad and my mac')).map((r) => r.messageKey)).toEqual(['device.whichNow']);
  }, 30_000);
});

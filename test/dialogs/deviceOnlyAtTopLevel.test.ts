/**
 * Only a device at the top level ("mac", "my iphone"), e.g. right after the status answer invited
 * "tell me what isn't syncing and on which device": not "Sorry, I didn't get that" but what isn't
 * syncing on that device (the problem buttons), and the device is remembered, so the playbook
 * picked next does not ask for it again.
 */
import { useRealBot } from '../helpers/realBot';
import { harness, keys, last, pick, profile, realContent } from './helpers';

const content = realContent();
const statusOnly = Object.values(content.playbooks).find((p) => p.handoff === false)!;
const bot = useRealBot('device-only');
const photos = Object.values(content.playbooks).find((p) => p.intent === 'photos-not-syncing')!;

describe('a device named on its own at the top level', () => {
  it.each([
    ['mac', 'mac'],
    ['my iphone', 'iphone'],
  ])('after the status answer, "%s": what isn\'t syncing there, with the problem buttons; the device is kept', async (text, device) => {
    const h = harness();
    await h.say(statusOnly.intent);
    const replies = await h.say(text);
    expect(keys(replies)).toEqual(['device.whatProblem']);
    expect(last(replies).text).toContain(content.devices.find((d) => d.id === device)!.label);
    expect(last(replies).resync?.choices).toContain(`intent:${photos.intent}`);
    expect((await profile(h)).device).toBe(device);
    // Picking a problem starts it on that device: no device question.
    const started = await h.say(pick(replies, `intent:${photos.intent}`));
    expect(keys(started)).not.toContain('device.question');
    expect(keys(started)).toContain('playbook.intro');
  });

  it.each(['mac', 'my iphone'])('with the real recogniser too: "is icloud down?", then "%s"', async (text) => {
    const say = bot.conversation(`device-only-${text}`);
    await say('is icloud down?');
    expect((await say(text)).map((r) => r.messageKey)).toEqual(['device.whatProblem']);
  });

  it('a message with neither device nor problem is still not understood', async () => {
    const h = harness();
    expect(keys(await h.say('purple elephants'))).toEqual(['notUnderstood']);
  });
});

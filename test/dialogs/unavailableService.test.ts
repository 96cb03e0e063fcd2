/**
 * A service that does not exist on the person's device (step `unavailableOn`): after the step says
 * so, the bot does not go on with device checks that cannot help; it offers the devices where the
 * service exists (and iCloud.com when it is there), or to stop.
 */
import { harness, keys, last, pick, realContent, record, type BotHarness, type Reply } from './helpers';
import { goesOnChoice } from '../helpers/goesOn';

const content = realContent();
const toggles = Object.values(content.steps).find((s) => s.unavailableOn && Object.keys(s.unavailableOn).length > 0)!;
const notes = Object.values(content.playbooks).find((p) => p.service === 'notes')!;
const backup = Object.values(content.playbooks).find((p) => p.service === 'backup')!;

/** Answers every prompt ("continue", "still not") until the bot asks where to carry on. */
async function untilElsewhere(h: BotHarness, replies: Reply[]): Promise<Reply[]> {
  for (let i = 0; i < 20; i++) {
    const p = last(replies).resync!;
    if (p.messageKey === 'step.elsewhere') return replies;
    if (p.messageKey === 'step.question') {
      const step = content.steps[p.stepId!];
      replies = await h.say(pick(replies, goesOnChoice(step.question!.choices).id));
    } else if (p.messageKey === 'fixed.question') replies = await h.say(pick(replies, 'not-fixed'));
    else if (p.messageKey === 'status.pauseQuestion') replies = await h.say(pick(replies, 'continue'));
    else throw new Error(`unexpected prompt ${p.messageKey} at ${p.stepId}`);
  }
  throw new Error('never asked where to carry on');
}

describe('a service that is not on this device', () => {
  it('notes on Windows: says so, then offers the devices that have Notes and iCloud.com, or stop', async () => {
    const h = harness();
    const replies = await untilElsewhere(h, await h.say(`${notes.intent} on my windows`));
    const prompt = last(replies);
    expect(prompt.resync?.stepId).toBe(toggles.id);
    expect(replies[replies.length - 2].resync).toMatchObject({ stepId: toggles.id, messageKey: 'step.instructions' });
    const choices = prompt.resync!.choices!;
    expect(choices).toEqual(expect.arrayContaining(['iphone', 'mac', 'web', 'elsewhere-stop']));
    expect(choices).not.toContain('windows');
    // No later device step was shown.
    const after = toggles.order;
    expect(replies.some((r) => r.resync?.stepId && (content.steps[r.resync.stepId]?.order ?? 0) > after)).toBe(false);
  });

  it('carrying on with iCloud.com starts the steps there, and the same step shows the browser text', async () => {
    const h = harness();
    const replies = await untilElsewhere(h, await h.say(`${notes.intent} on my windows`));
    const moved = await h.say(pick(replies, 'web'));
    expect(moved[0].resync).toMatchObject({ messageKey: 'device.changed', stepId: notes.steps[0] });
    expect((await record(h)).device).toBe('web');
    let next = moved;
    for (let i = 0; i < 20 && last(next).resync?.stepId !== toggles.id; i++) next = await untilStep(h, next);
    const shown = next.find((r) => r.resync?.stepId === toggles.id && r.resync.messageKey === 'step.instructions');
    expect(shown?.text).toContain('icloud.com/notes');
    expect(last(next).resync?.messageKey).toBe('fixed.question');
  });

  it('stop ends the playbook there', async () => {
    const h = harness();
    const replies = await untilElsewhere(h, await h.say(`${notes.intent} on my windows`));
    const stopped = await h.say(pick(replies, 'elsewhere-stop'));
    expect(keys(stopped)).toEqual(['step.elsewhereStopped']);
    expect((await record(h)).steps.pop()).toMatchObject({ step: toggles.id, outcome: 'user-left' });
    expect(keys(await h.say('hello'))).toEqual(['greeting']);
  });

  it.each(['mac', 'web'])('backup on %s: offers only the iPhone and iPad (or stop)', async (device) => {
    const h = harness();
    const replies = await untilElsewhere(h, await h.say(`${backup.intent} on my ${device}`));
    expect(last(replies).resync?.choices).toEqual(['iphone', 'ipad', 'elsewhere-stop']);
    expect(replies[replies.length - 2].resync).toMatchObject({ stepId: toggles.id, messageKey: 'step.instructions' });
  });

  it('on a device that has the service, nothing changes', async () => {
    const h = harness();
    let replies = await h.say(`${notes.intent} on my mac`);
    for (let i = 0; i < 20 && last(replies).resync?.stepId !== toggles.id; i++) replies = await untilStep(h, replies);
    expect(last(replies).resync?.messageKey).toBe('fixed.question');
  });
});

async function untilStep(h: BotHarness, replies: Reply[]): Promise<Reply[]> {
  const p = last(replies).resync!;
  if (p.messageKey === 'step.question') {
    const step = content.steps[p.stepId!];
    return h.say(pick(replies, goesOnChoice(step.question!.choices).id));
  }
  return h.say(pick(replies, 'not-fixed'));
}

describe('the devices offered', () => {
  it('one button for the browser (the device content names for it), none for the watch platform', async () => {
    const h = harness();
    const replies = await untilElsewhere(h, await h.say(`${notes.intent} on my windows`));
    const choices = last(replies).resync!.choices!;
    const platforms = choices.filter((c) => c !== 'elsewhere-stop').map((id) => content.devices.find((d) => d.id === id)!.platform);
    expect(platforms.filter((p) => p === 'web')).toHaveLength(1);
    expect(platforms).not.toContain('other');
    expect(platforms).not.toContain('windows');
  });

  it('typing a device of an offered platform that has no button of its own is understood', async () => {
    const h = harness();
    const replies = await untilElsewhere(h, await h.say(`${backup.intent} on my mac`));
    const ipad = content.devices.find((d) => d.id === 'ipad')!;
    expect(last(replies).resync!.choices).toContain('iphone');
    const moved = await h.say(`on my ${ipad.id} then`);
    expect(keys(moved)[0]).toBe('device.changed');
    expect((await record(h)).device).toBe('ipad');
  });
});

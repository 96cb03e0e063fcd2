/**
 * A service that does not exist on the person's device is noticed as soon as the device is known
 * (in the first message, at the device question, or in a correction), before any step runs on
 * the wrong device; carrying on with another device starts the steps there.
 */
import { harness, keys, last, pick, realContent, record, type BotHarness, type Reply } from './helpers';

const content = realContent();
const toggles = Object.values(content.steps).find((s) => s.unavailableOn && Object.keys(s.unavailableOn).length > 0)!;
const notes = Object.values(content.playbooks).find((p) => p.service === 'notes')!;
const backup = Object.values(content.playbooks).find((p) => p.service === 'backup')!;

/** Only the intro, then the step saying the service is not there, then "which device instead?". */
function expectElsewhereAtOnce(replies: Reply[], intro: boolean): void {
  expect(keys(replies)).toEqual([...(intro ? ['playbook.intro'] : []), 'step.instructions', 'step.elsewhere']);
  expect(replies.every((r) => !r.resync?.stepId || r.resync.stepId === toggles.id || r.resync.messageKey === 'playbook.intro')).toBe(true);
}

describe('the service is not on the device named', () => {
  it.each([
    [backup.intent, 'mac'],
    [backup.intent, 'windows'],
    [backup.intent, 'web'],
    [notes.intent, 'windows'],
  ])('%s on my %s: says so before any step', async (intent, device) => {
    const h = harness();
    const replies = await h.say(`${intent} on my ${device}`);
    expectElsewhereAtOnce(replies, true);
    expect((await record(h)).steps).toEqual([]);
  });

  it('named at the device question: says so at once', async () => {
    const h = harness();
    const asked = await h.say(notes.intent);
    expect(last(asked).resync?.messageKey).toBe('device.question');
    expectElsewhereAtOnce(await h.say(pick(asked, 'windows')), false);
  });

  it('carrying on with another device starts the steps from the beginning there', async () => {
    const h = harness();
    const replies = await h.say(`${backup.intent} on my mac`);
    const moved = await h.say(pick(replies, 'iphone'));
    expect(moved[0].resync).toMatchObject({ messageKey: 'device.changed', stepId: backup.steps[0] });
    expect(keys(moved)).not.toContain('step.elsewhere');
    expect((await record(h)).device).toBe('iphone');
  });

  it('stop ends the playbook, recorded as left at that step', async () => {
    const h = harness();
    const replies = await h.say(`${notes.intent} on my windows`);
    expect(keys(await h.say(pick(replies, 'elsewhere-stop')))).toEqual(['step.elsewhereStopped']);
    expect((await record(h)).steps.pop()).toMatchObject({ step: toggles.id, outcome: 'user-left' });
  });
});

describe('a correction to a device without the service', () => {
  async function atFirstQuestion(): Promise<{ h: BotHarness; stepId: string }> {
    const h = harness();
    const replies = await h.say(`${notes.intent} on my mac`);
    expect(last(replies).resync?.messageKey).toBe('step.question');
    return { h, stepId: last(replies).resync!.stepId! };
  }

  it('says so at once (no "here\'s that step again")', async () => {
    const { h } = await atFirstQuestion();
    const replies = await h.say("actually it's my windows pc");
    expect(keys(replies)).toEqual(['step.instructions', 'step.elsewhere']);
    expect(last(replies).resync?.stepId).toBe(toggles.id);
    expect((await record(h)).device).toBe('windows');
  });

  it('choosing a device then carries on at the step the person was on', async () => {
    const { h, stepId } = await atFirstQuestion();
    const replies = await h.say("actually it's my windows pc");
    const moved = await h.say(pick(replies, 'iphone'));
    expect(moved[0].resync).toMatchObject({ messageKey: 'device.changed', stepId });
    expect(last(moved).resync?.stepId).toBe(stepId);
  });
});

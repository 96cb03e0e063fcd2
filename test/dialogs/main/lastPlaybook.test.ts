/**
 * What comes after a playbook that ended, as pure functions: how long "still not working" picks it
 * up, where it carries on, a device correction after a fix, and the checks skipped on the same
 * device. Real content, keyword recogniser, manual clock.
 */
import type { PlaybookPlace } from '../../../src/dialogs/engine';
import {
  alreadyChecked,
  correctedDevice,
  recentlyEnded,
  reopenOptions,
  RESUME_TURNS,
  RESUME_WINDOW_MS,
  resumeOptions,
  saysStillNotWorking,
} from '../../../src/dialogs/main/lastPlaybook';
import type { LastPlaybook, MainState } from '../../../src/dialogs/main/state';
import { testEngine } from './engineForTests';

const { engine, clock, recognizer } = testEngine();
const steps = engine.content.steps;
const instructionsOf = (steps_: string[]) => steps_.filter((id) => steps[id]?.kind === 'instruction');
/** Whether a step's text is particular to a service (then it is not skipped on the next problem). */
const particular = (stepId: string, service: string | undefined) => Boolean(service && (steps[stepId]!.services[service] || steps[stepId]!.unavailableOn?.[service]));
/** A playbook that asks for the device, with two instruction steps, the first one not particular to its service. */
const playbook = Object.values(engine.content.playbooks).find((p) => {
  const ids = instructionsOf(p.steps);
  return p.askDevice !== false && !engine.answersFromStatus(p) && ids.length >= 2 && !particular(ids[0], p.service);
})!;
const instructions = instructionsOf(playbook.steps);
const at = (stepId: string, phase: string, extra: Partial<PlaybookPlace> = {}): PlaybookPlace => ({
  playbookId: playbook.id,
  stepIndex: playbook.steps.indexOf(stepId),
  stepId,
  phase,
  device: 'iphone',
  ...extra,
});
const last = (place: PlaybookPlace, outcome: string, extra: Partial<LastPlaybook> = {}): LastPlaybook => ({ place, outcome, at: clock.now().toISOString(), turns: 0, ...extra });
const rec = (text: string) => () => recognizer.recognize(text);
const notFixed = engine.messages.list('synonyms.notFixed')[0];

describe('recentlyEnded', () => {
  it('within RESUME_TURNS messages, or within RESUME_WINDOW_MS', () => {
    const ended = last(at(instructions[0], 'fixed'), 'left', { turns: RESUME_TURNS + 1 });
    expect(recentlyEnded(engine, ended)).toBe(true);
    clock.advance(RESUME_WINDOW_MS + 1);
    expect(recentlyEnded(engine, ended)).toBe(false);
    expect(recentlyEnded(engine, { ...ended, turns: RESUME_TURNS })).toBe(true);
  });
});

describe('saysStillNotWorking', () => {
  it('"still not working" after a playbook left without a fix', () => {
    const ended = last(at(instructions[0], 'fixed'), 'left');
    expect(saysStillNotWorking(engine, ended, { text: notFixed }, rec(notFixed))).toBe(true);
    expect(saysStillNotWorking(engine, undefined, { text: notFixed }, rec(notFixed))).toBe(false);
    // After a live chat the person from support closed, the checks carry on (tester round 7, C01).
    expect(saysStillNotWorking(engine, { ...ended, outcome: 'handed-off' }, { text: notFixed }, rec(notFixed))).toBe(true);
    expect(saysStillNotWorking(engine, { ...ended, outcome: 'support-options' }, { text: notFixed }, rec(notFixed))).toBe(false);
  });

  it('not when it names another device, or is a button press', () => {
    const ended = last(at(instructions[0], 'fixed'), 'left');
    expect(saysStillNotWorking(engine, ended, { text: `${notFixed} on my mac` }, rec(`${notFixed} on my mac`))).toBe(false);
    expect(saysStillNotWorking(engine, ended, { text: notFixed, value: { choice: 'x' } }, rec(notFixed))).toBe(false);
  });
});

describe('where a playbook carries on', () => {
  const [first, second] = instructions;

  it('left at "Did that fix it?": the next step, that one counted as tried', () => {
    const options = resumeOptions(engine, at(first, 'fixed', { tried: [second] }));
    expect(options).toMatchObject({ device: 'iphone', resumeAt: playbook.steps.indexOf(first) + 1 });
    expect(options.tried).toEqual([second, first]);
  });

  it('left at a step\'s own question: that step again; at the device question: from the start', () => {
    expect(resumeOptions(engine, at(second, 'question')).resumeAt).toBe(playbook.steps.indexOf(second));
    expect(resumeOptions(engine, at(second, 'device')).resumeAt).toBe(0);
  });

  it('a pending switch offer reads as the phase it interrupted', () => {
    expect(resumeOptions(engine, at(first, 'switch', { resumePhase: 'fixed' })).resumeAt).toBe(playbook.steps.indexOf(first) + 1);
  });

  it('reopened after a fix: the next step, the fixing step counted as tried', () => {
    const options = reopenOptions(engine, at(first, 'fixed'));
    expect(options).toMatchObject({ resumeAt: playbook.steps.indexOf(first) + 1, tried: [first] });
  });
});

describe('correctedDevice', () => {
  const state = (outcome: string): MainState => ({ misses: 0, last: last(at(instructions[1], 'fixed'), outcome) });

  it('after a fix, one other device named reopens the playbook there from the step it had reached', () => {
    const corrected = correctedDevice(engine, state('fixed'), rec('wait, it is the mac'));
    expect(corrected?.playbook.id).toBe(playbook.id);
    expect(corrected?.device.id).toBe('mac');
    expect(corrected?.options).toMatchObject({ device: 'mac', tried: [], resumeAt: playbook.steps.indexOf(instructions[1]) });
  });

  it('not the same device, not two, not after an ending without a fix', () => {
    expect(correctedDevice(engine, state('fixed'), rec('my iphone'))).toBeUndefined();
    expect(correctedDevice(engine, state('fixed'), rec('my mac and my ipad'))).toBeUndefined();
    expect(correctedDevice(engine, state('left'), rec('the mac'))).toBeUndefined();
  });
});

describe('alreadyChecked', () => {
  const place = at(instructions[0], 'fixed', { tried: [instructions[0]] });
  const profile = (device?: string) => jest.fn(async () => device);

  it('on the same device, a step tried there is named', async () => {
    expect(await alreadyChecked(engine, playbook.id, { device: 'iphone' }, place, profile())).toEqual([steps[instructions[0]]!.title]);
  });

  it('not a step whose text is particular to the new playbook\'s service', async () => {
    const other = Object.values(engine.content.playbooks).find((p) => p.service && p.steps.some((id) => steps[id]?.kind === 'instruction' && particular(id, p.service)));
    // The real content has a service-specific step: without one this test would check nothing.
    if (!other) throw new Error('the content has no step with text for one service only');
    const own = other.steps.find((id) => steps[id]?.kind === 'instruction' && particular(id, other.service))!;
    expect(await alreadyChecked(engine, other.id, { device: 'iphone' }, { ...place, playbookId: other.id, tried: [own] }, profile())).toEqual([]);
  });

  it('nothing on another device, nor when nothing was gone through (the profile not read then)', async () => {
    expect(await alreadyChecked(engine, playbook.id, { device: 'mac' }, place, profile())).toEqual([]);
    const read = profile('iphone');
    expect(await alreadyChecked(engine, playbook.id, {}, { ...place, tried: [] }, read)).toEqual([]);
    expect(read).not.toHaveBeenCalled();
  });

  it('with no device given, the remembered one counts unless ruled out', async () => {
    expect(await alreadyChecked(engine, playbook.id, {}, place, profile('iphone'))).toEqual([steps[instructions[0]]!.title]);
    expect(await alreadyChecked(engine, playbook.id, { ruledOut: ['iphone'] }, place, profile('iphone'))).toEqual([]);
  });
});

/**
 * The main dialog's device questions as pure readers: what an answer to "which device?" and "On
 * your iPhone again?" says, and when a remembered device is confirmed first. Keyword recogniser,
 * real content; asserts decisions, never wording.
 */
import { againChoices, deviceChoices, deviceToConfirm, readDeviceAgain, readWhichDevice } from '../../../src/dialogs/main/deviceQuestions';
import type { MainState, PendingStart } from '../../../src/dialogs/main/state';
import { emptyRecord, type TroubleshootingRecord } from '../../../src/dialogs/troubleshootingRecord';
import { intentWithHandler } from '../helpers';
import { testEngine } from './engineForTests';

const { engine, recognizer } = testEngine();
const playbook = Object.values(engine.content.playbooks).find((p) => p.askDevice !== false && !engine.answersFromStatus(p))!;
const pending = (devices: string[], tries = 1): PendingStart => ({ intent: playbook.intent, utterance: 'x', devices, tries });
const input = (text: string) => ({ text });
const rec = (text: string) => () => recognizer.recognize(text);

describe('readWhichDevice', () => {
  const which = (text: string, tries = 1) => readWhichDevice(engine, pending(['iphone', 'mac'], tries), input(text), rec(text));

  it('a button, a number or a device named starts there', () => {
    expect(which('mac')).toEqual({ kind: 'start', device: 'mac' });
    expect(which('1')).toEqual({ kind: 'start', device: 'iphone' });
    expect(which('actually my ipad')).toEqual({ kind: 'start', device: 'ipad' });
  });

  it('ruling one of two out leaves the other', () => {
    expect(which('not the iphone')).toEqual({ kind: 'start', device: 'mac' });
  });

  it('something understood is routed; not understood is asked again, then asked with how to pick one: never the first button (tester round 8)', () => {
    expect(which('help')).toEqual({ kind: 'route' });
    expect(which('iphone and mac')).toEqual({ kind: 'route' });
    expect(which('blah', 1)).toEqual({ kind: 'askAgain' });
    expect(which('blah', 2)).toEqual({ kind: 'unclear' });
    expect(which('no', 2)).toEqual({ kind: 'unclear' });
    expect(which('no', 5)).toEqual({ kind: 'unclear' });
  });

  it('offers one button per known device', () => {
    expect(deviceChoices(engine, ['mac', 'no-such-device', 'iphone']).map((c) => c.id)).toEqual(['mac', 'iphone']);
  });
});

describe('readDeviceAgain', () => {
  const again = (text: string, tries = 1) => readDeviceAgain(engine, pending([], tries), 'iphone', input(text), rec(text));
  const [yes, other] = againChoices(engine, 'iphone');

  it('yes or the device itself starts on it; no or another device leaves the device open', () => {
    expect(again(yes.title)).toEqual({ kind: 'start', device: 'iphone' });
    expect(again('yes')).toEqual({ kind: 'start', device: 'iphone' });
    expect(again(other.title)).toEqual({ kind: 'start', device: undefined });
    expect(again('no')).toEqual({ kind: 'start', device: undefined });
  });

  it('another device named starts there; two named ask which', () => {
    expect(again('it is the mac')).toEqual({ kind: 'start', device: 'mac' });
    expect(again('my mac and my ipad')).toEqual({ kind: 'which', devices: ['mac', 'ipad'] });
  });

  it('a thanks alone keeps the question; not understood asks again once', () => {
    expect(again('thanks')).toEqual({ kind: 'thanks' });
    expect(again('blah', 1)).toEqual({ kind: 'askAgain' });
    expect(again('blah', 2)).toEqual({ kind: 'start', device: undefined });
  });

  it('a command is routed as usual', () => {
    expect(again('cancel')).toEqual({ kind: 'route' });
    expect(again('talk to a person')).toEqual({ kind: 'route' });
  });

  it('an aside that the status playbook answers is taken, with the words redacted', () => {
    const status = Object.values(engine.content.playbooks).find((p) => engine.answersFromStatus(p));
    // The real content has a status playbook: without one this test would check nothing.
    if (!status) throw new Error('the content has no status-only playbook');
    const answer = again(status.intent);
    expect(answer).toMatchObject({ kind: 'aside', playbookId: status.id });
  });
});

describe('deviceToConfirm', () => {
  const state = (device?: string): MainState => ({ misses: 0, ...(device ? { device } : {}) });
  const record = (r: Partial<TroubleshootingRecord> = {}) => {
    const read = jest.fn(async () => ({ ...emptyRecord(), ...r }));
    return read;
  };

  it('a remembered device not named in this conversation is confirmed', async () => {
    expect(await deviceToConfirm(engine, state(), 'iphone', [], record())).toBe('iphone');
  });

  it('not when this conversation has the same device, or the record has it from a playbook that asked', async () => {
    expect(await deviceToConfirm(engine, state('iphone'), 'iphone', [], record())).toBeUndefined();
    expect(await deviceToConfirm(engine, state(), 'iphone', [], record({ intent: playbook.intent, device: 'iphone' }))).toBeUndefined();
  });

  it('nothing remembered, or ruled out: no question and the record is not read', async () => {
    const read = record();
    expect(await deviceToConfirm(engine, state(), undefined, [], read)).toBeUndefined();
    expect(await deviceToConfirm(engine, state(), 'iphone', ['iphone'], read)).toBeUndefined();
    expect(read).not.toHaveBeenCalled();
  });

  it('a device put in the record by a playbook that never asks for one is still confirmed', async () => {
    const silent = Object.values(engine.content.playbooks).find((p) => p.askDevice === false);
    // The real content has a playbook that never asks for the device: without one this test would check nothing.
    if (!silent) throw new Error('the content has no playbook with askDevice: false');
    expect(await deviceToConfirm(engine, state(), 'iphone', [], record({ intent: silent.intent, device: 'iphone' }))).toBe('iphone');
  });
});

it('the keyword recogniser reads commands the way these tests expect', () => {
  expect(recognizer.recognize('cancel').intent).toBe(intentWithHandler(engine.content, 'cancel'));
});

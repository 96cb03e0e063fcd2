/**
 * Carrying on (src/dialogs/main/carryOn.ts) as pure readers: which messages only say carry on,
 * the answer to "Shall we carry on …?", and which last playbook there is to carry on with.
 * Keyword recogniser, real content; asserts decisions, never wording.
 */
import { readCarryOn, resumableLast, saysCarryOn } from '../../../src/dialogs/main/carryOn';
import type { LastPlaybook } from '../../../src/dialogs/main/state';
import { testEngine } from './engineForTests';

const { engine } = testEngine();
const input = (text: string) => ({ text });

describe('saysCarryOn', () => {
  it.each(['continue', 'continue please', 'ok continue', 'yes please continue', 'go on', 'carry on', 'ok lets continue then', 'keep going'])('"%s" only says carry on', (text) => {
    expect(saysCarryOn(engine, input(text))).toBe(true);
  });

  it.each(['dont continue', 'i cant continue', 'photos on my mac continue to fail', 'no', 'stop', 'continue with contacts on my ipad', ''])('"%s" is no plain carry on', (text) => {
    expect(saysCarryOn(engine, input(text))).toBe(false);
  });

  it('a button press (a value) is read as the button, not as words', () => {
    expect(saysCarryOn(engine, { text: 'continue', value: 'x' })).toBe(false);
  });
});

describe('readCarryOn', () => {
  it('carry on, something else, no; anything else is routed', () => {
    expect(readCarryOn(engine, input('1'))).toBe('yes');
    expect(readCarryOn(engine, input('yes'))).toBe('yes');
    expect(readCarryOn(engine, input('go on then'))).toBe('yes');
    expect(readCarryOn(engine, input('something else'))).toBe('other');
    expect(readCarryOn(engine, input("no that's all"))).toBe('no');
    expect(readCarryOn(engine, input('my notes arent syncing'))).toBeUndefined();
  });
});

describe('resumableLast', () => {
  const playbookId = Object.keys(engine.content.playbooks)[0];
  const last = (outcome: string, phase: string): LastPlaybook => ({ place: { playbookId, stepIndex: 1, stepId: 'x', phase }, outcome, at: '2026-03-10T15:00:00Z', turns: 0 });

  it('handed to a person mid-way, stopped or left: yes; fixed or handed off at the last step: no', () => {
    expect(resumableLast(engine, last('handed-off', 'handoff'))).toBeDefined();
    expect(resumableLast(engine, last('stopped', 'statusPause'))).toBeDefined();
    expect(resumableLast(engine, last('left', 'question'))).toBeDefined();
    expect(resumableLast(engine, last('handed-off', 'fixed'))).toBeUndefined();
    expect(resumableLast(engine, last('fixed', 'fixed'))).toBeUndefined();
    expect(resumableLast(engine, undefined)).toBeUndefined();
  });
});

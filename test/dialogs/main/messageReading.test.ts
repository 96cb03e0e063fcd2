/**
 * Reading a message at the main dialog's top level and its short questions, as pure functions:
 * "help" at a question, several problems, a general problem naming a service, "Did you mean …?",
 * a complaint read as a goodbye, a device on its own, the answers to "anything else?" and to the
 * device checks during an outage, and "when will it be fixed?".
 */
import { readAnythingElse } from '../../../src/dialogs/main/anythingElse';
import { asksForHelp, complainsAtGoodbye, onlyDevice, readProblems } from '../../../src/dialogs/main/messageReading';
import { asksWhenFixed, outageChoices, readOutageOffer } from '../../../src/dialogs/main/outage';
import type { LastPlaybook } from '../../../src/dialogs/main/state';
import { testEngine } from './engineForTests';

const { engine, clock, recognizer } = testEngine();
const rec = (text: string) => () => recognizer.recognize(text);
const playbooks = Object.values(engine.content.playbooks);
const fixing = playbooks.find((p) => p.askDevice !== false && !engine.answersFromStatus(p))!;
const other = playbooks.find((p) => p.askDevice !== false && !engine.answersFromStatus(p) && p.id !== fixing.id)!;

describe('top-level message', () => {
  it('"help" typed or recognised; never a button press', () => {
    const help = engine.messages.list('synonyms.help')[0];
    expect(asksForHelp(engine, { text: help }, rec(help))).toBe(true);
    expect(asksForHelp(engine, { text: 'i need help' }, rec('i need help'))).toBe(true);
    expect(asksForHelp(engine, { text: help, value: { choice: 'x' } }, rec(help))).toBe(false);
    expect(asksForHelp(engine, { text: 'mac' }, rec('mac'))).toBe(false);
  });

  it('"Did you mean …?" when the recogniser is in doubt; nothing when it is sure', () => {
    const reading = readProblems(engine, recognizer.recognize(`ambiguous ${fixing.intent} ${other.intent}`), false);
    expect(reading?.kind).toBe('didYouMean');
    expect(reading?.kind === 'didYouMean' && reading.menu.map((c) => c.title).slice(0, 2)).toEqual([fixing.title, other.title]);
    expect(readProblems(engine, recognizer.recognize(fixing.intent), false)).toBeUndefined();
  });

  it('a complaint read as a goodbye, unless it says there is nothing else', () => {
    expect(complainsAtGoodbye(engine, "it doesn't work")).toBe(true);
    expect(complainsAtGoodbye(engine, 'bye')).toBe(false);
  });

  it('one device on its own, not ruled out', () => {
    expect(onlyDevice(engine, recognizer.recognize('my mac'))).toBe('mac');
    expect(onlyDevice(engine, recognizer.recognize('my mac and my ipad'))).toBeUndefined();
    expect(onlyDevice(engine, recognizer.recognize('hello'))).toBeUndefined();
  });
});

describe('"anything else?"', () => {
  const read = (text: string, asked = 0) => readAnythingElse(engine, { text }, rec(text), asked);

  it('no ends, yes asks what, a problem named is routed', () => {
    expect(read('no')).toBe('no');
    expect(read('yes')).toBe('yes');
    expect(read(other.intent)).toBeUndefined();
  });

  it('a non-answer is asked about again once', () => {
    const unclear = engine.messages.list('synonyms.unclear')[0];
    expect(read(unclear, 0)).toBe('askAgain');
    expect(read(unclear, 1)).toBeUndefined();
  });

  it('a bare number picks nothing (no buttons)', () => {
    expect(read('1')).toBeUndefined();
  });
});

describe('after a stop at an outage', () => {
  const last = (extra: Partial<LastPlaybook> = {}): LastPlaybook => ({
    place: { playbookId: fixing.id, stepIndex: 0, stepId: fixing.steps[0], phase: 'statusPause', device: 'iphone', service: fixing.service },
    outcome: 'stopped',
    at: clock.now().toISOString(),
    turns: 0,
    outage: true,
    ...extra,
  });
  const whenFixed = engine.messages.list('synonyms.whenFixed')[0];

  it('"when will it be fixed?" is a question there, and nowhere else', () => {
    expect(asksWhenFixed(engine, last(), { text: whenFixed }, rec(whenFixed))).toBe(true);
    expect(asksWhenFixed(engine, last({ outage: undefined }), { text: whenFixed }, rec(whenFixed))).toBe(false);
    expect(asksWhenFixed(engine, undefined, { text: whenFixed }, rec(whenFixed))).toBe(false);
    expect(asksWhenFixed(engine, last(), { text: `${whenFixed} on my mac` }, rec(`${whenFixed} on my mac`))).toBe(false);
  });

  it('the checks meanwhile: yes or carry on, no or wait; anything else is routed', () => {
    const [checks, wait] = outageChoices(engine);
    expect(readOutageOffer(engine, { text: checks.title })).toBe('checks');
    expect(readOutageOffer(engine, { text: 'yes' })).toBe('checks');
    expect(readOutageOffer(engine, { text: wait.title })).toBe('wait');
    expect(readOutageOffer(engine, { text: 'no' })).toBe('wait');
    expect(readOutageOffer(engine, { text: 'photos on my mac' })).toBeUndefined();
  });
});

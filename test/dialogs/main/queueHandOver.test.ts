/**
 * The hand-over between problems named in one message, as pure functions: what waits, what the
 * first starts with, when the next is offered, reading the offer and what the next starts with.
 */
import { nextChoices, type NamedProblem } from '../../../src/dialogs/problemQueue';
import { addsProblem, alsoReported, keptQueue, nextStart, nextTitle, offersNextAfter, offersNothingAfter, readNextOffer, splitSeveral } from '../../../src/dialogs/main/queueHandOver';
import type { MainState, ProblemWords } from '../../../src/dialogs/main/state';
import { testEngine } from './engineForTests';

const { engine, recognizer } = testEngine();
const fixing = Object.values(engine.content.playbooks).filter((p) => p.askDevice !== false && !engine.answersFromStatus(p) && p.service);
const [a, b, c] = fixing;
const words: ProblemWords = { utterance: 'a and b and c', service: 'x', devices: ['iphone'], ruledOut: [] };
const named = (p: typeof a, device?: string): NamedProblem => ({ playbook: p, service: p.service!, ...(device ? { device } : {}) });
const rec = (text: string) => () => recognizer.recognize(text);

describe('the queue', () => {
  it('keeps only problems with a playbook; empty is no queue', () => {
    const q = [{ playbookId: a.id, utterance: '' }, { playbookId: 'gone', utterance: '' }];
    expect(keptQueue(engine, q)).toEqual([q[0]]);
    expect(keptQueue(engine, [{ playbookId: 'gone', utterance: '' }])).toBeUndefined();
    expect(keptQueue(engine, undefined)).toBeUndefined();
    expect(alsoReported(engine, [q[0]])).toEqual([a.intent]);
  });

  it('several problems: the first starts with its own service (and device), the others wait with the words', () => {
    const { first, firstWords, rest } = splitSeveral(words, [named(a), named(b, 'mac'), named(c)]);
    expect(first.playbook.id).toBe(a.id);
    expect(firstWords).toEqual({ ...words, service: a.service });
    expect(rest).toEqual([
      { playbookId: b.id, service: b.service, utterance: words.utterance, device: 'mac' },
      { playbookId: c.id, service: c.service, utterance: words.utterance },
    ]);
    expect(splitSeveral(words, [named(a, 'ipad'), named(b)]).firstWords.devices).toEqual(['ipad']);
  });

  it('the next one is offered after a fix, its checks done, a stop or leaving; not after a hand-over', () => {
    for (const outcome of ['fixed', 'left', 'stopped', 'support-options', 'ended', undefined]) expect(offersNextAfter(outcome)).toBe(true);
    expect(offersNextAfter('handed-off')).toBe(false);
    expect(offersNothingAfter(engine, a.id)).toBe(false);
    expect(offersNothingAfter(engine, 'gone')).toBe(true);
    const status = Object.values(engine.content.playbooks).find((p) => engine.answersFromStatus(p));
    if (status) expect(offersNothingAfter(engine, status.id)).toBe(true);
  });

  it('the next starts on its own device, else on the conversation\'s', () => {
    const state = (device?: string): MainState => ({ misses: 0, device: 'iphone', queue: [{ playbookId: b.id, service: b.service, utterance: 'u', ...(device ? { device } : {}) }] });
    expect(nextTitle(engine, state())).toBe(b.title);
    expect(nextStart(engine, state())).toEqual({ intent: b.intent, words: { utterance: 'u', service: b.service, devices: ['iphone'], ruledOut: [] } });
    expect(nextStart(engine, state('mac'))?.words.devices).toEqual(['mac']);
    expect(nextStart(engine, { misses: 0 })).toBeUndefined();
    expect(nextTitle(engine, { misses: 0 })).toBeUndefined();
  });
});

describe('readNextOffer', () => {
  const [yes, notNow] = nextChoices(engine);
  const read = (text: string) => readNextOffer(engine, { text }, rec(text));

  it('the buttons, yes and no', () => {
    expect(read(yes.title)).toBe('yes');
    expect(read(notNow.title)).toBe('notNow');
    expect(read('yes')).toBe('yes');
    expect(read('no')).toBe('notNow');
  });

  it('a goodbye is "not now"; another problem said clearly is routed', () => {
    expect(read('bye')).toBe('notNow');
    expect(read(c.intent)).toBeUndefined();
  });
});

describe('addsProblem', () => {
  it('reads "too", "as well", "either" as an addition, also when the problem itself is negated', () => {
    for (const text of ["contacts aren't syncing too", "contacts aren't syncing either", 'photos are broken too', 'my contacts are gone as well', 'notes also']) {
      expect(addsProblem(engine, text)).toBe(true);
    }
  });
  it('is no addition without such a word, or when a negator stands right before it', () => {
    for (const text of ["contacts aren't syncing", 'my contacts are gone', 'not too bad, contacts are gone']) {
      expect(addsProblem(engine, text)).toBe(false);
    }
  });
});

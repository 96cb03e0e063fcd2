/**
 * The outage readers of src/dialogs/main/outage.ts as pure functions, on the real content and in
 * the tester's words (round 6, item 7): "is it apple?" asks about Apple's status; at the outage
 * pause, "should i wait?" / "what do i do" ask for advice and "check my settings anyway" continues.
 */
import { aboutAppleOnly, asksAboutApple, readOutagePause } from '../../../src/dialogs/main/outage';
import { testEngine } from './engineForTests';

const { engine } = testEngine();
const typed = (text: string) => ({ text });

describe('asksAboutApple', () => {
  it.each(['still not working, is it apple?', 'is it just me?', "is it on apple's end", 'is apple down'])('"%s" asks about Apple\'s status', (text) => {
    expect(asksAboutApple(engine, typed(text))).toBe(true);
  });

  it.each(['apple id password', 'my apple watch', 'photos not syncing', 'pineapple'])('"%s" does not', (text) => {
    expect(asksAboutApple(engine, typed(text))).toBe(false);
  });

  it('a button press is no question', () => {
    expect(asksAboutApple(engine, { text: 'is it apple', value: 'x' })).toBe(false);
  });
});

describe('readOutagePause', () => {
  it.each(['ok so should i wait?', 'ok so what do i do', 'what now'])('"%s" asks for advice', (text) => {
    expect(readOutagePause(engine, typed(text))).toBe('advice');
  });

  it.each(['can we check my settings anyway', "let's do the checks anyway", 'try anyway'])('"%s" continues', (text) => {
    expect(readOutagePause(engine, typed(text))).toBe('continue');
  });

  it.each(['no, stop anyway', 'blah', 'my photos are gone'])('"%s" is neither', (text) => {
    expect(readOutagePause(engine, typed(text))).toBeUndefined();
  });
});

describe('aboutAppleOnly', () => {
  const { recognizer } = testEngine();
  const status = Object.values(engine.content.playbooks).find((p) => engine.answersFromStatus(p))!;
  const photos = Object.values(engine.content.playbooks).find((p) => p.service === 'photos')!;

  it('"is it just me?" alone: the status check', () => {
    expect(aboutAppleOnly(engine, recognizer.recognize('is it just me?'), undefined)?.id).toBe(status.id);
  });

  it('a problem of its own named with it starts that problem (its status step checks Apple anyway)', () => {
    expect(aboutAppleOnly(engine, recognizer.recognize(`${photos.intent} is it just me?`), undefined)).toBeUndefined();
  });
});

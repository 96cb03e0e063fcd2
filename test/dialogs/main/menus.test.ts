/**
 * The main dialog's menus as pure functions: the problem list, the help menu, "Did you mean …?"
 * and what a pick from them asks for. Real content, keyword recogniser; intents are found by
 * handler kind, never named.
 */
import { candidates, DID_YOU_MEAN_MAX, didYouMeanMenu, helpMenu, problemMenu, readMenuPick, wordsForPick } from '../../../src/dialogs/main/menus';
import type { ProblemWords } from '../../../src/dialogs/main/state';
import { intentWithHandler } from '../helpers';
import { testEngine } from './engineForTests';

const { engine, recognizer } = testEngine();
const playbooks = Object.values(engine.content.playbooks);
const [a, b, c, d] = playbooks;

describe('problem and help menus', () => {
  it('one choice per playbook, by title, and a person only when there is a handoff flow', () => {
    const titles = problemMenu(engine).map((x) => x.title);
    expect(titles).toEqual(playbooks.map((p) => p.title).sort((x, y) => x.localeCompare(y)));
    expect(helpMenu(engine, false)).toEqual(problemMenu(engine));
    expect(helpMenu(engine, true)).toHaveLength(playbooks.length + 1);
    expect(readMenuPick(engine, helpMenu(engine, true).at(-1)!.id)).toEqual({ kind: 'agent' });
  });

  it('each problem choice picks its playbook', () => {
    for (const choice of problemMenu(engine)) {
      const pick = readMenuPick(engine, choice.id);
      expect(pick.kind).toBe('playbook');
      expect(engine.playbookForIntent((pick as { intent: string }).intent)?.title).toBe(choice.title);
    }
  });
});

describe('"Did you mean …?"', () => {
  it('candidates in the recogniser order, each once, at most DID_YOU_MEAN_MAX', () => {
    const r = { ...recognizer.recognize('x'), intent: a.intent, alternatives: [b, a, c, d].map((p) => ({ intent: p.intent, confidence: 0.3 })), ambiguous: true };
    expect(candidates(engine, r, false).map((x) => x.title)).toEqual([a.title, b.title, c.title].slice(0, DID_YOU_MEAN_MAX));
  });

  it('a person is offered only with a handoff flow, and once', () => {
    const agent = intentWithHandler(engine.content, 'agent');
    const r = { ...recognizer.recognize('x'), intent: agent, alternatives: [{ intent: a.intent, confidence: 0.3 }, { intent: agent, confidence: 0.2 }], ambiguous: true };
    expect(candidates(engine, r, false).map((x) => x.title)).toEqual([a.title]);
    const withPerson = candidates(engine, r, true);
    expect(withPerson).toHaveLength(2);
    expect(readMenuPick(engine, withPerson[0].id)).toEqual({ kind: 'agent' });
  });

  it('with one problem it is a yes/no question; with more, "something else" is the last choice', () => {
    const one = didYouMeanMenu(engine, problemMenu(engine).slice(0, 1));
    expect(one).toHaveLength(2);
    expect(one[0].synonyms).toEqual(engine.messages.list('synonyms.yes'));
    expect(one[1].synonyms).toEqual(expect.arrayContaining(engine.messages.list('synonyms.no')));
    expect(readMenuPick(engine, one[1].id)).toEqual({ kind: 'somethingElse' });
    const two = didYouMeanMenu(engine, problemMenu(engine).slice(0, 2));
    expect(two).toHaveLength(3);
    expect(two[2].synonyms).not.toContain(engine.messages.list('synonyms.no')[0]);
    expect(two.slice(0, 2).every((x) => x.synonyms.length === 0)).toBe(true);
  });
});

describe('readMenuPick', () => {
  it('a command intent gives its short reply; cancel says it is done', () => {
    expect(readMenuPick(engine, `intent:${intentWithHandler(engine.content, 'help')}`)).toEqual({ kind: 'reply', key: 'help' });
    expect(readMenuPick(engine, `intent:${intentWithHandler(engine.content, 'greeting')}`)).toEqual({ kind: 'reply', key: 'greeting' });
    expect(readMenuPick(engine, `intent:${intentWithHandler(engine.content, 'cancel')}`)).toEqual({ kind: 'reply', key: 'cancel.done' });
    expect(readMenuPick(engine, `intent:${intentWithHandler(engine.content, 'agent')}`)).toEqual({ kind: 'agent' });
  });

  it('an unknown intent or id is something else', () => {
    expect(readMenuPick(engine, 'intent:no-such-intent')).toEqual({ kind: 'somethingElse' });
    expect(readMenuPick(engine, 'whatever')).toEqual({ kind: 'somethingElse' });
  });
});

describe('wordsForPick', () => {
  const words = (w: Partial<ProblemWords>): ProblemWords => ({ utterance: '', devices: [], ruledOut: [], ...w });
  const before = words({ utterance: 'photos on my mac', devices: ['mac'] });

  it('the pick alone keeps what the message before said', () => {
    expect(wordsForPick(words({ utterance: '2' }), before)).toBe(before);
  });

  it('a pick naming a device or ruling one out says more and wins', () => {
    for (const now of [words({ devices: ['ipad'] }), words({ ruledOut: ['mac'] })]) expect(wordsForPick(now, before)).toBe(now);
  });

  it('a pick naming a service (a button comes back as its title) keeps the device and words of the message before', () => {
    const picked = wordsForPick(words({ utterance: 'Photos not syncing', service: 'photos' }), before);
    expect(picked).toEqual({ ...before, service: 'photos' });
    expect(wordsForPick(words({ utterance: 'Notes not syncing', service: 'notes' }), { ...before, service: 'photos' })).toMatchObject({ devices: ['mac'], service: 'notes' });
  });

  it('with no message before, the pick', () => {
    const now = words({ utterance: '1' });
    expect(wordsForPick(now, undefined)).toBe(now);
  });
});

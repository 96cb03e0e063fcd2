/**
 * The main dialog's menus as pure functions: the problem list, the help menu, "Did you mean …?"
 * and what a pick from them asks for. Real content, keyword recogniser; intents are found by
 * handler kind, never named.
 */
import { candidates, DID_YOU_MEAN_MAX, didYouMeanMenu, helpMenu, problemMenu, problemWordsByPlaybook, readMenuPick, wordsForPick } from '../../../src/dialogs/main/menus';
import { matchChoice } from '../../../src/dialogs/answers';
import { problemInOtherWords } from '../../../src/dialogs/main/messageReading';
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
    // With more than one, the problems keep only their own words (other languages'), no yes.
    expect(two.slice(0, 2).map((x) => x.synonyms)).toEqual(problemMenu(engine).slice(0, 2).map((x) => x.synonyms));
    expect(two.slice(0, 2).some((x) => x.synonyms.includes(engine.messages.list('synonyms.yes')[0]))).toBe(false);
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

describe('problem words of other languages (messages.yaml synonyms.problemWords)', () => {
  it('every entry of the content names a playbook and has words', () => {
    const entries = engine.messages.list('synonyms.problemWords');
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const [id, words] = entry.split(':');
      expect(engine.content.playbooks[id.trim()]).toBeDefined();
      expect(words.split(',').filter((w) => w.trim() !== '').length).toBeGreaterThan(0);
    }
    expect(problemWordsByPlaybook(engine).size).toBe(entries.length);
  });

  it('the problem list answers to them', () => {
    const menu = problemMenu(engine);
    const intentOf = (id: string) => 'intent:' + engine.content.playbooks[id].intent;
    expect(matchChoice(menu, { text: 'Kontakte' }, 'exact')).toBe(intentOf('contacts-not-syncing'));
    expect(matchChoice(menu, { text: 'Kalender' }, 'exact')).toBe(intentOf('calendar-not-syncing'));
    expect(matchChoice(menu, { text: 'meine Notizen' }, 'loose')).toBe(intentOf('notes-not-syncing'));
  });

  it('an entry naming no playbook, or with no words, is left out', () => {
    const content = { ...engine.content, messages: { ...engine.content.messages, 'synonyms.problemWords': ['nowhere: kontakte', 'contacts-not-syncing:', 'no colon', `${playbooks[0].id}: wort`] } };
    const other = testEngine(content).engine;
    expect([...problemWordsByPlaybook(other)]).toEqual([[playbooks[0].id, ['wort']]]);
  });

  it('a message naming one of them, not negated, is that problem; one naming none is not', () => {
    expect(problemInOtherWords(engine, { text: 'meine Kontakte synchronisieren nicht' })).toBe(engine.content.playbooks['contacts-not-syncing'].intent);
    expect(problemInOtherWords(engine, { text: 'blah' })).toBeUndefined();
    expect(problemInOtherWords(engine, { text: 'Kontakte', value: { resyncChoice: 'x' } })).toBeUndefined();
  });
});

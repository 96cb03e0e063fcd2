/**
 * Each prompt a running playbook waits at (its phase): its text and its buttons, and the engine's
 * own choice ids for them (not content: the step questions' choices come from dialogs/steps/).
 */
import { choicesOn, type Step } from '../../content/playbookSchema';
import { normalise, type PromptChoice } from '../answers';
import { fill } from '../messages';
import { platformText, type PlaybookState } from './state';
import { elsewhereDevices, ownFixedQuestion, pauseStep, platformOf, stepMessage, stepOf, varsFor, type Line, type PlaybookRun } from './stepContent';

/** Internal choice ids of the engine's own prompts (not content). */
export const FIXED = { yes: 'fixed', no: 'not-fixed', agent: 'agent' } as const;
export const PAUSE = { go: 'continue', stop: 'stop' } as const;
export const SWITCH = { yes: 'switch', no: 'stay' } as const;
export const ELSEWHERE_STOP = 'elsewhere-stop';
/** "It works now" at a prompt other than "Did that fix it?" (a hidden answer, no button). */
export const SAID_FIXED = 'said-fixed';
/** A partial fix ("yes, but only some photos"): not fixed, the next check, recorded `partly-fixed` (a hidden answer, no button). */
export const PARTLY = 'partly-fixed';
/** "Yes I checked", "it's on" at "Did that fix it?" (nothing said of a fix), "I checked that as well" at a step's question (nothing said of what it showed): a hidden answer, no button. */
export const STEP_DONE = 'step-done';
/** "It was already on", "already checked that" at "Did that fix it?": the setting was fine, not the cause; the next check (a hidden answer, no button). */
export const ALREADY_FINE = 'already-fine';
/** "my storage isn't full" at another step's prompt: the answer to a later step's question, noted for when it comes (a hidden answer, no button). */
export const NOTED_LATER = 'noted-later';
/** "Also it says paused" at a step's question: the problem said again, no answer; "we're on it" and the question (a hidden answer, no button). */
export const SAME_PROBLEM = 'same-problem';
/** A button title of the prompt before typed again ("No, still not" twice: a double click), no answer here: said so, the prompt again. */
export const STALE_ANSWER = 'stale-answer';

/** The buttons of the prompt the state waits at, with the phrases that pick each. */
export function promptChoices(run: PlaybookRun, state: PlaybookState): PromptChoice[] {
  const e = run.engine;
  switch (state.phase) {
    case 'device':
      return e.content.devices.filter((d) => d.ask && (!state.deviceWord || state.deviceWord.devices.includes(d.id))).map((d) => ({ id: d.id, title: d.label, synonyms: [d.id] }));
    case 'question':
      return choicesOn(stepOf(run, state), platformOf(run, state)).map((c) => ({ id: c.id, title: c.title, synonyms: withYesNo(run, c.synonyms) }));
    case 'fixed': {
      const own = ownFixedQuestion(run, state);
      const yes = e.choice(FIXED.yes, 'fixed.yes', ['synonyms.yes', 'synonyms.fixed']);
      const no = e.choice(FIXED.no, 'fixed.no', ['synonyms.no', 'synonyms.notFixed']);
      return [
        own ? { ...yes, title: own.yes, synonyms: [...yes.synonyms, ...(own.yesSynonyms ?? [])] } : yes,
        own ? { ...no, title: own.no, synonyms: [...no.synonyms, ...(own.noSynonyms ?? [])] } : no,
        e.choice(FIXED.agent, 'fixed.agent'),
      ];
    }
    case 'statusPause': {
      const step = pauseStep(run, state);
      return [
        { id: PAUSE.go, title: stepMessage(run, step, 'continueButton') ?? '', synonyms: e.messages.list('synonyms.yes') },
        { id: PAUSE.stop, title: stepMessage(run, step, 'stopButton') ?? '', synonyms: e.messages.list('synonyms.no') },
      ];
    }
    case 'switch':
      return [e.choice(SWITCH.yes, 'switch.yes', ['synonyms.yes']), e.choice(SWITCH.no, 'switch.no', ['synonyms.no'])];
    case 'elsewhere':
      return [
        ...elsewhereDevices(run, state).map((d) => ({ id: d.id, title: d.label, synonyms: [d.id] })),
        { id: ELSEWHERE_STOP, title: stepMessage(run, stepOf(run, state), 'elsewhereStop') ?? '', synonyms: e.messages.list('synonyms.no') },
      ];
    case 'whichDevice':
      return (state.whichDevices ?? []).flatMap((id) => {
        const d = e.device(id);
        return d ? [{ id: d.id, title: d.label, synonyms: [d.id] }] : [];
      });
    case 'handoff':
      return [];
  }
}

/**
 * The text of the prompt the state waits at, with its message key; undefined at `handoff` (the agent
 * hub has the conversation: the prompt to go back to is asked instead).
 */
export function promptText(run: PlaybookRun, state: PlaybookState): Line | undefined {
  const e = run.engine;
  const asked = (key: string, text: string | undefined) => ({ text: fill(text ?? '', varsFor(run, state)), key });
  switch (state.phase) {
    case 'device':
      // "my phone": which phone (device.whichOf, as for a first message), with those buttons only.
      if (state.deviceWord) return { text: e.messages.text('device.whichOf', { word: state.deviceWord.word }), key: 'device.whichOf' };
      return { text: e.messages.text('device.question'), key: 'device.question' };
    case 'question':
      return stepQuestion(run, state, stepOf(run, state), false);
    case 'fixed': {
      const own = ownFixedQuestion(run, state);
      if (!own && state.caseSolved !== undefined && state.caseSolved === state.stepId) return { text: e.messages.text('fixed.caseSolved', varsFor(run, state)), key: 'fixed.caseSolved' };
      return own ? asked('fixed.question', own.text) : { text: e.messages.text('fixed.question'), key: 'fixed.question' };
    }
    case 'statusPause':
      return asked('status.pauseQuestion', stepMessage(run, pauseStep(run, state), 'pauseQuestion'));
    case 'switch': {
      const target = state.switchTo ? e.content.playbooks[state.switchTo.playbookId] : undefined;
      return { text: e.messages.text('switch.offer', { problem: target?.title ?? '' }), key: 'switch.offer' };
    }
    case 'elsewhere':
      return asked('step.elsewhere', stepMessage(run, stepOf(run, state), 'elsewhereQuestion'));
    case 'whichDevice':
      return { text: e.messages.text('device.whichNow'), key: 'device.whichNow' };
    case 'handoff':
      return undefined;
  }
}

/** A step's question for the person's platform, after the step's title when `withTitle`. */
export function stepQuestion(run: PlaybookRun, state: PlaybookState, step: Step, withTitle: boolean): Line {
  const question = platformText(step.question!.text, platformOf(run, state)) ?? '';
  const text = fill(question, varsFor(run, state));
  return { text: withTitle ? `**${step.title}**\n\n${text}` : text, key: 'step.question' };
}

/**
 * A step question's choice that takes a plain "yes" (or "no": the first phrase of messages.yaml
 * `synonyms.yes` / `synonyms.no`) takes every way of saying it there ("yep", "nah", 👍, 👎…).
 */
export function withYesNo(run: PlaybookRun, synonyms: readonly string[]): string[] {
  const messages = run.engine.messages;
  const out = [...synonyms];
  for (const key of ['synonyms.yes', 'synonyms.no'] as const) {
    const list = messages.list(key);
    if (list.length > 0 && synonyms.some((s) => normalise(s) === normalise(list[0]))) out.push(...list.filter((p) => !out.includes(p)));
  }
  return out;
}

/** Every way of saying yes, no or "not sure" (messages.yaml), normalised: words no choice owns. */
export function genericWords(run: PlaybookRun): Set<string> {
  const messages = run.engine.messages;
  return new Set([...messages.list('synonyms.yes'), ...messages.list('synonyms.no'), ...messages.list('synonyms.unclear')].map(normalise));
}

/** The choices with only their own words: no title, no generic yes / no / "not sure" phrase. */
export function ownWords(run: PlaybookRun, choices: readonly PromptChoice[]): PromptChoice[] {
  const generic = genericWords(run);
  return choices.map((c) => ({ ...c, title: '', synonyms: c.synonyms.filter((p) => !generic.has(normalise(p))) }));
}

/**
 * After a stop at an outage (ChildResult.outage): "when will it be fixed?", "should I wait?"
 * (messages.yaml `synonyms.whenFixed`) is a question, not a goodbye. Apple gives no time, so the dialog says so
 * with the status page and offers the device checks meanwhile; this module reads the question and
 * the answer to that offer. Also read here, for every dialog: "is it apple?" (`synonyms.isItApple`:
 * Apple's status asked about, as "is iCloud down?") and, at the outage pause ("Continue anyway /
 * Stop, I'll check later"), "should i wait?" / "what do i do" (advice) and "check my settings
 * anyway" (continue): readOutagePause.
 */
import type { Recognition } from '../../nlu/recognizer';
import { fetchStatus, relevantEvents } from '../statusCheck';
import { holdsPhrase, mentionsPhrase, matchChoice, normalise, type PromptChoice, type UserInput } from '../answers';
import type { LoadedPlaybook } from '../../content/loadContent';
import type { Engine } from '../engine';
import { RESUME_WINDOW_MS, recentlyEnded } from './lastPlaybook';
import { phraseChoice } from './phraseChoice';
import type { LastPlaybook } from './state';

/** Answers to "Do you want to go through the device checks in the meantime?" (after a stop at an outage). */
const OUTAGE = { checks: 'outage-checks', wait: 'outage-wait' } as const;
/** Answers to "Is it syncing again now?" (after a stop at an outage that has since cleared). */
const BACK = { yes: 'back-yes', no: 'back-no' } as const;

/** The buttons of "the device checks in the meantime?". */
export function outageChoices(engine: Engine): PromptChoice[] {
  return [
    engine.choice(OUTAGE.checks, 'outage.checksYes', ['synonyms.yes', 'synonyms.carryOn']),
    engine.choice(OUTAGE.wait, 'outage.checksNo', ['synonyms.no', 'synonyms.stop']),
  ];
}

/**
 * After a stop at an outage (see RESUME_TURNS), a question about when it will be fixed
 * (messages.yaml `synonyms.whenFixed`: "ok when will it be fixed?", "how long will it be down?"),
 * naming no other device or service.
 */
export function asksWhenFixed(engine: Engine, last: LastPlaybook | undefined, input: UserInput, recognize: () => Recognition): boolean {
  if (!last?.outage || !recentlyEnded(engine, last) || input.value !== undefined) return false;
  if (!mentionsPhrase(engine.messages.list('synonyms.whenFixed'), input.text, true)) return false;
  const r = recognize();
  if (engine.namedDevices(r).some((n) => !n.ruledOut && n.device.id !== last.place.device)) return false;
  const service = engine.serviceIn(r);
  return service === undefined || service === last.place.service;
}

/**
 * The answer to "the device checks in the meantime?": `checks` (pick the playbook up again),
 * `wait` (leave it with the status page), or undefined: anything else is routed as usual.
 */
export function readOutageOffer(engine: Engine, input: UserInput): 'checks' | 'wait' | undefined {
  const choices = outageChoices(engine);
  const picked = matchChoice(choices, input, 'exact') ?? phraseChoice(choices, input, 'loose');
  if (picked === OUTAGE.checks) return 'checks';
  if (picked === OUTAGE.wait) return 'wait';
  return undefined;
}

/**
 * "still not working, is it apple?", "is it just me?" (messages.yaml `synonyms.isItApple`, whole
 * words): Apple's status is asked about, as "is iCloud down?" asks it. Typed words only.
 */
export function asksAboutApple(engine: Engine, input: UserInput): boolean {
  if (input.value !== undefined) return false;
  // Whole words; a negation before them ("still not working, is it apple?") asks all the same.
  return holdsPhrase(engine.messages.list('synonyms.isItApple'), input.text);
}

/**
 * Words at the outage pause ("Continue anyway / Stop, I'll check later") that are no button:
 * `advice` for "ok so should i wait?", "ok so what do i do" (`synonyms.shouldWait`: the honest
 * answer, `outage.pauseAdvice`, then the same buttons); `continue` for "can we check my settings
 * anyway" (`synonyms.checkAnyway`), unless the words also say stop or no. Undefined otherwise.
 */
export function readOutagePause(engine: Engine, input: UserInput): 'advice' | 'continue' | undefined {
  if (input.value !== undefined) return undefined;
  const says = (key: 'synonyms.shouldWait' | 'synonyms.checkAnyway' | 'synonyms.stop' | 'synonyms.no') => mentionsPhrase(engine.messages.list(key), input.text, true);
  if (says('synonyms.checkAnyway') && !says('synonyms.stop') && !says('synonyms.no')) return 'continue';
  if (says('synonyms.shouldWait')) return 'advice';
  return undefined;
}

/**
 * The status-only playbook ("Is iCloud down?") that answers "is it apple?", unless the message
 * names a problem of its own (a service, or a playbook said clearly other than the general one and
 * the one just left: "my apple id is locked, is it just me?" starts signing in, whose first step
 * checks Apple's status anyway). Undefined then, or when the content has no such playbook.
 */
export function aboutAppleOnly(engine: Engine, r: Recognition, last: LastPlaybook | undefined): LoadedPlaybook | undefined {
  const status = Object.values(engine.content.playbooks).find((p) => engine.answersFromStatus(p));
  if (!status) return undefined;
  const service = engine.serviceIn(r);
  if (service !== undefined && service !== last?.place.service) return undefined;
  const named = engine.saysProblemClearly(r) ? engine.playbookForIntent(r.intent) : undefined;
  if (named && !named.general && named.id !== last?.place.playbookId && !engine.answersFromStatus(named)) return undefined;
  return status;
}

/**
 * After a stop at an outage (`last.outage`, however long ago): "back, is it working now?", "hi, is
 * it fixed now?" (messages.yaml `synonyms.isItBack`, whole words) asks whether Apple's outage is
 * over. Typed words only.
 */
export function asksIfBack(engine: Engine, last: LastPlaybook | undefined, input: UserInput): boolean {
  if (!last?.outage || input.value !== undefined) return false;
  return mentionsPhrase(engine.messages.list('synonyms.isItBack'), input.text, true);
}

/**
 * Whether the outage that stopped `last` is over: `cleared` when Apple's feed lists no event for its
 * service any more, `ongoing` when it still does, `unknown` without a feed report or a service.
 */
export async function outageState(engine: Engine, last: LastPlaybook): Promise<'cleared' | 'ongoing' | 'unknown'> {
  const names = engine.content.services.find((s) => s.id === last.place.service)?.statusNames;
  if (!names) return 'unknown';
  const report = await fetchStatus(engine.statusFeed, engine.statusTimeoutMs);
  if (!report.ok) return 'unknown';
  return relevantEvents(report, names).length > 0 ? 'ongoing' : 'cleared';
}

/** The buttons of "Is it syncing again now?". */
export function backChoices(engine: Engine): PromptChoice[] {
  return [engine.choice(BACK.yes, 'outage.backYes', ['synonyms.yes', 'synonyms.fixed']), engine.choice(BACK.no, 'outage.backNo', ['synonyms.no', 'synonyms.notFixed'])];
}

/** The answer to "Is it syncing again now?": `yes`, `no`, or undefined (routed as usual). */
export function readBackAnswer(engine: Engine, input: UserInput): 'yes' | 'no' | undefined {
  const choices = backChoices(engine);
  const picked = matchChoice(choices, input, 'exact') ?? phraseChoice(choices, input, 'loose');
  return picked === BACK.yes ? 'yes' : picked === BACK.no ? 'no' : undefined;
}

/**
 * More than RESUME_WINDOW_MS since `last` ended (injected clock): someone coming back, not going on
 * straight after a stop (then "still not working" carries on with the checks as they chose).
 */
export function awhileSince(engine: Engine, last: LastPlaybook): boolean {
  return engine.clock.now().getTime() - Date.parse(last.at) > RESUME_WINDOW_MS;
}

/**
 * Back a while after a stop at an outage (`last.outage`, awhileSince): a greeting ("hi again") or the
 * problem said again ("hi again, backup still failing", "back, still not syncing": `synonyms.notFixed`),
 * naming no other device or service. Not "is it back?" (asksIfBack answers that). Typed words only.
 */
export function returnsAfterOutage(engine: Engine, last: LastPlaybook | undefined, input: UserInput, recognize: () => Recognition): boolean {
  if (!last?.outage || !awhileSince(engine, last) || input.value !== undefined || !input.text.trim()) return false;
  if (asksIfBack(engine, last, input) || asksAboutApple(engine, input)) return false;
  const r = recognize();
  if (engine.namedDevices(r).some((n) => !n.ruledOut && n.device.id !== last.place.device)) return false;
  const service = engine.serviceIn(r);
  if (service !== undefined && service !== last.place.service) return false;
  if (mentionsPhrase(engine.messages.list('synonyms.notFixed'), input.text, true)) return true;
  return engine.handlerOf(r.intent) === 'greeting';
}

/**
 * Soon after Apple's status was checked on its own ("is icloud down?": the last playbook answers
 * from the status feed), "ok so is it or not?" (messages.yaml `synonyms.isItOrNot`): the status is
 * asked about again. Typed words only.
 */
export function asksIfStatusAgain(engine: Engine, last: LastPlaybook | undefined, input: UserInput): boolean {
  if (!last || input.value !== undefined || !recentlyEnded(engine, last)) return false;
  const playbook = engine.content.playbooks[last.place.playbookId];
  if (!playbook || !engine.answersFromStatus(playbook)) return false;
  return mentionsPhrase(engine.messages.list('synonyms.isItOrNot'), input.text, true);
}

/**
 * After a stop at an outage (ChildResult.outage): "when will it be fixed?" (messages.yaml
 * `synonyms.whenFixed`) is a question, not a goodbye. Apple gives no time, so the dialog says so
 * with the status page and offers the device checks meanwhile; this module reads the question and
 * the answer to that offer.
 */
import type { Recognition } from '../../nlu/recognizer';
import { mentionsPhrase, matchChoice, type PromptChoice, type UserInput } from '../answers';
import type { Engine } from '../engine';
import { recentlyEnded } from './lastPlaybook';
import { phraseChoice } from './phraseChoice';
import type { LastPlaybook } from './state';

/** Answers to "Do you want to go through the device checks in the meantime?" (after a stop at an outage). */
const OUTAGE = { checks: 'outage-checks', wait: 'outage-wait' } as const;

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

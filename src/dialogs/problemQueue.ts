/**
 * Several problems in one message ("my photos and contacts aren't syncing on my iPhone"): which
 * playbooks the message names, in the order the person named them, and the problems still waiting
 * once the first one is under way. Nothing here names an intent or a service: a service the
 * recogniser found is mapped to a playbook through the content (a playbook's `service`), and the
 * queue lives in the main dialog's state (botbuilder state), never in the process.
 */
import type { LoadedPlaybook } from '../content/loadContent';
import type { Recognition } from '../nlu/recognizer';
import { ruledOutAt, type PromptChoice } from './answers';
import type { Engine } from './engine';

/** A problem named in the same message as the one being worked on, waiting for its turn. */
export interface QueuedProblem {
  playbookId: string;
  /** The service named for it (fills {service}). */
  service?: string;
  /** The message that named it, redacted (see MainDialog.problemWords). */
  utterance: string;
}

/** A problem a message names: its playbook and the service that named it. */
export interface NamedProblem {
  playbook: LoadedPlaybook;
  service: string;
}

/** Answers to "You also mentioned …: shall we look at that now?". */
export const NEXT_CHOICE = { yes: 'next-yes', notNow: 'next-not-now' } as const;

/**
 * The playbook a service names: one with that `service` that fixes something on a device (not a
 * status-only or device-less playbook). When several playbooks share the service, the one the
 * recogniser ranked (top intent, then alternatives) wins, else the first in content order.
 */
function playbookOfService(engine: Engine, r: Recognition, service: string): LoadedPlaybook | undefined {
  const fits = Object.values(engine.content.playbooks).filter((p) => p.service === service && p.askDevice !== false && !engine.answersFromStatus(p));
  if (fits.length <= 1) return fits[0];
  const ranked = [r.intent, ...r.alternatives.map((a) => a.intent)];
  return ranked.map((intent) => fits.find((p) => p.intent === intent)).find((p) => p !== undefined) ?? fits[0];
}

/**
 * The different problems a message names through its services, in the order they were mentioned
 * ("photos and contacts": photos first, whichever the recogniser ranked higher). A service the
 * message rules out ("contacts, not photos") does not count, nor one without a playbook of its own.
 * Only read when the message is about a problem at all: its top intent is a playbook that fixes
 * something on a device (a status question naming two services is still a status question).
 */
export function namedProblems(engine: Engine, r: Recognition): NamedProblem[] {
  if (engine.handlerOf(r.intent) !== 'playbook') return [];
  const top = engine.playbookForIntent(r.intent);
  if (!top || top.askDevice === false || engine.answersFromStatus(top)) return [];
  const out: NamedProblem[] = [];
  const mentions = r.entities.filter((x) => x.type === 'service').sort((a, b) => a.start - b.start);
  for (const mention of mentions) {
    if (ruledOutAt(r.text, mention.start)) continue;
    const playbook = playbookOfService(engine, r, mention.value);
    if (playbook && !out.some((p) => p.playbook.id === playbook.id)) out.push({ playbook, service: mention.value });
  }
  return out;
}

/** The playbook titles of waiting problems, quoted and listed ("Contacts not syncing", "Notes not syncing"). */
export function queuedTitles(engine: Engine, queue: readonly QueuedProblem[]): string {
  return queue
    .map((q) => engine.content.playbooks[q.playbookId]?.title)
    .filter((t): t is string => t !== undefined)
    .map((t) => `"${t}"`)
    .join(', ');
}

/** The buttons of the offer of the next waiting problem: yes, or not now (words from messages.yaml). */
export function nextChoices(engine: Engine): PromptChoice[] {
  return [engine.choice(NEXT_CHOICE.yes, 'queue.yes', ['synonyms.yes', 'synonyms.goAhead']), engine.choice(NEXT_CHOICE.notNow, 'queue.notNow', ['synonyms.notNow', 'synonyms.no', 'synonyms.nothingElse'])];
}

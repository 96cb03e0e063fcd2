/**
 * Several problems in one message ("my photos and contacts aren't syncing on my iPhone"): which
 * playbooks the message names, in the order the person named them, and the problems still waiting
 * once the first one is under way. Nothing here names an intent or a service: a service the
 * recogniser found is mapped to a playbook through the content (a playbook's `service`), and the
 * queue lives in the main dialog's state (botbuilder state), never in the process.
 */
import type { LoadedPlaybook } from '../content/loadContent';
import type { Recognition } from '../nlu/recognizer';
import { holdsPhrase, mentionsPhrase, ruledOutAt, type PromptChoice } from './answers';
import type { Engine } from './engine';

/** A problem named in the same message as the one being worked on, waiting for its turn. */
export interface QueuedProblem {
  playbookId: string;
  /** The service named for it (fills {service}). */
  service?: string;
  /** The device named with it ("… and contacts on my Mac"), when the message pairs them; else the last problem's. */
  device?: string;
  /** The message that named it, redacted (see problemWords in src/dialogs/main/state.ts). */
  utterance: string;
}

/** A problem a message names: its playbook and the service that named it (none for "I can't sign in"). */
export interface NamedProblem {
  playbook: LoadedPlaybook;
  service: string | undefined;
  /** The device id named with this problem, when the message pairs each problem with a device. */
  device?: string;
}

/** Answers to "You also mentioned …: shall we look at that now?". */
export const NEXT_CHOICE = { yes: 'next-yes', notNow: 'next-not-now' } as const;

/**
 * The playbook a service names: one with that `service` that fixes something on a device (not a
 * status-only or device-less playbook). When several playbooks share the service, the one the
 * recogniser ranked (top intent, then alternatives) wins, else the first in content order.
 */
export function playbookOfService(engine: Engine, r: Recognition, service: string): LoadedPlaybook | undefined {
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
  return serviceProblems(engine, r);
}

/**
 * The problems a message names through its services, as namedProblems reads them, whatever its top
 * intent: for a message the recogniser could not place ("my iphone won't sync photos, I've
 * restarted it already" read as none), the services it names still say what the problem is.
 */
export function serviceProblems(engine: Engine, r: Recognition): NamedProblem[] {
  const out: (NamedProblem & { at: number })[] = [];
  const mentions = r.entities.filter((x) => x.type === 'service').sort((a, b) => a.start - b.start);
  // "photos sync fine but contacts don't": of several services, one said to work is no problem (as
  // long as another one is left).
  const kept = mentions.filter((m) => !saidToWork(engine, r.text, m.start));
  const valuesOf = (list: typeof mentions) => new Set(list.map((m) => m.value)).size;
  const read = kept.length > 0 && valuesOf(kept) < valuesOf(mentions) ? kept : mentions;
  for (const mention of read) {
    if (ruledOutAt(r.text, mention.start)) continue;
    const playbook = playbookOfService(engine, r, mention.value);
    if (playbook && !out.some((p) => p.playbook.id === playbook.id)) out.push({ playbook, service: mention.value, at: mention.start });
  }
  const devices = pairedDevices(engine, r, out.map((p) => p.at));
  return out.map(({ playbook, service }, i) => (devices ? { playbook, service, device: devices[i] } : { playbook, service }));
}

/** The services a message says work ("photos sync fine but contacts don't": photos), by their entity values. */
export function servicesSaidToWork(engine: Engine, r: Recognition): string[] {
  return r.entities.filter((x) => x.type === 'service' && saidToWork(engine, r.text, x.start)).map((x) => x.value);
}

/**
 * True when the clause a service is named in says it works ("photos sync fine", "my calendar
 * works": messages.yaml `synonyms.serviceFine`, not negated) and holds no negation. The clause runs
 * from the service to the next punctuation or joining word ("but", "and", "while").
 */
function saidToWork(engine: Engine, text: string, start: number): boolean {
  const clause = text.slice(start).split(/[,;.!?]|\s(?:but|and|while|whereas|though|although|yet)\s/i)[0] ?? '';
  return !engine.saysNegation(clause) && mentionsPhrase(engine.messages.list('synonyms.serviceFine'), clause, true);
}

/**
 * One device per problem when the message pairs them: the services cut the text into segments, and
 * either each service is followed by its own device before the next service ("photos on my iPhone
 * and contacts on my Mac") or each is preceded by one ("my iPhone photos and my Mac contacts").
 * Undefined otherwise (one device for all, or no clear pairing): the problems share the devices.
 */
function pairedDevices(engine: Engine, r: Recognition, starts: readonly number[]): string[] | undefined {
  if (starts.length < 2) return undefined;
  const devices = r.entities
    .filter((x) => x.type === 'device' && !ruledOutAt(r.text, x.start))
    .map((x) => ({ at: x.start, id: engine.deviceFromEntity(x.value)?.id }))
    .filter((d): d is { at: number; id: string } => d.id !== undefined);
  if (new Set(devices.map((d) => d.id)).size < 2) return undefined;
  // segment[k]: the devices between service k-1 and service k (segment 0 before the first service).
  const segment = (k: number) => devices.filter((d) => d.at >= (k === 0 ? 0 : starts[k - 1]!) && d.at < (k < starts.length ? starts[k]! : Infinity));
  const one = (k: number) => {
    const ids = [...new Set(segment(k).map((d) => d.id))];
    return ids.length === 1 ? ids[0] : undefined;
  };
  const after = starts.map((_, i) => one(i + 1));
  if (segment(0).length === 0 && after.every((id) => id !== undefined)) return after as string[];
  const before = starts.map((_, i) => one(i));
  if (segment(starts.length).length === 0 && before.every((id) => id !== undefined)) return before as string[];
  return undefined;
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

/**
 * A correction of the problem ("wait actually its my calendar not contacts", "no, it's calendars
 * that aren't syncing, not contacts", "sorry i meant calendar"): the message names one other
 * service's playbook, not ruled out, and either rules out the service of `currentPlaybookId` or
 * says it corrects (messages.yaml `synonyms.correction`). That playbook and the service named, or
 * undefined. Never for a question.
 */
export function correctedProblem(engine: Engine, recognition: Recognition, currentPlaybookId: string): { playbook: LoadedPlaybook; service: string } | undefined {
  const text = recognition.text;
  if (text.trim().endsWith('?')) return undefined;
  // Each service named, once: its playbook and whether the words rule it out ("not contacts").
  const services = recognition.entities
    .filter((x) => x.type === 'service')
    .map((x) => ({ service: x.value, playbook: playbookOfService(engine, recognition, x.value), ruledOut: ruledOutAt(text, x.start) }));
  const named = services.filter((n) => !n.ruledOut);
  const others = named.filter((n): n is typeof n & { playbook: LoadedPlaybook } => n.playbook !== undefined && n.playbook.id !== currentPlaybookId);
  if (new Set(others.map((o) => o.playbook.id)).size !== 1 || named.some((n) => n.playbook?.id === currentPlaybookId)) return undefined;
  const rulesOutThis = services.some((n) => n.ruledOut && n.playbook?.id === currentPlaybookId);
  return rulesOutThis || holdsPhrase(engine.messages.list('synonyms.correction'), text) ? { playbook: others[0].playbook, service: others[0].service } : undefined;
}

/**
 * Handing over from one problem to the next when a message named several (problemQueue.ts finds
 * them): what waits in the queue and what the record reports, what the first one starts with,
 * whether the next one is offered when a playbook ends, and the answer to that offer. The queue
 * lives in the main dialog's state; the dialog sends and starts.
 */
import type { LoadedPlaybook } from '../../content/loadContent';
import type { Recognition } from '../../nlu/recognizer';
import { holdsQualifier, matchChoice, mentionsPhrase, type UserInput } from '../answers';
import type { Engine } from '../engine';
import { NEXT_CHOICE, nextChoices, serviceProblems, type NamedProblem, type QueuedProblem } from '../problemQueue';
import { causeFirstFor, clausesOf } from '../playbook/firstMessage';
import type { PlaybookOptions } from '../playbookDialog';
import type { DialogInstance } from 'botbuilder-dialogs';
import type { TroubleshootingRecord } from '../troubleshootingRecord';
import { MAIN_DIALOG_ID, type MainState, type ProblemWords } from './state';

/** How a playbook may end for the next waiting problem to be offered (not handed to a person). */
const OFFER_NEXT_AFTER: readonly string[] = ['fixed', 'left', 'stopped', 'support-options', 'ended'];

/** The problems that still have a playbook, or undefined when none is left (the stored shape of MainState.queue). */
export function keptQueue(engine: Engine, queue: readonly QueuedProblem[] | undefined): QueuedProblem[] | undefined {
  const kept = (queue ?? []).filter((q) => engine.content.playbooks[q.playbookId] !== undefined);
  return kept.length > 0 ? kept : undefined;
}

/** The intents of the waiting problems, for the record (the agent summary's "also reported"). */
export function alsoReported(engine: Engine, queue: readonly QueuedProblem[]): string[] {
  return queue.map((q) => engine.content.playbooks[q.playbookId].intent);
}

/**
 * One message naming several problems: the first one named and what it starts with (its own
 * device when the message paired them), and the others, waiting with the message's words.
 */
export function splitSeveral(words: ProblemWords, named: readonly NamedProblem[]): { first: NamedProblem; firstWords: ProblemWords; rest: QueuedProblem[] } {
  const [first, ...rest] = named;
  return {
    first,
    firstWords: { ...words, service: first.service, ...(first.device ? { devices: [first.device] } : {}) },
    rest: rest.map((p) => ({ playbookId: p.playbook.id, service: p.service, utterance: words.utterance, ...(p.device ? { device: p.device } : {}) })),
  };
}

/**
 * A playbook that ended leaves the queue unchanged when it offers nothing next: unknown, a
 * status-only playbook (an aside) or one that never asks for the device.
 */
export function offersNothingAfter(engine: Engine, endedId: string): boolean {
  const ended = engine.content.playbooks[endedId];
  return !ended || ended.askDevice === false || engine.answersFromStatus(ended);
}

/** The next problem is offered after a playbook that ended this way (the hub not having a person on it). */
export function offersNextAfter(outcome: string | undefined): boolean {
  return OFFER_NEXT_AFTER.includes(outcome ?? 'ended');
}

/** The title that fills "You also mentioned {problem}: shall we look at that now?". */
export function nextTitle(engine: Engine, state: MainState): string | undefined {
  const next = state.queue?.[0];
  return next ? (engine.content.playbooks[next.playbookId]?.title ?? '') : undefined;
}

/**
 * The answer to "You also mentioned …: shall we look at that now?": yes, or "not now" (also no
 * or a goodbye), or undefined: anything else (another problem said clearly, "still not working",
 * a command) is routed as usual.
 */
export function readNextOffer(engine: Engine, input: UserInput, recognize: () => Recognition): 'yes' | 'notNow' | undefined {
  const choices = nextChoices(engine);
  let picked = matchChoice(choices, input, 'exact');
  if (picked === undefined) {
    const r = recognize();
    const handler = engine.handlerOf(r.intent);
    if (handler === 'playbook' && !r.ambiguous && r.confidence >= engine.switchConfidence) return undefined;
    if (mentionsPhrase(engine.messages.list('synonyms.notFixed'), input.text, true)) return undefined;
    picked = matchChoice(choices, input, 'loose') ?? (handler === 'goodbye' && !r.ambiguous ? NEXT_CHOICE.notNow : undefined);
  }
  if (picked === NEXT_CHOICE.yes) return 'yes';
  if (picked === NEXT_CHOICE.notNow) return 'notNow';
  return undefined;
}

/**
 * At "shall we look at that now?", a message naming the waiting problem and at most the one just
 * ended ("yes fixed photos, now contacts?"): a yes to the next one, not both problems anew. Not when
 * it says something is still not working ("photos still not syncing, contacts?").
 */
export function namesNextProblem(engine: Engine, state: MainState, r: Recognition, text: string): boolean {
  const nextId = state.queue?.[0]?.playbookId;
  if (!nextId || mentionsPhrase(engine.messages.list('synonyms.notFixed'), text, true)) return false;
  const named = serviceProblems(engine, r);
  const endedId = state.last?.place.playbookId;
  return named.some((p) => p.playbook.id === nextId) && named.every((p) => p.playbook.id === nextId || p.playbook.id === endedId);
}

/**
 * What the next waiting problem starts with: its own device when the message paired them, else
 * the device of the one before (`state.device`); undefined when none waits or its playbook is gone.
 */
export function nextStart(engine: Engine, state: MainState): { intent: string; words: ProblemWords } | undefined {
  const next = state.queue?.[0];
  const playbook = next && engine.content.playbooks[next.playbookId];
  if (!next || !playbook) return undefined;
  const device = next.device ?? state.device;
  return { intent: playbook.intent, words: { utterance: next.utterance, service: next.service, devices: device ? [device] : [], ruledOut: [] } };
}

/**
 * The playbook that will go first in place of `playbookId` (its `firstWhen` phrases are in the
 * message, not negated: "I can't sign in … and now none of my photos are there" starts with
 * signing in), read as the playbook reads it (src/dialogs/playbook/firstMessage.ts, causeFirst)
 * so the problem the person named can wait in the queue and be offered when that one ends.
 * Undefined for a return, a handoff, a status answer, or when nothing goes first.
 */
export function goesFirstInstead(engine: Engine, playbookId: string, opts: PlaybookOptions): LoadedPlaybook | undefined {
  const playbook = engine.content.playbooks[playbookId];
  return playbook ? causeFirstFor(engine, playbook, opts) : undefined;
}

/**
 * The queue once a problem that `cause` goes first for (goesFirstInstead) is put in front of it,
 * with its service and device. Its words keep only the statements that do not name the cause (so
 * it does not send the person to the cause again when it starts; "I've restarted it" still counts).
 */
export function queuedBehindCause(queue: readonly QueuedProblem[] | undefined, playbookId: string, opts: PlaybookOptions, cause: LoadedPlaybook): QueuedProblem[] {
  const rest = (queue ?? []).filter((q) => q.playbookId !== playbookId);
  const phrases = cause.firstWhen?.phrases ?? [];
  const words = clausesOf(opts.utterance ?? '').filter((c) => !mentionsPhrase(phrases, c, true)).join('. ');
  return [{ playbookId, service: opts.service, utterance: words, ...(opts.device ? { device: opts.device } : {}) }, ...rest];
}

/**
 * "ok my contacts too then", "notes as well", "contacts aren't syncing too" mid-way: another
 * problem said as an addition (messages.yaml `synonyms.too`), not as a switch. The negation of the
 * problem itself ("aren't syncing") does not reach the "too"; only a negator right before it
 * does ("not too bad").
 */
export function addsProblem(engine: Engine, text: string): boolean {
  return holdsQualifier(engine.messages.list('synonyms.too'), [], text);
}

/**
 * A problem added mid-way (addsProblem) waits in the main dialog's queue, after those already
 * waiting, and is offered when the playbook under way ends; the record reports it (as setQueue
 * does). The main dialog's state is found on the dialog stack (`stack`, a playbook's DialogContext
 * stack) by its id. False when there is no main dialog below (a playbook run on its own) or the
 * problem waits already.
 */
export function queueFromPlaybook(engine: Engine, stack: readonly DialogInstance[], problem: QueuedProblem, record: TroubleshootingRecord): boolean {
  const main = stack.find((i) => i.id === MAIN_DIALOG_ID)?.state as MainState | undefined;
  if (!main || (main.queue ?? []).some((q) => q.playbookId === problem.playbookId)) return false;
  const queue = keptQueue(engine, [...(main.queue ?? []), problem]);
  if (!queue) return false;
  main.queue = queue;
  record.alsoReported = alsoReported(engine, queue);
  return true;
}

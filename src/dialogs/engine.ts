/**
 * Everything the dialogs share: the content, the injected recogniser, status feed and clock,
 * and the state accessors. No conversation state lives here; it is all in botbuilder state.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Clock } from '../clock';
import type { Content, LoadedPlaybook } from '../content/loadContent';
import type { Device, Step } from '../content/playbookSchema';
import type { Logger } from '../logging/logger';
import { NONE_INTENT, type Recognition, type Recognizer } from '../nlu/recognizer';
import type { StatusFeed } from '../status/statusFeed';
import { holdsPhrase, matchChoice, mentionsPhrase, normalise, ruledOutAt, type UserInput } from './answers';
import { promptActivity, resyncData, textActivity, type StepRef } from './cards';
import type { HandoffService } from './handoffService';
import { Messages, type MessageKey, type Vars } from './messages';
import type { PromptChoice } from './answers';
import { emptyRecord, type TroubleshootingRecord, type UserProfile } from './troubleshootingRecord';

export interface EngineOptions {
  content: Content;
  recognizer: Recognizer;
  statusFeed: StatusFeed;
  clock: Clock;
  logger: Logger;
  /** Filled into {statusPage}. */
  statusPageUrl: string;
  /** Upper bound on waiting for the status feed (the feed has its own timeout too). */
  statusTimeoutMs: number;
  record: StatePropertyAccessor<TroubleshootingRecord>;
  profile: StatePropertyAccessor<UserProfile>;
  handoff?: HandoffService;
  /** Minimum confidence for a different problem mid-flow to trigger the switch offer. */
  switchConfidence?: number;
  /** Picks among message variants; defaults to Math.random. */
  random?: () => number;
}

/** The phrases of each command that works at any question (messages.yaml keys). */
export const COMMAND_PHRASES: Record<'help' | 'agent' | 'cancel', readonly MessageKey[]> = {
  help: ['synonyms.help'],
  agent: ['synonyms.person', 'synonyms.personAnywhere'],
  cancel: ['synonyms.stop', 'synonyms.startOver'],
};

const RECOGNITION_KEY = Symbol('resync.recognition');
const ENDED_PLACE_KEY = Symbol('resync.endedPlace');
const SILENCE_KEY = Symbol('resync.silence');

/** A silence longer than this before a message at a pending question gets "welcome back" and a recap. */
export const WELCOME_BACK_AFTER_MS = 2 * 60 * 60 * 1000;

/**
 * Where a playbook stood when it ended (the part of its dialog state the main dialog reads to carry
 * on later: "still not working", a device correction at "anything else?", the next problem on the
 * same device). Phases and step ids are the playbook dialog's own.
 */
export interface PlaybookPlace {
  playbookId: string;
  stepIndex: number;
  stepId: string;
  phase: string;
  device?: string;
  service?: string;
  /** Instruction steps gone through on `device` without a fix. */
  tried?: string[];
  /** Questions answered on `device` with a choice that carries over to the next problem (step and choice ids). */
  answered?: { step: string; choice: string }[];
  /** The phase a pending switch offer, handoff or "which device?" prompt interrupted. */
  resumePhase?: string;
  handoffFrom?: string;
  whichFrom?: string;
}

/** A device named in a message, and whether the message rules it out ("not my iPhone"). */
export interface NamedDevice {
  device: Device;
  ruledOut: boolean;
}

export class Engine {
  readonly content: Content;
  readonly messages: Messages;
  readonly recognizer: Recognizer;
  readonly statusFeed: StatusFeed;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly statusPageUrl: string;
  readonly statusTimeoutMs: number;
  readonly record: StatePropertyAccessor<TroubleshootingRecord>;
  readonly profile: StatePropertyAccessor<UserProfile>;
  readonly handoff?: HandoffService;
  readonly switchConfidence: number;
  private readonly handlers: Map<string, string>;
  private readonly byIntent: Map<string, LoadedPlaybook>;

  constructor(options: EngineOptions) {
    this.content = options.content;
    this.messages = new Messages(options.content.messages, options.random);
    this.recognizer = options.recognizer;
    this.statusFeed = options.statusFeed;
    this.clock = options.clock;
    this.logger = options.logger;
    this.statusPageUrl = options.statusPageUrl;
    this.statusTimeoutMs = options.statusTimeoutMs;
    this.record = options.record;
    this.profile = options.profile;
    this.handoff = options.handoff;
    this.switchConfidence = options.switchConfidence ?? 0.6;
    this.handlers = new Map(options.content.intents.map((i) => [i.id, i.handler]));
    this.byIntent = new Map(Object.values(options.content.playbooks).map((p) => [p.intent, p]));
  }

  /**
   * Time since the previous message of this conversation (undefined for the first one), from the
   * injected clock; the first call in a turn also records this turn's time in the record, later
   * calls in the same turn answer the same.
   */
  async silence(context: TurnContext): Promise<number | undefined> {
    if (context.turnState.has(SILENCE_KEY)) return context.turnState.get(SILENCE_KEY) as number | undefined;
    const record = await this.getRecord(context);
    const now = this.clock.now();
    const before = record.lastTurnAt ? Date.parse(record.lastTurnAt) : NaN;
    const gap = Number.isNaN(before) ? undefined : Math.max(0, now.getTime() - before);
    record.lastTurnAt = now.toISOString();
    context.turnState.set(SILENCE_KEY, gap);
    return gap;
  }

  /**
   * True when this message, at a pending prompt, comes after a long silence (WELCOME_BACK_AFTER_MS)
   * and is a greeting or says nothing the prompt can take: no button or number, none of `answers`,
   * no device, no command, no other problem said clearly (the current problem said again counts as
   * nothing new). Such a message gets "welcome back", a recap and the prompt, never "didn't catch that".
   */
  async welcomesBack(context: TurnContext, answers: readonly PromptChoice[], isCurrentProblem: (r: Recognition) => boolean): Promise<boolean> {
    const gap = await this.silence(context);
    if (gap === undefined) return false;
    const input = this.input(context);
    if (input.value !== undefined || !input.text.trim() || /^\s*\d+\s*$/.test(input.text)) return false;
    if (matchChoice(answers, input, 'exact') !== undefined || matchChoice(answers, input, 'loose') !== undefined) return false;
    const commands = Object.values(COMMAND_PHRASES).flat();
    if (mentionsPhrase(commands.flatMap((k) => this.messages.list(k)), input.text, false)) return false;
    const r = this.recognize(context);
    if (this.namedDevices(r).length > 0) return false;
    const handler = this.handlerOf(r.intent);
    // "hi again", "hello?" at a question, however soon: where we were, never "didn't catch that".
    const greets = handler === 'greeting' && !r.ambiguous && r.confidence >= this.switchConfidence;
    if (gap <= WELCOME_BACK_AFTER_MS && !greets) return false;
    if (handler === 'greeting' || handler === 'none' || r.ambiguous || r.confidence < this.switchConfidence) return true;
    return handler === 'playbook' && isCurrentProblem(r);
  }

  /** "Welcome back" with where things stood: the problem, the device (when known) and the step. */
  async sayWelcomeBack(context: TurnContext, where: { problem: string; device?: string; step?: string }, step?: StepRef): Promise<void> {
    // A greeting soon after the last message ("hello?"): "we're working on", not "welcome back".
    const gap = context.turnState.get(SILENCE_KEY) as number | undefined;
    const soon = gap !== undefined && gap <= WELCOME_BACK_AFTER_MS;
    if (where.device && where.step) await this.say(context, soon ? 'welcomeBack.soon' : 'welcomeBack', { problem: where.problem, device: where.device, step: where.step }, step);
    else await this.say(context, soon ? 'welcomeBack.soonNoDevice' : 'welcomeBack.noDevice', { problem: where.problem }, step);
  }

  /** A playbook that ends this turn leaves its place here for the dialog it returns to. */
  notePlaybookEnd(context: TurnContext, place: PlaybookPlace): void {
    const { playbookId, stepIndex, stepId, phase, device, service, tried, answered, resumePhase, handoffFrom, whichFrom } = place;
    const kept = (answered ?? []).map((a) => ({ step: a.step, choice: a.choice }));
    context.turnState.set(ENDED_PLACE_KEY, { playbookId, stepIndex, stepId, phase, device, service, tried: [...(tried ?? [])], answered: kept, resumePhase, handoffFrom, whichFrom });
  }

  /** The place of the playbook that ended this turn, if one did. */
  endedPlaybook(context: TurnContext): PlaybookPlace | undefined {
    return context.turnState.get(ENDED_PLACE_KEY) as PlaybookPlace | undefined;
  }

  /** True when the recognition is a playbook's problem, said clearly (not in doubt, at least the switch confidence). */
  saysProblemClearly(r: Recognition): boolean {
    return this.handlerOf(r.intent) === 'playbook' && !r.ambiguous && r.confidence >= this.switchConfidence;
  }

  /** The handler kind of an intent (`none` for unknown intents and NONE_INTENT). */
  handlerOf(intent: string): string {
    if (intent === NONE_INTENT) return 'none';
    return this.handlers.get(intent) ?? 'none';
  }

  playbookForIntent(intent: string): LoadedPlaybook | undefined {
    return this.byIntent.get(intent);
  }

  /** The handoff step used when someone asks for a person outside a playbook (highest order). */
  handoffStep(): Step | undefined {
    return Object.values(this.content.steps)
      .filter((s) => s.kind === 'handoff')
      .sort((a, b) => b.order - a.order || a.id.localeCompare(b.id))[0];
  }

  /** This conversation's troubleshooting record (created empty on first use). */
  async getRecord(context: TurnContext): Promise<TroubleshootingRecord> {
    return this.record.get(context, emptyRecord());
  }

  /** What we remember about this person across conversations. */
  async getProfile(context: TurnContext): Promise<UserProfile> {
    return this.profile.get(context, {});
  }

  /** The input of this turn. */
  input(context: TurnContext): UserInput {
    return { text: context.activity.text ?? '', value: context.activity.value };
  }

  /** Recognises this turn's text once, however many dialogs ask. */
  recognize(context: TurnContext): Recognition {
    const cached = context.turnState.get(RECOGNITION_KEY) as Recognition | undefined;
    if (cached) return cached;
    const text = context.activity.text ?? '';
    const read: Recognition = text.trim()
      ? this.recognizer.recognize(text)
      : { text, intent: NONE_INTENT, confidence: 0, alternatives: [], entities: [], ambiguous: false };
    // "Side note: …", "quick note -": no service named (messages.yaml synonyms.notAService).
    const asides = spansOf(this.messages.list('synonyms.notAService'), text);
    const r: Recognition = asides.length === 0 ? read : { ...read, entities: read.entities.filter((m) => m.type !== 'service' || !asides.some((a) => m.start >= a.start && m.end <= a.end)) };
    context.turnState.set(RECOGNITION_KEY, r);
    return r;
  }

  /** A device id from an entity value: a device id, or the first device of that platform. */
  deviceFromEntity(value: string): Device | undefined {
    const v = value.toLowerCase();
    return this.content.devices.find((d) => d.id === v) ?? this.content.devices.find((d) => d.platform === v);
  }

  device(id: string | undefined): Device | undefined {
    return id === undefined ? undefined : this.content.devices.find((d) => d.id === id);
  }

  /** The device named in a recognition, if any (the first one when several are named: see devicesIn). */
  deviceIn(r: Recognition): Device | undefined {
    return this.devicesIn(r)[0];
  }

  /** Every different device named in a recognition, in the order they were mentioned. */
  devicesIn(r: Recognition): Device[] {
    const out: Device[] = [];
    const entities = r.entities.filter((e) => e.type === 'device').sort((a, b) => a.start - b.start);
    for (const e of entities) {
      const d = this.deviceFromEntity(e.value);
      if (d && !out.some((x) => x.id === d.id)) out.push(d);
    }
    return out;
  }

  /**
   * Every different device named, in the order mentioned, each with whether the message rules it
   * out ("the iPad, not the iPhone": the iPhone is ruled out). A device named twice is ruled out
   * only when every mention of it is.
   */
  /**
   * True when the text holds a negation (messages.yaml `synonyms.negation`: "doesn't", "not",
   * "still"): a goodbye that says one ("it doesn't work", "I can't find See All") is a complaint.
   */
  saysNegation(text: string): boolean {
    return holdsPhrase(this.messages.list('synonyms.negation'), text);
  }

  namedDevices(r: Recognition): NamedDevice[] {
    const out: NamedDevice[] = [];
    const entities = r.entities.filter((e) => e.type === 'device').sort((a, b) => a.start - b.start);
    for (const e of entities) {
      const device = this.deviceFromEntity(e.value);
      if (!device) continue;
      const ruledOut = ruledOutAt(r.text, e.start);
      const seen = out.find((x) => x.device.id === device.id);
      if (seen) seen.ruledOut = seen.ruledOut && ruledOut;
      else out.push({ device, ruledOut });
    }
    // "calendar on my iPad is fine but my iPhone calendar doesn't update": a device said to work is
    // not the one with the problem, when another named device is left.
    const fine = entities.filter((e) => saidFineAfter(r.text, e.end, this.messages.list('synonyms.serviceFine'))).map((e) => this.deviceFromEntity(e.value)?.id);
    const left = out.filter((n) => !n.ruledOut && !fine.includes(n.device.id));
    if (fine.length > 0 && left.length > 0) for (const n of out) if (fine.includes(n.device.id)) n.ruledOut = true;
    return out;
  }

  /**
   * True for a playbook that only answers from the status feed (every step is a status step, as in
   * "is iCloud down?"): asked mid-way through another playbook, it is answered there and then.
   */
  answersFromStatus(playbook: LoadedPlaybook): boolean {
    return playbook.steps.length > 0 && playbook.steps.every((id) => this.content.steps[id]?.kind === 'status');
  }

  serviceIn(r: Recognition): string | undefined {
    const e = r.entities.find((x) => x.type === 'service' && this.content.services.some((s) => s.id === x.value));
    return e?.value;
  }

  serviceLabel(id: string | undefined): string {
    return this.content.services.find((s) => s.id === id)?.label ?? this.messages.text('service.generic');
  }

  /** Sends a messages.yaml text (plain text on channels that do not render Markdown, as every send here). */
  async say(context: TurnContext, key: MessageKey, vars: Vars = {}, step?: StepRef): Promise<void> {
    await context.sendActivity(textActivity(this.messages.text(key, vars), resyncData(key, step), context.activity.channelId));
  }

  /** Sends a messages.yaml question with choices. */
  async ask(context: TurnContext, key: MessageKey, choices: readonly PromptChoice[], vars: Vars = {}, step?: StepRef): Promise<void> {
    await this.sendPrompt(context, this.messages.text(key, vars), choices, key, step);
  }

  async sendText(context: TurnContext, text: string, messageKey: string, step?: StepRef): Promise<void> {
    await context.sendActivity(textActivity(text, resyncData(messageKey, step), context.activity.channelId));
  }

  async sendPrompt(context: TurnContext, text: string, choices: readonly PromptChoice[], messageKey: string, step?: StepRef): Promise<void> {
    await context.sendActivity(promptActivity(context.activity.channelId, text, choices, resyncData(messageKey, step, choices)));
  }

  /** A button choice whose title comes from messages.yaml, with optional phrase lists. */
  choice(id: string, titleKey: MessageKey, synonymKeys: MessageKey[] = []): PromptChoice {
    return { id, title: this.messages.text(titleKey), synonyms: [titleKey, ...synonymKeys].flatMap((k) => this.messages.list(k)) };
  }
}

/** Where each of `phrases` stands in `text` (whole words, any case, any punctuation or spaces between words). */
function spansOf(phrases: readonly string[], text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const phrase of phrases) {
    const words = phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(pattern)) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Words between a device and what is said of it ("my iPad is fine", "the mac's all good"). */
const FINE_LEAD = new Set(['is', 'are', 's', 'seems', 'seem', 'still', 'itself', 'all', 'totally', 'just', 'does', 'do']);

/** True when the words right after `end` say the thing there works (messages.yaml `synonyms.serviceFine`). */
function saidFineAfter(text: string, end: number, fine: readonly string[]): boolean {
  const after = normalise(text.slice(end)).split(' ').filter(Boolean);
  let i = 0;
  while (i < after.length && FINE_LEAD.has(after[i]!)) i++;
  const rest = after.slice(i);
  return fine.some((phrase) => {
    const words = normalise(phrase).split(' ');
    return words.length > 0 && words.every((w, j) => rest[j] === w);
  });
}

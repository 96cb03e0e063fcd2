/**
 * The base of every dialog that waits for an answer: it understands the answer to its own prompt
 * (button value, number, title, phrase) and otherwise handles interruptions the same way
 * everywhere — help, cancel / start over, talk to a person, a device correction, a different
 * problem — in the spirit of core-bot's CancelAndHelpDialog. Subclasses say what their prompt
 * offers and what each answer does.
 *
 * An answer beats a guess. Inside a question people answer in their own words, and those words
 * often sound like a command to the recogniser ("restarted it, still not syncing" reads as
 * cancel). So, in order:
 *  1. a blank message is ignored (as at the top level); a turn the agent hub marked as a request
 *     for a person (`personAsked`: its own offer accepted, maybe by a button press with no text) is
 *     "talk to a person", whatever it says;
 *  2. a button, number, or the whole text equal to a choice is the answer; a number that picks
 *     no button ("7" with three) gets "no option 7: pick 1 to 3" (a miss, as in 10);
 *  3. a command typed as such is obeyed at once: the whole text is one of the command phrases of
 *     messages.yaml (`synonyms.help`, `synonyms.person`, `synonyms.stop`, `synonyms.startOver`), or
 *     it contains one and the recogniser agrees with confidence ("no, cancel");
 *  4. a different problem the subclass says is named clearly (`namesOtherProblem`: "my photos
 *     aren't syncing on my Mac") is offered as a switch first; else a device named that is news
 *     is a correction; of two named, the one not ruled out ("the iPad, not the iPhone"); two not
 *     ruled out, or only ruled-out ones, go to `onUnclearDevices`;
 *  5. words the subclass finds unclear here (`unclearAnswer`) get a short clarification (worded for
 *     the kind of question: `unclearKey`); else a
 *     choice's phrase in the text, not negated ("not sure" is not "sure"), is the answer;
 *  6. help or a person recognised with confidence and no doubt is obeyed; a recognised cancel that
 *     was not typed as a command is confirmed first, because it throws the place away;
 *  7. a different problem (confident) is offered as a switch; the problem being worked on said
 *     again is the subclass's `currentProblemAnswer` when it has one, else "we're on it";
 *  8. a thanks alone ("thanks", "ok, cheers": messages.yaml `synonyms.thanks`, after lead words of
 *     `synonyms.acknowledge`) is politeness: "You're welcome!" and the prompt again, nothing else
 *     changes; a non-answer ("ok", "not sure", "later"), or one that only negates a choice's phrase
 *     ("it isn't working now"), gets a short clarification;
 *  9. a clear goodbye is left to the subclass;
 * 10. otherwise "didn't catch that"; at the second miss in a row, a hint that names the
 *     buttons and says how to get help, a person or out; at the third, a way out of the question:
 *     try it again, what can I say here, a person, or stop for now.
 * Before all of these, typed words that answer nothing yet (no button, number or whole choice):
 *  a. "oops wrong button", "go back", "undo" (messages.yaml `synonyms.undo`), not typed as a command:
 *     the subclass's `onUndo` (the previous question again); undefined when there is nothing to undo;
 *  b. "one sec", "let me check" (the whole text one of `synonyms.wait`, after lead words of
 *     `synonyms.acknowledge`): "take your time" sent with the prompt's buttons, the prompt stays;
 *  c. about the step (`onStepAside`: "what was that again?", "I'll try later", "how do I check
 *     that?", "help" typed as such); a command other than help typed as such wins;
 *  d. a side question questions.yaml answers ("time machine?"): that answer, then the prompt again;
 *     then stuck on the step ("I can't find it", "what's See All?"): the subclass's `onStuck` (help
 *     with the step, then the prompt again);
 *  e. a question (3+ words ending in "?" or opening with `synonyms.questionStart`) that is no
 *     command, no "is iCloud down?", asks for no device ("can we do the Mac instead?":
 *     `synonyms.deviceRequest`, a device change) and whose first clause answers nothing ("no, is
 *     that bad?" is "no"): "a person can answer that", then the prompt again; never taken as an answer.
 *  None of them counts as a miss.
 * Before (2), a subclass's overriding answer in typed words (`overridingAnswer`, e.g. a partial
 * fix: "partly" is one even though it is also a "not fixed" phrase) wins.
 * Before the commands (3), a subclass's hidden answers (`hiddenChoices`, e.g. "it works now" at a
 * question that is not "Did that fix it?") are taken when they are the best match, and the problem
 * being worked on said again (`isCurrentProblem`) is a miss that says "we're on it".
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Device, Platform } from '../content/playbookSchema';
import type { Recognition } from '../nlu/recognizer';
import { isOnlyPhrase, isOnlyPhrases, matchChoice, mentionsPhrase, negatedChoice, normalise, numberOutOfRange, opensWithPhrase, requestedAt, withoutPhrase, type PromptChoice, type UserInput } from './answers';
import type { StepRef } from './cards';
import { COMMAND_PHRASES, type Engine } from './engine';
import { personAsked } from './handoffService';
import { besideKnownPhrases, knownAnswer } from './knownQuestions';
import type { MessageKey } from './messages';

/** Not-understood answers in a row before the hint with the buttons, help and a person. */
export const MISSES_BEFORE_HINT = 2;
/** Not-understood answers in a row before the way out (try again, help, a person, stop). */
export const MISSES_BEFORE_OFFER = 3;

/** The handler kinds that interrupt a question, and the messages.yaml phrase lists that command them. */
type Command = keyof typeof COMMAND_PHRASES;

/** Choice ids of the "stop here?" confirmation (the engine's own prompt). */
const CONFIRM = { stop: 'confirm-stop', stay: 'confirm-stay' } as const;
/** Choice ids of the way out offered after repeated misses (the engine's own prompt). */
const STUCK = { retry: 'stuck-retry', help: 'stuck-help', agent: 'stuck-agent', stop: 'stuck-stop' } as const;

/** Where this base keeps its own bookkeeping inside the dialog's state (botbuilder state, not memory). */
const TRACKING_KEY = 'resyncPrompt';
interface PromptTracking {
  /** Not-understood answers in a row to the pending prompt. */
  misses: number;
  /** The misses in a row before this turn's answer reset them (see `missed`). */
  priorMisses?: number;
  /** A recognised cancel is waiting for "yes, stop" / "no, carry on". */
  confirmingCancel?: boolean;
  /** The way out after repeated misses is waiting for an answer. */
  stuckOffer?: boolean;
}

function isCommand(handler: string): handler is Command {
  return handler in COMMAND_PHRASES;
}

/**
 * True when the message asks to start over (messages.yaml `synonyms.startOver`): `exact` the whole
 * text is one of the phrases, `loose` it holds one, not negated. A bare number never is (it would
 * pick a phrase by position). The main dialog and every question read "start over" with this.
 */
export function asksToStartOver(engine: Engine, input: UserInput, mode: 'exact' | 'loose' = 'loose'): boolean {
  if (/^\s*\d+\s*$/.test(input.text)) return false;
  const phrases = engine.messages.list('synonyms.startOver');
  return matchChoice([{ id: 'start-over', title: '', synonyms: phrases }], { text: input.text }, mode) !== undefined;
}

export abstract class InterruptibleDialog<S extends object> extends Dialog {
  constructor(
    id: string,
    protected readonly engine: Engine,
  ) {
    super(id);
  }

  /** The choices of the prompt the dialog is waiting on. */
  protected abstract choicesFor(state: S): PromptChoice[];
  protected abstract onAnswer(dc: DialogContext, state: S, choiceId: string): Promise<DialogTurnResult>;
  /** Asks the pending prompt again. */
  protected abstract reprompt(dc: DialogContext, state: S): Promise<DialogTurnResult>;
  /** The step the pending prompt belongs to (for channelData). */
  protected abstract stepRef(state: S): StepRef | undefined;
  /** A device was named; return undefined when it is not news. */
  protected abstract onDevice(dc: DialogContext, state: S, device: Device): Promise<DialogTurnResult | undefined>;
  protected abstract onAgent(dc: DialogContext, state: S): Promise<DialogTurnResult>;
  /** Called before the whole flow is cancelled (record what was left). */
  protected abstract onCancel(dc: DialogContext, state: S): Promise<void>;
  /** A different problem was recognised with enough confidence; return undefined to ignore it. */
  protected abstract onOtherProblem(dc: DialogContext, state: S, recognition: Recognition): Promise<DialogTurnResult | undefined>;
  /** The person said goodbye (recognised with confidence, no doubt); return undefined when that means nothing here. */
  protected abstract onGoodbye(dc: DialogContext, state: S): Promise<DialogTurnResult | undefined>;
  /**
   * Answers the prompt takes without showing them as buttons ("it works now" at any step's
   * question). Taken before commands, when one is the best match among these and the prompt's own.
   */
  protected hiddenChoices(_state: S, _input: UserInput): PromptChoice[] {
    return [];
  }
  /**
   * An answer that wins over every phrase of the prompt's own choices and the hidden ones (a
   * partial fix: "yes, but only some photos" is not "yes"); checked first for typed words (never
   * for a card button's value), so it must leave a bare number alone.
   */
  protected overridingAnswer(_dc: DialogContext, _state: S, _input: UserInput): string | undefined {
    return undefined;
  }
  /**
   * Devices named without one clear device: two or more not ruled out ("my iPad and my Mac"), or
   * only ruled-out ones ("not the iPhone", "neither the iPhone nor the iPad"). Return undefined
   * when that means nothing here.
   */
  protected async onUnclearDevices(_dc: DialogContext, _state: S, _kept: Device[], _ruledOut: Device[]): Promise<DialogTurnResult | undefined> {
    return undefined;
  }
  /**
   * True when the message clearly names a different problem, so that the switch offer comes
   * before a device named in it is taken as a correction or a choice's phrase in it as the answer
   * (recognised with confidence, no doubt, as a playbook). Default: never (the offer comes after
   * both, as step 7).
   */
  protected namesOtherProblem(_dc: DialogContext, _state: S, _recognition: Recognition): boolean {
    return false;
  }
  /**
   * True when the typed words cannot answer this prompt although one of its phrases is in them
   * ("yes same account" at a question about storage): "can't tell which answer", before step 5.
   */
  protected unclearAnswer(_state: S, _input: UserInput): boolean {
    return false;
  }
  /**
   * The reply to words that answer nothing yet ("not sure", "idk") at the pending prompt: by the
   * kind of question it is (the wording is in messages.yaml). Default `answer.unclear`.
   */
  protected unclearKey(_state: S): MessageKey {
    return 'answer.unclear';
  }
  /** The answer the problem said again is at this prompt ("still can't sign in" at "Can you sign in now?": no); undefined: "we're on it". */
  protected currentProblemAnswer(_state: S): string | undefined {
    return undefined;
  }
  /** True when the recognition is the problem already being worked on (said again). */
  protected isCurrentProblem(_state: S, _recognition: Recognition): boolean {
    return false;
  }
  /** Vars for the `answer.sameProblem` line. */
  protected sameProblemVars(_state: S): Record<string, string> {
    return { problem: '' };
  }
  /**
   * "Oops, wrong button", "go back" right after an answer: the prompt before it again, that answer
   * forgotten. Undefined when there is nothing to go back to (the message is then understood as usual).
   */
  protected async onUndo(_dc: DialogContext, _state: S, _recognition: Recognition): Promise<DialogTurnResult | undefined> {
    return undefined;
  }
  /**
   * The person is stuck on what the prompt's step asks ("I can't find it", "it's greyed out",
   * "what's See All?"): help with it and ask again. Undefined when the message is no such thing here.
   */
  protected async onStuck(_dc: DialogContext, _state: S, _input: UserInput, _recognition: Recognition): Promise<DialogTurnResult | undefined> {
    return undefined;
  }
  /**
   * A message about the prompt's step that is no answer ("what was that again?", "I'll try later",
   * "how do I check that?", "help" typed as such: `help`): handled by the subclass before stuck help.
   * Undefined when the message is no such thing here.
   */
  /** The platform of the device being talked about, for device-specific answers (none by default). */
  protected platformFor(_state: S): Platform | undefined {
    return undefined;
  }

  protected async onStepAside(_dc: DialogContext, _state: S, _input: UserInput, _help: boolean): Promise<DialogTurnResult | undefined> {
    return undefined;
  }
  /** Runs first on every turn (for example to notice changed content). */
  protected async beforeTurn(_dc: DialogContext, _state: S): Promise<DialogTurnResult | undefined> {
    return undefined;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as S;
    const input = this.engine.input(dc.context);
    if (!input.text.trim() && input.value === undefined && !personAsked(dc.context)) return Dialog.EndOfTurn;

    const tracking = this.tracking(state);
    tracking.priorMisses = undefined;
    const confirming = tracking.confirmingCancel === true;
    tracking.confirmingCancel = undefined;
    const stuck = tracking.stuckOffer === true;
    tracking.stuckOffer = undefined;

    const early = await this.beforeTurn(dc, state);
    if (early) {
      tracking.misses = 0;
      return early;
    }
    // The hub's own offer of a person, accepted: the same as asking for one here.
    if (personAsked(dc.context)) return this.obey(dc, state, tracking, 'agent');
    if (confirming) {
      const handled = await this.onCancelConfirmation(dc, state, input);
      if (handled) return handled;
    }
    if (stuck) {
      const handled = await this.onStuckAnswer(dc, state, input, tracking);
      if (handled) return handled;
    }
    return this.understand(dc, state, input, tracking);
  }

  /** Understands one message at the pending prompt (see the order at the top of this file). */
  private async understand(dc: DialogContext, state: S, input: UserInput, tracking: PromptTracking): Promise<DialogTurnResult> {
    const e = this.engine;
    const choices = this.choicesFor(state);
    // Typed words only: a card button is the answer it names.
    const recognition = e.recognize(dc.context);
    const handler = e.handlerOf(recognition.intent);
    const clear = !recognition.ambiguous && recognition.confidence >= e.switchConfidence;
    const typed = this.typedCommand(input, handler, clear);

    if (input.value === undefined && matchChoice(choices, input, 'exact') === undefined) {
      const aside = await this.notAnAnswer(dc, state, input, recognition, typed, tracking);
      if (aside) return aside;
    }

    const overriding = input.value === undefined ? this.overridingAnswer(dc, state, input) : undefined;
    if (overriding !== undefined) {
      // "talk to a person, only some synced": a command said in words still wins.
      return typed ? this.obey(dc, state, tracking, typed) : this.answered(dc, state, tracking, overriding);
    }
    const exact = matchChoice(choices, input, 'exact');
    if (exact !== undefined) return this.answered(dc, state, tracking, exact);
    const outOfRange = input.value === undefined && choices.length > 0 ? numberOutOfRange(input.text, choices.length) : undefined;
    if (outOfRange !== undefined) return this.notUnderstood(dc, state, tracking, 'answer.outOfRange', { number: String(outOfRange), count: String(choices.length) });
    const hidden = this.hiddenAnswer(state, choices, input);
    if (hidden !== undefined) return this.answered(dc, state, tracking, hidden);

    if (typed) return this.obey(dc, state, tracking, typed);

    // A different problem said clearly ("my photos aren't syncing on my Mac"): the switch offer
    // before the device in it or a "yes" in it is taken.
    if (handler === 'playbook' && clear && this.namesOtherProblem(dc, state, recognition)) {
      const handled = await this.onOtherProblem(dc, state, recognition);
      if (handled) {
        tracking.misses = 0;
        return handled;
      }
    }

    const named = e.namedDevices(recognition);
    if (named.length > 0) {
      const kept = named.filter((n) => !n.ruledOut).map((n) => n.device);
      const handled =
        kept.length === 1
          ? await this.onDevice(dc, state, kept[0])
          : await this.onUnclearDevices(dc, state, kept, named.filter((n) => n.ruledOut).map((n) => n.device));
      if (handled) {
        tracking.misses = 0;
        return handled;
      }
    }

    if (this.unclearAnswer(state, input)) return this.notUnderstood(dc, state, tracking, this.unclearKey(state));
    const loose = matchChoice(choices, input, 'loose');
    if (loose !== undefined) return this.answered(dc, state, tracking, loose);

    if (clear && isCommand(handler)) {
      if (handler !== 'cancel') return this.obey(dc, state, tracking, handler);
      tracking.misses = 0;
      // "continue please" is never a stop, whatever the recogniser made of it: carry on with the prompt.
      if (mentionsPhrase(e.messages.list('synonyms.carryOn'), input.text, true)) {
        await e.say(dc.context, 'cancel.declined', {}, this.stepRef(state));
        return this.reprompt(dc, state);
      }
      tracking.confirmingCancel = true;
      await e.ask(dc.context, 'cancel.confirm', this.confirmChoices(), {}, this.stepRef(state));
      return Dialog.EndOfTurn;
    }
    if (handler === 'playbook' && clear) {
      const handled = await this.onOtherProblem(dc, state, recognition);
      if (handled) {
        tracking.misses = 0;
        return handled;
      }
    }
    if (handler === 'playbook' && clear && this.isCurrentProblem(state, recognition)) {
      const answer = this.currentProblemAnswer(state);
      if (answer !== undefined) return this.answered(dc, state, tracking, answer);
      return this.notUnderstood(dc, state, tracking, 'answer.sameProblem', this.sameProblemVars(state));
    }
    if (isOnlyPhrase(e.messages.list('synonyms.thanks'), e.messages.list('synonyms.acknowledge'), input.text)) {
      await e.say(dc.context, 'thanks.welcome', {}, this.stepRef(state));
      return this.reprompt(dc, state);
    }
    if (mentionsPhrase(e.messages.list('synonyms.unclear'), input.text, true) || negatedChoice(choices, input) !== undefined) {
      return this.notUnderstood(dc, state, tracking, this.unclearKey(state));
    }
    // "I can't find See All", "it still doesn't work": a goodbye with a negation is never one.
    if (handler === 'goodbye' && clear && !e.saysNegation(input.text)) {
      const handled = await this.onGoodbye(dc, state);
      if (handled) {
        tracking.misses = 0;
        return handled;
      }
    }
    return this.notUnderstood(dc, state, tracking, 'answer.notUnderstood');
  }

  /**
   * Typed words that are no answer yet, before anything is read as one (a-d at the top of this
   * file): an undo, a wait, being stuck on the step, a question. Undefined for anything else.
   */
  private async notAnAnswer(dc: DialogContext, state: S, input: UserInput, recognition: Recognition, typed: Command | undefined, tracking: PromptTracking): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const list = (key: MessageKey) => e.messages.list(key);
    if (!typed && mentionsPhrase(list('synonyms.undo'), input.text, true)) {
      const undone = await this.onUndo(dc, state, recognition);
      if (undone) {
        tracking.misses = 0;
        return undone;
      }
    }
    // "thanks, checking now" too: a wait said with thanks is no goodbye.
    const waits = isOnlyPhrases(list('synonyms.wait'), list('synonyms.acknowledge'), input.text) || (mentionsPhrase(list('synonyms.wait'), input.text, true) && isOnlyPhrases([...list('synonyms.wait'), ...list('synonyms.thanks')], list('synonyms.acknowledge'), input.text));
    if (waits) {
      // The prompt stays pending: its buttons come with "take your time", so none are lost.
      await e.ask(dc.context, 'wait.ack', this.choicesFor(state), {}, this.stepRef(state));
      return Dialog.EndOfTurn;
    }
    if (typed === undefined || typed === 'help') {
      const aside = await this.onStepAside(dc, state, input, typed === 'help');
      if (aside) {
        tracking.misses = 0;
        return aside;
      }
    }
    // "optimize mac storage is on, does that matter?", "time machine?": questions.yaml's answer, then the prompt.
    // A command word inside the question's own phrase ("are you a real person?") is no command. Before
    // stuck help: "how do i merge two apple ids?" asks that, not how to do the step.
    const found = knownAnswer(e, recognition, this.platformFor(state));
    const known = found && (!typed || this.typedCommand({ text: besideKnownPhrases(e, found, input.text) }, 'none', false) === undefined) ? found : undefined;
    if (known) {
      tracking.misses = 0;
      await e.sendText(dc.context, known.text, `question.${known.id}`, this.stepRef(state));
      return this.reprompt(dc, state);
    }
    if (typed === undefined || typed === 'help') {
      const helped = await this.onStuck(dc, state, input, recognition);
      if (helped) return helped;
    }
    if (!typed && this.asksQuestion(state, input, recognition)) {
      await e.say(dc.context, 'question.cantAnswer', {}, this.stepRef(state));
      return this.reprompt(dc, state);
    }
    return undefined;
  }

  /**
   * A question that is no answer: 3+ words ending in "?" or opening with a `synonyms.questionStart`
   * phrase; not one holding a command phrase ("can I talk to a person?"), not "is iCloud down?" (the
   * status, answered where it is asked), and not one whose first clause answers ("no, is that bad?").
   */
  private asksQuestion(state: S, input: UserInput, recognition: Recognition): boolean {
    const e = this.engine;
    const raw = input.text.trim();
    const text = normalise(raw);
    if (text.split(' ').length < 3) return false;
    if (!raw.endsWith('?') && !opensWithPhrase(e.messages.list('synonyms.questionStart'), raw)) return false;
    // "I think wifi?", "i think so?": a hedged answer, not a question for a person.
    if (opensWithPhrase(e.messages.list('synonyms.hedge'), raw)) return false;
    // "it says account locked??" at "What happens when you try to sign in?": an answer said with a question mark.
    if (matchChoice(this.choicesFor(state), input, 'loose') !== undefined) return false;
    // "can we do the mac instead?", "what about my iPad?": a device asked for is a device change, left to step 4.
    const requests = e.messages.list('synonyms.deviceRequest');
    if (recognition.entities.some((m) => m.type === 'device' && requestedAt(recognition.text, m.start, requests))) return false;
    const commands = Object.values(COMMAND_PHRASES).flat().flatMap((k) => e.messages.list(k));
    if (mentionsPhrase(commands, raw, true)) return false;
    const target = e.playbookForIntent(recognition.intent);
    if (target && e.answersFromStatus(target) && !recognition.ambiguous && recognition.confidence >= e.switchConfidence) return false;
    const lead = /^(.*?)[,;.!:\u2013\u2014]/.exec(raw)?.[1]?.trim();
    if (lead && matchChoice(this.choicesFor(state), { text: lead }, 'exact') !== undefined) return false;
    return true;
  }

  /**
   * A hidden answer that is the best match of all (the longer phrase wins: "yes it works now" is
   * "it works now", not "yes"); never a bare number (numbers pick buttons).
   */
  private hiddenAnswer(state: S, choices: PromptChoice[], input: UserInput): string | undefined {
    const hidden = this.hiddenChoices(state, input);
    if (hidden.length === 0 || /^\s*\d+\s*$/.test(input.text)) return undefined;
    const text = { text: input.text };
    const picked = matchChoice(hidden, text, 'exact') ?? matchChoice([...choices, ...hidden], text, 'loose');
    return picked !== undefined && hidden.some((h) => h.id === picked) ? picked : undefined;
  }

  /**
   * The command the person typed as such: the whole text is one of its phrases, or the text holds
   * one and the recogniser, clear about it, reads the same command.
   */
  private typedCommand(input: UserInput, handler: string, clear: boolean): Command | undefined {
    const messages = this.engine.messages;
    const phrases = (command: Command) => COMMAND_PHRASES[command].flatMap((k) => messages.list(k));
    const commands = Object.keys(COMMAND_PHRASES) as Command[];
    const whole = commands.find((c) => mentionsPhrase(phrases(c), input.text, false));
    if (whole) return whole;
    if (clear && isCommand(handler) && mentionsPhrase(phrases(handler), input.text, true)) return handler;
    // "…, I need a person again": a request for a person said plainly anywhere in the message.
    if (mentionsPhrase(messages.list('synonyms.personAnywhere'), input.text, true)) return 'agent';
    return undefined;
  }

  private async obey(dc: DialogContext, state: S, tracking: PromptTracking, command: Command): Promise<DialogTurnResult> {
    tracking.misses = 0;
    switch (command) {
      case 'help':
        await this.engine.say(dc.context, 'help', {}, this.stepRef(state));
        return this.reprompt(dc, state);
      case 'agent':
        return this.onAgent(dc, state);
      case 'cancel':
        return this.cancelAll(dc, state);
    }
  }

  /**
   * Ends the whole flow. "OK, I've stopped here" is for a plain cancel or stop; for "start over"
   * the main dialog asks at once what isn't syncing (it handles the cancel event), and a "stopped"
   * line before that question would say the opposite of what happens.
   */
  private async cancelAll(dc: DialogContext, state: S): Promise<DialogTurnResult> {
    await this.onCancel(dc, state);
    if (!asksToStartOver(this.engine, this.engine.input(dc.context))) await this.engine.say(dc.context, 'cancel.done');
    return dc.cancelAllDialogs();
  }

  private confirmChoices(): PromptChoice[] {
    const e = this.engine;
    return [
      e.choice(CONFIRM.stop, 'cancel.confirmYes', ['synonyms.yes', 'synonyms.stop']),
      e.choice(CONFIRM.stay, 'cancel.confirmNo', ['synonyms.no', 'synonyms.carryOn']),
    ];
  }

  /**
   * The answer to "stop here?": yes stops, no carries on with the prompt. Anything else is read
   * as an answer to the prompt that was pending (undefined: go on understanding it).
   */
  private async onCancelConfirmation(dc: DialogContext, state: S, input: UserInput): Promise<DialogTurnResult | undefined> {
    const choices = this.confirmChoices();
    const picked = matchChoice(choices, input, 'exact') ?? matchChoice(choices, input, 'loose');
    if (picked === CONFIRM.stop) return this.cancelAll(dc, state);
    if (picked === CONFIRM.stay) {
      await this.engine.say(dc.context, 'cancel.declined', {}, this.stepRef(state));
      return this.reprompt(dc, state);
    }
    return undefined;
  }

  private async answered(dc: DialogContext, state: S, tracking: PromptTracking, choiceId: string): Promise<DialogTurnResult> {
    tracking.priorMisses = tracking.misses;
    tracking.misses = 0;
    return this.onAnswer(dc, state, choiceId);
  }

  /**
   * A message that answers nothing: say so and ask again; the second miss in a row gets the hint,
   * the third the way out (try again, help, a person, stop) instead of the question.
   */
  private async notUnderstood(dc: DialogContext, state: S, tracking: PromptTracking, key: MessageKey, vars: Record<string, string> = {}): Promise<DialogTurnResult> {
    tracking.misses++;
    const titles = this.choicesFor(state)
      .map((c, i) => (c.title.trim() ? `${i + 1}. ${c.title.trim()}` : ''))
      .filter((t) => t !== '');
    if (titles.length > 0 && tracking.misses >= MISSES_BEFORE_OFFER) {
      tracking.misses = 0;
      tracking.stuckOffer = true;
      await this.engine.ask(dc.context, 'answer.stuck', this.stuckChoices(), {}, this.stepRef(state));
      return Dialog.EndOfTurn;
    }
    if (titles.length > 0 && tracking.misses >= MISSES_BEFORE_HINT) {
      await this.engine.say(dc.context, 'answer.hint', { choices: titles.join('; ') }, this.stepRef(state));
    } else {
      await this.engine.say(dc.context, key, vars, this.stepRef(state));
    }
    return this.reprompt(dc, state);
  }

  /**
   * For a subclass whose answer turns out to answer nothing after all (the same "yes I checked"
   * again): a miss like any other, counted on from the misses before this answer, so the hint and
   * the way out still come.
   */
  protected async missed(dc: DialogContext, state: S, key: MessageKey, vars: Record<string, string> = {}): Promise<DialogTurnResult> {
    const tracking = this.tracking(state);
    tracking.misses = tracking.priorMisses ?? tracking.misses;
    tracking.priorMisses = undefined;
    return this.notUnderstood(dc, state, tracking, key, vars);
  }

  private stuckChoices(): PromptChoice[] {
    const e = this.engine;
    return [
      e.choice(STUCK.retry, 'answer.stuckRetry', ['synonyms.carryOn']),
      e.choice(STUCK.help, 'answer.stuckHelp', ['synonyms.help']),
      e.choice(STUCK.agent, 'choice.agent', ['synonyms.person']),
      e.choice(STUCK.stop, 'answer.stuckStop', ['synonyms.stop']),
    ];
  }

  /**
   * The answer to the way out: the question again, help then the question, a person, or stop.
   * Anything else is read as an answer to the question that was pending (undefined).
   */
  private async onStuckAnswer(dc: DialogContext, state: S, input: UserInput, tracking: PromptTracking): Promise<DialogTurnResult | undefined> {
    const choices = this.stuckChoices();
    const picked = matchChoice(choices, input, 'exact') ?? matchChoice(choices, input, 'loose');
    switch (picked) {
      case STUCK.retry:
        return this.reprompt(dc, state);
      case STUCK.help:
        return this.obey(dc, state, tracking, 'help');
      case STUCK.agent:
        return this.obey(dc, state, tracking, 'agent');
      case STUCK.stop:
        return this.cancelAll(dc, state);
      default:
        return undefined;
    }
  }

  private tracking(state: S): PromptTracking {
    const bag = state as Record<string, unknown>;
    const current = bag[TRACKING_KEY] as PromptTracking | undefined;
    if (current && typeof current.misses === 'number') return current;
    const fresh: PromptTracking = { misses: 0 };
    bag[TRACKING_KEY] = fresh;
    return fresh;
  }
}

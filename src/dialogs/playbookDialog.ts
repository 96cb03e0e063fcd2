/**
 * PlaybookDialog: one generic dialog that runs any playbook from content. Its state says which
 * step it is on and what it is waiting for; nothing here knows a playbook, intent or sentence.
 *
 * Per step: an optional question with choices (continue / skip / fixed; a playbook may answer it
 * already through `stepOptions`), then the instructions for the person's platform and service, then
 * "Did that fix it?". Status steps ask the status feed; the handoff step always gives Apple's own
 * support options, then asks our agent hub. Asking for a person mid-way keeps the place: when the
 * hub gives the conversation back (offer declined, waiting cancelled), the step is asked again.
 *
 * This class wires the flow: it sends, records and moves the state on. What it decides from is in
 * src/dialogs/playbook/, as functions of (run, state, …): the state and its options (state.ts),
 * the content for this device and service (stepContent.ts), each prompt's text and buttons
 * (prompts.ts), reading typed answers (answerReading.ts), the first message's rules
 * (firstMessage.ts), status lines (statusReport.ts), stuck help (stuckHelp.ts), undo (undo.ts),
 * another problem named mid-way (otherProblem.ts), where to carry on after a content change
 * (contentChange.ts) and what goes into the record (recordKeeping.ts).
 */
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogReason, type DialogTurnResult } from 'botbuilder-dialogs';
import { createHash } from 'node:crypto';
import type { LoadedPlaybook } from '../content/loadContent';
import type { Device, Platform, Step } from '../content/playbookSchema';
import type { Recognition } from '../nlu/recognizer';
import { withoutMarkers } from '../privacy/redact';
import { matchChoice, mentionsPhrase, normalise, type PromptChoice, type UserInput } from './answers';
import type { StepRef } from './cards';
import type { Engine } from './engine';
import { handoffAnswer } from './handoffService';
import { InterruptibleDialog } from './interruptibleDialog';
import type { ChildResult } from './mainDialog';
import { fill, type MessageKey } from './messages';
import { asksSomethingClear, codeDeviceNamed, hiddenAnswers, isCurrentProblem, isUnclearAnswer, laterAnswer, laterAnswerAfterLead, namedInPassing, namesOtherProblem, otherCaseSaid, overridingAnswer, saysGoodbye, unclearReplyKey } from './playbook/answerReading';
import { placeAfterChange } from './playbook/contentChange';
import { answerFromUtterance, answersSomeQuestion, causeFirst, firstMessageLines, laterStepsSaidDone, titlesOf } from './playbook/firstMessage';
import { ALREADY_FINE, ELSEWHERE_STOP, FIXED, NOTED_LATER, ownWords, PARTLY, PAUSE, promptChoices, promptText, SAID_FIXED, SAME_PROBLEM, STALE_ANSWER, STEP_DONE, stepQuestion, SWITCH } from './playbook/prompts';
import { answerCarriesOver, answeredBefore, leaveHandoff, platformText, promptUnderneath, redacted, settle, startState, type Phase, type PlaybookOptions, type PlaybookState, type UndoPoint } from './playbook/state';
import { outageOfService, outagePausesHere, statusAsideLines, statusStepReply } from './playbook/statusReport';
import {
  alreadyTried,
  answeredEverywhere,
  caseOnlySolved,
  devicesToOffer,
  elsewhereDevice,
  furtherStep,
  handoffStep,
  instructionText,
  markTried,
  notFixedJump,
  offeredChoice,
  ownFixedQuestion,
  pauseStep,
  platformOf,
  stepMessage,
  stepOf,
  stepOptions,
  stepRefOf,
  unavailableHere,
  unavailableIndex,
  varsFor,
  type PlaybookRun,
} from './playbook/stepContent';
import { causeSaidMidway, declinesWhichDevice, devicesNotOwned, deviceWordAside, onlyStopsAtOutagePause, stepAside } from './playbook/stepAsides';
import { stuckOnStep } from './playbook/stuckHelp';
import { answerSwitch, offerSwitch, otherProblemIn, problemCorrection } from './playbook/otherProblem';
import { asksForRecap, recapText } from './recap';
import { addOutcome, changeDevice, noteHandedOff, noteStart } from './playbook/recordKeeping';
import { nothingToUndo, restoreUndoPoint, staleAnswer, undoApplies, undoPointOf } from './playbook/undo';
import { queueFromPlaybook } from './main/queueHandOver';
import { fetchStatus } from './statusCheck';
import type { StepOutcome } from './troubleshootingRecord';

export const PLAYBOOK_DIALOG_PREFIX = 'playbook:';
export function playbookDialogId(playbookId: string): string {
  return PLAYBOOK_DIALOG_PREFIX + playbookId;
}

export { answerCarriesOver, answeredBefore, type AnsweredQuestion, type Phase, type PlaybookOptions, type PlaybookState, type UndoPoint } from './playbook/state';

/** turnState key: the undo point of the previous turn, taken out of the state as this turn starts. */
const UNDO_KEY = Symbol('resync.undoPoint');
/** Where the flow stood when this turn began (placeOf), in turnState: a reprompt at the same place keeps the undo point. */
const PLACE_KEY = Symbol('resync.placeAtTurnStart');

/** The prompt the state waits at, as one comparable string. */
function placeOf(state: PlaybookState): string {
  return [state.stepIndex, state.stepId, state.phase, state.device ?? ''].join('|');
}

/** A silence longer than this before an answer at a step gets a one-line recap first (a night or a day away). */
export const RECAP_AFTER_MS = 12 * 60 * 60 * 1000;

export class PlaybookDialog extends InterruptibleDialog<PlaybookState> {
  private readonly run: PlaybookRun;

  constructor(
    private readonly playbook: LoadedPlaybook,
    engine: Engine,
    /** True for the stand-alone "talk to a person" flow: no intent, intro or device question. */
    private readonly handoffOnly = false,
    id = playbookDialogId(playbook.id),
  ) {
    super(id, engine);
    this.run = { engine, playbook, handoffOnly };
  }

  /** A playbook of just the handoff step, for "talk to a person" outside any playbook. */
  static handoffPlaybook(step: Step): LoadedPlaybook {
    const contentVersion = createHash('sha256').update(JSON.stringify(step)).digest('hex').slice(0, 16);
    return { version: 1, id: step.id, intent: step.id, title: step.title, intro: step.title, steps: [step.id], wrapUp: step.title, file: '', contentVersion };
  }

  /** The content hash, not WaterfallDialog's `id:stepCount`: any edit to the playbook or its steps changes it. */
  override getVersion(): string {
    return `${this.id}:${this.playbook.contentVersion}`;
  }

  override async beginDialog(dc: DialogContext, options?: PlaybookOptions): Promise<DialogTurnResult> {
    const opts = options ?? {};
    const context = dc.context;
    // Another playbook's problem is the cause to fix first: that playbook starts instead.
    const cause = causeFirst(this.run, opts);
    if (cause) return dc.replaceDialog(playbookDialogId(cause.id), { ...opts, service: undefined, firstFor: { service: opts.service ?? this.playbook.service } } satisfies PlaybookOptions);
    const profile = await this.engine.getProfile(context);
    const record = await this.engine.getRecord(context);
    const remembered = profile.device && !opts.ruledOut?.includes(profile.device) ? profile.device : undefined;
    const device = this.engine.device(opts.device)?.id ?? this.engine.device(remembered)?.id;
    Object.assign(dc.activeDialog!.state, startState(this.playbook, opts, device, this.handoffOnly, record.service));
    const live = dc.activeDialog!.state as PlaybookState;
    noteStart(this.run, live, opts, profile, record);

    if (!this.handoffOnly && !opts.startAtHandoff && opts.resumeAt === undefined) {
      await this.engine.sendText(context, fill(this.playbook.intro, varsFor(this.run, live)), 'playbook.intro', { playbook: this.playbook.id, stepId: live.stepId });
      const first = firstMessageLines(this.run, live, opts);
      if (first.saidDone.length > 0) {
        live.saidDone = first.saidDone;
        live.tried = [...new Set([...(live.tried ?? []), ...first.saidDone])];
      }
      for (const line of first.lines) await this.engine.sendText(context, line.text, line.key, stepRefOf(this.run, live));
    }
    if (!live.device && !this.handoffOnly && !opts.startAtHandoff && this.playbook.askDevice !== false) {
      live.phase = 'device';
      return this.reprompt(dc, live);
    }
    if (!opts.startAtHandoff) {
      // Picked up again where it stopped at "which device shall we carry on with?" (A05): that question, not the text again.
      const elsewhere = await this.checkAvailable(dc, live, unavailableIndex(this.run, live), opts.resumeAt !== undefined && unavailableIndex(this.run, live) === opts.resumeAt);
      if (elsewhere) return elsewhere;
    }
    return this.runFrom(dc, live);
  }

  /**
   * Checked as soon as the device is known (at the start, after the device question, on a
   * correction): when the service does not exist there, say so and ask which device to carry on
   * with before any step runs; the steps then start from where they were, on that device.
   */
  private async checkAvailable(dc: DialogContext, state: PlaybookState, index = unavailableIndex(this.run, state), quiet = false): Promise<DialogTurnResult | undefined> {
    if (index === undefined) return undefined;
    state.elsewhereFrom = state.stepIndex;
    state.stepIndex = index;
    state.stepId = this.playbook.steps[index];
    state.choiceId = undefined;
    if (quiet) {
      state.phase = 'elsewhere';
      return this.reprompt(dc, state);
    }
    return this.showInstructions(dc, state, stepOf(this.run, state), false);
  }

  /** Adds the step's outcome to the troubleshooting record (replacing the one kept when a person was asked for: see addOutcome). */
  private async recordOutcome(dc: DialogContext, state: PlaybookState, outcome: StepOutcome, stepId = state.stepId, choice?: string): Promise<void> {
    // The answer picked at the step's question ("full", "wifi"), so the agent's summary can say it.
    const answer = stepId === state.stepId ? (choice ?? state.choiceId) : undefined;
    addOutcome(await this.engine.getRecord(dc.context), this.playbook.id, state, outcome, stepId, this.engine.clock.now().toISOString(), answer);
  }

  // ---- the flow -------------------------------------------------------------------------

  /** Runs steps from state.stepIndex until one waits for an answer or the playbook ends. */
  private async runFrom(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    for (;;) {
      const stepId = this.playbook.steps[state.stepIndex];
      if (stepId === undefined) return dc.endDialog({ outcome: 'ended' });
      state.stepId = stepId;
      state.choiceId = undefined;
      state.further = undefined;
      state.handoffAfter = undefined;
      state.outageFrom = undefined;
      state.caseSolved = undefined;
      const step = stepOf(this.run, state);
      if (alreadyTried(state, step) || answeredBefore(state.answered, step, platformOf(this.run, state)) || state.saidDone?.includes(step.id)) {
        await this.recordOutcome(dc, state, 'skipped');
        state.stepIndex++;
        continue;
      }
      if (step.kind === 'status') {
        const waiting = await this.runStatus(dc, state, step);
        if (waiting) return waiting;
        continue;
      }
      if (step.kind === 'handoff') return this.runHandoff(dc, state, step);
      if (step.question) {
        const question = platformText(step.question.text, platformOf(this.run, state));
        if (question === undefined || question === 'skip') {
          await this.recordOutcome(dc, state, 'skipped');
          state.stepIndex++;
          continue;
        }
        let implied = offeredChoice(this.run, step, state, stepOptions(this.run, step.id)?.answer ?? answerFromUtterance(this.run, state, step));
        // "Yes, the same account" said for an earlier problem holds on every device: not asked again.
        if (!implied) {
          implied = answeredEverywhere(this.run, state, step, await this.engine.getRecord(dc.context));
          if (implied) await this.engine.say(dc.context, 'playbook.answeredEarlier', { answer: implied.title }, stepRefOf(this.run, state));
        }
        if (implied) {
          const waiting = await this.applyChoice(dc, state, step, implied.id, true);
          if (waiting) return waiting;
          continue;
        }
        state.phase = 'question';
        await this.askQuestion(dc, state, step, true);
        return Dialog.EndOfTurn;
      }
      const waiting = await this.showInstructions(dc, state, step, true);
      if (waiting) return waiting;
    }
  }

  /** Acts on an answer to the step's question; undefined when the flow goes on to the next step. */
  private async applyChoice(dc: DialogContext, state: PlaybookState, step: Step, choiceId: string, withTitle: boolean): Promise<DialogTurnResult | undefined> {
    const choice = offeredChoice(this.run, step, state, choiceId);
    if (!choice) return this.reprompt(dc, state);
    if (choice.action === 'fixed') return this.finishFixed(dc, state);
    if (choice.action === 'skip') {
      markTried(this.run, state);
      if (answerCarriesOver(step, choice.id, platformOf(this.run, state))) {
        state.answered = [...(state.answered ?? []).filter((a) => a.step !== step.id), { step: step.id, choice: choice.id }];
      }
      await this.recordOutcome(dc, state, 'skipped', state.stepId, choice.id);
      state.stepIndex++;
      return undefined;
    }
    state.choiceId = choice.id;
    return this.showInstructions(dc, state, step, withTitle);
  }

  private async askQuestion(dc: DialogContext, state: PlaybookState, step: Step, withTitle: boolean): Promise<void> {
    const question = stepQuestion(this.run, state, step, withTitle);
    await this.engine.sendPrompt(dc.context, question.text, this.choicesFor(state), question.key, stepRefOf(this.run, state));
  }

  /**
   * Shows the instructions and asks whether they fixed it (or, when the service does not exist on
   * this device, which device to carry on with); undefined when the step is skipped.
   */
  private async showInstructions(dc: DialogContext, state: PlaybookState, step: Step, withTitle: boolean): Promise<DialogTurnResult | undefined> {
    const text = instructionText(this.run, step, state);
    if (text === undefined || text === 'skip') {
      await this.recordOutcome(dc, state, 'skipped');
      state.stepIndex++;
      return undefined;
    }
    state.afterDoneAsked = undefined;
    const body = fill(text, varsFor(this.run, state));
    await this.engine.sendText(dc.context, withTitle ? `**${step.title}**\n\n${body}` : body, 'step.instructions', stepRefOf(this.run, state));
    state.phase = unavailableHere(this.run, step, state) ? 'elsewhere' : 'fixed';
    return this.reprompt(dc, state);
  }

  /** The status step: the feed's report for this playbook's services, then on, or the pause when there is an outage. */
  private async runStatus(dc: DialogContext, state: PlaybookState, step: Step): Promise<DialogTurnResult | undefined> {
    const report = await fetchStatus(this.engine.statusFeed, this.engine.statusTimeoutMs);
    if (!report.ok) this.engine.logger.warn('status feed unavailable', { reason: report.reason, detail: report.detail });
    const reply = statusStepReply(this.run, state, step, report);
    for (const line of reply.lines) await this.engine.sendText(dc.context, line.text, line.key, stepRefOf(this.run, state));
    if (reply.then === 'pause') {
      state.phase = 'statusPause';
      state.outageSeen = true;
      return this.reprompt(dc, state);
    }
    await this.recordOutcome(dc, state, reply.then);
    state.stepIndex++;
    return undefined;
  }

  /**
   * The handoff step: Apple's own support options for this device, always; then our agent hub, when
   * there is one. `resumeFrom`: asked for mid-way, so the place is kept for when the hub gives the
   * conversation back (offer declined, waiting cancelled).
   */
  private async runHandoff(dc: DialogContext, state: PlaybookState, step: Step, resumeFrom?: Phase): Promise<DialogTurnResult> {
    const context = dc.context;
    const ref = stepRefOf(this.run, state, step.id);
    const text = platformText(state.service ? step.services[state.service] : undefined, platformOf(this.run, state)) ?? platformText(step.instructions, platformOf(this.run, state));
    if (text !== undefined && text !== 'skip') await this.engine.sendText(context, fill(text, varsFor(this.run, state)), 'step.instructions', ref);
    await this.recordOutcome(dc, state, 'support-options', step.id);
    // The hub's answer (src/dialogs/handoffService.ts): only `connected` means a person has the
    // conversation; `queued` and `offered` leave the hub dealing with the person for now.
    let result = 'unavailable';
    if (this.engine.handoff && !(state.moreQueued && resumeFrom === undefined)) {
      const record = await this.engine.getRecord(context);
      const recap = recapText(this.engine, record, { playbookId: state.playbookId, device: state.device });
      result = await this.engine.handoff.requestHandoff(context, record, ref, { resumeStep: resumeFrom !== undefined, endOfChecks: (resumeFrom === undefined && !state.personAsked) || undefined, recap });
    }
    if (result === 'connected') {
      await this.recordOutcome(dc, state, 'handed-off', step.id);
      return dc.endDialog({ outcome: 'handed-off' });
    }
    if (resumeFrom !== undefined) {
      state.phase = 'handoff';
      state.handoffFrom = resumeFrom;
      return Dialog.EndOfTurn;
    }
    return dc.endDialog({ outcome: 'support-options' });
  }

  /**
   * "Is iCloud down?" asked mid-way: the status feed read again (see statusAsideLines), then the
   * pending prompt again. Nothing in the record or the place changes, unless the service being
   * worked on has an outage: then the status step's pause (see outagePausesHere), whose "continue"
   * goes back to the prompt it interrupted.
   */
  private async statusAside(dc: DialogContext, state: PlaybookState, recognition: Recognition): Promise<DialogTurnResult> {
    const e = this.engine;
    const ref = stepRefOf(this.run, state);
    const report = await fetchStatus(e.statusFeed, e.statusTimeoutMs);
    const now = e.clock.now();
    if (!report.ok) e.logger.warn('status feed unavailable', { reason: report.reason, detail: report.detail });
    for (const line of statusAsideLines(this.run, state, report, recognition, now)) await e.sendText(dc.context, line.text, line.key, ref);
    e.logger.info('status asked mid-way', { playbook: this.playbook.id, step: state.stepId, ok: report.ok });
    if (state.phase === 'statusPause') {
      // Asked at the pause itself ("hi, is it fixed now?"): still down, the same pause; cleared, on.
      if (!report.ok || outageOfService(this.run, state, report)) return this.reprompt(dc, state);
      const from = state.outageFrom;
      state.outageFrom = undefined;
      state.outageSeen = undefined;
      await e.say(dc.context, 'status.asideResume', {}, ref);
      if (from === undefined) return this.next(dc, state, 'not-fixed');
      state.phase = from;
      return this.reprompt(dc, state);
    }
    if (report.ok && outagePausesHere(this.run, state, report)) {
      state.outageFrom = state.phase;
      state.outageSeen = true;
      state.phase = 'statusPause';
      return this.reprompt(dc, state);
    }
    if (report.ok && !outageOfService(this.run, state, report)) state.outageSeen = undefined;
    await e.say(dc.context, 'status.asideResume', {}, ref);
    return this.reprompt(dc, state);
  }

  private async finishFixed(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    await this.recordOutcome(dc, state, 'fixed');
    // The step that fixed it was gone through on this device: the next problem there skips it too
    // (round 10, A18: "my notes too" after the account check fixed the photos asked it again).
    if (state.phase === 'fixed') markTried(this.run, state);
    await this.engine.sendText(dc.context, fill(this.playbook.wrapUp, varsFor(this.run, state)), 'playbook.wrapUp', stepRefOf(this.run, state));
    if (!state.moreQueued) await this.engine.say(dc.context, 'wrapUp.more');
    return dc.endDialog({ outcome: 'fixed' });
  }

  /**
   * A partial fix: glad part came back, but it is not fixed: the next check, as after "no",
   * recorded `partly-fixed` so the agent's summary says the step helped partly.
   */
  private async partlyFixed(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    await this.engine.say(dc.context, 'fixed.partly', {}, stepRefOf(this.run, state));
    if (state.phase === 'fixed') markTried(this.run, state);
    return this.next(dc, state, 'partly-fixed');
  }

  /**
   * "It was already on", "already checked that" at "Did that fix it?": the setting was fine, so this
   * check is not the cause; said in one line, then the next check, as after "no".
   */
  private async alreadyFine(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    await this.engine.say(dc.context, 'fixed.alreadyFine', {}, stepRefOf(this.run, state));
    markTried(this.run, state);
    return this.next(dc, state, 'not-fixed');
  }

  /** Records the step's outcome and runs on from the next step (or from `to`, a later step's index: see notFixedJump). */
  private async next(dc: DialogContext, state: PlaybookState, outcome: StepOutcome, to?: number): Promise<DialogTurnResult> {
    await this.recordOutcome(dc, state, outcome);
    state.stepIndex = to ?? state.stepIndex + 1;
    return this.runFrom(dc, state);
  }

  private async setDevice(dc: DialogContext, state: PlaybookState, device: Device): Promise<void> {
    changeDevice(state, await this.engine.getProfile(dc.context), await this.engine.getRecord(dc.context), device.id);
  }

  /** The current step again for a new device: its instructions when its question was answered, else from its start. */
  private async rerunCurrent(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    const step = stepOf(this.run, state);
    // An answer not offered on the new device ("Cable" on a Mac, then "it's my iPhone"): the question again.
    if (state.phase === 'fixed' && step.question && state.choiceId && offeredChoice(this.run, step, state, state.choiceId)) {
      const question = platformText(step.question.text, platformOf(this.run, state));
      if (question !== undefined && question !== 'skip') return (await this.showInstructions(dc, state, step, true)) ?? this.runFrom(dc, state);
    }
    return this.runFrom(dc, state);
  }

  /**
   * A person from the support team had this conversation and has closed the chat (the hub handed
   * back `completed`; it already said the chat ended and asked whether anything else isn't
   * syncing). The troubleshooting was handed off, so there is no place to carry on from: record
   * that and end, leaving this message to the main dialog, which reads it as the answer to "anything
   * else?" (no: the goodbye; yes or a new problem: what isn't syncing).
   */
  private async afterLiveChat(dc: DialogContext): Promise<DialogTurnResult> {
    noteHandedOff(await this.engine.getRecord(dc.context), this.playbook.id, handoffStep(this.run)?.id, this.engine.clock.now().toISOString());
    return dc.endDialog({ outcome: 'handed-off', continueTurn: true } satisfies ChildResult);
  }

  /**
   * The first turn the agent hub gives back after "talk to a person" mid-way: an old button or a
   * clear request (cancel, help, a person, goodbye, another problem, a device) is handled as usual;
   * anything else ("ok let's keep going") gets "let's carry on where we were" and the step again.
   */
  private async backFromHandoff(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult | undefined> {
    // The hub handed back the person's answer to its offer (it has already replied to it).
    switch (handoffAnswer(dc.context)) {
      case 'waiting':
      case 'message':
        // In the queue or leaving a message: the hub has the next turns; keep the place quietly.
        return Dialog.EndOfTurn;
      case 'goodbye':
        await this.recordOutcome(dc, state, 'user-left');
        return dc.endDialog({ outcome: 'left' });
      case 'declined':
        leaveHandoff(state);
        return this.reprompt(dc, state);
      default:
        break;
    }
    leaveHandoff(state);
    const e = this.engine;
    const input = e.input(dc.context);
    if (matchChoice(this.choicesFor(state), input, 'exact') !== undefined) return undefined;
    // "what have we tried?" where the message for support was asked for: the recap, then the prompt.
    if (asksForRecap(e, input.text)) return undefined;
    if (input.text.trim() && asksSomethingClear(this.run, e.recognize(dc.context))) return undefined;
    await e.say(dc.context, 'switch.declined', {}, stepRefOf(this.run, state));
    return this.reprompt(dc, state);
  }

  // ---- InterruptibleDialog --------------------------------------------------------------

  protected choicesFor(state: PlaybookState): PromptChoice[] {
    return promptChoices(this.run, state);
  }

  /**
   * The step was done, but is it fixed? Asked once, briefly, with the same buttons (the playbook's
   * own wording when it has one); the same kind of answer again is "can't tell" (a miss), then the
   * question. At a step's question ("I checked that as well"): what did it show?, the same way.
   */
  private async stepDone(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    const e = this.engine;
    // Asked already: a miss like any other, so repeating it reaches the hint and the way out.
    if (state.afterDoneAsked === state.stepId) return this.missed(dc, state, 'answer.unclear');
    state.afterDoneAsked = state.stepId;
    if (state.phase === 'question') {
      // "I checked that as well" at a step's question: what did it show? (its buttons again)
      await e.ask(dc.context, 'question.afterDone', this.choicesFor(state), {}, stepRefOf(this.run, state));
      return Dialog.EndOfTurn;
    }
    const own = ownFixedQuestion(this.run, state)?.again;
    const text = own ? fill(own, varsFor(this.run, state)) : e.messages.text('fixed.afterDone');
    await e.sendPrompt(dc.context, text, this.choicesFor(state), 'fixed.afterDone', stepRefOf(this.run, state));
    return Dialog.EndOfTurn;
  }

  /**
   * "My storage isn't full" at another step's prompt: kept with the first message's words, so the
   * storage question is answered when it comes; said in that answer's own line, then the same prompt.
   */
  private async notedLater(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    await this.keepFact(dc, state, this.engine.input(dc.context).text);
    return this.reprompt(dc, state);
  }

  /**
   * Words that answer a later question (laterAnswer: "there's plenty of space"), kept with the first
   * message's words (redacted) so the question is answered when it comes, and said in that answer's own line.
   */
  private async keepFact(dc: DialogContext, state: PlaybookState, typed: string): Promise<void> {
    const said = withoutMarkers(redacted(typed) ?? '');
    const choice = said ? laterAnswer(this.run, state, said) : undefined;
    if (!choice) return;
    state.utterance = [state.utterance, said].filter((t) => t).join('\n');
    if (choice.saidFirst) await this.engine.sendText(dc.context, fill(choice.saidFirst.say, varsFor(this.run, state)), 'playbook.saidFirst', stepRefOf(this.run, state));
  }

  /**
   * "No, there's plenty of space": the rest after the answer is kept for the storage question to
   * come, and said in that answer's own line ("so I'll leave out the storage check").
   */
  private async noteLaterAnswer(dc: DialogContext, state: PlaybookState): Promise<void> {
    const later = laterAnswerAfterLead(this.run, state, this.engine.input(dc.context).text);
    if (later) await this.keepFact(dc, state, later.rest);
  }

  /** At "Did that fix it?", the problem said again ("it still says incorrect password") is "no". */
  protected override currentProblemAnswer(state: PlaybookState): string | undefined {
    return state.phase === 'fixed' && !this.handoffOnly ? FIXED.no : undefined;
  }

  protected override hiddenChoices(state: PlaybookState, input: UserInput): PromptChoice[] {
    return hiddenAnswers(this.run, state, input);
  }

  protected override overridingAnswer(dc: DialogContext, state: PlaybookState, input: UserInput): string | undefined {
    if (staleAnswer(this.run, state, dc.context.turnState.get(UNDO_KEY) as UndoPoint | undefined, input, this.choicesFor(state))) return STALE_ANSWER;
    return overridingAnswer(this.run, () => this.engine.recognize(dc.context), state, input);
  }

  protected override isCurrentProblem(state: PlaybookState, recognition: Recognition): boolean {
    return isCurrentProblem(this.run, state, recognition);
  }

  protected override unclearAnswer(state: PlaybookState, input: UserInput): boolean {
    return isUnclearAnswer(this.run, state, input);
  }

  protected override unclearKey(state: PlaybookState): MessageKey {
    return unclearReplyKey(state);
  }

  protected override namesOtherProblem(_dc: DialogContext, state: PlaybookState, recognition: Recognition): boolean {
    return namesOtherProblem(this.run, state, recognition);
  }

  protected override sameProblemVars(): Record<string, string> {
    return { problem: this.playbook.title };
  }

  protected stepRef(state: PlaybookState): StepRef {
    return stepRefOf(this.run, state);
  }

  protected override platformFor(state: PlaybookState): Platform | undefined {
    return state.device ? platformOf(this.run, state) : undefined;
  }

  protected async reprompt(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    // The same prompt again, at the same place: the answer before it can still be gone back to.
    if (state.undo === undefined && dc.context.turnState.get(PLACE_KEY) === placeOf(state)) state.undo = dc.context.turnState.get(UNDO_KEY) as UndoPoint | undefined;
    // The buttons first, then the text (the order messages.yaml's random variants are drawn in).
    const choices = this.choicesFor(state);
    const prompt = promptText(this.run, state);
    if (!prompt) {
      // The hub gave the conversation back: the prompt it interrupted.
      leaveHandoff(state);
      return this.reprompt(dc, state);
    }
    await this.engine.sendPrompt(dc.context, prompt.text, choices, prompt.key, stepRefOf(this.run, state));
    return Dialog.EndOfTurn;
  }

  protected async onAnswer(dc: DialogContext, state: PlaybookState, choiceId: string): Promise<DialogTurnResult> {
    if (choiceId === STALE_ANSWER) {
      // A double click: nothing answered here; the point to go back to still holds.
      state.undo = dc.context.turnState.get(UNDO_KEY) as UndoPoint | undefined;
      await this.engine.say(dc.context, 'answer.stale', {}, stepRefOf(this.run, state));
      return this.reprompt(dc, state);
    }
    const noAnswer = choiceId === STEP_DONE || choiceId === SAME_PROBLEM;
    if (!this.handoffOnly && ((state.phase === 'question' && !noAnswer) || (state.phase === 'fixed' && (choiceId === FIXED.no || choiceId === PARTLY || choiceId === ALREADY_FINE)))) {
      await this.keepUndoPoint(dc, state);
    }
    if (!this.handoffOnly && (state.phase === 'question' || choiceId === FIXED.no)) await this.noteLaterAnswer(dc, state);
    if (choiceId === SAID_FIXED) return this.finishFixed(dc, state);
    if (choiceId === PARTLY) return this.partlyFixed(dc, state);
    if (choiceId === ALREADY_FINE) return this.alreadyFine(dc, state);
    if (choiceId === STEP_DONE) return this.stepDone(dc, state);
    if (choiceId === NOTED_LATER) return this.notedLater(dc, state);
    if (choiceId === SAME_PROBLEM) return this.missed(dc, state, 'answer.sameProblem', this.sameProblemVars());
    switch (state.phase) {
      case 'device': {
        state.deviceWord = undefined;
        const device = this.engine.device(choiceId);
        if (device) await this.setDevice(dc, state, device);
        return (await this.checkAvailable(dc, state)) ?? this.runFrom(dc, state);
      }
      case 'question':
        return (await this.applyChoice(dc, state, stepOf(this.run, state), choiceId, false)) ?? this.runFrom(dc, state);
      case 'fixed': {
        // "Yes, there's room now" in the photos checks: the cause is gone; is it syncing? ("yes it works now" says so: fixed.)
        const saysWorking = mentionsPhrase(this.engine.messages.list('synonyms.fixed'), this.engine.input(dc.context).text, true);
        if (choiceId === FIXED.yes && !saysWorking && caseOnlySolved(this.run, state)) {
          state.caseSolved = state.stepId;
          return this.reprompt(dc, state);
        }
        if (choiceId === FIXED.yes) return this.finishFixed(dc, state);
        if (choiceId === FIXED.agent) return this.onAgent(dc, state);
        markTried(this.run, state);
        // Not syncing although the cause is gone: the next check, never the case's further help or jump.
        const solved = state.caseSolved !== undefined && state.caseSolved === state.stepId;
        if (solved) {
          state.further = undefined;
          return this.next(dc, state, 'not-fixed');
        }
        if (choiceId === FIXED.no) {
          // "Still full" after the storage tips: the deeper help the chosen case names, not the next check.
          const further = furtherStep(this.run, state);
          if (further) {
            await this.recordOutcome(dc, state, 'not-fixed');
            state.further = { from: state.stepId, choice: state.choiceId! };
            state.stepId = further.id;
            state.choiceId = undefined;
            return (await this.showInstructions(dc, state, further, true)) ?? this.runFrom(dc, state);
          }
        }
        return this.next(dc, state, 'not-fixed', choiceId === FIXED.no ? notFixedJump(this.run, state) : undefined);
      }
      case 'statusPause': {
        const from = state.outageFrom;
        const step = pauseStep(this.run, state);
        state.outageFrom = undefined;
        if (choiceId === PAUSE.go && from !== undefined) {
          // Paused mid-way: back to the prompt the outage interrupted.
          state.phase = from;
          await this.engine.say(dc.context, 'status.asideResume', {}, stepRefOf(this.run, state));
          return this.reprompt(dc, state);
        }
        if (choiceId === PAUSE.go) return this.next(dc, state, 'not-fixed');
        await this.engine.sendText(dc.context, fill(stepMessage(this.run, step, 'stopped') ?? '', varsFor(this.run, state)), 'status.stopped', stepRefOf(this.run, state));
        // The place left is the prompt the outage interrupted ("still not working" later picks it up there).
        if (from !== undefined) state.phase = from;
        await this.recordOutcome(dc, state, 'user-left');
        return dc.endDialog({ outcome: 'stopped', outage: true } satisfies ChildResult);
      }
      case 'switch': {
        const answer = answerSwitch(this.run, state, choiceId);
        if (answer.then === 'switch') {
          if (answer.left) await this.recordOutcome(dc, state, 'user-left');
          return dc.replaceDialog(playbookDialogId(answer.playbookId), answer.options);
        }
        if (answer.fixedFirst) {
          // This problem is fixed and the other one declined: the same end as after any fix.
          if (!state.moreQueued) await this.engine.say(dc.context, 'wrapUp.more');
          return dc.endDialog({ outcome: 'fixed' });
        }
        await this.engine.say(dc.context, 'switch.declined', {}, stepRefOf(this.run, state));
        return this.reprompt(dc, state);
      }
      case 'elsewhere': {
        if (choiceId === ELSEWHERE_STOP) {
          await this.engine.sendText(dc.context, fill(stepMessage(this.run, stepOf(this.run, state), 'elsewhereStopped') ?? '', varsFor(this.run, state)), 'step.elsewhereStopped', stepRefOf(this.run, state));
          await this.recordOutcome(dc, state, 'user-left');
          return dc.endDialog({ outcome: 'stopped' });
        }
        const named = this.engine.device(choiceId);
        const device = named && elsewhereDevice(this.run, state, named);
        if (!device) return this.reprompt(dc, state);
        await this.setDevice(dc, state, device);
        // Asked before any step ran: the steps start from where they were, on the new device.
        if (state.elsewhereFrom !== undefined) {
          state.stepIndex = Math.min(state.elsewhereFrom, state.stepIndex);
          state.stepId = this.playbook.steps[state.stepIndex];
        }
        state.elsewhereFrom = undefined;
        await this.engine.say(dc.context, 'device.changed', { device: device.label }, stepRefOf(this.run, state));
        return (await this.checkAvailable(dc, state)) ?? this.runFrom(dc, state);
      }
      case 'whichDevice': {
        settle(state);
        const device = this.engine.device(choiceId);
        // The device we were on, picked again at "which device?": we stay with it.
        if (device && device.id === state.device) {
          await this.engine.say(dc.context, 'device.unchanged', { device: device.label }, stepRefOf(this.run, state));
          return this.reprompt(dc, state);
        }
        const handled = device && (await this.onDevice(dc, state, device));
        if (handled) return handled;
        return this.reprompt(dc, state);
      }
      case 'handoff':
        return this.reprompt(dc, state);
    }
  }

  protected async onDevice(dc: DialogContext, state: PlaybookState, device: Device): Promise<DialogTurnResult | undefined> {
    // Any device named at "which device?", offered or not ("actually my Mac").
    if (state.phase === 'device' || state.phase === 'whichDevice') return this.onAnswer(dc, state, device.id);
    if (state.phase === 'elsewhere') {
      return elsewhereDevice(this.run, state, device) ? this.onAnswer(dc, state, device.id) : undefined;
    }
    // "ipad" alone while we're on the iPad (an answer to a "which device?" no longer asked): say so, then the question.
    if (device.id === state.device && (state.phase === 'question' || state.phase === 'fixed') && this.onlyNames(dc, device)) {
      await this.engine.say(dc.context, 'device.already', { device: device.label }, stepRefOf(this.run, state));
      return this.reprompt(dc, state);
    }
    if (device.id === state.device || state.phase === 'switch' || state.phase === 'handoff') return undefined;
    // "I deleted an old iPad backup": what the step was done to, not the device we work on.
    if (namedInPassing(this.run, this.engine.recognize(dc.context), device.id)) return undefined;
    // "i dont get any code on my iphone": where the code should show up, not the device being signed in.
    if (state.device && codeDeviceNamed(this.run, this.engine.recognize(dc.context), device.id)) {
      if (state.phase === 'question') return undefined;
      await this.engine.say(dc.context, 'device.codeOn', { device: this.engine.device(state.device)?.label ?? '', named: device.label }, stepRefOf(this.run, state));
      return this.reprompt(dc, state);
    }
    // "i dont have a mac": no device to change to; we stay where we are.
    if (state.device && devicesNotOwned(this.run, this.engine.recognize(dc.context)).includes(device.id)) {
      settle(state);
      await this.engine.say(dc.context, 'device.unchanged', { device: this.engine.device(state.device)?.label ?? '' }, stepRefOf(this.run, state));
      return this.reprompt(dc, state);
    }
    await this.setDevice(dc, state, device);
    // The service does not exist on the new device: say that rather than "here's that step again".
    const missing = state.phase === 'statusPause' ? undefined : unavailableIndex(this.run, state);
    if (missing !== undefined) return this.checkAvailable(dc, state, missing);
    await this.engine.say(dc.context, 'device.changed', { device: device.label }, stepRefOf(this.run, state));
    if (state.phase === 'statusPause') return this.reprompt(dc, state);
    // The current step again, for the new device (not the steps before it).
    return this.rerunCurrent(dc, state);
  }

  /** The message is only this device, with at most `synonyms.deviceOnly` words before it ("ipad", "my ipad"). */
  private onlyNames(dc: DialogContext, device: Device): boolean {
    const r = this.engine.recognize(dc.context);
    const named = r.entities.filter((m) => m.type === 'device');
    if (named.length !== 1 || named[0]!.value !== device.id) return false;
    const rest = normalise(`${r.text.slice(0, named[0]!.start)} ${r.text.slice(named[0]!.end)}`);
    return rest === '' || this.engine.messages.list('synonyms.deviceOnly').some((p) => normalise(p) === rest);
  }

  /**
   * Devices named mid-way without one clear device: two or more not ruled out ("my iPad and my
   * Mac") are offered; only ruled-out ones are news when two are ("neither the iPad nor the Mac")
   * or the device we work on is one ("not the iPhone"), and then every other device is offered
   * ("not the iPad" while on the iPhone says nothing new). One device left is taken at once.
   */
  protected override async onUnclearDevices(dc: DialogContext, state: PlaybookState, named: Device[], ruledOut: Device[]): Promise<DialogTurnResult | undefined> {
    if (this.handoffOnly || state.phase === 'switch' || state.phase === 'handoff') return undefined;
    // "actually it's my iPad, the iPhone is fine": a device said to be fine is no candidate.
    const recognition = this.engine.recognize(dc.context);
    // "i dont have a mac, only ipad and iphone": the Mac is no candidate; the devices owned are.
    const notOwned = devicesNotOwned(this.run, recognition);
    if (notOwned.length > 0) {
      ruledOut = [...ruledOut, ...named.filter((d) => notOwned.includes(d.id) && !ruledOut.some((r) => r.id === d.id))];
      named = named.filter((d) => !notOwned.includes(d.id));
      if (state.phase !== 'device' && state.phase !== 'whichDevice' && state.device && !notOwned.includes(state.device) && (named.length === 0 || named.some((d) => d.id === state.device))) {
        // The device we work on is one they have: nothing changes.
        settle(state);
        await this.engine.say(dc.context, 'device.unchanged', { device: this.engine.device(state.device)?.label ?? '' }, stepRefOf(this.run, state));
        return this.reprompt(dc, state);
      }
    }
    const kept = state.phase === 'device' || state.phase === 'whichDevice' ? named : named.filter((d) => !namedInPassing(this.run, recognition, d.id));
    if (kept.length === 1 && ruledOut.length === 0) return this.onDevice(dc, state, kept[0]);
    const settled = state.phase === 'whichDevice' ? (state.whichFrom ?? 'fixed') : state.phase;
    const offered = devicesToOffer(this.run, state, settled, kept, ruledOut);
    if (!offered || offered.length === 0) return undefined;
    if (offered.length === 1) {
      settle(state);
      return this.onDevice(dc, state, offered[0]);
    }
    state.whichFrom = settled;
    state.whichDevices = offered.map((d) => d.id);
    state.phase = 'whichDevice';
    return this.reprompt(dc, state);
  }

  protected async onAgent(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    settle(state);
    const step = handoffStep(this.run);
    if (this.handoffOnly || !step) {
      state.stepIndex = this.playbook.steps.length - 1;
      return this.runFrom(dc, state);
    }
    const resumeFrom = promptUnderneath(state);
    state.switchTo = undefined;
    state.resumePhase = undefined;
    // At the handoff step itself there is nothing to come back to.
    if (stepOf(this.run, state)?.kind === 'handoff') return this.runHandoff(dc, state, step);
    // Instructions shown and no answer yet: the step was tried, so the agent's summary lists it.
    if (resumeFrom === 'fixed' && stepOf(this.run, state)?.kind === 'instruction' && state.interrupted?.step !== state.stepId) {
      markTried(this.run, state);
      await this.recordOutcome(dc, state, 'not-fixed');
      state.interrupted = { step: state.stepId, at: this.engine.clock.now().toISOString() };
    }
    return this.runHandoff(dc, state, step, resumeFrom);
  }

  protected async onCancel(dc: DialogContext, state: PlaybookState): Promise<void> {
    settle(state);
    if (state.phase !== 'device') await this.recordOutcome(dc, state, 'user-left');
  }

  protected async onOtherProblem(dc: DialogContext, state: PlaybookState, recognition: Recognition): Promise<DialogTurnResult | undefined> {
    const other = otherProblemIn(this.run, state, recognition);
    if (!other) return undefined;
    if (other.status) return this.statusAside(dc, state, recognition);
    // "ok my contacts too then": it waits in the main dialog's queue and this step goes on.
    if (other.addition && queueFromPlaybook(this.engine, dc.stack, other.addition, await this.engine.getRecord(dc.context))) {
      state.moreQueued = true;
      await this.engine.say(dc.context, 'queue.later', { problem: other.target.title }, stepRefOf(this.run, state));
      return this.reprompt(dc, state);
    }
    offerSwitch(state, other);
    if (other.fixedToo) {
      await this.recordOutcome(dc, state, 'fixed');
      await this.engine.sendText(dc.context, fill(this.playbook.wrapUp, varsFor(this.run, state)), 'playbook.wrapUp', stepRefOf(this.run, state));
      state.fixedFirst = true;
    }
    return this.reprompt(dc, state);
  }

  /**
   * A correction of the problem ("actually it's my calendar, not contacts"): said in one line, then
   * the corrected playbook starts on the same device, as a switch accepted at once would.
   */
  private async switchNow(dc: DialogContext, state: PlaybookState, target: LoadedPlaybook, service: string, recognition: Recognition): Promise<DialogTurnResult> {
    const other = otherProblemIn(this.run, state, { ...recognition, intent: target.intent, ambiguous: false, confidence: 1, alternatives: [] });
    if (!other) return this.reprompt(dc, state);
    await this.engine.say(dc.context, 'switch.corrected', { problem: target.title }, stepRefOf(this.run, state));
    offerSwitch(state, { ...other, switchTo: { ...other.switchTo, service } });
    return this.onAnswer(dc, state, SWITCH.yes);
  }

  /** Keeps where the flow stands, before an answer moves it on (see UndoPoint). */
  private async keepUndoPoint(dc: DialogContext, state: PlaybookState): Promise<void> {
    const record = await this.engine.getRecord(dc.context);
    state.undo = undoPointOf(state, record.steps.length);
  }

  /**
   * "Oops, wrong button", "go back", "I meant the same account" right after an answer: back to that
   * prompt (a step's question with its buttons, or the step's instructions and "Did that fix it?"),
   * and the outcomes that answer recorded are dropped. Not when the message names another device
   * or another service (a correction or a new problem, handled as usual). Nothing to go back to
   * (see nothingToUndo): "nothing to go back to" and the same question.
   */
  protected override async onUndo(dc: DialogContext, state: PlaybookState, recognition: Recognition): Promise<DialogTurnResult | undefined> {
    const point = dc.context.turnState.get(UNDO_KEY) as UndoPoint | undefined;
    const e = this.engine;
    if (!undoApplies(this.run, state, point, recognition)) {
      // "Go back" at the first question, or after a message that answered nothing: say so, and the same question.
      if (!nothingToUndo(this.run, state, point, recognition, this.choicesFor(state), e.input(dc.context).text)) return undefined;
      await e.say(dc.context, 'undo.nothing', {}, stepRefOf(this.run, state));
      return this.reprompt(dc, state);
    }
    const record = await e.getRecord(dc.context);
    if (record.steps.length > point.recorded) record.steps.splice(point.recorded);
    restoreUndoPoint(state, point);
    const step = stepOf(this.run, state);
    await e.say(dc.context, 'undo.done', { step: step.title }, stepRefOf(this.run, state));
    if (state.phase === 'question') {
      // "I meant the same account": the words of one of that question's own choices answer it at once.
      const meant = matchChoice(ownWords(this.run, this.choicesFor(state)), { text: e.input(dc.context).text }, 'loose');
      if (meant !== undefined) return (await this.applyChoice(dc, state, step, meant, false)) ?? this.runFrom(dc, state);
      await this.askQuestion(dc, state, step, false);
      return Dialog.EndOfTurn;
    }
    // "Oops, it works now" after a wrong "No, still not": that step fixed it.
    const meant = state.phase === 'fixed' ? matchChoice(ownWords(this.run, this.choicesFor(state)), { text: e.input(dc.context).text }, 'loose') : undefined;
    if (meant === FIXED.yes) return this.finishFixed(dc, state);
    const shown = await this.showInstructions(dc, state, step, false);
    state.afterDoneAsked = point.afterDoneAsked;
    return shown ?? this.runFrom(dc, state);
  }

  /**
   * Stuck on the step at its question or at "Did that fix it?" (see stuckOnStep): menus differ
   * between versions, the step's own text for this device again, a person offered, and the same prompt.
   */
  protected override async onStuck(dc: DialogContext, state: PlaybookState, input: UserInput, recognition: Recognition): Promise<DialogTurnResult | undefined> {
    const stuck = stuckOnStep(this.run, state, input, recognition);
    if (!stuck) return undefined;
    const e = this.engine;
    const text = stuck.text;
    const ref = stepRefOf(this.run, state);
    // "Here's that step again:" only when there is a text to show.
    if (text) {
      await e.say(dc.context, 'stuck.intro', {}, ref);
      await e.sendText(dc.context, text, 'step.instructions', ref);
    }
    await e.say(dc.context, 'stuck.person', {}, ref);
    return this.reprompt(dc, state);
  }

  /**
   * About the step at its question or "Did that fix it?" (see stepAside): the chosen case's
   * `whenSaid` line (then the hand-over), "I'll try later" (the place is kept), the step again,
   * how to check, help for this prompt.
   */
  protected override async onStepAside(dc: DialogContext, state: PlaybookState, input: UserInput, help: boolean): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const ref = stepRefOf(this.run, state);
    // "wait actually its my calendar not contacts": the problem corrected, switched to at once (no offer).
    const recognition = e.recognize(dc.context);
    const corrected = problemCorrection(this.run, state, recognition);
    if (corrected) return this.switchNow(dc, state, corrected.playbook, corrected.service, recognition);
    // "my phone" at "Which device is giving you trouble?": which phone (or the one device the words name).
    const worded = e.namedDevices(recognition).length === 0 ? deviceWordAside(this.run, state, input.text) : undefined;
    if (worded?.then === 'deviceWord') {
      if ('device' in worded) return this.onAnswer(dc, state, worded.device);
      state.deviceWord = worded.ask;
      return this.reprompt(dc, state);
    }
    if (declinesWhichDevice(this.run, state, input.text)) {
      // "no" at "which device should we work on?": nothing changes, never that question again.
      settle(state);
      await e.say(dc.context, 'device.unchanged', { device: e.device(state.device)?.label ?? '' }, ref);
      return this.reprompt(dc, state);
    }
    const cause = causeSaidMidway(this.run, state, input.text);
    if (cause) return this.causeFirstMidway(dc, state, cause, input.text);
    // "it says account locked" at "Can you sign in now?" after the forgotten-password case: that case of the same question.
    const otherCase = otherCaseSaid(this.run, state, input);
    if (otherCase !== undefined) {
      await this.keepUndoPoint(dc, state);
      return (await this.applyChoice(dc, state, stepOf(this.run, state), otherCase, false)) ?? this.runFrom(dc, state);
    }
    // "i already restarted and updated btw" (no answer in it): those checks are skipped when they come.
    const laterDone = state.phase === 'question' || state.phase === 'fixed' ? laterStepsSaidDone(this.run, state, input.text) : [];
    if (laterDone.length > 0 && matchChoice(ownWords(this.run, this.choicesFor(state)), input, 'loose') === undefined) {
      const ids = laterDone.map((step) => step.id);
      state.saidDone = [...(state.saidDone ?? []), ...ids];
      state.tried = [...new Set([...(state.tried ?? []), ...ids])];
      await e.say(dc.context, 'playbook.alreadyDone', { steps: titlesOf(laterDone) }, ref);
      return this.reprompt(dc, state);
    }
    const aside = stepAside(this.run, state, input.text, help);
    if (!aside) return undefined;
    switch (aside.then) {
      case 'whenSaid':
        await e.sendText(dc.context, fill(aside.say, varsFor(this.run, state)), 'step.whenSaid', ref);
        if (!aside.handoff) return this.reprompt(dc, state);
        return this.handOverAfterSaid(dc, state);
      case 'yesWithFact': {
        // The fact's own line ("You said there's room…"), then "Did that fix it?" asked again in other words.
        await this.keepFact(dc, state, aside.fact);
        await e.say(dc.context, 'fixed.yesWithFact', {}, ref);
        return this.reprompt(dc, state);
      }
      case 'pause':
        await e.say(dc.context, 'step.paused', {}, ref);
        return Dialog.EndOfTurn;
      case 'repeat': {
        await e.say(dc.context, 'step.repeat', {}, ref);
        const step = stepOf(this.run, state);
        if (state.phase === 'question') {
          await this.askQuestion(dc, state, step, true);
          return Dialog.EndOfTurn;
        }
        const text = instructionText(this.run, step, state);
        if (text !== undefined && text !== 'skip') await e.sendText(dc.context, `**${step.title}**\n\n${fill(text, varsFor(this.run, state))}`, 'step.instructions', ref);
        return this.reprompt(dc, state);
      }
      case 'recap': {
        const record = await e.getRecord(dc.context);
        const text = recapText(e, record, { playbookId: state.playbookId, device: state.device, stepId: state.stepId });
        if (text) await e.sendText(dc.context, text, 'recap', ref);
        return this.reprompt(dc, state);
      }
      case 'skip':
        await this.keepUndoPoint(dc, state);
        await e.say(dc.context, 'step.skipped', {}, ref);
        return this.next(dc, state, 'skipped');
      case 'doneBefore':
        await this.keepUndoPoint(dc, state);
        await e.say(dc.context, 'step.doneBefore', {}, ref);
        return this.next(dc, state, state.phase === 'fixed' ? 'not-fixed' : 'skipped');
      case 'codeRefused':
        await e.say(dc.context, 'code.refused', {}, ref);
        return this.reprompt(dc, state);
      case 'howTo':
        await e.sendText(dc.context, fill(aside.text, varsFor(this.run, state)), 'step.howTo', ref);
        return this.reprompt(dc, state);
      case 'stepText':
        await e.say(dc.context, 'step.textAnswers', {}, ref);
        await e.sendText(dc.context, `**${aside.title}**\n\n${fill(aside.text, varsFor(this.run, state))}`, 'step.instructions', ref);
        return this.reprompt(dc, state);
      case 'help':
        await e.say(dc.context, 'step.help', {}, ref);
        return this.reprompt(dc, state);
      case 'outageAdvice':
        await e.say(dc.context, aside.open ? 'outage.pauseAdviceOpen' : 'outage.pauseAdvice', {}, ref);
        return this.reprompt(dc, state);
      case 'outageWhen':
        await e.say(dc.context, 'outage.pauseWhen', { statusPage: e.statusPageUrl }, ref);
        return this.reprompt(dc, state);
      case 'outageStop':
        return this.onAnswer(dc, state, PAUSE.stop);
      case 'outageContinue':
        return this.onAnswer(dc, state, PAUSE.go);
      case 'status':
        return this.statusAside(dc, state, e.recognize(dc.context));
      case 'deviceWord':
        return undefined;
    }
  }

  /**
   * After a `whenSaid` line that only Apple can take further ("i dont have my old phone anymore":
   * account recovery): this step is recorded not fixed and the playbook ends at its hand-over (Apple's
   * support options, then our hub's offer), as when the last step is reached. No place is kept: a
   * "no" to the offer never brings back "Can you sign in now?" and the support options again.
   */
  private async handOverAfterSaid(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    const step = handoffStep(this.run);
    if (!step) return this.reprompt(dc, state);
    settle(state);
    if (state.phase === 'fixed') {
      markTried(this.run, state);
      await this.recordOutcome(dc, state, 'not-fixed');
    }
    state.handoffAfter = state.stepId;
    const at = this.playbook.steps.indexOf(step.id);
    if (at >= 0) {
      state.stepIndex = at;
      state.stepId = step.id;
      state.choiceId = undefined;
    }
    return this.runHandoff(dc, state, step);
  }

  /**
   * A cause to fix first, said mid-way ("it says i need to sign in again but my password doesnt
   * work"): the step is recorded not fixed, this problem waits in the main dialog's queue (offered
   * again when the cause's playbook ends, skipping the checks done), and the cause's playbook starts
   * as it does for a first message (its `firstWhen.say` names this problem's service).
   */
  private async causeFirstMidway(dc: DialogContext, state: PlaybookState, cause: LoadedPlaybook, text: string): Promise<DialogTurnResult> {
    settle(state);
    if (state.phase === 'fixed') {
      markTried(this.run, state);
      await this.recordOutcome(dc, state, 'not-fixed');
    }
    const record = await this.engine.getRecord(dc.context);
    const waiting = queueFromPlaybook(this.engine, dc.stack, { playbookId: this.playbook.id, service: state.service, utterance: '', ...(state.device ? { device: state.device } : {}) }, record);
    if (waiting) state.moreQueued = true;
    this.engine.logger.info('cause named mid-way; its playbook goes first', { playbook: this.playbook.id, step: state.stepId, cause: cause.id, queued: waiting });
    const options: PlaybookOptions = { utterance: redacted(text), device: state.device, firstFor: { service: state.service ?? this.playbook.service }, moreQueued: waiting || undefined };
    return dc.replaceDialog(playbookDialogId(cause.id), options);
  }

  /**
   * Goodbye in the middle ("thanks, bye", "that's all, thanks"): end politely, without claiming it
   * is fixed (an answer that says so, "it works now, thanks", is taken as the answer before this; a
   * thanks alone is politeness, handled before this too). Only a clear goodbye: an unsure
   * recognition is "didn't catch that" as any other answer, and so is one that says a step was
   * done ("it's on") without a word of leaving (messages.yaml `synonyms.bye`).
   */
  protected async onGoodbye(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult | undefined> {
    const text = this.engine.input(dc.context).text;
    if (!saysGoodbye(this.run, this.engine.recognize(dc.context), text)) return undefined;
    // "it worked", "worked!" at "Did that fix it?" or a step's question: the fix, not a person leaving (messages.yaml `synonyms.worked`).
    if ((state.phase === 'fixed' || state.phase === 'question') && !this.handoffOnly && mentionsPhrase(this.engine.messages.list('synonyms.worked'), text, true)) return this.finishFixed(dc, state);
    settle(state);
    if (state.phase !== 'device') await this.recordOutcome(dc, state, 'user-left');
    await this.engine.say(dc.context, 'playbook.goodbye', {}, stepRefOf(this.run, state));
    return dc.endDialog({ outcome: 'left' });
  }

  /**
   * Content changed under a running conversation: carry on at the same step id when it still
   * exists, otherwise start this playbook again with a short note. After that, the first turn the
   * agent hub gives back resumes the step the person was on.
   */
  protected override async beforeTurn(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult | undefined> {
    // The undo point holds for this turn only: a new answer keeps a new one; a turn that only asks
    // the same prompt again keeps it (reprompt: "go back" still works after "skip this step?").
    dc.context.turnState.set(UNDO_KEY, state.undo);
    dc.context.turnState.set(PLACE_KEY, placeOf(state));
    state.undo = undefined;
    await this.engine.silence(dc.context);
    if (handoffAnswer(dc.context) === 'completed') return this.afterLiveChat(dc);
    const changed = await this.onContentChange(dc, state);
    if (changed) return changed;
    if (state.phase === 'handoff') return this.backFromHandoff(dc, state);
    const welcomed = await this.welcomeBack(dc, state);
    if (welcomed) return welcomed;
    await this.recapAfterLongGap(dc, state);
    // "wait", "ok ill wait" at the outage pause: its stop button, before a bare "wait" reads as "one sec".
    const input = this.engine.input(dc.context);
    if (input.value === undefined && onlyStopsAtOutagePause(this.run, state, input.text)) return this.onAnswer(dc, state, PAUSE.stop);
    return this.keepLaterAnswer(dc, state);
  }

  /**
   * An answer after a day away (RECAP_AFTER_MS; "still not working" 25 hours later): one line says
   * where we were (the problem, the device, the step) before the answer moves things on.
   */
  private async recapAfterLongGap(dc: DialogContext, state: PlaybookState): Promise<void> {
    const gap = await this.engine.silence(dc.context);
    if (this.handoffOnly || gap === undefined || gap <= RECAP_AFTER_MS || (state.phase !== 'question' && state.phase !== 'fixed')) return;
    const device = this.engine.device(state.device)?.label;
    await this.engine.sayWelcomeBack(dc.context, { problem: this.playbook.title, device, step: stepOf(this.run, state)?.title }, stepRefOf(this.run, state));
  }

  /** Where this playbook stood, left for the main dialog when it ends (see Engine.notePlaybookEnd). */
  override async endDialog(context: TurnContext, instance: DialogInstance, _reason: DialogReason): Promise<void> {
    if (!this.handoffOnly) this.engine.notePlaybookEnd(context, instance.state as PlaybookState);
  }

  /** A greeting or unclear message after a long silence (Engine.welcomesBack): welcome back, where we were, the prompt again. */
  private async welcomeBack(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult | undefined> {
    const input = this.engine.input(dc.context);
    if (this.handoffOnly || !(await this.engine.welcomesBack(dc.context, [...this.choicesFor(state), ...this.hiddenChoices(state, input)], (r) => this.isCurrentProblem(state, r)))) return undefined;
    // An answer in words goes on as that answer; the problem said again ("hi again, still not working") is no answer.
    const answer = this.overridingAnswer(dc, state, input);
    if (answer !== undefined && answer !== SAME_PROBLEM) return undefined;
    const device = state.phase === 'device' ? undefined : this.engine.device(state.device)?.label;
    await this.engine.sayWelcomeBack(dc.context, { problem: this.playbook.title, device, step: stepOf(this.run, state)?.title }, stepRefOf(this.run, state));
    // Left at the outage pause: Apple's status is read again before that question is asked again
    // (still listed: the pause; cleared: said so, and on with the checks).
    if (state.phase === 'statusPause') return this.statusAside(dc, state, this.engine.recognize(dc.context));
    return this.reprompt(dc, state);
  }

  /**
   * At the device question, words that answer a later `answerFromUtterance` question ("the code never
   * comes") replace the kept utterance, so that question is answered once the device is known; a
   * device named with them is taken as usual.
   */
  private async keepLaterAnswer(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult | undefined> {
    const input = this.engine.input(dc.context);
    if (state.phase !== 'device' || input.value !== undefined || /^\s*\d*\s*$/.test(input.text)) return undefined;
    if (matchChoice(this.choicesFor(state), input, 'exact') !== undefined) return undefined;
    // What was hidden says nothing to keep: "got it: [redacted code]" does not say "code".
    const said = { ...state, utterance: withoutMarkers(redacted(input.text) ?? '') };
    if (!answersSomeQuestion(this.run, said)) return undefined;
    state.utterance = said.utterance;
    if (this.engine.namedDevices(this.engine.recognize(dc.context)).some((n) => !n.ruledOut)) return undefined;
    await this.engine.say(dc.context, 'device.noted', {}, stepRefOf(this.run, state));
    return this.reprompt(dc, state);
  }

  private async onContentChange(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult | undefined> {
    const change = placeAfterChange(this.run, state);
    if (change.then === 'unchanged') return undefined;
    const where = { playbook: this.playbook.id, step: state.stepId };
    if (change.then === 'sameStep') {
      this.engine.logger.info('playbook changed during conversation; continuing at the same step', { ...where, stillValid: change.stillValid });
      return change.stillValid ? undefined : this.runFrom(dc, state);
    }
    this.engine.logger.info('playbook changed during conversation; restarting it', where);
    await this.engine.say(dc.context, 'playbook.changed', { problem: this.playbook.title });
    return change.askDevice ? this.reprompt(dc, state) : this.runFrom(dc, state);
  }
}

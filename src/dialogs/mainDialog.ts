/**
 * MainDialog: the root of every conversation. It routes each new utterance by the handler kind of
 * its intent (from intents/<id>.yaml), never by intent name: playbook → that playbook; greeting,
 * help, goodbye → a short reply; cancel → ends cleanly; agent → the handoff step; none → "sorry"
 * with buttons (the list shown before, else the problems), and after two misses in a row the help
 * menu and a person; ambiguous → "Did you mean …?". A complaint it can't place that names a
 * service ("my iphone won't sync photos, I've restarted it already") starts that service's problem.
 *
 * It remembers, in its dialog state, the question it (or the playbook that just ended) left open,
 * so a short answer is read against it: "no" after "anything else?" says goodbye, "yes" asks what;
 * a device picked after "which device?" starts the waiting problem there. A device named on its own
 * ("mac", "my iphone") is remembered in the profile and "what isn't syncing there?" is asked. "Start over" (phrases in
 * messages.yaml `synonyms.startOver`, said as a cancel) clears the troubleshooting and asks what
 * isn't syncing, also when a playbook cancelled the whole stack (the cancel event stops here).
 * Nothing the person typed is kept raw: the utterance handed to a playbook is redacted first.
 * After a person from the support team closed a live chat (the hub's `handoffAnswer` is
 * `completed`; it asked "anything else?"), the record says handed-off and the message is read as
 * the answer to "anything else?", also when a playbook that was waiting ended on it; when that
 * playbook was handed over mid-way, "ok continue" carries on with it and "yes" / "ok" get the choice
 * asked plainly ("Shall we carry on with the … checks on your …?", carryOn.ts). "continue" anywhere
 * at the top level never means stop. Back after a stop at an outage ("hi again", "back, still not
 * syncing"), Apple's status is read again before anything else.
 *
 * Across problems (the place a playbook ended at comes from Engine.endedPlaybook): the next problem
 * on the same device skips the checks already gone through there, saying which; a device
 * remembered from an earlier conversation and not named in this one is confirmed first ("On your
 * iPhone again?"); a device correction at "anything else?" reopens the problem on that device at
 * the step it had reached; "still not working" soon after a playbook was left without a fix
 * (RESUME_TURNS, RESUME_WINDOW_MS) carries on at the step after the last one shown.
 *
 * Several problems in one message ("my photos and contacts aren't syncing", problemQueue.ts): the
 * first one named starts, one line says the others come next, and they wait in this dialog's state.
 * When a playbook ends (fixed, its checks done, stopped or left), the next one is offered (yes / not
 * now); yes starts it on the same device, skipping the checks done there; not now, a goodbye,
 * cancel or "start over" drops the queue. A problem another goes first for (its `firstWhen`: "I can't
 * sign in … and now none of my photos are there") waits in the queue too, and so does one a playbook
 * hears said mid-way as an addition ("my contacts too": queueFromPlaybook).
 *
 * "help" at one of this dialog's questions (which device, "On your iPhone again?", the next problem,
 * "anything else?", a menu: the problem list, "Did you mean …?") gives the help text and the same
 * question again, keeping what it knew. After a stop at an outage (ChildResult.outage), "when will
 * it be fixed?" (messages.yaml `synonyms.whenFixed`) is answered: no time from Apple, the status
 * page, and the device checks offered meanwhile (yes picks the playbook up again as "still not
 * working" does).
 *
 * This class wires the flow: it sends, records, starts and ends. What it decides from is in
 * src/dialogs/main/, as functions of (engine, state, …): the stored state (state.ts), the menus and
 * "Did you mean …?" (menus.ts), reading a new message (messageReading.ts), the device questions
 * (deviceQuestions.ts), the queue of problems named together (queueHandOver.ts), what follows a
 * playbook that ended (lastPlaybook.ts), "anything else?" (anythingElse.ts), carrying on
 * (carryOn.ts) and the outage replies (outage.ts).
 */
import { Dialog, DialogEvents, DialogReason, type DialogContext, type DialogEvent, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Recognition } from '../nlu/recognizer';
import { isOnlyPhrase, matchChoice, mentionsPhrase, normalise, withoutPhrase } from './answers';
import { COMMAND_PHRASES, type Engine, type PlaybookPlace } from './engine';
import { handoffAnswer, personAsked } from './handoffService';
import { besideClearProblem, besideKnownPhrases, knownAnswer, type KnownAnswer } from './knownQuestions';
import { asksForRecap, recapText } from './recap';
import { asksToStartOver } from './interruptibleDialog';
import type { MessageKey } from './messages';
import { playbookDialogId, type PlaybookOptions } from './playbookDialog';
import { correctedProblem, nextChoices, queuedTitles, type NamedProblem, type QueuedProblem } from './problemQueue';
import { emptyRecord } from './troubleshootingRecord';
import { readAnythingElse } from './main/anythingElse';
import { carryOnChoices, readCarryOn, resumableLast, saysCarryOn } from './main/carryOn';
import { againChoices, deviceChoices, deviceToConfirm, readDeviceAgain, readWhichDevice } from './main/deviceQuestions';
import { devicesWithWords } from './main/deviceWords';
import { alreadyChecked, correctedDevice, reopenOptions, resumeOptions, saysPartlyBack, saysStillNotWorking } from './main/lastPlaybook';
import { helpMenu, problemMenu, readMenuPick, wordsForPick } from './main/menus';
import { problemInOneSentence, asksForHelp, complainsAtGoodbye, complaintProblems, onlyDevice, problemInOtherWords, readProblems, saysOnlyYes } from './main/messageReading';
import { aboutAppleOnly, asksAboutApple, asksIfBack, asksIfStatusAgain, asksWhenFixed, awhileSince, backChoices, outageChoices, outageState, readBackAnswer, readOutageOffer, returnsAfterOutage } from './main/outage';
import { alsoReported, goesFirstInstead, keptQueue, namesNextProblem, nextStart, nextTitle, offersNextAfter, offersNothingAfter, queuedBehindCause, readNextOffer, splitSeveral } from './main/queueHandOver';
import { FIXED_OUTCOME, MAIN_DIALOG_ID, problemWords, type ChildResult, type MainState, type OpenQuestion, type Pending, type PendingStart, type ProblemWords } from './main/state';

export type { ChildResult } from './main/state';
export { DID_YOU_MEAN_MAX } from './main/menus';
export { RESUME_TURNS, RESUME_WINDOW_MS } from './main/lastPlaybook';

export { MAIN_DIALOG_ID } from './main/state';
/** Most words of "oops wrong button", "go back" read as an undo at the top level. */
const UNDO_WORDS_MAX = 6;

/** Not-understood turns in a row before the help menu and a person are offered. */
export const MISSES_BEFORE_MENU = 2;

export class MainDialog extends Dialog {
  constructor(
    private readonly engine: Engine,
    /** Dialog id of the stand-alone handoff flow (talk to a person), if content has a handoff step. */
    private readonly handoffDialogId: string | undefined,
  ) {
    super(MAIN_DIALOG_ID);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    Object.assign(dc.activeDialog!.state, { misses: 0 } satisfies MainState);
    return this.route(dc);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.route(dc);
  }

  /**
   * A child (playbook) finished: wait for the next message. A playbook that ended fixed has just
   * asked "Is there anything else that isn't syncing?": remember it, so "no" and "yes" make sense.
   */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as MainState;
    const child = (result ?? {}) as ChildResult;
    const putBack = state.putBack;
    state.putBack = undefined;
    state.menu = undefined;
    state.menuAsk = undefined;
    state.open = child.outcome === FIXED_OUTCOME ? { kind: 'more' } : undefined;
    const place = this.engine.endedPlaybook(dc.context);
    if (place) {
      state.last = { place, outcome: child.outcome ?? 'ended', at: this.engine.clock.now().toISOString(), turns: 0, outage: child.outage || undefined };
      // A playbook that never asks for the device ("is iCloud down?") only took the remembered one
      // silently: that confirms nothing.
      if (place.device && this.engine.content.playbooks[place.playbookId]?.askDevice !== false) state.device = place.device;
      // "is it apple?" was an aside: the playbook left before it is the one "should I wait?" is about.
      const aside = state.statusAside;
      const statusOnly = this.engine.content.playbooks[place.playbookId];
      if (aside && statusOnly && this.engine.answersFromStatus(statusOnly)) state.last = { ...aside, at: state.last.at, turns: 0 };
    }
    state.statusAside = undefined;
    if (child.continueTurn) return this.route(dc);
    if (putBack?.kind === 'again' && !state.open) {
      await this.engine.say(dc.context, 'status.asideResume');
      return this.askDeviceAgain(dc, state, putBack.pending, putBack.device, false);
    }
    if (place) return this.afterQueuedEnd(dc, state, place.playbookId, child.outcome);
    return Dialog.EndOfTurn;
  }

  /**
   * A playbook ended while other problems of the same message wait: the one just ended leaves the
   * queue (a switch may have gone to it), then the next one is offered. A status-only playbook (an
   * aside) or a hand-over to a person offers nothing; a queue emptied by that switch gets the
   * "anything else?" the fixed playbook left out.
   */
  private async afterQueuedEnd(dc: DialogContext, state: MainState, endedId: string, outcome: string | undefined): Promise<DialogTurnResult> {
    const e = this.engine;
    if (!state.queue?.length || offersNothingAfter(e, endedId)) return Dialog.EndOfTurn;
    await this.setQueue(dc, state, state.queue.filter((q) => q.playbookId !== endedId));
    const problem = nextTitle(e, state);
    if (problem === undefined) {
      if (outcome === FIXED_OUTCOME) await e.say(dc.context, 'wrapUp.more');
      return Dialog.EndOfTurn;
    }
    if (!offersNextAfter(outcome) || handoffAnswer(dc.context) !== undefined) return Dialog.EndOfTurn;
    state.open = { kind: 'next' };
    await e.ask(dc.context, 'queue.offer', nextChoices(e), { problem });
    return Dialog.EndOfTurn;
  }

  /** Keeps the waiting problems in this dialog's state and their intents in the record (for the agent summary). */
  private async setQueue(dc: DialogContext, state: MainState, queue: QueuedProblem[] | undefined): Promise<void> {
    state.queue = keptQueue(this.engine, queue);
    const record = await this.engine.getRecord(dc.context);
    if (state.queue) record.alsoReported = alsoReported(this.engine, state.queue);
    else delete record.alsoReported;
  }

  /**
   * One message naming several problems: the first one named starts (one line says the others come
   * next, by title), the others wait in the queue.
   */
  private async startSeveral(dc: DialogContext, state: MainState, r: Recognition, named: NamedProblem[]): Promise<DialogTurnResult> {
    const e = this.engine;
    state.misses = 0;
    const { first, firstWords, rest } = splitSeveral(problemWords(e, r), named);
    await this.setQueue(dc, state, rest);
    await e.say(dc.context, 'queue.noted', { problem: first.playbook.title, others: queuedTitles(e, state.queue ?? []) });
    return this.startIntent(dc, first.playbook.intent, firstWords);
  }

  /**
   * The answer to "You also mentioned …: shall we look at that now?": yes starts it on the device
   * of the problem just ended; "not now", no or a goodbye drops the queue with a goodbye. Anything
   * else (another problem said clearly, "still not working", a command) is routed as usual, and the
   * queue waits for the end of whatever starts next.
   */
  private async onNextOffer(dc: DialogContext, state: MainState): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    // "yes fixed photos, now contacts?": the waiting one named (with the one just fixed at most) is a yes.
    if (namesNextProblem(e, state, e.recognize(dc.context), e.input(dc.context).text)) return this.startQueued(dc, state);
    // "continue", "go on": a yes to the next one.
    if (saysCarryOn(e, e.input(dc.context))) return this.startQueued(dc, state);
    const picked = readNextOffer(e, e.input(dc.context), () => e.recognize(dc.context));
    if (picked === 'yes') return this.startQueued(dc, state);
    if (picked !== 'notNow') return undefined;
    const problems = queuedTitles(e, state.queue ?? []);
    await this.setQueue(dc, state, undefined);
    state.misses = 0;
    state.saidGoodbye = true;
    await e.say(dc.context, 'queue.declined', { problems });
    return Dialog.EndOfTurn;
  }

  /** The help text, then the question left open last turn (or the menu offered), if any, again. */
  private async helpThenAskAgain(dc: DialogContext, state: MainState, pending: Pending): Promise<DialogTurnResult> {
    await this.engine.say(dc.context, 'help');
    return this.askPendingAgain(dc, state, pending);
  }

  /**
   * "What have we tried so far?" at the top level or one of this dialog's questions: the checks
   * behind us in this conversation (recap.ts), or that there are none yet; then the question that
   * was open, or how to go on.
   */
  private async recapThenAskAgain(dc: DialogContext, state: MainState, pending: Pending): Promise<DialogTurnResult> {
    const e = this.engine;
    const text = recapText(e, await e.getRecord(dc.context), {});
    if (text) await e.sendText(dc.context, text, 'recap');
    else await e.say(dc.context, 'recap.none');
    if (!pending.open && !(pending.menu && pending.menuAsk)) {
      state.misses = 0;
      await e.say(dc.context, 'question.answeredTopLevel');
      return Dialog.EndOfTurn;
    }
    return this.askPendingAgain(dc, state, pending);
  }

  /** A questions.yaml answer at the top level, then how to go on (nothing is pending to ask again). */
  private async answerTopLevel(dc: DialogContext, state: MainState, known: KnownAnswer): Promise<DialogTurnResult> {
    state.misses = 0;
    await this.engine.sendText(dc.context, known.text, `question.${known.id}`);
    await this.engine.say(dc.context, 'question.answeredTopLevel');
    return Dialog.EndOfTurn;
  }

  /** The question or menu left open last turn, asked again as it was; nothing when none was open. */
  private async askPendingAgain(dc: DialogContext, state: MainState, pending: Pending): Promise<DialogTurnResult> {
    state.misses = 0;
    if (pending.open) return this.askAgain(dc, state, pending.open);
    if (!pending.menu || !pending.menuAsk) return Dialog.EndOfTurn;
    Object.assign(state, { menu: pending.menu, menuAsk: pending.menuAsk, menuProblem: pending.menuProblem } satisfies Partial<MainState>);
    await this.engine.ask(dc.context, pending.menuAsk.key, pending.menu, pending.menuAsk.vars);
    return Dialog.EndOfTurn;
  }

  /** The question left open last turn, asked again as it was (with its buttons and what it knew); not counted as a retry. */
  private async askAgain(dc: DialogContext, state: MainState, open: OpenQuestion): Promise<DialogTurnResult> {
    const e = this.engine;
    switch (open.kind) {
      case 'device':
        return this.askWhichDevice(dc, state, open.pending, false);
      case 'again':
        return this.askDeviceAgain(dc, state, open.pending, open.device, false);
      case 'next': {
        const problem = nextTitle(e, state);
        if (problem === undefined) return Dialog.EndOfTurn;
        state.open = open;
        await e.ask(dc.context, 'queue.offer', nextChoices(e), { problem });
        return Dialog.EndOfTurn;
      }
      case 'outage':
        return this.askChecksMeanwhile(dc, state);
      case 'back':
        return this.askIfSyncingAgain(dc, state);
      case 'carryOn':
        return this.askCarryOn(dc, state);
      case 'more':
        state.open = open;
        await e.say(dc.context, 'wrapUp.more');
        return Dialog.EndOfTurn;
    }
  }

  /** Apple gives no time: said honestly, with the status page, and the device checks offered meanwhile. */
  private async answerWhenFixed(dc: DialogContext, state: MainState): Promise<DialogTurnResult> {
    state.misses = 0;
    return this.askChecksMeanwhile(dc, state);
  }

  /** "Apple doesn't say when … the device checks in the meantime?" */
  private async askChecksMeanwhile(dc: DialogContext, state: MainState): Promise<DialogTurnResult> {
    state.open = { kind: 'outage' };
    await this.engine.ask(dc.context, 'outage.whenFixed', outageChoices(this.engine), { statusPage: this.engine.statusPageUrl });
    return Dialog.EndOfTurn;
  }

  /**
   * The answer to "the device checks in the meantime?": yes picks the playbook up again after its
   * status step (or at the question the outage interrupted), as "still not working" does; no leaves
   * it with the status page. Anything else is routed as usual.
   */
  private async onOutageOffer(dc: DialogContext, state: MainState): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const picked = readOutageOffer(e, e.input(dc.context));
    if (picked === 'checks') return this.resumeLast(dc, state, true);
    if (picked !== 'wait') return undefined;
    state.misses = 0;
    await e.say(dc.context, 'outage.waiting', { statusPage: e.statusPageUrl });
    return Dialog.EndOfTurn;
  }

  /**
   * After a stop at an outage, "is it working now?": Apple's feed read again for the service that
   * stopped. Cleared: "… working normally again. Is it syncing now?"; still listed or no report:
   * Apple's status reported as "is it apple?" does (the status-only playbook, as an aside).
   */
  private async checkIfBack(dc: DialogContext, state: MainState): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const last = state.last!;
    state.misses = 0;
    if ((await outageState(e, last)) === 'cleared') return this.askIfSyncingAgain(dc, state);
    const r = e.recognize(dc.context);
    const status = aboutAppleOnly(e, r, last);
    if (!status) return undefined;
    state.statusAside = last;
    return this.startIntent(dc, status.intent, r);
  }

  /** "Apple's status page shows … working normally again. Is it syncing now?" */
  private async askIfSyncingAgain(dc: DialogContext, state: MainState): Promise<DialogTurnResult> {
    const service = state.last?.place.service;
    state.open = { kind: 'back' };
    await this.engine.ask(dc.context, 'outage.backNow', backChoices(this.engine), { service: service ? this.engine.serviceLabel(service) : '' });
    return Dialog.EndOfTurn;
  }

  /**
   * The answer to "Is it syncing now?" after the outage cleared: yes is the end of it ("anything
   * else?"); no picks the playbook up again after its status step, as "still not working" does.
   */
  private async onBackAnswer(dc: DialogContext, state: MainState): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const answer = readBackAnswer(e, e.input(dc.context));
    if (answer === undefined) return undefined;
    state.misses = 0;
    if (answer === 'no') return this.resumeLast(dc, state, true);
    if (state.last) state.last = { ...state.last, outage: undefined };
    state.open = { kind: 'more' };
    await e.say(dc.context, 'outage.backGlad');
    return Dialog.EndOfTurn;
  }

  /**
   * The next waiting problem, on its own device when the message paired them, else on the device of
   * the one before (the checks done there are skipped: beginPlaybook).
   */
  private async startQueued(dc: DialogContext, state: MainState): Promise<DialogTurnResult> {
    const next = nextStart(this.engine, state);
    if (!next) {
      await this.setQueue(dc, state, undefined);
      return this.askProblem(dc, state, 'more.question');
    }
    state.misses = 0;
    return this.startIntent(dc, next.intent, next.words);
  }

  /**
   * A playbook cancelled everything (the person said cancel or start over). The cancel event
   * reaches this dialog once the playbook has ended; for "start over" it is handled here (the
   * cancel stops at this dialog) and the person is asked straight away what isn't syncing.
   */
  protected override async onPreBubbleEvent(dc: DialogContext, e: DialogEvent): Promise<boolean> {
    if (e.name !== DialogEvents.cancelDialog || !asksToStartOver(this.engine, this.engine.input(dc.context))) return false;
    await this.startOver(dc, dc.activeDialog!.state as MainState);
    return true;
  }

  private async route(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as MainState;
    const e = this.engine;
    const context = dc.context;
    const input = e.input(context);
    if (!input.text.trim() && input.value === undefined) return Dialog.EndOfTurn;
    await e.silence(context);
    if (state.last) state.last.turns++;

    const menu = state.menu;
    const menuAsk = state.menuAsk;
    const menuProblem = state.menuProblem;
    const saidGoodbye = state.saidGoodbye;
    let open = state.open;
    state.menu = undefined;
    state.menuAsk = undefined;
    state.menuProblem = undefined;
    state.saidGoodbye = undefined;
    state.open = undefined;
    // A person from the support team has just closed the chat; the hub asked "anything else?".
    const backFromPerson = handoffAnswer(context) === 'completed';
    if (backFromPerson) {
      await this.recordHandedOff(dc);
      open = { kind: 'more' };
      // The chat with the person ended just now: "that didn't work either" picks the checks up from here.
      if (state.last?.outcome === 'handed-off') state.last = { ...state.last, at: e.clock.now().toISOString(), turns: 0 };
    }
    // The hub's own offer of a person accepted (maybe a button press with no text): as "talk to a person".
    if (personAsked(context)) {
      state.misses = 0;
      return this.startHandoff(dc);
    }
    // "help" at one of this dialog's questions: the help text, then the same question with what it knew.
    const pending: Pending = { open, menu, menuAsk, menuProblem };
    // "what was it?" after a fix: the check that did it, and "anything else?" stays open.
    const fixedAt = state.last?.outcome === FIXED_OUTCOME ? e.content.steps[state.last.place.stepId] : undefined;
    if (fixedAt && isOnlyPhrase(e.messages.list('synonyms.whatFixedIt'), e.messages.list('synonyms.acknowledge'), input.text)) {
      state.misses = 0;
      await e.say(context, 'fixed.whatFixedIt', { step: fixedAt.title });
      return Dialog.EndOfTurn;
    }
    if ((open || (menu && menuAsk)) && asksForHelp(e, input, () => e.recognize(context))) return this.helpThenAskAgain(dc, state, pending);
    if (asksForRecap(e, input.text)) return this.recapThenAskAgain(dc, state, pending);
    if (open?.kind === 'device') {
      const handled = await this.onWhichDevice(dc, state, open.pending);
      if (handled) return handled;
    }
    if (open?.kind === 'again') {
      const handled = await this.onDeviceAgain(dc, state, open.pending, open.device);
      if (handled) return handled;
    }
    if (open?.kind === 'next') {
      const handled = await this.onNextOffer(dc, state);
      if (handled) return handled;
    }
    if (open?.kind === 'outage') {
      const handled = await this.onOutageOffer(dc, state);
      if (handled) return handled;
    }
    if (open?.kind === 'back') {
      const handled = await this.onBackAnswer(dc, state);
      if (handled) return handled;
    }
    if (open?.kind === 'carryOn') {
      const handled = await this.onCarryOn(dc, state);
      if (handled) return handled;
    }
    // Back from a live chat with the checks handed over mid-way: carry on with them, or asked plainly.
    if (backFromPerson) {
      const handled = await this.afterLiveChat(dc, state);
      if (handled) return handled;
    }
    // Back after a stop at an outage ("hi again", "back, still not syncing"): Apple's status read again first.
    if (returnsAfterOutage(e, state.last, input, () => e.recognize(context))) {
      const handled = await this.returnToOutage(dc, state);
      if (handled) return handled;
    }
    // "ok so is it or not?" after a status check (the feed could not be read): the status read again.
    if (asksIfStatusAgain(e, state.last, input)) {
      const status = aboutAppleOnly(e, e.recognize(context), undefined);
      if (status) {
        state.misses = 0;
        return this.startIntent(dc, status.intent, e.recognize(context));
      }
    }
    // After a stop at an outage: "back, is it working now?" reads Apple's status again, never a goodbye.
    if (asksIfBack(e, state.last, input)) {
      const handled = await this.checkIfBack(dc, state);
      if (handled) return handled;
    }
    // "still not working, is it apple?": Apple's status checked again, as "is iCloud down?" does.
    const statusCheck = asksAboutApple(e, input) ? aboutAppleOnly(e, e.recognize(context), state.last) : undefined;
    if (statusCheck) {
      state.misses = 0;
      state.statusAside = state.last;
      return this.startIntent(dc, statusCheck.intent, e.recognize(context));
    }
    // After a stop at an outage: "when will it be fixed?" is a question, not a goodbye.
    if (asksWhenFixed(e, state.last, input, () => e.recognize(context))) return this.answerWhenFixed(dc, state);
    // Before "anything else?" is read: "it stopped again" there is the same problem, not a "no".
    if (saysStillNotWorking(e, state.last, input, () => e.recognize(context))) {
      const resumed = await this.resumeLast(dc, state);
      if (resumed) return resumed;
    }
    // "continue please", "carry on": never a stop; the checks left mid-way carry on, else what with.
    if (saysCarryOn(e, input)) return this.carryOn(dc, state, open?.kind === 'back' || open?.kind === 'outage');
    // "oops wrong button", "go back" with no question of this dialog open: right after a fix, the fix
    // was the wrong button (the same problem goes on, as after "it stopped again"); else nothing to go back to.
    const fixedJustNow = state.last?.outcome === FIXED_OUTCOME && state.last.turns <= 1;
    const undoWords = normalise(input.text).split(' ').length <= UNDO_WORDS_MAX && mentionsPhrase(e.messages.list('synonyms.undo'), input.text, true);
    if ((!open || (open.kind === 'more' && fixedJustNow)) && !menu && undoWords) {
      state.misses = 0;
      if (fixedJustNow) {
        const resumed = await this.resumeLast(dc, state);
        if (resumed) return resumed;
      }
      await e.say(context, 'undo.nothingTopLevel');
      return Dialog.EndOfTurn;
    }
    if (open?.kind === 'more') {
      const handled = await this.onAnythingElse(dc, state, open.asked ?? 0);
      if (handled) return handled;
    }
    if (menu) {
      const picked = matchChoice(menu, input, 'exact') ?? matchChoice(menu, input, 'loose');
      if (picked !== undefined) return this.onMenuChoice(dc, state, picked, menuProblem);
      // "yes", "ja" at a list that asked no yes/no question: which one, with the same list.
      if (saysOnlyYes(e, input)) {
        state.misses = 0;
        Object.assign(state, { menu, menuAsk, menuProblem } satisfies Partial<MainState>);
        await e.ask(context, 'menu.whichOne', menu);
        return Dialog.EndOfTurn;
      }
    }
    if (asksToStartOver(e, input, 'exact')) return this.startOver(dc, state);

    const r = e.recognize(context);
    // "will i lose my photos if i sign out?": questions.yaml's answer, and how to go on from there.
    const known = knownAnswer(e, r);
    // "is this a bot? i need to speak to a human": the command beside the question wins.
    const commandBeside = known !== undefined && mentionsPhrase(Object.values(COMMAND_PHRASES).flat().flatMap((k) => e.messages.list(k)), besideKnownPhrases(e, known, r.text), true);
    if (known && !commandBeside && !besideClearProblem(e, r, known)) return this.answerTopLevel(dc, state, known);
    // A message of several sentences the recogniser is unsure of as a whole ("honestly apple is a joke. …
    // what i need right now is my notes to show up on my mac"): the one problem a sentence of its own says clearly.
    const oneSaid = problemInOneSentence(e, r);
    if (oneSaid) return this.startIntent(dc, oneSaid, r);
    // Several problems in one message, a general problem naming a service with a playbook of its own, or "Did you mean …?".
    const problems = readProblems(e, r, Boolean(this.handoffDialogId));
    if (problems?.kind === 'several') return this.startSeveral(dc, state, r, problems.named);
    if (problems?.kind === 'specific') return this.startIntent(dc, problems.intent, r);
    if (problems?.kind === 'didYouMean') {
      state.misses = 0;
      state.menu = problems.menu;
      state.menuAsk = { key: 'didYouMean' };
      state.menuProblem = problemWords(this.engine, r);
      await e.ask(context, 'didYouMean', state.menu);
      return Dialog.EndOfTurn;
    }
    const handler = e.handlerOf(r.intent);
    if (handler !== 'none') state.misses = 0;
    switch (handler) {
      case 'playbook':
        return this.startIntent(dc, r.intent, r);
      case 'goodbye':
        if (complainsAtGoodbye(e, input.text)) return this.vagueProblem(dc, state, r);
        state.saidGoodbye = true;
        await this.setQueue(dc, state, undefined);
        await e.say(context, saidGoodbye ? 'goodbye.again' : 'goodbye');
        return Dialog.EndOfTurn;
      case 'help':
        return this.helpThenAskAgain(dc, state, pending);
      case 'greeting':
        await e.say(context, handler);
        return Dialog.EndOfTurn;
      case 'cancel':
        if (asksToStartOver(e, input)) return this.startOver(dc, state);
        await this.setQueue(dc, state, undefined);
        await e.say(context, 'cancel.done');
        return Dialog.EndOfTurn;
      case 'agent':
        return this.startHandoff(dc);
      default: {
        // A complaint naming its service ("my iphone won't sync photos, I've restarted it already"): that problem.
        const placed = await this.startNamedInComplaint(dc, state, r);
        if (placed) return placed;
        // A problem named in another language's words ("Kontakte"): that problem, with the message's device.
        const inOtherWords = problemInOtherWords(e, input);
        if (inOtherWords !== undefined) {
          state.misses = 0;
          return this.startIntent(dc, inOtherWords, r);
        }
        // Only a device ("mac", "my iphone"), e.g. after "tell me what isn't syncing and on which
        // device": remember it and ask what isn't syncing there.
        const device = onlyDevice(e, r);
        if (device !== undefined) return this.askProblemOn(dc, state, device);
        // Nothing else placed it, but a side question's phrase is in it, said as a statement ("i lost my
        // trusted phone number"): that answer, rather than "didn't get that".
        const aside = knownAnswer(e, r, undefined, true);
        if (aside) return this.answerTopLevel(dc, state, aside);
        // "it doesn't work", "nothing works": a complaint with nothing to go on, as in the goodbye case.
        if (this.engine.saysNegation(input.text)) return this.vagueProblem(dc, state, r);
        state.misses++;
        if (state.misses >= MISSES_BEFORE_MENU) {
          state.misses = 0;
          state.menu = helpMenu(e, Boolean(this.handoffDialogId));
          state.menuAsk = { key: 'notUnderstood.offer' };
          await e.ask(context, 'notUnderstood.offer', state.menu);
        } else {
          // With buttons, as every question: the list shown just before (it still holds, so a bare
          // "1" next picks from it), else the problems.
          Object.assign(state, { menu: menu ?? problemMenu(e), menuAsk: menuAsk ?? { key: 'notUnderstood' }, menuProblem } satisfies Partial<MainState>);
          await e.ask(context, 'notUnderstood', state.menu!);
        }
        return Dialog.EndOfTurn;
      }
    }
  }

  /**
   * A menu choice. A problem picked from "Did you mean …?" starts with what the message the menu
   * was about said (its device, service, words), unless the pick itself names a device or service.
   */
  private async onMenuChoice(dc: DialogContext, state: MainState, choiceId: string, menuProblem?: ProblemWords): Promise<DialogTurnResult> {
    state.misses = 0;
    const pick = readMenuPick(this.engine, choiceId);
    switch (pick.kind) {
      case 'agent':
        return this.startHandoff(dc);
      case 'playbook':
        return this.startIntent(dc, pick.intent, wordsForPick(problemWords(this.engine, this.engine.recognize(dc.context)), menuProblem));
      case 'reply':
        await this.engine.say(dc.context, pick.key);
        return Dialog.EndOfTurn;
      case 'somethingElse':
        await this.engine.say(dc.context, 'didYouMean.somethingElse');
        return Dialog.EndOfTurn;
    }
  }

  /**
   * Starts the playbook of an intent. When the message names two or more different devices
   * ("photos from my iPhone don't show on my Mac"), guessing could send the person through a whole
   * playbook for the wrong device, so we ask which one has the problem (one button per device
   * named) before starting. A device the message rules out ("on my iPad, not my iPhone") is not
   * one of them, nor used from memory. The utterance handed on (and kept in state) is redacted.
   */
  private async startIntent(dc: DialogContext, intent: string, said: Recognition | ProblemWords): Promise<DialogTurnResult> {
    const playbook = this.engine.playbookForIntent(intent);
    if (!playbook) {
      await this.engine.say(dc.context, 'notUnderstood');
      return Dialog.EndOfTurn;
    }
    const words = 'devices' in said ? said : problemWords(this.engine, said);
    const { utterance, service, ruledOut } = words;
    const state = dc.activeDialog!.state as MainState;
    // Words that name no one device ("my phone"), or one the recogniser leaves out ("the website").
    const withWords: ReturnType<typeof devicesWithWords> = playbook.askDevice === false ? { devices: [...words.devices], left: [] } : devicesWithWords(this.engine, playbook.id, service ?? playbook.service, utterance, words.devices, ruledOut ?? []);
    const devices = withWords.devices;
    if (withWords.ask) {
      return this.askWhichDevice(dc, state, { intent, utterance, service, devices: withWords.ask.devices, tries: 0, ruledOut, word: withWords.ask.word });
    }
    // A playbook whose steps do not depend on the device (askDevice: false) needs no answer.
    if (devices.length > 1 && playbook.askDevice !== false) {
      return this.askWhichDevice(dc, state, { intent, utterance, service, devices: [...devices], tries: 0, ruledOut });
    }
    // Named with a device where the service can't be fixed (iCloud.com for Photos): started where it can, and said so.
    if (withWords.left.length > 0 && devices.length === 1) {
      await this.engine.say(dc.context, 'device.startedWhereFixable', { device: this.engine.device(devices[0])?.label ?? '', service: this.engine.serviceLabel(service ?? playbook.service) });
    }
    // "photos i take on my iphone dont show up on my mac": started on the Mac, and said why (and how to change it).
    if (withWords.from !== undefined && devices.length === 1) {
      await this.engine.say(dc.context, 'device.startedWhereMissing', { device: this.engine.device(devices[0])?.label ?? '', other: this.engine.device(withWords.from)?.label ?? '' });
    }
    if (devices.length === 0 && playbook.askDevice !== false) {
      const remembered = await deviceToConfirm(this.engine, state, (await this.engine.getProfile(dc.context)).device, ruledOut, () => this.engine.getRecord(dc.context));
      if (remembered) return this.askDeviceAgain(dc, state, { intent, utterance, service, devices: [], tries: 0, ruledOut }, remembered);
    }
    return this.beginPlaybook(dc, playbook.id, { utterance, device: devices[0], service, ruledOut });
  }

  /**
   * A complaint with nothing to go on ("it doesn't work"): what isn't syncing (one button per
   * problem, "iCloud not syncing" among them); with one device named, what isn't syncing there.
   */
  private async vagueProblem(dc: DialogContext, state: MainState, r: Recognition): Promise<DialogTurnResult> {
    const placed = await this.startNamedInComplaint(dc, state, r);
    if (placed) return placed;
    const kept = this.engine.namedDevices(r).filter((n) => !n.ruledOut);
    if (kept.length === 1) return this.askProblemOn(dc, state, kept[0].device.id);
    return this.askProblem(dc, state, 'problem.vague');
  }

  /**
   * A complaint the recogniser could not place that names services (complaintProblems): the one
   * named starts, with the message's device and words (what it says was tried is skipped); several
   * start as several problems in one message do. Undefined when it names none.
   */
  private async startNamedInComplaint(dc: DialogContext, state: MainState, r: Recognition): Promise<DialogTurnResult | undefined> {
    const named = complaintProblems(this.engine, r, this.engine.input(dc.context).text);
    if (named.length > 1) return this.startSeveral(dc, state, r, named);
    if (named.length === 0) return undefined;
    state.misses = 0;
    return this.startIntent(dc, named[0].playbook.intent, { ...problemWords(this.engine, r), service: named[0].service });
  }

  /**
   * Starts a playbook. A device given is this conversation's from now on. On the device the last
   * playbook worked on, the checks already gone through there without a fix are skipped (as after a
   * switch mid-way), and one line says which.
   */
  private async beginPlaybook(dc: DialogContext, playbookId: string, options: PlaybookOptions): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as MainState;
    const last = state.last;
    state.last = undefined;
    if (options.device) state.device = options.device;
    // A problem that was waiting leaves the queue as it starts; the playbook knows whether others still wait.
    if (state.queue) await this.setQueue(dc, state, state.queue.filter((q) => q.playbookId !== playbookId));
    // Another problem goes first ("I can't sign in … and now none of my photos are there"): the one
    // named waits for it in the queue, and is offered when it ends.
    const cause = goesFirstInstead(this.engine, playbookId, options);
    if (cause) await this.setQueue(dc, state, queuedBehindCause(state.queue, playbookId, options, cause));
    const opts: PlaybookOptions = { ...options, moreQueued: state.queue !== undefined || undefined };
    if (last && opts.tried === undefined && opts.resumeAt === undefined) {
      const skipped = await alreadyChecked(this.engine, playbookId, opts, last.place, async () => (await this.engine.getProfile(dc.context)).device);
      if (skipped.length > 0) {
        opts.tried = last.place.tried;
        opts.answered = last.place.answered;
        const device = this.engine.device(last.place.device);
        await this.engine.say(dc.context, 'more.skipping', { device: device?.label ?? '', steps: skipped.map((t) => `"${t}"`).join(', ') });
      }
    }
    return dc.beginDialog(playbookDialogId(playbookId), opts);
  }

  /** Asks "On your iPhone again?"; `count`: false when it is put back after an aside (not a retry). */
  private async askDeviceAgain(dc: DialogContext, state: MainState, pending: PendingStart, deviceId: string, count = true): Promise<DialogTurnResult> {
    if (count) pending.tries++;
    state.open = { kind: 'again', pending, device: deviceId };
    await this.engine.ask(dc.context, 'device.again', againChoices(this.engine, deviceId), { device: this.engine.device(deviceId)?.label ?? '' });
    return Dialog.EndOfTurn;
  }

  /**
   * The answer to "On your iPhone again?" (read by readDeviceAgain), after a welcome back when the
   * silence was long: starts the waiting problem (a device refused is ruled out, so the playbook
   * asks), answers an aside and puts the question back, asks which of two, or asks again.
   */
  private async onDeviceAgain(dc: DialogContext, state: MainState, pending: PendingStart, deviceId: string): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const playbook = e.playbookForIntent(pending.intent);
    if (!playbook) return undefined;
    // After a long silence: welcome back, the problem waiting, and the question again.
    if (await e.welcomesBack(dc.context, againChoices(e, deviceId), (r) => r.intent === pending.intent)) {
      await e.sayWelcomeBack(dc.context, { problem: playbook.title });
      return this.askDeviceAgain(dc, state, pending, deviceId, false);
    }
    const answer = readDeviceAgain(e, pending, deviceId, e.input(dc.context), () => e.recognize(dc.context));
    switch (answer.kind) {
      case 'start':
      case 'startFirst':
        return this.beginPlaybook(dc, playbook.id, {
          utterance: pending.utterance,
          device: answer.device,
          service: pending.service,
          ruledOut: answer.device ? pending.ruledOut : [...(pending.ruledOut ?? []), deviceId],
        });
      case 'thanks':
        await e.say(dc.context, 'thanks.welcome');
        return this.askDeviceAgain(dc, state, pending, deviceId, false);
      case 'aside':
        state.putBack = { kind: 'again', pending, device: deviceId };
        return dc.beginDialog(playbookDialogId(answer.playbookId), { utterance: answer.utterance, service: answer.service } satisfies PlaybookOptions);
      case 'which':
        return this.askWhichDevice(dc, state, { ...pending, devices: answer.devices, tries: 0 });
      case 'askAgain':
        await e.say(dc.context, 'answer.notUnderstood');
        return this.askDeviceAgain(dc, state, pending, deviceId);
      case 'unclear':
        await e.say(dc.context, 'answer.unclearDevice');
        return this.askDeviceAgain(dc, state, pending, deviceId);
      case 'undo':
        await e.say(dc.context, 'undo.nothing');
        return this.askDeviceAgain(dc, state, pending, deviceId, false);
      case 'route':
        return undefined;
    }
  }

  /**
   * Picks the last playbook up again on the same device: at the step after the last one whose
   * instructions were shown (that one counts as tried), or at the question it was waiting on.
   */
  private async resumeLast(dc: DialogContext, state: MainState, statusRead = false): Promise<DialogTurnResult | undefined> {
    const place = state.last?.place;
    const playbook = place && this.engine.content.playbooks[place.playbookId];
    if (!place || !playbook) return undefined;
    if (state.last?.outcome === FIXED_OUTCOME) return this.reopenAfterFix(dc, state, place, playbook.id, playbook.title);
    // Stopped at an outage a while ago: Apple's status is read again before the checks go on.
    if (state.last?.outage && !statusRead && awhileSince(this.engine, state.last)) {
      const back = await this.outageAnswer(dc, state);
      if (back) return back;
    }
    await this.engine.say(dc.context, 'playbook.resumed', { problem: playbook.title });
    return this.beginPlaybook(dc, playbook.id, resumeOptions(this.engine, place));
  }

  /**
   * After a fix, "it stopped again" or "only some of them came back": the step that fixed it is
   * recorded again (partly-fixed or not-fixed) and the same problem carries on, on the same device,
   * at the next step (that one counts as tried).
   */
  private async reopenAfterFix(dc: DialogContext, state: MainState, place: PlaybookPlace, playbookId: string, title: string): Promise<DialogTurnResult> {
    const e = this.engine;
    const partly = saysPartlyBack(e, e.input(dc.context).text);
    const record = await e.getRecord(dc.context);
    record.steps.push({ playbook: playbookId, step: place.stepId, outcome: partly ? 'partly-fixed' : 'not-fixed', at: e.clock.now().toISOString() });
    state.misses = 0;
    await e.say(dc.context, partly ? 'playbook.reopenedPartly' : 'playbook.reopened', { problem: title });
    return this.beginPlaybook(dc, playbookId, reopenOptions(e, place));
  }

  /**
   * A device correction at "anything else?" after a fix ("wait no, it's the mac not the ipad"):
   * the same problem again on that device, from the step it had reached (a correction mid-way
   * shows the current step again for the new device, not the ones before it, and so does this).
   * Not when the message names another problem clearly ("my notes on the mac too").
   */
  private async reopenOnCorrectedDevice(dc: DialogContext, state: MainState): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const corrected = correctedDevice(e, state, () => e.recognize(dc.context));
    if (!corrected) return undefined;
    state.misses = 0;
    await e.say(dc.context, 'device.reopened', { device: corrected.device.label, problem: corrected.playbook.title });
    return this.beginPlaybook(dc, corrected.playbook.id, corrected.options);
  }

  /** Asks "which device?"; `count`: false when it is asked again after "help" (not a retry). */
  private async askWhichDevice(dc: DialogContext, state: MainState, pending: PendingStart, count = true): Promise<DialogTurnResult> {
    if (count) pending.tries++;
    state.open = { kind: 'device', pending };
    if (pending.word !== undefined) await this.engine.ask(dc.context, 'device.whichOf', deviceChoices(this.engine, pending.devices), { word: pending.word });
    else await this.engine.ask(dc.context, 'device.which', deviceChoices(this.engine, pending.devices));
    return Dialog.EndOfTurn;
  }

  /**
   * The answer to "which device?" (read by readWhichDevice): starts the waiting problem, asks again
   * after "not understood", or leaves the message to be routed as usual (the problem is dropped).
   */
  private async onWhichDevice(dc: DialogContext, state: MainState, pending: PendingStart): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const playbook = e.playbookForIntent(pending.intent);
    if (!playbook) return undefined;
    // "sorry i meant notes" at "which device?": the problem corrected, the same question for it.
    const corrected = e.input(dc.context).value === undefined ? correctedProblem(e, e.recognize(dc.context), playbook.id) : undefined;
    if (corrected) {
      await e.say(dc.context, 'switch.corrected', { problem: corrected.playbook.title });
      return this.askWhichDevice(dc, state, { ...pending, intent: corrected.playbook.intent, service: corrected.service }, false);
    }
    const answer = readWhichDevice(e, pending, e.input(dc.context), () => e.recognize(dc.context));
    switch (answer.kind) {
      case 'start':
        return this.beginPlaybook(dc, playbook.id, { utterance: pending.utterance, device: answer.device, service: pending.service, ruledOut: pending.ruledOut });
      case 'startFirst':
        await e.say(dc.context, 'device.startFirst', { device: e.device(answer.device)?.label ?? '' });
        return this.beginPlaybook(dc, playbook.id, { utterance: pending.utterance, device: answer.device, service: pending.service, ruledOut: pending.ruledOut });
      case 'askAgain':
        await e.say(dc.context, 'answer.notUnderstood');
        return this.askWhichDevice(dc, state, pending);
      case 'unclear':
        await e.say(dc.context, 'answer.unclearDevice');
        return this.askWhichDevice(dc, state, pending);
      case 'undo':
        await e.say(dc.context, 'undo.nothing');
        return this.askWhichDevice(dc, state, pending, false);
      case 'route':
        return undefined;
    }
  }

  /**
   * The answer to "Is there anything else that isn't syncing?": a device correction reopens the
   * problem fixed; else (readAnythingElse) "no" ends with the goodbye, "yes" asks what (with the
   * problem menu), a non-answer gets the question again once; anything else is routed as usual.
   */
  private async onAnythingElse(dc: DialogContext, state: MainState, asked: number): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const reopened = await this.reopenOnCorrectedDevice(dc, state);
    if (reopened) return reopened;
    const answer = readAnythingElse(e, e.input(dc.context), () => e.recognize(dc.context), asked);
    if (answer === 'no') {
      state.misses = 0;
      state.saidGoodbye = true;
      await e.say(dc.context, 'goodbye');
      return Dialog.EndOfTurn;
    }
    if (answer === 'yes') return this.askProblem(dc, state, 'more.question');
    if (answer === 'askAgain') {
      state.misses = 0;
      state.open = { kind: 'more', asked: asked + 1 };
      await e.say(dc.context, 'more.askAgain');
      return Dialog.EndOfTurn;
    }
    return undefined;
  }

  /**
   * After a stop at an outage, Apple's status read again for that service: cleared, "… working
   * normally again. Is it syncing now?"; still listed, said so with the device checks or wait
   * offered again; undefined when the feed gave no answer (the caller goes on as before).
   */
  private async outageAnswer(dc: DialogContext, state: MainState): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const last = state.last;
    if (!last) return undefined;
    const now = await outageState(e, last);
    if (now === 'unknown') return undefined;
    state.misses = 0;
    if (now === 'cleared') return this.askIfSyncingAgain(dc, state);
    state.open = { kind: 'outage' };
    const service = last.place.service;
    await e.ask(dc.context, 'outage.stillListed', outageChoices(e), { service: service ? e.serviceLabel(service) : '' });
    return Dialog.EndOfTurn;
  }

  /**
   * Back after a stop at an outage with a greeting or "still not syncing": Apple's status first
   * (outageAnswer); with no answer from the feed, "still not syncing" carries on with the checks and
   * a greeting is routed as usual.
   */
  private async returnToOutage(dc: DialogContext, state: MainState): Promise<DialogTurnResult | undefined> {
    const answered = await this.outageAnswer(dc, state);
    if (answered) return answered;
    if (!mentionsPhrase(this.engine.messages.list('synonyms.notFixed'), this.engine.input(dc.context).text, true)) return undefined;
    return this.resumeLast(dc, state, true);
  }

  /**
   * "continue", "carry on" (saysCarryOn), never a stop: the last playbook left mid-way carries on
   * (after an outage, Apple's status first, unless it was just read: `statusRead`); with none, what
   * to carry on with (the problem list).
   */
  private async carryOn(dc: DialogContext, state: MainState, statusRead: boolean): Promise<DialogTurnResult> {
    state.misses = 0;
    if (resumableLast(this.engine, state.last)) {
      const resumed = await this.resumeLast(dc, state, statusRead);
      if (resumed) return resumed;
    }
    return this.askProblem(dc, state, 'carryOn.nothing');
  }

  /**
   * The first message after a person from the support team closed the chat, when the checks were
   * handed over mid-way: "ok continue", "go on" carry on with them; a "yes" or "ok", or words the
   * bot can't place, get the choice asked plainly ("Shall we carry on with the … checks on your …?").
   * "no", "still not working", another problem or a command: undefined (routed as usual).
   */
  private async afterLiveChat(dc: DialogContext, state: MainState): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const last = resumableLast(e, state.last);
    if (last?.outcome !== 'handed-off') return undefined;
    const input = e.input(dc.context);
    if (saysCarryOn(e, input)) return this.resumeLast(dc, state);
    if (saysStillNotWorking(e, state.last, input, () => e.recognize(dc.context))) return undefined;
    const answer = readAnythingElse(e, input, () => e.recognize(dc.context), 0);
    if (answer === 'no') return undefined;
    if (answer === undefined) {
      const r = e.recognize(dc.context);
      const handler = e.handlerOf(r.intent);
      if (handler !== 'none' || complaintProblems(e, r, input.text).length > 0 || onlyDevice(e, r) !== undefined) return undefined;
    }
    return this.askCarryOn(dc, state);
  }

  /** "Shall we carry on with the "…" checks on your …?" [Carry on] [Something else] [No, that's all]. */
  private async askCarryOn(dc: DialogContext, state: MainState): Promise<DialogTurnResult> {
    const e = this.engine;
    const place = state.last?.place;
    const playbook = place && e.content.playbooks[place.playbookId];
    if (!place || !playbook) return this.askProblem(dc, state, 'more.question');
    state.misses = 0;
    state.open = { kind: 'carryOn' };
    const device = e.device(place.device)?.label;
    if (device) await e.ask(dc.context, 'carryOn.offer', carryOnChoices(e), { problem: playbook.title, device });
    else await e.ask(dc.context, 'carryOn.offerNoDevice', carryOnChoices(e), { problem: playbook.title });
    return Dialog.EndOfTurn;
  }

  /** The answer to "Shall we carry on …?": carry on, something else (what, with the list), or no (the goodbye). */
  private async onCarryOn(dc: DialogContext, state: MainState): Promise<DialogTurnResult | undefined> {
    const e = this.engine;
    const answer = readCarryOn(e, e.input(dc.context));
    if (answer === 'yes') {
      state.misses = 0;
      return (await this.resumeLast(dc, state)) ?? this.askProblem(dc, state, 'more.question');
    }
    if (answer === 'other') return this.askProblem(dc, state, 'more.question');
    if (answer !== 'no') return undefined;
    state.misses = 0;
    state.saidGoodbye = true;
    await e.say(dc.context, 'goodbye');
    return Dialog.EndOfTurn;
  }

  /**
   * A person from the support team had the conversation and closed it: the record says so (once),
   * also when no playbook was waiting (the person asked for someone at the top level, or a
   * playbook ended at its handoff step before they were connected).
   */
  private async recordHandedOff(dc: DialogContext): Promise<void> {
    const record = await this.engine.getRecord(dc.context);
    const lastStep = record.steps[record.steps.length - 1];
    if (lastStep?.outcome === 'handed-off') return;
    const step = this.engine.handoffStep();
    if (!step) return;
    record.steps.push({ playbook: lastStep?.playbook ?? step.id, step: step.id, outcome: 'handed-off', at: this.engine.clock.now().toISOString() });
  }

  /** Asks what isn't syncing, with a button per problem. */
  private async askProblem(dc: DialogContext, state: MainState, key: MessageKey): Promise<DialogTurnResult> {
    state.misses = 0;
    state.menu = problemMenu(this.engine);
    state.menuAsk = { key };
    await this.engine.ask(dc.context, key, state.menu);
    return Dialog.EndOfTurn;
  }

  /**
   * A device named with no problem: kept in the profile (the playbook then does not ask for it) and
   * the problem menu asked for that device.
   */
  private async askProblemOn(dc: DialogContext, state: MainState, deviceId: string): Promise<DialogTurnResult> {
    const device = this.engine.device(deviceId);
    if (!device) return this.askProblem(dc, state, 'more.question');
    const profile = await this.engine.getProfile(dc.context);
    profile.device = device.id;
    state.device = device.id;
    state.misses = 0;
    state.menu = problemMenu(this.engine);
    state.menuAsk = { key: 'device.whatProblem', vars: { device: device.label } };
    await this.engine.ask(dc.context, 'device.whatProblem', state.menu, { device: device.label });
    return Dialog.EndOfTurn;
  }

  /** "Start over": forget this conversation's troubleshooting and ask afresh what isn't syncing. */
  private async startOver(dc: DialogContext, state: MainState): Promise<DialogTurnResult> {
    state.open = undefined;
    state.last = undefined;
    state.queue = undefined;
    const { lastTurnAt } = await this.engine.getRecord(dc.context);
    await this.engine.record.set(dc.context, { ...emptyRecord(), lastTurnAt });
    return this.askProblem(dc, state, 'startOver.question');
  }

  private async startHandoff(dc: DialogContext): Promise<DialogTurnResult> {
    if (!this.handoffDialogId) {
      await this.engine.say(dc.context, 'help');
      return Dialog.EndOfTurn;
    }
    return dc.beginDialog(this.handoffDialogId, { startAtHandoff: true } satisfies PlaybookOptions);
  }
}

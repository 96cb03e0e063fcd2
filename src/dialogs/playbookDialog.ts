/**
 * PlaybookDialog: one generic dialog that runs any playbook from content. Its state says which
 * step it is on and what it is waiting for; nothing here knows a playbook, intent or sentence.
 *
 * Per step: an optional question with choices (continue / skip / fixed), then the instructions for
 * the person's platform and service, then "Did that fix it?". Status steps ask the status feed;
 * the handoff step gives the support options and ends the playbook.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { createHash } from 'node:crypto';
import type { LoadedPlaybook } from '../content/loadContent';
import type { Device, Platform, Step } from '../content/playbookSchema';
import type { Recognition } from '../nlu/recognizer';
import type { PromptChoice } from './answers';
import type { StepRef } from './cards';
import type { Engine } from './engine';
import { InterruptibleDialog } from './interruptibleDialog';
import { fill, type Vars } from './messages';
import { fetchStatus, formatSince, relevantEvents } from './statusCheck';
import type { StepOutcome } from './troubleshootingRecord';

export const PLAYBOOK_DIALOG_PREFIX = 'playbook:';
export function playbookDialogId(playbookId: string): string {
  return PLAYBOOK_DIALOG_PREFIX + playbookId;
}

/** What the dialog is waiting for. */
export type Phase = 'device' | 'question' | 'fixed' | 'statusPause' | 'switch';

export interface PlaybookState {
  playbookId: string;
  /** Content version the conversation started on (see LoadedPlaybook.contentVersion). */
  version: string;
  stepIndex: number;
  stepId: string;
  phase: Phase;
  device?: string;
  service?: string;
  /** The answer to the current step's question. */
  choiceId?: string;
  /** A different problem the person mentioned, offered as a switch. */
  switchTo?: { playbookId: string; utterance: string; service?: string };
  /** The phase to return to when the switch is declined. */
  resumePhase?: Phase;
}

export interface PlaybookOptions {
  /** The utterance that started this playbook. */
  utterance?: string;
  /** Device id named in the utterance (wins over the remembered one). */
  device?: string;
  /** Service id named in the utterance (wins over the playbook's). */
  service?: string;
  /** Start at the handoff step (someone asked for a person). */
  startAtHandoff?: boolean;
}

/** Internal choice ids of the engine's own prompts (not content). */
const FIXED = { yes: 'fixed', no: 'not-fixed', agent: 'agent' } as const;
const PAUSE = { go: 'continue', stop: 'stop' } as const;
const SWITCH = { yes: 'switch', no: 'stay' } as const;

function platformText(texts: Partial<Record<Platform | 'all', string>> | undefined, platform: Platform): string | undefined {
  if (!texts) return undefined;
  return texts[platform] ?? texts.all;
}

export class PlaybookDialog extends InterruptibleDialog<PlaybookState> {
  constructor(
    private readonly playbook: LoadedPlaybook,
    engine: Engine,
    /** True for the stand-alone "talk to a person" flow: no intent, intro or device question. */
    private readonly handoffOnly = false,
    id = playbookDialogId(playbook.id),
  ) {
    super(id, engine);
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
    const profile = await this.engine.getProfile(context);
    const record = await this.engine.getRecord(context);
    const device = this.engine.device(opts.device)?.id ?? this.engine.device(profile.device)?.id;
    const state: PlaybookState = {
      playbookId: this.playbook.id,
      version: this.playbook.contentVersion,
      stepIndex: opts.startAtHandoff ? this.playbook.steps.length - 1 : 0,
      stepId: this.playbook.steps[0],
      phase: 'fixed',
      device,
      service: opts.service ?? this.playbook.service ?? (this.handoffOnly ? record.service : undefined),
    };
    Object.assign(dc.activeDialog!.state, state);
    const live = dc.activeDialog!.state as PlaybookState;

    if (opts.device && this.engine.device(opts.device)) profile.device = opts.device;
    if (!this.handoffOnly) {
      record.intent = this.playbook.intent;
      record.service = live.service;
      if (opts.utterance && !record.firstUtterance) record.firstUtterance = opts.utterance;
    }
    if (live.device) record.device = live.device;

    if (!this.handoffOnly && !opts.startAtHandoff) {
      await this.engine.sendText(context, fill(this.playbook.intro, this.vars(live)), 'playbook.intro', { playbook: this.playbook.id, stepId: live.stepId });
    }
    if (!live.device && !this.handoffOnly && !opts.startAtHandoff) {
      live.phase = 'device';
      return this.reprompt(dc, live);
    }
    return this.runFrom(dc, live);
  }

  // ---- content helpers ------------------------------------------------------------------

  private step(state: PlaybookState): Step {
    return this.engine.content.steps[state.stepId];
  }

  private ref(state: PlaybookState): StepRef {
    return { playbook: this.playbook.id, stepId: state.stepId };
  }

  private platform(state: PlaybookState): Platform {
    return this.engine.device(state.device)?.platform ?? 'other';
  }

  private vars(state: PlaybookState, extra: Vars = {}): Vars {
    const device = this.engine.device(state.device) ?? this.engine.content.devices.find((d) => d.platform === 'other');
    return { device: device?.label ?? '', service: this.engine.serviceLabel(state.service), statusPage: this.engine.statusPageUrl, ...extra };
  }

  /** The instructions for this person: the chosen answer's text, then the service's, then the step's. */
  private instructionText(step: Step, state: PlaybookState): string | undefined {
    const platform = this.platform(state);
    const choice = state.choiceId ? step.question?.choices.find((c) => c.id === state.choiceId) : undefined;
    const layers = [choice?.instructions, state.service ? step.services[state.service] : undefined, step.instructions];
    for (const layer of layers) {
      const t = platformText(layer, platform);
      if (t !== undefined) return t;
    }
    return undefined;
  }

  private async recordOutcome(dc: DialogContext, state: PlaybookState, outcome: StepOutcome): Promise<void> {
    const record = await this.engine.getRecord(dc.context);
    record.steps.push({ playbook: this.playbook.id, step: state.stepId, outcome, at: this.engine.clock.now().toISOString() });
  }

  // ---- the flow -------------------------------------------------------------------------

  /** Runs steps from state.stepIndex until one waits for an answer or the playbook ends. */
  private async runFrom(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    for (;;) {
      const stepId = this.playbook.steps[state.stepIndex];
      if (stepId === undefined) return dc.endDialog({ outcome: 'ended' });
      state.stepId = stepId;
      state.choiceId = undefined;
      const step = this.step(state);
      if (step.kind === 'status') {
        const waiting = await this.runStatus(dc, state, step);
        if (waiting) return waiting;
        continue;
      }
      if (step.kind === 'handoff') return this.runHandoff(dc, state, step);
      if (step.question) {
        const question = platformText(step.question.text, this.platform(state));
        if (question === undefined || question === 'skip') {
          await this.recordOutcome(dc, state, 'skipped');
          state.stepIndex++;
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

  private async askQuestion(dc: DialogContext, state: PlaybookState, step: Step, withTitle: boolean): Promise<void> {
    const question = platformText(step.question!.text, this.platform(state)) ?? '';
    const text = fill(question, this.vars(state));
    await this.engine.sendPrompt(dc.context, withTitle ? `**${step.title}**\n\n${text}` : text, this.choicesFor(state), 'step.question', this.ref(state));
  }

  /** Shows the instructions and asks whether they fixed it; undefined when the step is skipped. */
  private async showInstructions(dc: DialogContext, state: PlaybookState, step: Step, withTitle: boolean): Promise<DialogTurnResult | undefined> {
    const text = this.instructionText(step, state);
    if (text === undefined || text === 'skip') {
      await this.recordOutcome(dc, state, 'skipped');
      state.stepIndex++;
      return undefined;
    }
    const body = fill(text, this.vars(state));
    await this.engine.sendText(dc.context, withTitle ? `**${step.title}**\n\n${body}` : body, 'step.instructions', this.ref(state));
    state.phase = 'fixed';
    return this.reprompt(dc, state);
  }

  private async runStatus(dc: DialogContext, state: PlaybookState, step: Step): Promise<DialogTurnResult | undefined> {
    const context = dc.context;
    const m = step.messages;
    const report = await fetchStatus(this.engine.statusFeed, this.engine.statusTimeoutMs);
    if (!report.ok) {
      this.engine.logger.warn('status feed unavailable', { reason: report.reason, detail: report.detail });
      await this.engine.sendText(context, fill(m.unavailable, this.vars(state)), 'status.unavailable', this.ref(state));
      await this.recordOutcome(dc, state, 'skipped');
      state.stepIndex++;
      return undefined;
    }
    const service = this.engine.content.services.find((s) => s.id === state.service);
    const names = [...(service?.statusNames ?? []), ...this.engine.content.alwaysCheck];
    const events = relevantEvents(report, names);
    if (events.length === 0) {
      await this.engine.sendText(context, fill(m.allClear, this.vars(state)), 'status.allClear', this.ref(state));
      await this.recordOutcome(dc, state, 'not-fixed');
      state.stepIndex++;
      return undefined;
    }
    const now = this.engine.clock.now();
    const lines = events.map(({ serviceName, event }) =>
      fill(
        m.eventLine,
        this.vars(state, {
          serviceName,
          statusType: event.statusType,
          since: formatSince(event.start, now) ?? this.engine.messages.text('status.sinceUnknown'),
          usersAffected: event.usersAffected,
          message: event.message,
        }),
      ),
    );
    await this.engine.sendText(context, [fill(m.outageIntro, this.vars(state)), ...lines].join('\n'), 'status.outageIntro', this.ref(state));
    state.phase = 'statusPause';
    return this.reprompt(dc, state);
  }

  private async runHandoff(dc: DialogContext, state: PlaybookState, step: Step): Promise<DialogTurnResult> {
    const context = dc.context;
    if (this.engine.handoff) {
      const record = await this.engine.getRecord(context);
      const result = await this.engine.handoff.requestHandoff(context, record, this.ref(state));
      if (result === 'connected') {
        await this.recordOutcome(dc, state, 'handed-off');
        return dc.endDialog({ outcome: 'handed-off' });
      }
    }
    const text = this.instructionText(step, state);
    if (text !== undefined && text !== 'skip') {
      await this.engine.sendText(context, fill(text, this.vars(state)), 'step.instructions', this.ref(state));
    }
    await this.recordOutcome(dc, state, 'support-options');
    return dc.endDialog({ outcome: 'support-options' });
  }

  private async finishFixed(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    await this.recordOutcome(dc, state, 'fixed');
    await this.engine.sendText(dc.context, fill(this.playbook.wrapUp, this.vars(state)), 'playbook.wrapUp', this.ref(state));
    await this.engine.say(dc.context, 'wrapUp.more');
    return dc.endDialog({ outcome: 'fixed' });
  }

  private async next(dc: DialogContext, state: PlaybookState, outcome: StepOutcome): Promise<DialogTurnResult> {
    await this.recordOutcome(dc, state, outcome);
    state.stepIndex++;
    return this.runFrom(dc, state);
  }

  private async setDevice(dc: DialogContext, state: PlaybookState, device: Device): Promise<void> {
    state.device = device.id;
    const profile = await this.engine.getProfile(dc.context);
    profile.device = device.id;
    const record = await this.engine.getRecord(dc.context);
    record.device = device.id;
  }

  // ---- InterruptibleDialog --------------------------------------------------------------

  protected choicesFor(state: PlaybookState): PromptChoice[] {
    const e = this.engine;
    switch (state.phase) {
      case 'device':
        return e.content.devices.filter((d) => d.ask).map((d) => ({ id: d.id, title: d.label, synonyms: [d.id] }));
      case 'question':
        return (this.step(state).question?.choices ?? []).map((c) => ({ id: c.id, title: c.title, synonyms: c.synonyms }));
      case 'fixed':
        return [
          e.choice(FIXED.yes, 'fixed.yes', ['synonyms.yes', 'synonyms.fixed']),
          e.choice(FIXED.no, 'fixed.no', ['synonyms.no', 'synonyms.notFixed']),
          e.choice(FIXED.agent, 'fixed.agent'),
        ];
      case 'statusPause': {
        const m = this.step(state).messages;
        return [
          { id: PAUSE.go, title: m.continueButton, synonyms: e.messages.list('synonyms.yes') },
          { id: PAUSE.stop, title: m.stopButton, synonyms: e.messages.list('synonyms.no') },
        ];
      }
      case 'switch':
        return [e.choice(SWITCH.yes, 'switch.yes', ['synonyms.yes']), e.choice(SWITCH.no, 'switch.no', ['synonyms.no'])];
    }
  }

  protected stepRef(state: PlaybookState): StepRef {
    return this.ref(state);
  }

  protected async reprompt(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    const e = this.engine;
    const choices = this.choicesFor(state);
    switch (state.phase) {
      case 'device':
        await e.ask(dc.context, 'device.question', choices, {}, this.ref(state));
        break;
      case 'question':
        await this.askQuestion(dc, state, this.step(state), false);
        break;
      case 'fixed':
        await e.ask(dc.context, 'fixed.question', choices, {}, this.ref(state));
        break;
      case 'statusPause':
        await e.sendPrompt(dc.context, fill(this.step(state).messages.pauseQuestion, this.vars(state)), choices, 'status.pauseQuestion', this.ref(state));
        break;
      case 'switch': {
        const target = state.switchTo ? e.content.playbooks[state.switchTo.playbookId] : undefined;
        await e.ask(dc.context, 'switch.offer', choices, { problem: target?.title ?? '' }, this.ref(state));
        break;
      }
    }
    return Dialog.EndOfTurn;
  }

  protected async onAnswer(dc: DialogContext, state: PlaybookState, choiceId: string): Promise<DialogTurnResult> {
    switch (state.phase) {
      case 'device': {
        const device = this.engine.device(choiceId);
        if (device) await this.setDevice(dc, state, device);
        return this.runFrom(dc, state);
      }
      case 'question': {
        const step = this.step(state);
        const choice = step.question?.choices.find((c) => c.id === choiceId);
        if (!choice) return this.reprompt(dc, state);
        if (choice.action === 'fixed') return this.finishFixed(dc, state);
        if (choice.action === 'skip') return this.next(dc, state, 'skipped');
        state.choiceId = choice.id;
        return (await this.showInstructions(dc, state, step, false)) ?? this.runFrom(dc, state);
      }
      case 'fixed':
        if (choiceId === FIXED.yes) return this.finishFixed(dc, state);
        if (choiceId === FIXED.agent) return this.onAgent(dc, state);
        return this.next(dc, state, 'not-fixed');
      case 'statusPause':
        if (choiceId === PAUSE.go) return this.next(dc, state, 'not-fixed');
        await this.engine.sendText(dc.context, fill(this.step(state).messages.stopped, this.vars(state)), 'status.stopped', this.ref(state));
        await this.recordOutcome(dc, state, 'user-left');
        return dc.endDialog({ outcome: 'stopped' });
      case 'switch': {
        const target = state.switchTo;
        if (choiceId === SWITCH.yes && target && this.engine.content.playbooks[target.playbookId]) {
          await this.recordOutcome(dc, state, 'user-left');
          const options: PlaybookOptions = { utterance: target.utterance, device: state.device, service: target.service };
          return dc.replaceDialog(playbookDialogId(target.playbookId), options);
        }
        state.phase = state.resumePhase ?? 'fixed';
        state.switchTo = undefined;
        state.resumePhase = undefined;
        await this.engine.say(dc.context, 'switch.declined', {}, this.ref(state));
        return this.reprompt(dc, state);
      }
    }
  }

  protected async onDevice(dc: DialogContext, state: PlaybookState, device: Device): Promise<DialogTurnResult | undefined> {
    if (state.phase === 'device') return this.onAnswer(dc, state, device.id);
    if (device.id === state.device || state.phase === 'switch') return undefined;
    await this.setDevice(dc, state, device);
    await this.engine.say(dc.context, 'device.changed', { device: device.label }, this.ref(state));
    if (state.phase === 'statusPause') return this.reprompt(dc, state);
    // Show the current step again, for the new device.
    return this.runFrom(dc, state);
  }

  protected async onAgent(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult> {
    if (state.phase !== 'device') await this.recordOutcome(dc, state, 'user-left');
    state.stepIndex = this.playbook.steps.length - 1;
    return this.runFrom(dc, state);
  }

  protected async onCancel(dc: DialogContext, state: PlaybookState): Promise<void> {
    if (state.phase !== 'device') await this.recordOutcome(dc, state, 'user-left');
  }

  protected async onOtherProblem(dc: DialogContext, state: PlaybookState, recognition: Recognition): Promise<DialogTurnResult | undefined> {
    const target = this.engine.playbookForIntent(recognition.intent);
    if (!target || target.id === this.playbook.id || this.handoffOnly) return undefined;
    if (state.phase !== 'switch') state.resumePhase = state.phase;
    state.phase = 'switch';
    state.switchTo = { playbookId: target.id, utterance: recognition.text, service: this.engine.serviceIn(recognition) };
    return this.reprompt(dc, state);
  }

  protected async onGoodbye(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult | undefined> {
    return state.phase === 'fixed' ? this.finishFixed(dc, state) : undefined;
  }

  /**
   * Content changed under a running conversation: carry on at the same step id when it still
   * exists, otherwise start this playbook again with a short note.
   */
  protected override async beforeTurn(dc: DialogContext, state: PlaybookState): Promise<DialogTurnResult | undefined> {
    if (state.version === this.playbook.contentVersion) return undefined;
    state.version = this.playbook.contentVersion;
    state.switchTo = undefined;
    const index = this.playbook.steps.indexOf(state.stepId);
    const step = this.engine.content.steps[state.stepId];
    if (index >= 0 && step) {
      state.stepIndex = index;
      const phase = state.phase === 'switch' ? (state.resumePhase ?? 'fixed') : state.phase;
      state.phase = phase;
      const stillValid =
        phase === 'device' ||
        (phase === 'question' && step.question !== undefined && (!state.choiceId || step.question.choices.some((c) => c.id === state.choiceId))) ||
        (phase === 'fixed' && step.kind === 'instruction') ||
        (phase === 'statusPause' && step.kind === 'status');
      this.engine.logger.info('playbook changed during conversation; continuing at the same step', { playbook: this.playbook.id, step: state.stepId, stillValid });
      return stillValid ? undefined : this.runFrom(dc, state);
    }
    this.engine.logger.info('playbook changed during conversation; restarting it', { playbook: this.playbook.id, step: state.stepId });
    await this.engine.say(dc.context, 'playbook.changed', { problem: this.playbook.title });
    state.stepIndex = 0;
    if (!state.device && !this.handoffOnly) {
      state.phase = 'device';
      return this.reprompt(dc, state);
    }
    return this.runFrom(dc, state);
  }
}

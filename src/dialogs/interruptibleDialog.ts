/**
 * The base of every dialog that waits for an answer: it understands the answer to its own prompt
 * (button value, number, title, phrase) and otherwise handles interruptions the same way
 * everywhere — help, cancel / start over, talk to a person, a device correction, a different
 * problem — in the spirit of core-bot's CancelAndHelpDialog. Subclasses say what their prompt
 * offers and what each answer does.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Device } from '../content/playbookSchema';
import type { Recognition } from '../nlu/recognizer';
import { matchChoice, type PromptChoice } from './answers';
import type { StepRef } from './cards';
import type { Engine } from './engine';

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
  /** The person said goodbye; return undefined when that means nothing here. */
  protected abstract onGoodbye(dc: DialogContext, state: S): Promise<DialogTurnResult | undefined>;
  /** Runs first on every turn (for example to notice changed content). */
  protected async beforeTurn(_dc: DialogContext, _state: S): Promise<DialogTurnResult | undefined> {
    return undefined;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as S;
    const early = await this.beforeTurn(dc, state);
    if (early) return early;

    const input = this.engine.input(dc.context);
    const choices = this.choicesFor(state);
    const exact = matchChoice(choices, input, 'exact');
    if (exact !== undefined) return this.onAnswer(dc, state, exact);

    const recognition = this.engine.recognize(dc.context);
    const device = this.engine.deviceIn(recognition);
    if (device) {
      const handled = await this.onDevice(dc, state, device);
      if (handled) return handled;
    }
    const handler = this.engine.handlerOf(recognition.intent);
    if (handler === 'help') {
      await this.engine.say(dc.context, 'help', {}, this.stepRef(state));
      return this.reprompt(dc, state);
    }
    if (handler === 'cancel') {
      await this.onCancel(dc, state);
      await this.engine.say(dc.context, 'cancel.done');
      return dc.cancelAllDialogs();
    }
    if (handler === 'agent') return this.onAgent(dc, state);

    const loose = matchChoice(choices, input, 'loose');
    if (loose !== undefined) return this.onAnswer(dc, state, loose);

    if (handler === 'playbook' && !recognition.ambiguous && recognition.confidence >= this.engine.switchConfidence) {
      const handled = await this.onOtherProblem(dc, state, recognition);
      if (handled) return handled;
    }
    if (handler === 'goodbye') {
      const handled = await this.onGoodbye(dc, state);
      if (handled) return handled;
    }
    await this.engine.say(dc.context, 'answer.notUnderstood', {}, this.stepRef(state));
    return this.reprompt(dc, state);
  }
}

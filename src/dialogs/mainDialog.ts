/**
 * MainDialog: the root of every conversation. It routes each new utterance by the handler kind of
 * its intent (from intents/<id>.yaml), never by intent name: playbook → that playbook; greeting,
 * help, goodbye → a short reply; cancel → ends cleanly; agent → the handoff step; none → "sorry",
 * and after two misses in a row the help menu and a person; ambiguous → "Did you mean …?".
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Recognition } from '../nlu/recognizer';
import { matchChoice, type PromptChoice } from './answers';
import type { Engine } from './engine';
import { playbookDialogId, type PlaybookOptions } from './playbookDialog';

export const MAIN_DIALOG_ID = 'resync.main';
/** Not-understood turns in a row before the help menu and a person are offered. */
export const MISSES_BEFORE_MENU = 2;
/** At most this many candidates in "Did you mean …?". */
export const DID_YOU_MEAN_MAX = 3;

/** Menu choice ids: `intent:<id>` starts that intent; these two are the engine's own. */
const AGENT_CHOICE = 'agent';
const SOMETHING_ELSE_CHOICE = 'something-else';
const INTENT_CHOICE_PREFIX = 'intent:';

interface MainState {
  /** Not-understood turns in a row. */
  misses: number;
  /** The menu offered last turn (did-you-mean or help menu), so a button, number or title picks from it. */
  menu?: PromptChoice[];
}

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

  /** A child (playbook) finished: wait for the next message. */
  override async resumeDialog(): Promise<DialogTurnResult> {
    return Dialog.EndOfTurn;
  }

  private async route(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as MainState;
    const e = this.engine;
    const context = dc.context;
    const input = e.input(context);
    if (!input.text.trim() && input.value === undefined) return Dialog.EndOfTurn;

    const menu = state.menu;
    state.menu = undefined;
    if (menu) {
      const picked = matchChoice(menu, input, 'exact') ?? matchChoice(menu, input, 'loose');
      if (picked !== undefined) return this.onMenuChoice(dc, state, picked);
    }

    const r = e.recognize(context);
    if (r.ambiguous) {
      const choices = this.candidates(r);
      if (choices.length > 0) {
        state.misses = 0;
        state.menu = [...choices, e.choice(SOMETHING_ELSE_CHOICE, 'choice.somethingElse')];
        await e.ask(context, 'didYouMean', state.menu);
        return Dialog.EndOfTurn;
      }
    }
    const handler = e.handlerOf(r.intent);
    if (handler !== 'none') state.misses = 0;
    switch (handler) {
      case 'playbook':
        return this.startIntent(dc, r.intent, r);
      case 'greeting':
      case 'help':
      case 'goodbye':
        await e.say(context, handler);
        return Dialog.EndOfTurn;
      case 'cancel':
        await e.say(context, 'cancel.done');
        return Dialog.EndOfTurn;
      case 'agent':
        return this.startHandoff(dc);
      default: {
        state.misses++;
        if (state.misses >= MISSES_BEFORE_MENU) {
          state.misses = 0;
          state.menu = this.helpMenu();
          await e.ask(context, 'notUnderstood.offer', state.menu);
        } else {
          await e.say(context, 'notUnderstood');
        }
        return Dialog.EndOfTurn;
      }
    }
  }

  private async onMenuChoice(dc: DialogContext, state: MainState, choiceId: string): Promise<DialogTurnResult> {
    state.misses = 0;
    if (choiceId === AGENT_CHOICE) return this.startHandoff(dc);
    if (choiceId.startsWith(INTENT_CHOICE_PREFIX)) {
      const intent = choiceId.slice(INTENT_CHOICE_PREFIX.length);
      const handler = this.engine.handlerOf(intent);
      if (handler === 'playbook') return this.startIntent(dc, intent, this.engine.recognize(dc.context));
      if (handler === 'agent') return this.startHandoff(dc);
      if (handler !== 'none') {
        await this.engine.say(dc.context, handler === 'cancel' ? 'cancel.done' : (handler as 'help' | 'greeting' | 'goodbye'));
        return Dialog.EndOfTurn;
      }
    }
    await this.engine.say(dc.context, 'didYouMean.somethingElse');
    return Dialog.EndOfTurn;
  }

  /** Did-you-mean candidates: problems (by playbook title) and "talk to a person". */
  private candidates(r: Recognition): PromptChoice[] {
    const seen = new Set<string>();
    const out: PromptChoice[] = [];
    for (const intent of [r.intent, ...r.alternatives.map((a) => a.intent)]) {
      if (out.length >= DID_YOU_MEAN_MAX || seen.has(intent)) continue;
      seen.add(intent);
      const handler = this.engine.handlerOf(intent);
      const playbook = this.engine.playbookForIntent(intent);
      if (handler === 'playbook' && playbook) out.push({ id: INTENT_CHOICE_PREFIX + intent, title: playbook.title, synonyms: [] });
      else if (handler === 'agent' && this.handoffDialogId && !out.some((c) => c.id === AGENT_CHOICE)) out.push(this.engine.choice(AGENT_CHOICE, 'choice.agent'));
    }
    return out;
  }

  /** Every problem we have a playbook for, then a person. */
  private helpMenu(): PromptChoice[] {
    const problems = Object.values(this.engine.content.playbooks)
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((p) => ({ id: INTENT_CHOICE_PREFIX + p.intent, title: p.title, synonyms: [] }));
    return this.handoffDialogId ? [...problems, this.engine.choice(AGENT_CHOICE, 'choice.agent')] : problems;
  }

  private async startIntent(dc: DialogContext, intent: string, r: Recognition): Promise<DialogTurnResult> {
    const playbook = this.engine.playbookForIntent(intent);
    if (!playbook) {
      await this.engine.say(dc.context, 'notUnderstood');
      return Dialog.EndOfTurn;
    }
    const options: PlaybookOptions = { utterance: r.text, device: this.engine.deviceIn(r)?.id, service: this.engine.serviceIn(r) };
    return dc.beginDialog(playbookDialogId(playbook.id), options);
  }

  private async startHandoff(dc: DialogContext): Promise<DialogTurnResult> {
    if (!this.handoffDialogId) {
      await this.engine.say(dc.context, 'help');
      return Dialog.EndOfTurn;
    }
    return dc.beginDialog(this.handoffDialogId, { startAtHandoff: true } satisfies PlaybookOptions);
  }
}

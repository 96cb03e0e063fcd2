/**
 * The bot: an ActivityHandler that runs the dialog engine on ConversationState and UserState
 * (both on the injected Storage), saves state at the end of every turn, welcomes people who join,
 * and recovers from turn errors. Nothing about a conversation is kept in this process.
 *
 * Every message the bot sends in a turn (the dialogs', the welcome, the error apology, the agent
 * hub's) is made fit for the channel in one place, a send hook (renderTextForChannel): plain text
 * where the channel does not render Markdown (cards.ts `textFor`).
 *
 * The person's message is redacted once, when the turn starts (privacy/turnRedaction.ts: kept on
 * the turn for whoever reads it next, the transcript logger included). When the redactor found a
 * password or a code in what the person typed, the bot says once per conversation, before its
 * answer, that it hid it and that nobody needs it (`privacy.secretHidden`), and each time after that
 * a short reminder (`privacy.secretHiddenAgain`); a card or bank account
 * number gets its own line, once too (`privacy.paymentHidden`: hidden, never type card details
 * here, billing questions go to a person); the flags live in conversation state (noticeOnce). That holds during a chat with a person from the support team
 * too: they only see the marker. A message clearly not in English gets, once per conversation and
 * also before the answer, a line that the bot only speaks English (`language.englishOnly`,
 * src/dialogs/languageNotice.ts; noticeOnce), but not while the person waits for or talks with a
 * person from the support team (liveChat.ts): their words go to that person, not to the bot, and
 * the line would interrupt. The flag stays unset then, so the line comes when the bot reads them again.
 */
import { ActivityHandler, ConversationState, InputHints, UserState, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { BotDeps, ResyncBotApp } from '../app/types';
import { redactActivityWithReport, type ActivityRedaction, type RedactionKind } from '../privacy/redact';
import { redactTurn } from '../privacy/turnRedaction';
import { resyncData, textActivity, textFor, type StepRef } from '../dialogs/cards';
import { Engine } from '../dialogs/engine';
import { activityLanguage } from '../dialogs/languageNotice';
import type { MessageKey, Vars } from '../dialogs/messages';
import { MainDialog, MAIN_DIALOG_ID } from '../dialogs/mainDialog';
import { PlaybookDialog } from '../dialogs/playbookDialog';
import type { TroubleshootingRecord, UserProfile } from '../dialogs/troubleshootingRecord';
import { liveChatCheck } from './liveChat';

/** Property names in conversation and user state (documented for tools that read the store). */
export const STATE_KEYS = {
  dialogs: 'dialogState',
  record: 'troubleshooting',
  profile: 'profile',
  /** True once the person was told that a password or code they typed was hidden. */
  privacyNotice: 'privacyNoticeGiven',
  /** True once the person was told that a card or bank account number they typed was hidden. */
  paymentNotice: 'paymentNoticeGiven',
  /** True once the person was told that the bot only speaks English (src/dialogs/languageNotice.ts). */
  languageNotice: 'languageNoticeGiven',
} as const;

/** What a person must never type here: finding one of these makes the bot say so (once). */
const NOTICE_KINDS: ReadonlySet<RedactionKind> = new Set<RedactionKind>(['password', 'code']);
/** Payment details: their own notice (once), which also says where billing questions go. */
const PAYMENT_KINDS: ReadonlySet<RedactionKind> = new Set<RedactionKind>(['card', 'iban']);

export interface CreateBotOptions {
  /** Picks among message variants (tests pass a fixed one). */
  random?: () => number;
  /** Mid-flow confidence needed to offer switching to another problem. */
  switchConfidence?: number;
}

/** The handoff-only flow's dialog id (talk to a person outside a playbook). */
export const HANDOFF_DIALOG_PREFIX = 'handoff:';

/**
 * The engine as this bot runs it: its plain messages go out as written and the send hook makes
 * them fit the channel, so no text is converted twice. (Questions are built for the channel when
 * they are made, buttons and cards included; the hook leaves them alone.)
 */
class BotEngine extends Engine {
  override async say(context: TurnContext, key: MessageKey, vars: Vars = {}, step?: StepRef): Promise<void> {
    await context.sendActivity(textActivity(this.messages.text(key, vars), resyncData(key, step)));
  }

  override async sendText(context: TurnContext, text: string, messageKey: string, step?: StepRef): Promise<void> {
    await context.sendActivity(textActivity(text, resyncData(messageKey, step)));
  }
}

/**
 * Makes the text of every message sent in this turn fit the channel (Markdown kept where it
 * renders, plain text elsewhere), once per activity. Questions (input hint `expectingInput`) were
 * built for the channel by promptActivity, buttons and card JSON included, and are left as they
 * are; so are attachments: only `text` is changed.
 */
export function renderTextForChannel(context: TurnContext): void {
  const channelId = context.activity.channelId;
  const done = new WeakSet<Partial<Activity>>();
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const activity of activities) {
      if (done.has(activity)) continue;
      done.add(activity);
      if (activity.type !== 'message' || typeof activity.text !== 'string' || activity.inputHint === InputHints.ExpectingInput) continue;
      activity.text = textFor(channelId, activity.text);
    }
    return next();
  });
}

/**
 * Did the redaction of a message take a password or a code out of what the person typed (the
 * text, or a card's input values)? The redactor's own counts per field, so this says exactly what
 * the stored copies lost there.
 */
export function secretHiddenIn(redaction: Pick<ActivityRedaction<unknown>, 'byField'>): boolean {
  return typedKindHidden(redaction, NOTICE_KINDS);
}

/** Like {@link secretHiddenIn}, for a card or bank account number (IBAN) the person typed. */
export function paymentHiddenIn(redaction: Pick<ActivityRedaction<unknown>, 'byField'>): boolean {
  return typedKindHidden(redaction, PAYMENT_KINDS);
}

function typedKindHidden(redaction: Pick<ActivityRedaction<unknown>, 'byField'>, kinds: ReadonlySet<RedactionKind>): boolean {
  return [redaction.byField.text, redaction.byField.value].some((counts) => counts?.some((r) => kinds.has(r.kind)) === true);
}

/** {@link secretHiddenIn} for an activity on its own (a message; anything else never is). */
export function typedSecretHidden(activity: Partial<Activity>): boolean {
  return activity.type === 'message' && secretHiddenIn(redactActivityWithReport(activity));
}

export function createBot(deps: BotDeps, options: CreateBotOptions = {}): ResyncBotApp {
  const conversationState = new ConversationState(deps.storage);
  const userState = new UserState(deps.storage);
  const dialogState = conversationState.createProperty<DialogState>(STATE_KEYS.dialogs);
  const record = conversationState.createProperty<TroubleshootingRecord>(STATE_KEYS.record);
  const profile = userState.createProperty<UserProfile>(STATE_KEYS.profile);
  const noticeGiven = conversationState.createProperty<boolean>(STATE_KEYS.privacyNotice);
  const paymentNoticeGiven = conversationState.createProperty<boolean>(STATE_KEYS.paymentNotice);
  const liveChat = liveChatCheck(deps.handoffGate);
  const languageNoticeGiven = conversationState.createProperty<boolean>(STATE_KEYS.languageNotice);

  const engine = new BotEngine({
    content: deps.content,
    recognizer: deps.recognizer,
    statusFeed: deps.statusFeed,
    clock: deps.clock,
    logger: deps.logger,
    statusPageUrl: deps.config.STATUS_PAGE_URL,
    // The feed has its own timeout; this guard only makes sure a turn never waits much longer.
    statusTimeoutMs: deps.config.STATUS_FEED_TIMEOUT_MS + 1000,
    record,
    profile,
    handoff: deps.handoff,
    switchConfidence: options.switchConfidence,
    random: options.random,
  });

  const dialogs = new DialogSet(dialogState);
  for (const playbook of Object.values(deps.content.playbooks)) dialogs.add(new PlaybookDialog(playbook, engine));
  const handoffStep = engine.handoffStep();
  let handoffDialogId: string | undefined;
  if (handoffStep) {
    const handoff = new PlaybookDialog(PlaybookDialog.handoffPlaybook(handoffStep), engine, true, HANDOFF_DIALOG_PREFIX + handoffStep.id);
    handoffDialogId = handoff.id;
    dialogs.add(handoff);
  }
  dialogs.add(new MainDialog(engine, handoffDialogId));

  const handler = new ActivityHandler();

  handler.onMessage(async (context, next) => {
    const dc = await dialogs.createContext(context);
    // A dialog on the stack that no longer exists (a playbook removed from content): start afresh.
    if (dc.stack.some((instance) => !dialogs.find(instance.id))) {
      deps.logger.info('dialog stack refers to dialogs that no longer exist; starting over', { stack: dc.stack.map((d) => d.id) });
      dc.stack.splice(0, dc.stack.length);
    }
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG_ID);
    await next();
  });

  handler.onMembersAdded(async (context, next) => {
    const botId = context.activity.recipient?.id;
    for (const member of context.activity.membersAdded ?? []) {
      if (member.id !== botId) {
        await context.sendActivity(textActivity(engine.messages.text('welcome'), resyncData('welcome')));
        break;
      }
    }
    await next();
  });

  /**
   * Before the answer (so the answer's buttons stay on the last message), at most once per
   * conversation (the flag in conversation state): says `key` when `applies` and `unless` (asked
   * last, it may read storage) does not hold.
   */
  const noticeOnce = async (context: TurnContext, applies: boolean, given: StatePropertyAccessor<boolean>, key: MessageKey, unless?: () => Promise<boolean>, again?: MessageKey) => {
    if (!applies) return;
    if (await given.get(context, false)) {
      // Typed again after the notice: one short line each time, so it is never taken in silence.
      if (again) await context.sendActivity(textActivity(engine.messages.text(again), resyncData(again)));
      return;
    }
    if (unless && (await unless())) return;
    await given.set(context, true);
    await context.sendActivity(textActivity(engine.messages.text(key), resyncData(key)));
  };

  const saveState = async (context: TurnContext) => {
    await conversationState.saveChanges(context);
    await userState.saveChanges(context);
  };

  return {
    run: async (context) => {
      renderTextForChannel(context);
      const message = context.activity.type === 'message';
      // "I hid the password or code you typed; never type them here", "I hid the card number; never
      // type card details here, a person answers billing questions" (both with a person from the
      // support team too), then "I only speak English" (not while the words go to a person).
      await noticeOnce(context, message && secretHiddenIn(redactTurn(context)), noticeGiven, 'privacy.secretHidden', undefined, 'privacy.secretHiddenAgain');
      await noticeOnce(context, message && paymentHiddenIn(redactTurn(context)), paymentNoticeGiven, 'privacy.paymentHidden');
      const withPerson = async () => (liveChat ? (await liveChat(context)) !== undefined : false);
      await noticeOnce(context, activityLanguage(engine.messages, context.activity) !== undefined, languageNoticeGiven, 'language.englishOnly', withPerson);
      // The handoff gate first: while a person is with (or waiting for) an agent, it owns the turn.
      if (deps.handoffGate) await deps.handoffGate.run(context, () => handler.run(context));
      else await handler.run(context);
      await saveState(context);
    },
    onTurnError: async (context, error) => {
      const conversationId = context.activity.conversation?.id;
      let stack: string[] = [];
      try {
        const state = await dialogState.get(context);
        stack = state?.dialogStack?.map((d) => d.id) ?? [];
      } catch {
        // state itself may be what failed
      }
      deps.logger.error('turn failed', { conversationId, dialogStack: stack, error });
      try {
        await context.sendActivity(textActivity(engine.messages.text('error.apology'), resyncData('error.apology')));
      } catch (sendError) {
        deps.logger.error('could not send the apology', { conversationId, error: sendError });
      }
      try {
        // Clear this conversation's dialogs so the next message starts cleanly.
        await dialogState.delete(context);
        await conversationState.saveChanges(context, true);
      } catch (resetError) {
        deps.logger.error('could not reset the dialog state', { conversationId, error: resetError });
      }
    },
  };
}

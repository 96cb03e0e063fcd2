/**
 * One terminal conversation with the bot, in-process: turns user input (text, a button number or
 * a button title) into activities, runs them through the InProcessAdapter and returns the replies.
 */
import { ActivityTypes, type Activity, type ChannelAccount, type ConversationAccount } from 'botbuilder';
import type { ResyncBotApp } from '../app/types';
import { renderActivity, type Button } from './activityText';
import { InProcessAdapter } from './inProcessAdapter';

export interface ChatSessionOptions {
  /** Default `webchat`, so the bot sends cards and suggested actions. */
  channelId?: string;
  conversationId?: string;
  now?: () => Date;
}

export interface TurnResult {
  /** What was sent to the bot (null when the input was answered locally, e.g. a link button). */
  sent: Partial<Activity> | null;
  /** The bot's replies, in order. */
  replies: Partial<Activity>[];
  /** A note for the person (e.g. the URL of a link button) instead of a turn. */
  note?: string;
}

export const CLI_CONVERSATION_ID = 'resync-cli-conversation';
const USER: ChannelAccount = { id: 'cli-user', name: 'You', role: 'user' };
const BOT: ChannelAccount = { id: 'resync-bot', name: 'Resync', role: 'bot' };

export class ChatSession {
  private readonly adapter: InProcessAdapter;
  private readonly conversation: ConversationAccount;
  private readonly channelId: string;
  private readonly now: () => Date;
  private collected: Partial<Activity>[] = [];
  private buttons: Button[] = [];
  private seq = 0;

  constructor(private readonly bot: ResyncBotApp, options: ChatSessionOptions = {}) {
    this.channelId = options.channelId ?? 'webchat';
    this.now = options.now ?? (() => new Date());
    this.conversation = { id: options.conversationId ?? CLI_CONVERSATION_ID, isGroup: false, conversationType: 'personal', name: 'resync chat' };
    this.adapter = new InProcessAdapter((a) => this.collected.push(a));
    this.adapter.onTurnError = (context, error) => bot.onTurnError(context, error);
  }

  /** The buttons of the last turn that can be answered, numbered from 1. */
  get currentButtons(): readonly Button[] {
    return this.buttons;
  }

  /** Starts the conversation the way a channel does (so the welcome shows). */
  async start(): Promise<TurnResult> {
    return this.run({ type: ActivityTypes.ConversationUpdate, membersAdded: [BOT, USER] });
  }

  /** Sends what the person typed: a button number or title answers that button, anything else is text. */
  async say(input: string): Promise<TurnResult> {
    const button = this.matchButton(input);
    if (button && !button.reply) return { sent: null, replies: [], note: button.url ? `open ${button.url}` : `"${button.title}" has nothing to send` };
    if (button?.reply) {
      const { text, value } = button.reply;
      return this.run({ type: ActivityTypes.Message, text, ...(value !== undefined ? { value } : {}) });
    }
    return this.run({ type: ActivityTypes.Message, text: input });
  }

  /** Sends an arbitrary activity (conversation fields are filled in). */
  async send(activity: Partial<Activity>): Promise<TurnResult> {
    return this.run(activity);
  }

  private matchButton(input: string): Button | undefined {
    const trimmed = input.trim();
    if (/^\d+$/.test(trimmed)) {
      const n = Number(trimmed);
      if (n >= 1 && n <= this.buttons.length) return this.buttons[n - 1];
    }
    const lower = trimmed.toLowerCase();
    return this.buttons.find((b) => b.title.trim().toLowerCase() === lower);
  }

  private async run(partial: Partial<Activity>): Promise<TurnResult> {
    this.seq++;
    const activity: Partial<Activity> = {
      id: `cli-${this.seq}`,
      channelId: this.channelId,
      serviceUrl: 'http://localhost/resync-cli',
      conversation: this.conversation,
      from: USER,
      recipient: BOT,
      timestamp: this.now(),
      localTimestamp: this.now(),
      locale: 'en-US',
      textFormat: partial.type === ActivityTypes.Message ? 'plain' : undefined,
      ...partial,
    };
    this.collected = [];
    await this.adapter.processActivity(activity, (context) => this.bot.run(context));
    const replies = this.collected;
    this.collected = [];
    // Buttons are numbered across this turn's replies; a turn without buttons clears them.
    const buttons: Button[] = [];
    for (const reply of replies) buttons.push(...renderActivity(reply, buttons.length + 1).buttons);
    this.buttons = buttons;
    return { sent: activity, replies };
  }
}

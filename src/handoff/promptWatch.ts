/**
 * What the bot says during a turn the hub lets through (HubService.botTurn): the question it ended
 * on, and a re-prompt of the open question held back so a frustration offer can take its place.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { ResyncChannelData } from '../dialogs/cards';
import { NOT_UNDERSTOOD_KEYS, type MessageKey } from '../dialogs/messages';

/**
 * What identifies a question the bot asked: its message key, step and choice ids (channelData.resync).
 * Undefined for an activity that asks nothing (not a prompt, or untagged).
 */
export function promptSignature(activity: Partial<Activity>): string | undefined {
  if (activity.type !== 'message' || activity.inputHint !== 'expectingInput') return undefined;
  const resync = (activity.channelData as { resync?: ResyncChannelData } | undefined)?.resync;
  if (!resync?.messageKey) return undefined;
  return [resync.messageKey, resync.step ?? '', (resync.choices ?? []).join(',')].join('|');
}

/**
 * Watches what the bot sends during one turn: the question it ended on, and (when `holdable` is
 * the open question's signature) holds back a last activity that only asks that question again,
 * with the "didn't catch that" lines right before it (NOT_UNDERSTOOD_KEYS), so the caller can
 * replace them all with its offer. What is held is sent ahead of anything sent after it.
 */
export class PromptWatch {
  /** Not sent (yet), in order: "didn't catch that" lines, maybe ending with the re-prompt. */
  private queue: Partial<Activity>[] = [];
  /** Signature of the question the turn ended on, when it ended on one. */
  openPrompt?: string;
  private lastMessage?: Partial<Activity>;
  private active = true;

  constructor(context: TurnContext, private readonly holdable: string | undefined) {
    context.onSendActivities(async (_ctx, activities, nextSend) => {
      if (!this.active) return nextSend();
      for (const a of activities) {
        if (a.type === 'message') this.lastMessage = a;
      }
      this.openPrompt = this.lastMessage ? promptSignature(this.lastMessage) : undefined;
      if (this.holdable === undefined || activities.length === 0) return nextSend();
      const all = [...this.queue.splice(0), ...activities];
      // Held: a re-prompt of the open question at the end and the misses just before it, or
      // misses at the end (a re-prompt may follow them).
      let from = all.length;
      if (promptSignature(all[from - 1]) === this.holdable) from--;
      while (from > 0 && this.isMiss(all[from - 1])) from--;
      this.queue = all.splice(from);
      activities.splice(0, activities.length, ...all);
      return activities.length > 0 ? nextSend() : [];
    });
  }

  /** The held re-prompt of the open question, when the turn ended on one. */
  get held(): Partial<Activity> | undefined {
    const last = this.queue[this.queue.length - 1];
    return last && promptSignature(last) === this.holdable ? last : undefined;
  }

  /**
   * True when the last message of the turn (held or sent) asks something: a prompt, or a text that
   * ends with a question mark ("Is there anything else that isn't syncing?" is said, not prompted).
   */
  get endedOnQuestion(): boolean {
    if (this.openPrompt !== undefined) return true;
    const text = this.lastMessage?.text;
    return typeof text === 'string' && text.trim().endsWith('?');
  }

  /** What was held, to send after all (no offer), in order. */
  release(): Partial<Activity>[] {
    return this.queue.splice(0);
  }

  private isMiss(activity: Partial<Activity>): boolean {
    if (activity.type !== 'message' || activity.inputHint === 'expectingInput') return false;
    const key = (activity.channelData as { resync?: ResyncChannelData } | undefined)?.resync?.messageKey;
    return key !== undefined && NOT_UNDERSTOOD_KEYS.includes(key as MessageKey);
  }

  stop(): void {
    this.active = false;
  }
}

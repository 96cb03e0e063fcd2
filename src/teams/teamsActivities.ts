/**
 * Reading Teams-shaped activities: which scope a conversation is (personal chat, group chat,
 * channel), whether the bot was @mentioned, the text without that mention, and the thread a
 * channel reply belongs to. Pure functions over the Bot Framework activity; no I/O.
 */
import type { Activity, ConversationAccount, Mention } from 'botbuilder';

export type TeamsScope = 'personal' | 'groupChat' | 'channel';

/** The Teams scope of a conversation; an unknown type with isGroup counts as a group chat. */
export function teamsScope(conversation: Partial<ConversationAccount> | undefined): TeamsScope {
  switch (conversation?.conversationType) {
    case 'personal':
      return 'personal';
    case 'channel':
      return 'channel';
    case 'groupChat':
      return 'groupChat';
    default:
      return conversation?.isGroup ? 'groupChat' : 'personal';
  }
}

function mentionsOf(activity: Partial<Activity>): Mention[] {
  return (activity.entities ?? []).filter((e): e is Mention => e.type === 'mention') as Mention[];
}

/** The mention entities that name the bot (the activity's recipient). */
export function botMentions(activity: Partial<Activity>): Mention[] {
  const botId = activity.recipient?.id;
  if (!botId) return [];
  return mentionsOf(activity).filter((m) => m.mentioned?.id === botId);
}

/** True when the bot is @mentioned. */
export function mentionsBot(activity: Partial<Activity>): boolean {
  return botMentions(activity).length > 0;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The text with every @mention of the bot removed (Teams puts `<at>Name</at>` into the text and a
 * mention entity beside it), non-breaking spaces made plain, and whitespace tidied.
 */
export function textWithoutBotMention(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  for (const m of botMentions(activity)) {
    const tag = m.text || (m.mentioned?.name ? `<at>${m.mentioned.name}</at>` : '');
    if (tag) text = text.replace(new RegExp(escapeRegExp(tag), 'g'), ' ');
  }
  return text
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** True for a card button press (Action.Submit): a message carrying a value. */
export function isCardSubmit(activity: Partial<Activity>): boolean {
  return activity.type === 'message' && activity.value !== undefined && activity.value !== null;
}

const THREAD_MARK = ';messageid=';

/** The id of a channel thread's root post, from `<channel>;messageid=<root>` or the post itself. */
export function threadRootId(activity: Partial<Activity>): string | undefined {
  const id = activity.conversation?.id ?? '';
  const at = id.indexOf(THREAD_MARK);
  if (at >= 0) return id.slice(at + THREAD_MARK.length) || undefined;
  return activity.id;
}

/**
 * The conversation id a channel reply must go to so it lands in the thread:
 * `<channel conversation id>;messageid=<root post id>`.
 */
export function threadConversationId(activity: Partial<Activity>): string | undefined {
  const id = activity.conversation?.id;
  if (!id) return undefined;
  if (id.includes(THREAD_MARK)) return id;
  const root = threadRootId(activity);
  return root ? `${id}${THREAD_MARK}${root}` : id;
}

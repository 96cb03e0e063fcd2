/**
 * The Microsoft Teams layer around the bot. Activities from other channels pass straight
 * through; on `msteams`:
 * - personal chat runs the whole flow;
 * - in channels and group chats the bot answers only when @mentioned (or when one of its own card
 *   buttons is pressed), with the mention removed before anything is recognised;
 * - channel replies go into the thread of the post (`<channel>;messageid=<root>`), and each
 *   thread is its own conversation (its own troubleshooting state);
 * - installing the app in a personal chat gets a short welcome; adding it to a team or group chat
 *   gets none, nor do people joining a team (conversationUpdate);
 * - outgoing step instructions are rendered as Adaptive Cards (see renderForTeams in cards.ts);
 * - a question card whose button was pressed (and understood) is replaced by its answered form:
 *   the question, the answer, no buttons.
 */
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import type { ResyncBotApp } from '../app/types';
import type { Content } from '../content/loadContent';
import { answeredCardActivity, answeredFromValue, renderForTeams, resyncData, textActivity, TEAMS_CHANNEL_ID, type ResyncChannelData } from '../dialogs/cards';
import { Messages, NOT_UNDERSTOOD_KEYS } from '../dialogs/messages';
import type { Logger } from '../logging/logger';
import { isCardSubmit, mentionsBot, teamsScope, textWithoutBotMention, threadConversationId, type TeamsScope } from './teamsActivities';

export interface TeamsLayerDeps {
  content: Content;
  logger: Logger;
}

/** What the layer did with an incoming Teams activity (logged at debug level; tests read it). */
export type TeamsDecision =
  | 'run'
  | 'ignored-no-mention'
  | 'welcomed'
  | 'mention-only'
  | 'ignored-install'
  | 'ignored-conversation-update';

/** Key in turnState where the layer leaves its decision for the turn. */
export const TEAMS_DECISION_KEY = Symbol('resync.teams.decision');

/**
 * Replies that mean the person's answer was not understood (the pressed card then keeps its
 * buttons): the misses at a question the dialogs define (NOT_UNDERSTOOD_KEYS, one list for every
 * reader), and the top-level "didn't understand", which is no miss at a question but leaves a
 * pressed card unanswered all the same.
 */
const NOT_ANSWERED_KEYS: ReadonlySet<string> = new Set<string>([...NOT_UNDERSTOOD_KEYS, 'notUnderstood']);

export function createTeamsAwareBot(bot: ResyncBotApp, deps: TeamsLayerDeps): ResyncBotApp {
  const messages = new Messages(deps.content.messages);

  const welcome = async (context: TurnContext) => {
    await context.sendActivity(textActivity(messages.text('welcome'), resyncData('welcome')));
  };

  const decide = async (context: TurnContext, scope: TeamsScope): Promise<TeamsDecision> => {
    const activity = context.activity;
    switch (activity.type) {
      case 'message': {
        if (scope === 'personal') return 'run';
        if (isCardSubmit(activity)) return 'run';
        if (!mentionsBot(activity)) return 'ignored-no-mention';
        activity.text = textWithoutBotMention(activity);
        if (!activity.text) {
          // "@Resync" on its own: say what it can do instead of staying silent.
          await welcome(context);
          return 'mention-only';
        }
        return 'run';
      }
      case 'installationUpdate': {
        const action = (activity as Activity & { action?: string }).action;
        if (action === 'add' && scope === 'personal') {
          await welcome(context);
          return 'welcomed';
        }
        return 'ignored-install';
      }
      case 'conversationUpdate':
        // Team member and channel events; the welcome comes with the personal installation.
        return 'ignored-conversation-update';
      default:
        return 'run';
    }
  };

  return {
    run: async (context) => {
      if (context.activity.channelId !== TEAMS_CHANNEL_ID) {
        await bot.run(context);
        return;
      }
      const activity = context.activity;
      const scope = teamsScope(activity.conversation);
      if (scope === 'channel' && activity.conversation) {
        // One conversation per thread: state and replies both follow the thread's id.
        const threadId = threadConversationId(activity);
        if (threadId) activity.conversation = { ...activity.conversation, id: threadId };
      }
      let understood = true;
      context.onSendActivities(async (_ctx, activities: Partial<Activity>[], next: () => Promise<ResourceResponse[]>) => {
        for (let i = 0; i < activities.length; i++) {
          const key = (activities[i].channelData as { resync?: ResyncChannelData } | undefined)?.resync?.messageKey;
          if (key && NOT_ANSWERED_KEYS.has(key)) understood = false;
          const rendered = renderForTeams(activities[i]);
          if (scope === 'channel' && activity.id && rendered.type === 'message' && !rendered.replyToId) rendered.replyToId = activity.id;
          activities[i] = rendered;
        }
        return next();
      });
      const decision = await decide(context, scope);
      context.turnState.set(TEAMS_DECISION_KEY, decision);
      deps.logger.debug('teams activity', { type: activity.type, scope, decision, conversationId: activity.conversation?.id });
      if (decision !== 'run') return;
      await bot.run(context);
      const answered = activity.type === 'message' && activity.replyToId ? answeredFromValue(activity.value) : undefined;
      if (answered && understood) {
        try {
          await context.updateActivity(answeredCardActivity(activity.replyToId!, answered.prompt, answered.answer));
        } catch (error) {
          // Cosmetic only: the conversation has already moved on.
          deps.logger.warn('teams: could not mark the pressed card as answered', { conversationId: activity.conversation?.id, error });
        }
      }
    },
    onTurnError: (context, error) => bot.onTurnError(context, error),
  };
}

/**
 * Whether the person's words go to a person from the support team this turn: the conversation is
 * queued for one or an agent has it (the agent hub's escalation state, `queued` or `active`). The
 * hub's gate then owns the turn (src/handoff/hubService.ts `run`): the text goes to the agent,
 * never to the recogniser.
 *
 * The bot reads it through the hub's public `get(conversationId)` (AgentHub, src/handoff/agentHub.ts)
 * on the gate it was given (BotDeps.handoffGate); a gate without it has no live chat to report.
 */
import type { TurnContext } from 'botbuilder';
import type { AgentHub, EscalationState } from '../handoff/agentHub';

/** `waiting`: queued for a person; `live`: a person from the support team has the conversation. */
export type LiveChat = 'waiting' | 'live';

const LIVE_STATES: Partial<Record<EscalationState, LiveChat>> = { queued: 'waiting', active: 'live' };

export type LiveChatCheck = (context: TurnContext) => Promise<LiveChat | undefined>;

function readsEscalations(gate: unknown): gate is Pick<AgentHub, 'get'> {
  return gate !== null && typeof gate === 'object' && typeof (gate as { get?: unknown }).get === 'function';
}

/** How the bot asks the gate about a conversation; undefined when the gate cannot say (or there is none). */
export function liveChatCheck(gate: unknown): LiveChatCheck | undefined {
  if (!readsEscalations(gate)) return undefined;
  return async (context) => {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return undefined;
    const escalation = await gate.get(conversationId);
    return escalation ? LIVE_STATES[escalation.state] : undefined;
  };
}

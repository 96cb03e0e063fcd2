import type { TurnContext } from 'botbuilder';
import type { TroubleshootingRecord } from './troubleshootingRecord';

/**
 * A live hand-over to a person (a later feature). When one is configured the handoff step asks it
 * first; when none is, or it cannot connect, the step gives the support options from its content.
 */
export interface HandoffService {
  /** Tries to connect the person to an agent; `connected` means the service now owns the conversation. */
  requestHandoff(context: TurnContext, record: TroubleshootingRecord): Promise<'connected' | 'unavailable'>;
}

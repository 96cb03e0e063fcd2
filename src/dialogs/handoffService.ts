import type { TurnContext } from 'botbuilder';
import type { StepRef } from './cards';
import type { TroubleshootingRecord } from './troubleshootingRecord';

/**
 * A live hand-over to a person (a later feature). When one is configured the handoff step asks it
 * first; when none is, or it cannot connect, the step gives the support options from its content.
 */
export interface HandoffService {
  /**
   * Tries to connect the person to an agent; `connected` means the service now owns the conversation.
   * `step` is the playbook step asking (its messages carry it in `channelData.resync.step`).
   */
  requestHandoff(context: TurnContext, record: TroubleshootingRecord, step?: StepRef): Promise<'connected' | 'unavailable'>;
}

import type { AgentHubDeps, ResyncAgentHub } from './agentHub';
/** Placeholder: the implementation is being written. */
export class HubService {
  constructor(readonly deps: AgentHubDeps) {
    throw new Error('HubService: not implemented yet');
  }
}
export interface HubService extends ResyncAgentHub {}

import type { Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { Clock } from '../clock';
import type { AgentHub, ProactiveMessenger } from '../handoff/agentHub';
import type { Logger } from '../logging/logger';
import { AdapterMessenger, type ProactiveAdapter } from './adapterMessenger';
import { registerAgentRoutes, type AgentConsoleConfig, type AgentRouteDeps } from './agentRoutes';

export interface AgentConsoleRuntime {
  config: AgentConsoleConfig & { MicrosoftAppId?: string };
  hub: AgentHub;
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /** The hub's messenger: an AdapterMessenger gets the server's adapter attached here. */
  messenger?: ProactiveMessenger;
}

/**
 * The agent console as a `createServer` mount: attaches the server's adapter to the hub's
 * AdapterMessenger (proactive messages to people) and registers /agent and /api/agent/*.
 *
 *   createServer(runtime, { mount: [mountAgentConsole(runtime)] })
 */
export function mountAgentConsole(
  runtime: AgentConsoleRuntime,
  options: Omit<AgentRouteDeps, 'config' | 'hub' | 'storage' | 'clock' | 'logger'> = {},
): (server: Server, adapter: ProactiveAdapter) => void {
  return (server, adapter) => {
    if (runtime.messenger instanceof AdapterMessenger) runtime.messenger.attach(adapter, runtime.config.MicrosoftAppId);
    registerAgentRoutes(server, {
      config: runtime.config,
      hub: runtime.hub,
      storage: runtime.storage,
      clock: runtime.clock,
      logger: runtime.logger.child({ component: 'agent-console' }),
      ...options,
    });
  };
}

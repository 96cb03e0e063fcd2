import { isPasswordHash } from './passwordHash';

/**
 * Agent accounts come from configuration: `AGENT_ACCOUNTS=id:Display Name:scrypt$salt$hash,...`
 * (hashes from `resync agent-password`). Nothing about accounts is stored anywhere else.
 */
export interface AgentAccount {
  /** Sign-in name: letters, digits, dot, dash, underscore (compared case-insensitively). */
  id: string;
  name: string;
  passwordHash: string;
}

const ACCOUNT_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

export interface AccountsParse {
  accounts: AgentAccount[];
  /** One line per bad entry; never repeats a hash. */
  problems: string[];
}

/** Parses AGENT_ACCOUNTS; an empty or missing value means no agents are configured. */
export function parseAgentAccounts(value: string | undefined): AccountsParse {
  const accounts: AgentAccount[] = [];
  const problems: string[] = [];
  if (!value || value.trim() === '') return { accounts, problems };
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    const first = entry.indexOf(':');
    const last = entry.lastIndexOf(':');
    if (first < 0 || last === first) {
      problems.push(`${where}: must be id:Display Name:scrypt$salt$hash`);
      return;
    }
    const id = entry.slice(0, first).trim().toLowerCase();
    const name = entry.slice(first + 1, last).trim();
    const passwordHash = entry.slice(last + 1).trim();
    if (!ACCOUNT_ID.test(id)) problems.push(`${where}: the id must be letters, digits, ".", "-" or "_" (at most 64)`);
    else if (accounts.some((a) => a.id === id)) problems.push(`${where}: the id "${id}" is used twice`);
    if (name === '' || name.length > 80) problems.push(`${where}: the display name must be 1 to 80 characters`);
    if (!isPasswordHash(passwordHash)) problems.push(`${where}: the password must be a hash from "resync agent-password" (scrypt$salt$hash)`);
    if (problems.length === 0 || !problems.some((p) => p.startsWith(`${where}:`))) accounts.push({ id, name, passwordHash });
  });
  return { accounts, problems };
}

export function findAccount(accounts: readonly AgentAccount[], id: string): AgentAccount | undefined {
  const wanted = id.trim().toLowerCase();
  return accounts.find((a) => a.id === wanted);
}

import { findAccount, parseAgentAccounts } from '../../src/agent/agentAccounts';
import { hashPassword } from '../../src/agent/passwordHash';
import { ConfigError, parseConfig } from '../../src/config/config';

describe('AGENT_ACCOUNTS', () => {
  let hash: string;
  beforeAll(async () => {
    hash = await hashPassword('a-long-password');
  });

  test('parses id:Display Name:hash entries; ids are lower-cased and found case-insensitively', () => {
    const { accounts, problems } = parseAgentAccounts(` Alice:Alice Smith:${hash} , bob.j:Bob J.:${hash}`);
    expect(problems).toEqual([]);
    expect(accounts.map((a) => [a.id, a.name])).toEqual([
      ['alice', 'Alice Smith'],
      ['bob.j', 'Bob J.'],
    ]);
    expect(findAccount(accounts, 'ALICE')?.name).toBe('Alice Smith');
    expect(findAccount(accounts, 'carol')).toBeUndefined();
  });

  test('empty means no agents', () => {
    expect(parseAgentAccounts(undefined)).toEqual({ accounts: [], problems: [] });
    expect(parseAgentAccounts('  ')).toEqual({ accounts: [], problems: [] });
  });

  test('each bad entry is named by position', () => {
    const { accounts, problems } = parseAgentAccounts(`alice:Alice:plaintext,bob:${hash},carol:Carol:${hash},carol:Again:${hash},bad id!:X:${hash}`);
    expect(accounts.map((a) => a.id)).toEqual(['carol']);
    expect(problems).toEqual([
      expect.stringMatching(/^entry 1: the password must be a hash/),
      expect.stringMatching(/^entry 2: must be id:Display Name/),
      expect.stringMatching(/^entry 4: the id "carol" is used twice/),
      expect.stringMatching(/^entry 5: the id must be/),
    ]);
  });

  test('parseConfig reports bad entries without echoing the value (it holds hashes)', () => {
    let error: unknown;
    try {
      parseConfig({ AGENT_ACCOUNTS: `alice:Alice:${hash.slice(0, 30)}` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AGENT_ACCOUNTS\.entry 1: the password must be a hash/);
    expect(problems[0]).not.toContain(hash.slice(0, 30));
  });

  test('defaults and ranges of the other agent keys', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ AGENT_SESSION_HOURS: 8, AGENT_LOGIN_ATTEMPTS: 5, AGENT_LOGIN_WINDOW_MINUTES: 15 });
    expect(config.AGENT_ACCOUNTS).toBeUndefined();
    expect(() => parseConfig({ AGENT_SESSION_HOURS: '0' })).toThrow(/AGENT_SESSION_HOURS: must be at least 0.1/);
    expect(() => parseConfig({ AGENT_LOGIN_ATTEMPTS: 'many' })).toThrow(/AGENT_LOGIN_ATTEMPTS: must be a number/);
  });
});

import { createHash } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Clock } from '../clock';
import { updateItem } from './storageUpdate';

/**
 * Failed agent sign-ins in a sliding window, kept in Storage (so every instance sees them and a
 * restart does not reset them), counted three ways:
 *
 *   agent/login-failures/pair/<sha256(account, ip)>   this account from this address: maxFailures
 *   agent/login-failures/account/<sha256(account)>    this account from anywhere: maxFailures × WIDE_FACTOR
 *   agent/login-failures/ip/<sha256(ip)>              any account from this address: maxFailures × WIDE_FACTOR
 *
 * When a counter reaches its limit, sign-in is refused (HTTP 429) without checking the password,
 * until enough failures age out. So one person's typos lock only their own account on their own
 * address: colleagues behind the same NAT still sign in, and an outsider needs many more tries to
 * lock a named agent out everywhere, while guessing stays slow.
 */
export interface LoginRateLimiterOptions {
  storage: Storage;
  clock: Clock;
  maxFailures: number;
  windowMs: number;
}

export type LoginAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface FailureRecord {
  failures: number[];
}

function hashed(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The account-wide and address-wide limits are this many times the per-pair one. */
const WIDE_FACTOR = 4;

export class LoginRateLimiter {
  constructor(private readonly options: LoginRateLimiterOptions) {}

  /** The three counters and the limit of each. */
  private counters(account: string, ip: string): { key: string; limit: number }[] {
    const name = account.trim().toLowerCase();
    const wide = this.options.maxFailures * WIDE_FACTOR;
    return [
      { key: `agent/login-failures/pair/${hashed(`${name}\u0000${ip}`)}`, limit: this.options.maxFailures },
      { key: `agent/login-failures/account/${hashed(name)}`, limit: wide },
      { key: `agent/login-failures/ip/${hashed(ip)}`, limit: wide },
    ];
  }

  private recent(record: FailureRecord | undefined, now: number): number[] {
    return (record?.failures ?? []).filter((t) => now - t < this.options.windowMs).sort((a, b) => a - b);
  }

  /** Whether a sign-in for this account from this address may be tried now. */
  async check(account: string, ip: string): Promise<LoginAllowance> {
    const now = this.options.clock.now().getTime();
    const counters = this.counters(account, ip);
    const items = await this.options.storage.read(counters.map((c) => c.key));
    let retryAt = 0;
    for (const { key, limit } of counters) {
      const failures = this.recent(items[key] as FailureRecord | undefined, now);
      if (failures.length >= limit) {
        // Allowed again once enough failures have left the window to drop below the limit.
        const freeing = failures[failures.length - limit] as number;
        retryAt = Math.max(retryAt, freeing + this.options.windowMs);
      }
    }
    if (retryAt === 0) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now) / 1000)) };
  }

  async recordFailure(account: string, ip: string): Promise<void> {
    const now = this.options.clock.now().getTime();
    for (const { key, limit } of this.counters(account, ip)) {
      await updateItem<FailureRecord>(this.options.storage, key, (current) => ({
        // Keep at most a window's worth; older entries never matter again.
        failures: [...this.recent(current, now), now].slice(-Math.max(limit * 4, 20)),
      }));
    }
  }

  /** A successful sign-in clears this account's counters on this address (the address's own stays). */
  async recordSuccess(account: string, ip: string): Promise<void> {
    const [pair, accountWide] = this.counters(account, ip);
    await this.options.storage.delete([pair!.key, accountWide!.key]);
  }
}

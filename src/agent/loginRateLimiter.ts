import { createHash } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Clock } from '../clock';
import { updateItem } from './storageUpdate';

/**
 * Failed agent sign-ins, counted per account name and per client address in a sliding window,
 * kept in Storage (so every instance sees them and a restart does not reset them):
 *
 *   agent/login-failures/<account|ip>/<sha256(value)>   { failures: [ms since epoch, ...] }
 *
 * When either counter reaches the limit, sign-in is refused (HTTP 429) without checking the
 * password, until the oldest failure in the window ages out.
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

export class LoginRateLimiter {
  constructor(private readonly options: LoginRateLimiterOptions) {}

  private keys(account: string, ip: string): string[] {
    return [`agent/login-failures/account/${hashed(account.trim().toLowerCase())}`, `agent/login-failures/ip/${hashed(ip)}`];
  }

  private recent(record: FailureRecord | undefined, now: number): number[] {
    return (record?.failures ?? []).filter((t) => now - t < this.options.windowMs).sort((a, b) => a - b);
  }

  /** Whether a sign-in for this account from this address may be tried now. */
  async check(account: string, ip: string): Promise<LoginAllowance> {
    const now = this.options.clock.now().getTime();
    const keys = this.keys(account, ip);
    const items = await this.options.storage.read(keys);
    let retryAt = 0;
    for (const key of keys) {
      const failures = this.recent(items[key] as FailureRecord | undefined, now);
      if (failures.length >= this.options.maxFailures) {
        // Allowed again once enough failures have left the window to drop below the limit.
        const freeing = failures[failures.length - this.options.maxFailures] as number;
        retryAt = Math.max(retryAt, freeing + this.options.windowMs);
      }
    }
    if (retryAt === 0) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now) / 1000)) };
  }

  async recordFailure(account: string, ip: string): Promise<void> {
    const now = this.options.clock.now().getTime();
    for (const key of this.keys(account, ip)) {
      await updateItem<FailureRecord>(this.options.storage, key, (current) => ({
        // Keep at most a window's worth; older entries never matter again.
        failures: [...this.recent(current, now), now].slice(-Math.max(this.options.maxFailures * 4, 20)),
      }));
    }
  }

  /** A successful sign-in clears the account's counter (the address's stays). */
  async recordSuccess(account: string): Promise<void> {
    const [accountKey] = this.keys(account, '');
    await this.options.storage.delete([accountKey as string]);
  }
}

// PLACEHOLDER until the status feed client lands (issue 4 point 7).
import type { Clock } from '../clock';
import type { StatusFeed, StatusReport } from './statusFeed';

export interface AppleStatusFeedOptions {
  url: string;
  timeoutMs: number;
  cacheSeconds: number;
  clock: Clock;
}

export class AppleStatusFeed implements StatusFeed {
  constructor(private readonly options: AppleStatusFeedOptions) {}
  async getStatus(): Promise<StatusReport> {
    return { ok: false, reason: 'unreachable', detail: `not implemented (${this.options.url})` };
  }
}

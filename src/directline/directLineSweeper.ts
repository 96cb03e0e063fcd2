import type { Logger } from '../logging/logger';
import type { DirectLineStore, SweepReport } from './directLineStore';

export interface DirectLineSweeperOptions {
  store: Pick<DirectLineStore, 'sweep'>;
  logger: Logger;
  /** Time between sweeps (default 10 minutes). */
  intervalMs?: number;
}

/**
 * Runs `DirectLineStore.sweep()` on an unref'd timer (it never keeps the process alive), one sweep
 * at a time per process. A failing sweep is logged and tried again at the next tick. Tests call
 * `runOnce()` directly.
 */
export class DirectLineSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<SweepReport | undefined>;
  readonly intervalMs: number;

  constructor(private readonly options: DirectLineSweeperOptions) {
    this.intervalMs = options.intervalMs ?? 600_000;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  get started(): boolean {
    return this.timer !== undefined;
  }

  /** One sweep (or the one already running). Resolves with its report, undefined when it failed. */
  runOnce(): Promise<SweepReport | undefined> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweep(): Promise<SweepReport | undefined> {
    try {
      const report = await this.options.store.sweep();
      const removed = report.conversations + report.tokens + report.windows;
      if (removed > 0 || report.refiled > 0) this.options.logger.info('directline: swept expired data', { ...report });
      return report;
    } catch (error) {
      this.options.logger.warn('directline: sweep failed', { error: (error as Error)?.message ?? String(error) });
      return undefined;
    }
  }
}

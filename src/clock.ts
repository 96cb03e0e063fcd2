/** The clock is injected so tests are deterministic. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: fixed until advanced. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-01-01T12:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

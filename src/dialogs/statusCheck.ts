/**
 * Asking the status feed about one service, with a guard so a turn never hangs on it.
 */
import type { StatusEvent, StatusFeed, StatusReport } from '../status/statusFeed';

export interface RelevantEvent {
  serviceName: string;
  event: StatusEvent;
}

/** The feed's report, or a failure report if it throws or takes longer than `timeoutMs`. */
export async function fetchStatus(feed: StatusFeed, timeoutMs: number): Promise<StatusReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<StatusReport>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    const report = await Promise.race([
      feed.getStatus().catch((error: unknown): StatusReport => ({ ok: false, reason: 'unreachable', detail: String((error as Error)?.message ?? error) })),
      timeout,
    ]);
    if (report.ok && !Array.isArray(report.services)) return { ok: false, reason: 'malformed', detail: 'services is not a list' };
    return report;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Events that matter for the given status-feed names (case-insensitive): every event that is not
 * resolved and not merely scheduled for later, in the order of `names` (then the feed's order).
 */
export function relevantEvents(report: StatusReport & { ok: true }, names: readonly string[]): RelevantEvent[] {
  const wanted = names.map((n) => n.trim().toLowerCase());
  const out: { rank: number; item: RelevantEvent }[] = [];
  for (const service of report.services) {
    if (!service || typeof service.serviceName !== 'string') continue;
    const rank = wanted.indexOf(service.serviceName.trim().toLowerCase());
    if (rank < 0) continue;
    for (const event of service.activeEvents ?? []) {
      const status = String(event.eventStatus ?? '').toLowerCase();
      if (status === 'resolved' || status === 'upcoming') continue;
      out.push({ rank, item: { serviceName: service.serviceName, event } });
    }
  }
  return out.sort((a, b) => a.rank - b.rank).map((x) => x.item);
}

/**
 * When an event started, always with its time zone: "14:05 UTC" when it started today (UTC),
 * "2026-01-01 14:05 UTC" otherwise; undefined without a valid start (say it without a time then).
 */
export function formatSince(start: Date | null, now: Date): string | undefined {
  if (!start || Number.isNaN(start.getTime())) return undefined;
  const iso = start.toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? time : `${iso.slice(0, 10)} ${time}`;
}

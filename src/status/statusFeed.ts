/**
 * Apple's system status, behind an interface so tests use a local fake feed.
 */
export interface StatusEvent {
  statusType: string;        // e.g. "Outage", "Issue", "Maintenance"
  eventStatus: string;       // e.g. "ongoing", "resolved", "upcoming"
  usersAffected: string;     // free text from Apple
  start: Date | null;
  message: string;
}

export interface ServiceStatus {
  serviceName: string;
  /** Events that are not resolved. */
  activeEvents: StatusEvent[];
}

export type StatusReport =
  | { ok: true; fetchedAt: Date; services: ServiceStatus[] }
  | { ok: false; reason: 'timeout' | 'unreachable' | 'malformed' | 'http-error'; detail: string };

export interface StatusFeed {
  /** Never throws and never takes much longer than the configured timeout. */
  getStatus(): Promise<StatusReport>;
}

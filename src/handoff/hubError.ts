/** Why an agent action was refused. */
export type HubErrorCode = 'not-found' | 'not-yours' | 'not-active' | 'empty';

/** Thrown by the hub's agent actions; the console maps `code` to an HTTP status. */
export class HubError extends Error {
  constructor(
    readonly code: HubErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

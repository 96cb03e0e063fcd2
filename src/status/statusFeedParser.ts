/**
 * Parsing of Apple's system status document. Apple serves it either as plain JSON or wrapped in a
 * JavaScript callback (`jsonCallback({...});`); both are accepted. Extra fields are ignored and
 * missing optional ones get defaults, so small changes on Apple's side do not break the bot.
 */
import { z } from 'zod';
import type { ServiceStatus, StatusEvent } from './statusFeed';

/** Event states that mean the event is over. */
const FINISHED_STATES = new Set(['resolved', 'completed']);

const eventSchema = z
  .object({
    statusType: z.string().default(''),
    eventStatus: z.string().default(''),
    usersAffected: z.string().nullish().transform((v) => v ?? ''),
    epochStartDate: z.number().nullish().transform((v) => v ?? null),
    message: z.string().nullish().transform((v) => v ?? ''),
  })
  .passthrough();

const serviceSchema = z
  .object({
    serviceName: z.string().min(1),
    events: z.array(eventSchema).nullish().transform((v) => v ?? []),
  })
  .passthrough();

export const statusDocumentSchema = z.object({ services: z.array(serviceSchema) }).passthrough();

export class MalformedStatusError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'MalformedStatusError';
  }
}

/**
 * Returns the text of the outermost JSON object in `body`: from the first `{` to its matching `}`,
 * skipping braces inside strings (with escapes). Throws MalformedStatusError when there is none or
 * it is not closed.
 */
export function extractOutermostObject(body: string): string {
  const start = body.indexOf('{');
  if (start < 0) throw new MalformedStatusError('no JSON object in the body');
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < body.length; i++) {
    const ch = body[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return body.slice(start, i + 1);
    }
  }
  throw new MalformedStatusError('the JSON object is not closed (truncated body?)');
}

function toEvent(e: z.infer<typeof eventSchema>): StatusEvent {
  return {
    statusType: e.statusType,
    eventStatus: e.eventStatus,
    usersAffected: e.usersAffected,
    start: e.epochStartDate === null ? null : new Date(e.epochStartDate),
    message: e.message,
  };
}

/** Whether an event is still going on (or announced): anything not resolved or completed. */
export function isActiveEvent(eventStatus: string): boolean {
  return !FINISHED_STATES.has(eventStatus.trim().toLowerCase());
}

/** Parses a status document body into services with their active events. Throws MalformedStatusError. */
export function parseStatusBody(body: string): ServiceStatus[] {
  const text = extractOutermostObject(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new MalformedStatusError(`invalid JSON: ${(err as Error).message}`);
  }
  const result = statusDocumentSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new MalformedStatusError(`unexpected shape at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data.services.map((s) => ({
    serviceName: s.serviceName,
    activeEvents: s.events.filter((e) => isActiveEvent(e.eventStatus)).map(toEvent),
  }));
}

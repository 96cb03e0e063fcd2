import type { IncomingMessage, ServerResponse } from 'node:http';

/** One megabyte: the largest request body the service reads. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** An HTTP failure the handler reports as `{ error: { code, message } }` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
}

/**
 * Reads and parses a JSON request body of at most `maxBytes`. An empty body is `undefined`.
 * Throws HttpError 413 (too large), 415 (not JSON) or 400 (malformed).
 */
export async function readJsonBody(req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume(); // drain what the client still sends; the response goes out right away
    throw new HttpError(413, 'PayloadTooLarge', `Request body exceeds ${maxBytes} bytes.`, { Connection: 'close' });
  }
  const type = String(req.headers['content-type'] ?? '');
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) tooLarge = true; // keep draining so the client can read our answer
    else chunks.push(chunk);
  }
  if (tooLarge) throw new HttpError(413, 'PayloadTooLarge', `Request body exceeds ${maxBytes} bytes.`, { Connection: 'close' });
  if (size === 0) return undefined;
  if (type && !/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new HttpError(415, 'UnsupportedMediaType', 'Request body must be JSON (Content-Type: application/json).');
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'MalformedJson', `Request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** The bearer token of a request, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

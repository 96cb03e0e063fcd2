import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging/logger';
import { HttpError } from '../server/httpJson';

export interface AzureDirectLineTokenOptions {
  /** The Direct Line channel secret. Never sent to the browser, never logged. */
  secret: string;
  /** e.g. https://directline.botframework.com */
  endpoint: string;
  logger: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Exchanges the Direct Line secret for a short-lived conversation token with Azure's Direct Line
 * (`POST <endpoint>/v3/directline/tokens/generate`). Only the token leaves this function.
 */
export async function generateAzureDirectLineToken(options: AzureDirectLineTokenOptions): Promise<{ token: string }> {
  const fetchImpl = options.fetch ?? fetch;
  const url = `${options.endpoint.replace(/\/+$/, '')}/v3/directline/tokens/generate`;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${options.secret}`, 'Content-Type': 'application/json' },
      // Direct Line binds the token to this user id; the "dl_" prefix is what Azure expects.
      body: JSON.stringify({ user: { id: `dl_${randomBytes(12).toString('hex')}` } }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? 'timeout' : (error as Error).message;
    options.logger.warn('directline token: Direct Line unreachable', { endpoint: options.endpoint, reason });
    throw new HttpError(502, 'DirectLineUnavailable', 'Could not get a Direct Line token.');
  }
  const body = (await response.json().catch(() => undefined)) as { token?: unknown } | undefined;
  if (!response.ok || typeof body?.token !== 'string' || body.token === '') {
    options.logger.warn('directline token: Direct Line refused', { endpoint: options.endpoint, status: response.status });
    throw new HttpError(502, 'DirectLineUnavailable', 'Could not get a Direct Line token.');
  }
  return { token: body.token };
}

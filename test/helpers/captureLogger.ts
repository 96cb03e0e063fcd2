import { createLogger, type Logger } from '../../src/logging/logger';

export interface CapturedLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** A debug-level logger that keeps every line as parsed JSON, for asserting what was logged. */
export function captureLogger(): { logger: Logger; lines: CapturedLine[]; text: () => string } {
  const lines: CapturedLine[] = [];
  const logger = createLogger({ level: 'debug', format: 'json', write: (line) => lines.push(JSON.parse(line) as CapturedLine) });
  return { logger, lines, text: () => lines.map((l) => JSON.stringify(l)).join('\n') };
}

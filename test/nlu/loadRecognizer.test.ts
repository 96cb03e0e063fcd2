import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentError } from '../../src/content/problems';
import { createLogger, type Logger } from '../../src/logging/logger';
import { loadRecognizer, loadRecognizerWithInfo, modelHash } from '../../src/nlu';

const REAL_INTENTS = path.join(__dirname, '..', '..', 'intents');

function captureLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { logger: createLogger({ level: 'debug', format: 'json', write: (l) => lines.push(JSON.parse(l)) }), lines };
}

describe('loadRecognizer', () => {
  let dir: string;
  let intentsDir: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'resync-nlu-'));
    intentsDir = path.join(dir, 'intents');
    cacheDir = path.join(dir, 'cache');
    cpSync(REAL_INTENTS, intentsDir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('trains, writes the cache, then reads the cache on the next start', async () => {
    const first = captureLogger();
    const trained = await loadRecognizerWithInfo({ intentsDir, cacheDir, logger: first.logger });
    expect(trained.source).toBe('trained');
    expect(readdirSync(cacheDir)).toEqual([`nlu-model-${trained.hash}.json`]);
    const ready = first.lines.find((l) => l.msg === 'nlu recogniser ready');
    expect(ready).toMatchObject({ source: 'trained', ms: expect.any(Number), hash: trained.hash });

    const second = captureLogger();
    const cached = await loadRecognizerWithInfo({ intentsDir, cacheDir, logger: second.logger });
    expect(cached.source).toBe('cache');
    expect(cached.hash).toBe(trained.hash);
    expect(second.lines.find((l) => l.msg === 'nlu recogniser ready')).toMatchObject({ source: 'cache' });

    for (const text of ['my photos are not syncing to my mac', 'hello', 'what is the weather', 'my icloud storage is full']) {
      expect(cached.recognizer.recognize(text)).toEqual(trained.recognizer.recognize(text));
    }
  });

  it('retrains when the data changes, and drops the old model', async () => {
    const before = await loadRecognizerWithInfo({ intentsDir, cacheDir });
    appendFileSync(path.join(intentsDir, 'greeting.yaml'), '  - good evening to you, bot\n');
    expect(modelHash(intentsDir)).not.toBe(before.hash);
    const after = await loadRecognizerWithInfo({ intentsDir, cacheDir });
    expect(after.source).toBe('trained');
    expect(after.hash).not.toBe(before.hash);
    expect(readdirSync(cacheDir)).toEqual([`nlu-model-${after.hash}.json`]);
  });

  it('retrains, with a warning, when the cached model is unreadable', async () => {
    const { hash } = await loadRecognizerWithInfo({ intentsDir, cacheDir });
    writeFileSync(path.join(cacheDir, `nlu-model-${hash}.json`), '{ not json');
    const { logger, lines } = captureLogger();
    const again = await loadRecognizerWithInfo({ intentsDir, cacheDir, logger });
    expect(again.source).toBe('trained');
    expect(lines.some((l) => l.level === 'warn' && String(l.msg).includes('cache'))).toBe(true);
  });

  it('works without a cache directory', async () => {
    const recognizer = await loadRecognizer({ intentsDir });
    expect(recognizer.intents.length).toBeGreaterThan(5);
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('refuses invalid content with a ContentError', async () => {
    writeFileSync(path.join(intentsDir, 'greeting.yaml'), 'version: 1\nintent: greeting\n');
    await expect(loadRecognizer({ intentsDir })).rejects.toBeInstanceOf(ContentError);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { silentLogger, type Logger } from '../logging/logger';
import { TextClassifier } from './classifier/textClassifier';
import { NaturalRecognizer } from './naturalRecognizer';
import type { Recognizer } from './recognizer';
import { loadIntents, type IntentData } from './trainingData';

export interface LoadRecognizerOptions {
  intentsDir: string;
  /** Directory for the trained-model cache (keyed by a hash of the data); omit for no cache. */
  cacheDir?: string;
  logger?: Logger;
}

/** Bump when the cached model's format changes in a way the source hash would not show. */
const CACHE_FORMAT = 1;
const CACHE_PREFIX = 'nlu-model-';

export interface LoadedRecognizer {
  recognizer: NaturalRecognizer;
  data: IntentData;
  /** Hash of the data files and the recogniser's code: the cache key. */
  hash: string;
  source: 'cache' | 'trained';
  ms: number;
}

/**
 * Hash of every file in intents/ (names and bytes) and of the recogniser's own source, so a
 * change to either retrains.
 */
export function modelHash(intentsDir: string): string {
  const hash = createHash('sha256');
  hash.update(`format:${CACHE_FORMAT}\n`);
  for (const name of readdirSync(intentsDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    hash.update(`data:${name}\n`);
    hash.update(readFileSync(path.join(intentsDir, name)));
  }
  for (const file of codeFiles()) {
    hash.update(`code:${path.basename(file)}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 32);
}

/** This module's source (or compiled) files, classifier included. */
function codeFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(__dirname);
  return out;
}

/** Loads and checks intents/, then trains the recogniser or reads it from the cache. */
export async function loadRecognizerWithInfo(options: LoadRecognizerOptions): Promise<LoadedRecognizer> {
  const logger = options.logger ?? silentLogger;
  const started = performance.now();
  const data = loadIntents(options.intentsDir);
  const hash = modelHash(options.intentsDir);
  const cacheFile = options.cacheDir ? path.join(options.cacheDir, `${CACHE_PREFIX}${hash}.json`) : undefined;

  let recognizer: NaturalRecognizer | undefined;
  let source: LoadedRecognizer['source'] = 'trained';
  if (cacheFile && existsSync(cacheFile)) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { hash?: string; classifier?: unknown };
      if (cached.hash !== hash) throw new Error('hash mismatch');
      const classifier = TextClassifier.fromJSON(cached.classifier);
      recognizer = new NaturalRecognizer({ classifier, gazetteer: data.gazetteer, settings: data.settings });
      source = 'cache';
    } catch (error) {
      logger.warn('nlu model cache unreadable; retraining', { file: cacheFile, error });
    }
  }
  if (!recognizer) {
    recognizer = NaturalRecognizer.train(data);
    if (cacheFile && options.cacheDir) writeCache(options.cacheDir, cacheFile, hash, recognizer, logger);
  }
  const ms = Math.round(performance.now() - started);
  logger.info('nlu recogniser ready', { source, ms, intents: recognizer.intents.length, hash });
  return { recognizer, data, hash, source, ms };
}

export async function loadRecognizer(options: LoadRecognizerOptions): Promise<Recognizer> {
  return (await loadRecognizerWithInfo(options)).recognizer;
}

function writeCache(cacheDir: string, cacheFile: string, hash: string, recognizer: NaturalRecognizer, logger: Logger): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ hash, createdAt: new Date().toISOString(), classifier: recognizer.classifier.toJSON() }));
    renameSync(tmp, cacheFile);
    // Models of older data are never read again.
    for (const name of readdirSync(cacheDir)) {
      if (name.startsWith(CACHE_PREFIX) && name.endsWith('.json') && path.join(cacheDir, name) !== cacheFile) rmSync(path.join(cacheDir, name), { force: true });
    }
  } catch (error) {
    // A read-only disk only costs training time at the next start.
    logger.warn('could not write the nlu model cache', { dir: cacheDir, error });
  }
}

export { NaturalRecognizer } from './naturalRecognizer';
export { checkIntents, loadIntents } from './trainingData';
export type { IntentData, IntentDefinition } from './trainingData';

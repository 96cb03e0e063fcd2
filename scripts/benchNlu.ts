/**
 * NLU benchmark: Resync's TextClassifier against NLP.js (node-nlp NlpManager, default settings)
 * on the Braun et al. 2017 corpora and CLINC150 (see docs/benchmark-nlu.md).
 *
 *   npm run bench:nlu -- [--data <dir>] [--json] [--only resync|nlpjs] [--skip-nlpjs] [--corpus <name>]
 *
 * --data defaults to $NLU_BENCHMARK_DATA or /work/shared/nlu-benchmarks (braun2017/, clinc150/).
 * --corpus limits the run to corpora whose name contains the text (case-insensitive).
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TextClassifier, type TrainingExample } from '../src/nlu/classifier/textClassifier';
import { stratify } from '../src/nlu/evaluation';
import {
  accuracy,
  chooseFallbackThreshold,
  chooseThreshold,
  inScopeAccuracy,
  macroF1,
  outOfScopeRecall,
  type Outcome,
  type RankedAnswer,
} from '../src/nlu/classifier/classificationMetrics';

const OUT_OF_SCOPE = 'oos';
const NLPJS_NONE = 'None';
/**
 * The Braun corpora's off-topic label. It is trained like any other, and Resync also answers it
 * when no label is likely enough, as the recogniser answers `none` (NLP.js does the same: its
 * fallback intent is called None).
 */
const BRAUN_FALLBACK = 'None';
/** Cross-validation on the Braun training sets that chooses the fallback threshold. */
const FALLBACK_FOLDS = 5;
const FALLBACK_SEEDS = [42, 7, 99];

interface Item {
  text: string;
  label: string;
}

interface Corpus {
  name: string;
  /** A trained catch-all label, also answered below a confidence threshold (Resync only). */
  fallback?: string;
  train: Item[];
  test: Item[];
  /** CLINC150 only: validation items for choosing the out-of-scope threshold (never test). */
  validation?: Item[];
  /** True when the corpus has out-of-scope test items (label `oos`) and no such training items. */
  outOfScope: boolean;
}

interface Result {
  corpus: string;
  engine: EngineName;
  accuracy: number;
  macroF1: number;
  inScopeAccuracy: number | null;
  oosRecall: number | null;
  trainMs: number;
  msPerUtterance: number;
  /** Resync: the threshold chosen on validation data (CLINC150) or training data (fallback). */
  threshold?: number;
}

type EngineName = 'resync' | 'nlpjs';

interface Predictor {
  /** Best label and its score; `none` (nlpjs) or below-threshold answers are mapped by the caller. */
  predict(text: string): Promise<{ label: string; score: number }>;
}

// ---------------------------------------------------------------- data

function loadBraun(dir: string, file: string, name: string): Corpus {
  const raw = JSON.parse(readFileSync(path.join(dir, 'braun2017', file), 'utf8')) as {
    sentences: { text: string; intent: string; training: boolean }[];
  };
  const items = raw.sentences.map((s) => ({ text: s.text, label: s.intent, training: s.training }));
  const train = items.filter((s) => s.training).map(({ text, label }) => ({ text, label }));
  return {
    name,
    ...(train.some((i) => i.label === BRAUN_FALLBACK) ? { fallback: BRAUN_FALLBACK } : {}),
    train,
    test: items.filter((s) => !s.training).map(({ text, label }) => ({ text, label })),
    outOfScope: false,
  };
}

function loadClinc(dir: string): Corpus {
  const raw = JSON.parse(readFileSync(path.join(dir, 'clinc150', 'data_full.json'), 'utf8')) as Record<string, [string, string][]>;
  const items = (key: string) => {
    const list = raw[key];
    if (!list) throw new Error(`benchNlu: clinc150/data_full.json has no '${key}'`);
    return list.map(([text, label]) => ({ text, label }));
  };
  return {
    name: 'CLINC150',
    train: items('train'), // no out-of-scope training data (oos_train is not used)
    validation: [...items('val'), ...items('oos_val')],
    test: [...items('test'), ...items('oos_test')],
    outOfScope: true,
  };
}

// ---------------------------------------------------------------- engines

function trainClassifier(train: readonly Item[]): TextClassifier {
  const examples: TrainingExample[] = train.map((i) => ({ text: i.text, label: i.label }));
  return TextClassifier.train(examples);
}

function bestOf(classifier: TextClassifier, text: string): { label: string; score: number } {
  const best = classifier.predict(text)[0];
  return { label: best?.label ?? '', score: best?.score ?? 0 };
}

async function trainResync(train: Item[]): Promise<Predictor> {
  const classifier = trainClassifier(train);
  return { predict: async (text) => bestOf(classifier, text) };
}

/**
 * The fallback threshold for the corpora that have a fallback label: one value for all of them,
 * the best for their pooled out-of-fold accuracy in stratified cross-validation on their
 * training sets (the test sets are not read).
 */
function chooseBraunFallback(corpora: readonly Corpus[]): number | undefined {
  const answers: RankedAnswer[] = [];
  for (const corpus of corpora) {
    if (!corpus.fallback) continue;
    const labels = [...new Set(corpus.train.map((i) => i.label))];
    const groups = labels.map((label) => corpus.train.filter((i) => i.label === label));
    for (const seed of FALLBACK_SEEDS) {
      const folds = stratify(groups, FALLBACK_FOLDS, seed);
      folds.forEach((fold, f) => {
        const classifier = trainClassifier(folds.flatMap((other, g) => (g === f ? [] : other.flat())));
        for (const item of fold.flat()) answers.push({ truth: item.label, ...bestOf(classifier, item.text) });
      });
    }
  }
  // Every answer is judged within its own corpus, so the corpora can share one fallback name.
  return answers.length === 0 ? undefined : chooseFallbackThreshold(answers, BRAUN_FALLBACK).threshold;
}


interface NlpManagerLike {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<{ intent?: string; score?: number }>;
}

/** Runs `fn` with the console silenced (NLP.js reports training progress there). */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn, debug: console.debug };
  const mute = () => undefined;
  Object.assign(console, { log: mute, info: mute, warn: mute, debug: mute });
  try {
    return await fn();
  } finally {
    Object.assign(console, saved);
  }
}

async function trainNlpjs(train: Item[]): Promise<Predictor> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NlpManager } = require('node-nlp') as { NlpManager: new (settings: object) => NlpManagerLike };
  const manager = new NlpManager({ languages: ['en'], autoSave: false, autoLoad: false });
  for (const item of train) manager.addDocument('en', item.text, item.label);
  await quietly(() => manager.train());
  return {
    predict: async (text) => {
      const r = await quietly(() => manager.process('en', text));
      return { label: r.intent ?? NLPJS_NONE, score: r.score ?? 0 };
    },
  };
}

const ENGINES: Record<EngineName, (train: Item[]) => Promise<Predictor>> = { resync: trainResync, nlpjs: trainNlpjs };

// ---------------------------------------------------------------- running

interface Run {
  outcomes: Outcome[];
  trainMs: number;
  msPerUtterance: number;
  threshold?: number;
}

async function predictAll(predictor: Predictor, items: Item[]) {
  const answers: { truth: string; label: string; score: number }[] = [];
  const started = performance.now();
  for (const item of items) answers.push({ truth: item.label, ...(await predictor.predict(item.text)) });
  return { answers, ms: performance.now() - started };
}

async function runEngine(engine: EngineName, corpus: Corpus, fallbackThreshold?: number): Promise<Run> {
  const started = performance.now();
  const predictor = await ENGINES[engine](corpus.train);
  const trainMs = performance.now() - started;

  let threshold = engine === 'resync' && corpus.fallback ? fallbackThreshold : undefined;
  if (corpus.outOfScope && engine === 'resync') {
    // The threshold comes from validation data only: val (in scope) + oos_val, and is the one
    // with the best accuracy over both, out of scope counted as one more label (the rule was
    // fixed before the test set was read; it weighs every item alike, as the overall accuracy does).
    const { answers } = await predictAll(predictor, corpus.validation ?? []);
    const choice = chooseThreshold(
      answers.filter((a) => a.truth !== OUT_OF_SCOPE).map((a) => ({ score: a.score, correct: a.label === a.truth })),
      answers.filter((a) => a.truth === OUT_OF_SCOPE).map((a) => a.score),
      'pooled',
    );
    threshold = choice.threshold;
  }

  const { answers, ms } = await predictAll(predictor, corpus.test);
  const outcomes = answers.map((a) => {
    let predicted = a.label;
    if (corpus.outOfScope && engine === 'nlpjs' && predicted === NLPJS_NONE) predicted = OUT_OF_SCOPE;
    if (threshold !== undefined && a.score < threshold) predicted = corpus.fallback ?? OUT_OF_SCOPE;
    return { truth: a.truth, predicted };
  });
  return { outcomes, trainMs, msPerUtterance: ms / Math.max(1, corpus.test.length), ...(threshold !== undefined ? { threshold } : {}) };
}

function summarise(corpus: string, engine: EngineName, run: Run, outOfScope: boolean): Result {
  return {
    corpus,
    engine,
    accuracy: accuracy(run.outcomes),
    macroF1: macroF1(run.outcomes),
    inScopeAccuracy: outOfScope ? inScopeAccuracy(run.outcomes, OUT_OF_SCOPE) : null,
    oosRecall: outOfScope ? outOfScopeRecall(run.outcomes, OUT_OF_SCOPE) : null,
    trainMs: run.trainMs,
    msPerUtterance: run.msPerUtterance,
    ...(run.threshold !== undefined ? { threshold: run.threshold } : {}),
  };
}

// ---------------------------------------------------------------- output

const METRICS = ['accuracy', 'macroF1', 'inScopeAccuracy', 'oosRecall', 'trainMs', 'msPerUtterance'] as const;

function format(metric: (typeof METRICS)[number], value: number | null): string {
  if (value === null) return '–';
  if (metric === 'trainMs') return value.toFixed(0);
  if (metric === 'msPerUtterance') return value.toFixed(3);
  return (100 * value).toFixed(1);
}

function table(results: Result[]): string {
  const header = ['corpus', 'engine', 'acc %', 'macro-F1 %', 'in-scope acc %', 'OOS recall %', 'train ms', 'ms/utt'];
  const rows: string[][] = [];
  const corpora = [...new Set(results.map((r) => r.corpus))];
  for (const corpus of corpora) {
    const resync = results.find((r) => r.corpus === corpus && r.engine === 'resync');
    const nlpjs = results.find((r) => r.corpus === corpus && r.engine === 'nlpjs');
    for (const r of [resync, nlpjs]) if (r) rows.push([corpus, r.engine, ...METRICS.map((m) => format(m, r[m]))]);
    if (resync && nlpjs) {
      rows.push([
        corpus,
        'resync/nlpjs',
        ...METRICS.map((m) => {
          const a = resync[m];
          const b = nlpjs[m];
          return a === null || b === null || b === 0 ? '–' : `${(a / b).toFixed(2)}×`;
        }),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i < 2 ? '-'.repeat(w) : `${'-'.repeat(Math.max(1, w - 1))}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- main

interface Args {
  data: string;
  json: boolean;
  engines: EngineName[];
  corpus?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { data: process.env.NLU_BENCHMARK_DATA ?? '/work/shared/nlu-benchmarks', json: false, engines: ['resync', 'nlpjs'] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`benchNlu: ${arg} needs a value`);
      return v;
    };
    if (arg === '--data') args.data = value();
    else if (arg === '--json') args.json = true;
    else if (arg === '--skip-nlpjs') args.engines = ['resync'];
    else if (arg === '--only') {
      const engine = value();
      if (engine !== 'resync' && engine !== 'nlpjs') throw new Error(`benchNlu: --only takes resync or nlpjs, not '${engine}'`);
      args.engines = [engine];
    } else if (arg === '--corpus') args.corpus = value().toLowerCase();
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: benchNlu [--data <dir>] [--json] [--only resync|nlpjs] [--skip-nlpjs] [--corpus <name>]\n');
      process.exit(0);
    } else throw new Error(`benchNlu: unknown argument '${arg}'`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const wanted = (name: string) => !args.corpus || name.toLowerCase().includes(args.corpus);
  const braun = [
    loadBraun(args.data, 'ChatbotCorpus.json', 'Chatbot'),
    loadBraun(args.data, 'AskUbuntuCorpus.json', 'AskUbuntu'),
    loadBraun(args.data, 'WebApplicationsCorpus.json', 'WebApplications'),
  ];
  const results: Result[] = [];
  const emit = (r: Result) => {
    results.push(r);
    if (args.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else process.stderr.write(`done: ${r.corpus} ${r.engine}\n`);
  };

  const pooledWanted = wanted('Braun pooled');
  for (const engine of args.engines) {
    // Chosen on the training sets of all three (one setting for the Braun corpora), whichever are shown.
    const fallbackThreshold = engine === 'resync' ? chooseBraunFallback(braun) : undefined;
    if (fallbackThreshold !== undefined && !args.json) {
      process.stderr.write(`resync: Braun fallback threshold (5-fold cross-validation on the training sets): ${fallbackThreshold.toFixed(3)}\n`);
    }
    const pooled: Run = { outcomes: [], trainMs: 0, msPerUtterance: 0 };
    let pooledTestItems = 0;
    for (const corpus of braun) {
      if (!wanted(corpus.name) && !pooledWanted) continue;
      const run = await runEngine(engine, corpus, fallbackThreshold);
      if (wanted(corpus.name)) emit(summarise(corpus.name, engine, run, false));
      // Pooled: labels are kept apart per corpus (both StackExchange corpora have 'None').
      pooled.outcomes.push(...run.outcomes.map((o) => ({ truth: `${corpus.name}/${o.truth}`, predicted: `${corpus.name}/${o.predicted}` })));
      pooled.trainMs += run.trainMs;
      pooled.msPerUtterance += run.msPerUtterance * corpus.test.length;
      pooledTestItems += corpus.test.length;
    }
    if (pooledWanted) emit(summarise('Braun pooled', engine, { ...pooled, msPerUtterance: pooled.msPerUtterance / Math.max(1, pooledTestItems) }, false));
  }
  if (wanted('CLINC150')) {
    const clinc = loadClinc(args.data);
    for (const engine of args.engines) emit(summarise(clinc.name, engine, await runEngine(engine, clinc), true));
  }
  if (!args.json) {
    process.stdout.write(`${table(results)}\n`);
    const thresholds = results.filter((r) => r.threshold !== undefined);
    for (const r of thresholds) {
      const how = r.corpus === 'CLINC150' ? 'out-of-scope threshold (chosen on val + oos_val)' : `'${BRAUN_FALLBACK}' fallback threshold (chosen by cross-validation on the training sets)`;
      process.stdout.write(`${r.corpus} resync ${how}: ${r.threshold?.toFixed(3)}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

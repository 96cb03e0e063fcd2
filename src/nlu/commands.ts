import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ContentError, formatProblem } from '../content/problems';
import { evaluate, type EvaluationReport, type Metrics } from './evaluation';
import { loadRecognizerWithInfo } from './index';
import { loadIntents } from './trainingData';

/** The streams a command reads and writes (process.stdin/stdout/stderr, or test streams). */
export interface CommandIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

export interface NluCommandOptions {
  /** Default `intents` (relative to the working directory). */
  intentsDir?: string;
  /** Model cache for `predict`; none when omitted. */
  cacheDir?: string;
}

/**
 * `resync nlu predict`: one utterance per line on stdin, one JSON line per utterance on stdout:
 * {"text","intent","confidence","alternatives":[{"intent","confidence"}],"entities":[{"type","value","text"}]}
 * Returns the exit code.
 */
export async function runNluPredict(io: CommandIo, options: NluCommandOptions = {}): Promise<number> {
  let recognizer;
  try {
    ({ recognizer } = await loadRecognizerWithInfo({ intentsDir: options.intentsDir ?? 'intents', cacheDir: options.cacheDir }));
  } catch (error) {
    return reportLoadError(io, error);
  }
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const r = recognizer.recognize(line);
    const out = {
      text: r.text,
      intent: r.intent,
      confidence: round(r.confidence),
      alternatives: r.alternatives.map((a) => ({ intent: a.intent, confidence: round(a.confidence) })),
      entities: r.entities.map((e) => ({ type: e.type, value: e.value, text: e.text })),
      ambiguous: r.ambiguous,
    };
    io.stdout.write(JSON.stringify(out) + '\n');
  }
  return 0;
}

const EVAL_USAGE = 'usage: resync nlu eval [--folds N] [--seed N] [--json] [--intents DIR]';

/**
 * `resync nlu eval`: stratified k-fold cross-validation over the training utterances and the
 * held-out test (train on all, test `heldOut`); a table, or JSON with `--json`.
 * Returns the exit code.
 */
export async function runNluEval(args: readonly string[], io: CommandIo, options: NluCommandOptions = {}): Promise<number> {
  let folds = 5;
  let seed = 42;
  let json = false;
  let intentsDir = options.intentsDir ?? 'intents';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--json') json = true;
    else if (flag === '--folds' || flag === '-k') {
      folds = Number(value());
      if (!Number.isInteger(folds) || folds < 2 || folds > 20) return usage(io, '--folds must be a whole number from 2 to 20');
    } else if (flag === '--seed') {
      seed = Number(value());
      if (!Number.isInteger(seed)) return usage(io, '--seed must be a whole number');
    } else if (flag === '--intents') {
      const v = value();
      if (!v) return usage(io, '--intents needs a directory');
      intentsDir = v;
    } else if (flag === '--help' || flag === '-h') {
      io.stdout.write(EVAL_USAGE + '\n');
      return 0;
    } else return usage(io, `unknown option ${arg}`);
  }
  let report: EvaluationReport;
  try {
    report = evaluate(loadIntents(intentsDir), { folds, seed });
  } catch (error) {
    return reportLoadError(io, error);
  }
  io.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
  return 0;
}

function usage(io: CommandIo, message: string): number {
  io.stderr.write(`${message}\n${EVAL_USAGE}\n`);
  return 2;
}

function reportLoadError(io: CommandIo, error: unknown): number {
  if (error instanceof ContentError) {
    io.stderr.write(`intents are invalid:\n${error.problems.map((p) => '  ' + formatProblem(p)).join('\n')}\n`);
  } else {
    io.stderr.write(`cannot load the recogniser: ${(error as Error).message}\n`);
  }
  return 1;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

const pct = (n: number | null) => (n === null ? '   -  ' : `${(n * 100).toFixed(1).padStart(5)}%`);

function formatMetrics(title: string, m: Metrics): string {
  const lines = [
    `${title} (${m.total} utterances)`,
    `  accuracy ${pct(m.accuracy)}   macro-F1 ${pct(m.macroF1)}   in-scope accuracy ${pct(m.inScopeAccuracy)}   out-of-scope recall ${pct(m.outOfScopeRecall)}`,
    '',
  ];
  const width = Math.max(6, ...Object.keys(m.perIntent).map((k) => k.length));
  lines.push(`  ${'intent'.padEnd(width)}  precision  recall      F1  support`);
  for (const [label, s] of Object.entries(m.perIntent)) {
    if (s.support === 0 && s.precision === 1) continue;
    lines.push(`  ${label.padEnd(width)}     ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.support).padStart(7)}`);
  }
  lines.push('');
  if (m.confusions.length) {
    lines.push('  most confused (truth -> predicted):');
    for (const c of m.confusions) lines.push(`    ${String(c.count).padStart(3)}  ${c.truth} -> ${c.predicted}`);
  } else lines.push('  no confusions');
  lines.push('');
  return lines.join('\n');
}

export function formatReport(r: EvaluationReport): string {
  return [
    `NLU evaluation: threshold ${r.settings.threshold}, ambiguity margin ${r.settings.ambiguityMargin}, training ${r.trainMs} ms`,
    '',
    formatMetrics(`Cross-validation, ${r.folds} stratified folds, seed ${r.seed}`, r.crossValidation),
    formatMetrics('Held-out (trained on all training utterances)', r.heldOut),
    `Suggested from cross-validation only: threshold ${r.suggested.threshold}, ambiguity margin ${r.suggested.ambiguityMargin}`,
    '',
  ].join('\n');
}

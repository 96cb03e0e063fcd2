import { TextClassifier, type LabelScore } from './classifier/textClassifier';
import { ClassifierReader, decide, NaturalRecognizer, trainingExamples } from './naturalRecognizer';
import { NONE_INTENT } from './recognizer';
import type { IntentData, IntentDefinition, NluSettings } from './trainingData';

/**
 * Measuring the recogniser: stratified k-fold cross-validation over the training utterances,
 * the held-out lists (train on all, test on `heldOut`), and choosing the threshold and ambiguity
 * margin from cross-validation alone (held-out data is never used to tune).
 */

export interface Prediction {
  text: string;
  truth: string;
  predicted: string;
  /** The classifier's probabilities (best first), for tuning. */
  scores: LabelScore[];
}

export interface LabelMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** How many examples truly have this label. */
  support: number;
}

export interface Metrics {
  total: number;
  accuracy: number;
  macroF1: number;
  perIntent: Record<string, LabelMetrics>;
  /** Most frequent mistakes, truth -> predicted. */
  confusions: { truth: string; predicted: string; count: number }[];
  /** Share of out-of-scope (`none`) examples answered `none`; null when there are none. */
  outOfScopeRecall: number | null;
  /** Share of in-scope examples given their own intent; null when there are none. */
  inScopeAccuracy: number | null;
}

export interface EvaluationReport {
  folds: number;
  seed: number;
  settings: { threshold: number; ambiguityMargin: number };
  crossValidation: Metrics;
  heldOut: Metrics;
  /** Milliseconds to train on all the data once. */
  trainMs: number;
  /** Threshold and margin that cross-validation suggests. */
  suggested: { threshold: number; ambiguityMargin: number };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same folds. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits each group's items into `k` folds (shuffled with the seed), so every fold holds about
 * the same share of every group: result[fold][group] is that group's items in that fold.
 */
export function stratify<T>(groups: readonly (readonly T[])[], k: number, seed: number): T[][][] {
  const random = seededRandom(seed);
  const folds: T[][][] = Array.from({ length: k }, () => groups.map(() => [] as T[]));
  groups.forEach((group, idx) => {
    const shuffled = [...group];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    // Start each group at a different fold so small groups do not all fill fold 0 first.
    const offset = Math.floor(random() * k);
    shuffled.forEach((item, n) => folds[(n + offset) % k]![idx]!.push(item));
  });
  return folds;
}

/** {@link stratify} over intents: fold -> intents holding only that fold's utterances. */
export function stratifiedFolds(intents: readonly IntentDefinition[], k: number, seed: number): IntentDefinition[][] {
  return stratify(
    intents.map((i) => i.utterances),
    k,
    seed,
  ).map((fold) => intents.map((intent, idx) => ({ ...intent, utterances: fold[idx]!, heldOut: [] })));
}

type DecideSettings = Pick<NluSettings, 'threshold' | 'ambiguityMargin' | 'maxAlternatives' | 'minAlternativeConfidence'>;

function predictAll(classifier: TextClassifier, items: { text: string; truth: string }[], data: Pick<IntentData, 'gazetteer' | 'settings'>): Prediction[] {
  const settings = data.settings;
  const reader = new ClassifierReader(data.gazetteer, settings.maxChars);
  return items.map(({ text, truth }) => {
    const input = reader.read(text);
    const scores = input ? classifier.predict(input.text, input.tags) : [];
    return { text, truth, scores, predicted: scores.length ? decide(scores, settings).intent : NONE_INTENT };
  });
}

/** Out-of-fold predictions for every training utterance. */
export function crossValidate(data: IntentData, k: number, seed: number): Prediction[] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`folds must be a whole number of at least 2 (got ${k})`);
  const folds = stratifiedFolds(data.intents, k, seed);
  const out: Prediction[] = [];
  for (let f = 0; f < k; f++) {
    const train = data.intents.map((intent, idx) => ({
      ...intent,
      utterances: folds.flatMap((fold, g) => (g === f ? [] : fold[idx]!.utterances)),
    }));
    const classifier = TextClassifier.train(trainingExamples({ intents: train, gazetteer: data.gazetteer }, data.settings.maxChars), data.settings.classifier);
    const test = folds[f]!.flatMap((intent) => intent.utterances.map((text) => ({ text, truth: intent.id })));
    out.push(...predictAll(classifier, test, data));
  }
  return out;
}

/** Re-decides predictions with other settings (no retraining). */
export function redecide(predictions: readonly Prediction[], settings: DecideSettings): Prediction[] {
  return predictions.map((p) => ({ ...p, predicted: p.scores.length ? decide(p.scores, settings).intent : NONE_INTENT }));
}

export function computeMetrics(predictions: readonly Prediction[], labels: readonly string[]): Metrics {
  const perIntent: Record<string, LabelMetrics> = {};
  const tp = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const support = new Map<string, number>();
  const confusion = new Map<string, number>();
  let correct = 0;
  for (const p of predictions) {
    support.set(p.truth, (support.get(p.truth) ?? 0) + 1);
    predictedCount.set(p.predicted, (predictedCount.get(p.predicted) ?? 0) + 1);
    if (p.truth === p.predicted) {
      correct++;
      tp.set(p.truth, (tp.get(p.truth) ?? 0) + 1);
    } else {
      const key = `${p.truth}\u0000${p.predicted}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
  }
  const allLabels = [...new Set([...labels, ...support.keys()])].sort();
  let f1Sum = 0;
  let f1Count = 0;
  for (const label of allLabels) {
    const t = tp.get(label) ?? 0;
    const s = support.get(label) ?? 0;
    const pc = predictedCount.get(label) ?? 0;
    const precision = pc === 0 ? (s === 0 ? 1 : 0) : t / pc;
    const recall = s === 0 ? 1 : t / s;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perIntent[label] = { precision, recall, f1, support: s };
    if (s > 0) {
      f1Sum += f1;
      f1Count++;
    }
  }
  const confusions = [...confusion.entries()]
    .map(([k, count]) => {
      const [truth, predicted] = k.split('\u0000') as [string, string];
      return { truth, predicted, count };
    })
    .sort((a, b) => b.count - a.count || a.truth.localeCompare(b.truth) || a.predicted.localeCompare(b.predicted))
    .slice(0, 10);
  const oos = predictions.filter((p) => p.truth === NONE_INTENT);
  const ins = predictions.filter((p) => p.truth !== NONE_INTENT);
  return {
    total: predictions.length,
    accuracy: predictions.length ? correct / predictions.length : 0,
    macroF1: f1Count ? f1Sum / f1Count : 0,
    perIntent,
    confusions,
    outOfScopeRecall: oos.length ? oos.filter((p) => p.predicted === NONE_INTENT).length / oos.length : null,
    inScopeAccuracy: ins.length ? ins.filter((p) => p.predicted === p.truth).length / ins.length : null,
  };
}

/**
 * Chooses the threshold and ambiguity margin from out-of-fold predictions:
 *  - threshold: macro-F1 over all intents (`none` included) for each value 0.00 to 0.90 (step
 *    0.01); the HIGHEST value within 0.005 of the best, so that among equally good values the one
 *    that says "not understood" rather than guess wins.
 *  - margin: the largest value (0.00 to 0.50) that flags at most 5% of the right answers as
 *    ambiguous, so the bot asks "did you mean" when unsure without nagging when it is right.
 */
export function tuneSettings(predictions: readonly Prediction[], labels: readonly string[], base: NluSettings): { threshold: number; ambiguityMargin: number } {
  const curve: { threshold: number; f1: number }[] = [];
  for (let t = 0; t <= 90; t++) {
    const threshold = t / 100;
    curve.push({ threshold, f1: computeMetrics(redecide(predictions, { ...base, threshold }), labels).macroF1 });
  }
  const bestF1 = Math.max(...curve.map((c) => c.f1));
  const threshold = Math.max(...curve.filter((c) => c.f1 >= bestF1 - 0.005).map((c) => c.threshold));
  const gaps = redecide(predictions, { ...base, threshold })
    .filter((p) => p.predicted !== NONE_INTENT && p.predicted === p.truth)
    .map((p) => {
      const inScope = p.scores.filter((s) => s.label !== NONE_INTENT);
      return (inScope[0]?.score ?? 0) - (inScope[1]?.score ?? 0);
    });
  let ambiguityMargin = base.ambiguityMargin;
  if (gaps.length > 0) {
    ambiguityMargin = 0;
    for (let m = 1; m <= 50; m++) {
      const flagged = gaps.filter((g) => g < m / 100).length / gaps.length;
      if (flagged > 0.05) break;
      ambiguityMargin = m / 100;
    }
  }
  return { threshold, ambiguityMargin };
}

/** Held-out evaluation: train on every training utterance, test each intent's `heldOut`. */
export function evaluateHeldOut(data: IntentData): { predictions: Prediction[]; trainMs: number } {
  const started = performance.now();
  const recognizer = NaturalRecognizer.train(data);
  const trainMs = performance.now() - started;
  const items = data.intents.flatMap((intent) => intent.heldOut.map((text) => ({ text, truth: intent.id })));
  return { predictions: predictAll(recognizer.classifier, items, data), trainMs };
}

export function evaluate(data: IntentData, options: { folds?: number; seed?: number } = {}): EvaluationReport {
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 42;
  const labels = data.intents.map((i) => i.id);
  const cv = crossValidate(data, folds, seed);
  const held = evaluateHeldOut(data);
  return {
    folds,
    seed,
    settings: { threshold: data.settings.threshold, ambiguityMargin: data.settings.ambiguityMargin },
    crossValidation: computeMetrics(cv, labels),
    heldOut: computeMetrics(held.predictions, labels),
    trainMs: Math.round(held.trainMs),
    suggested: tuneSettings(cv, labels, data.settings),
  };
}

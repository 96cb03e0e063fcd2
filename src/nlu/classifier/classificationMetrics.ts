/**
 * Scores of a classifier on labelled test items: accuracy, macro-F1 and, for out-of-scope
 * detection, in-scope accuracy and out-of-scope recall. Pure functions, no I/O.
 */

export interface Outcome {
  truth: string;
  predicted: string;
}

export function accuracy(outcomes: readonly Outcome[]): number {
  if (outcomes.length === 0) return 0;
  return outcomes.filter((o) => o.truth === o.predicted).length / outcomes.length;
}

/**
 * Unweighted mean of the per-label F1 over every label that is true or predicted at least once
 * (as scikit-learn's `f1_score(average='macro')` does); a label with no true positive scores 0.
 */
export function macroF1(outcomes: readonly Outcome[]): number {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const get = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (const o of outcomes) {
    if (o.truth === o.predicted) get(o.truth).tp++;
    else {
      get(o.truth).fn++;
      get(o.predicted).fp++;
    }
  }
  if (counts.size === 0) return 0;
  let sum = 0;
  for (const { tp, fp, fn } of counts.values()) sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return sum / counts.size;
}

/** Share of the in-scope items (truth is not `outOfScope`) answered with their own label. */
export function inScopeAccuracy(outcomes: readonly Outcome[], outOfScope: string): number {
  return accuracy(outcomes.filter((o) => o.truth !== outOfScope));
}

/** Share of the out-of-scope items answered out of scope. */
export function outOfScopeRecall(outcomes: readonly Outcome[], outOfScope: string): number {
  const oos = outcomes.filter((o) => o.truth === outOfScope);
  if (oos.length === 0) return 0;
  return oos.filter((o) => o.predicted === outOfScope).length / oos.length;
}

/** The best label's probability and whether that label is right, for one in-scope item. */
export interface ScoredAnswer {
  score: number;
  correct: boolean;
}

export interface ThresholdChoice {
  threshold: number;
  inScopeAccuracy: number;
  outOfScopeRecall: number;
}

/**
 * What a threshold is chosen to maximise:
 *  - `balanced`: in-scope accuracy + out-of-scope recall (both sets weigh the same, whatever
 *    their sizes);
 *  - `pooled`: accuracy over all items with out-of-scope as one more label (every item weighs
 *    the same, as in the benchmark's overall accuracy).
 */
export type ThresholdRule = 'balanced' | 'pooled';

/**
 * The confidence threshold (answers below it are "out of scope") that maximises `rule` on
 * validation items; ties go to the lowest threshold. Candidates are the midpoints between
 * neighbouring observed scores, so the result does not depend on a grid.
 */
export function chooseThreshold(inScope: readonly ScoredAnswer[], outOfScope: readonly number[], rule: ThresholdRule = 'balanced'): ThresholdChoice {
  const scores = [...new Set([...inScope.map((a) => a.score), ...outOfScope])].sort((a, b) => a - b);
  const candidates = [0];
  for (let i = 0; i + 1 < scores.length; i++) candidates.push(((scores[i] as number) + (scores[i + 1] as number)) / 2);
  candidates.push(1.000001);
  const objective = (acc: number, recall: number) =>
    rule === 'balanced' ? acc + recall : (acc * inScope.length + recall * outOfScope.length) / Math.max(1, inScope.length + outOfScope.length);
  let best: ThresholdChoice = { threshold: 0, inScopeAccuracy: -1, outOfScopeRecall: -1 };
  let bestValue = -Infinity;
  for (const threshold of candidates) {
    const acc = inScope.length === 0 ? 0 : inScope.filter((a) => a.correct && a.score >= threshold).length / inScope.length;
    const recall = outOfScope.length === 0 ? 0 : outOfScope.filter((s) => s < threshold).length / outOfScope.length;
    const value = objective(acc, recall);
    if (value > bestValue) {
      best = { threshold, inScopeAccuracy: acc, outOfScopeRecall: recall };
      bestValue = value;
    }
  }
  return best;
}

/** A classifier's best label and its probability, with the right answer. */
export interface RankedAnswer {
  truth: string;
  label: string;
  score: number;
}

/**
 * The threshold below which the answer becomes `fallback` (a catch-all label such as an
 * off-topic "None" that is also trained), chosen to maximise accuracy over `answers` (out-of-fold
 * predictions on training data, say); ties go to the lowest threshold. Candidates are 0 and the
 * midpoints between neighbouring observed scores.
 */
export function chooseFallbackThreshold(answers: readonly RankedAnswer[], fallback: string): { threshold: number; accuracy: number } {
  const scores = [...new Set(answers.map((a) => a.score))].sort((a, b) => a - b);
  const candidates = [0];
  for (let i = 0; i + 1 < scores.length; i++) candidates.push(((scores[i] as number) + (scores[i + 1] as number)) / 2);
  let best = { threshold: 0, accuracy: -1 };
  for (const threshold of candidates) {
    const right = answers.filter((a) => (a.score < threshold ? fallback : a.label) === a.truth).length;
    const value = answers.length === 0 ? 0 : right / answers.length;
    if (value > best.accuracy) best = { threshold, accuracy: value };
  }
  return best;
}

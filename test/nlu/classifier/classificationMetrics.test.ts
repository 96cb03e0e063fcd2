import { accuracy, chooseFallbackThreshold, chooseThreshold, inScopeAccuracy, macroF1, outOfScopeRecall } from '../../../src/nlu/classifier/classificationMetrics';

const o = (truth: string, predicted: string) => ({ truth, predicted });

describe('classification metrics', () => {
  it('accuracy is the share of right answers', () => {
    expect(accuracy([o('a', 'a'), o('a', 'b'), o('b', 'b'), o('c', 'b')])).toBe(0.5);
    expect(accuracy([])).toBe(0);
  });

  it('macro-F1 averages per-label F1 over true and predicted labels', () => {
    // a: tp 1, fn 1 → F1 2/3; b: tp 1, fp 2 → F1 2/4; c: fn 1 → 0; mean = (2/3 + 1/2 + 0) / 3
    const outcomes = [o('a', 'a'), o('a', 'b'), o('b', 'b'), o('c', 'b')];
    expect(macroF1(outcomes)).toBeCloseTo((2 / 3 + 1 / 2) / 3, 10);
    expect(macroF1([o('x', 'x'), o('y', 'y')])).toBe(1);
  });

  it('in-scope accuracy ignores out-of-scope items; recall counts only them', () => {
    const outcomes = [o('a', 'a'), o('b', 'oos'), o('oos', 'oos'), o('oos', 'a'), o('oos', 'oos')];
    expect(inScopeAccuracy(outcomes, 'oos')).toBe(0.5);
    expect(outOfScopeRecall(outcomes, 'oos')).toBeCloseTo(2 / 3, 10);
  });

  it('chooses the threshold that best separates right in-scope answers from out-of-scope ones', () => {
    const inScope = [
      { score: 0.9, correct: true },
      { score: 0.8, correct: true },
      { score: 0.7, correct: true },
      { score: 0.3, correct: false },
    ];
    const choice = chooseThreshold(inScope, [0.2, 0.4, 0.5]);
    // Between 0.5 and 0.7 every right answer survives and every out-of-scope item is caught.
    expect(choice.threshold).toBeGreaterThan(0.5);
    expect(choice.threshold).toBeLessThan(0.7);
    expect(choice.inScopeAccuracy).toBe(0.75);
    expect(choice.outOfScopeRecall).toBe(1);
  });

  it('keeps threshold 0 when out-of-scope items score higher than the right answers', () => {
    const choice = chooseThreshold([{ score: 0.2, correct: true }], [0.9]);
    expect(choice.threshold).toBe(0);
    expect(choice.inScopeAccuracy).toBe(1);
  });

  it('with the pooled rule weighs every item alike, with the balanced rule each set alike', () => {
    // One right in-scope answer at 0.3, three out-of-scope items at 0.4.
    const inScope = [{ score: 0.3, correct: true }];
    const outOfScope = [0.4, 0.4, 0.4];
    // Pooled: above 0.4, three of four items are right (below 0.3, one of four).
    const pooled = chooseThreshold(inScope, outOfScope, 'pooled');
    expect(pooled.threshold).toBeGreaterThan(0.4);
    expect(pooled).toMatchObject({ inScopeAccuracy: 0, outOfScopeRecall: 1 });
    // Balanced: 1 + 0 at threshold 0 ties with 0 + 1 above 0.4; the tie goes to the lower one.
    expect(chooseThreshold(inScope, outOfScope, 'balanced').threshold).toBe(0);
    expect(chooseThreshold(inScope, outOfScope).threshold).toBe(0);
  });
});

describe('chooseFallbackThreshold', () => {
  const answer = (truth: string, label: string, score: number) => ({ truth, label, score });

  it('sends the unsure answers to the fallback when that fixes more than it breaks', () => {
    const answers = [
      answer('None', 'Delete Account', 0.3), // right only below a threshold above 0.3
      answer('None', 'Sync Accounts', 0.4), // likewise above 0.4
      answer('Export Data', 'Export Data', 0.45), // wrong only above 0.45
      answer('Export Data', 'Export Data', 0.9),
      answer('None', 'None', 0.2), // right whatever the threshold
    ];
    const choice = chooseFallbackThreshold(answers, 'None');
    expect(choice.threshold).toBeGreaterThan(0.4);
    expect(choice.threshold).toBeLessThan(0.45);
    expect(choice.accuracy).toBeCloseTo(1);
  });

  it('keeps 0 (no fallback) when low scores are mostly right, and ties go to the lowest threshold', () => {
    const answers = [answer('A', 'A', 0.2), answer('A', 'A', 0.3), answer('None', 'A', 0.25), answer('B', 'B', 0.8)];
    expect(chooseFallbackThreshold(answers, 'None')).toEqual({ threshold: 0, accuracy: 0.75 });
    expect(chooseFallbackThreshold([], 'None')).toEqual({ threshold: 0, accuracy: 0 });
  });
});

import path from 'node:path';
import { computeMetrics, evaluateHeldOut, seededRandom, stratifiedFolds, stratify, tuneSettings, type Prediction } from '../../src/nlu/evaluation';
import { NaturalRecognizer } from '../../src/nlu/naturalRecognizer';
import { NONE_INTENT } from '../../src/nlu/recognizer';
import { DEFAULT_NLU_SETTINGS, loadIntents, type IntentDefinition } from '../../src/nlu/trainingData';

const intent = (id: string, n: number): IntentDefinition => ({
  id,
  handler: 'playbook',
  description: id,
  utterances: Array.from({ length: n }, (_, i) => `${id} ${i}`),
  heldOut: [],
  entities: [],
  file: `${id}.yaml`,
});

describe('stratifiedFolds', () => {
  const intents = [intent('a', 27), intent('b', 10), intent('c', 5)];

  it('puts every utterance in exactly one fold, each intent spread evenly', () => {
    const folds = stratifiedFolds(intents, 5, 1);
    intents.forEach((it, idx) => {
      const all = folds.flatMap((f) => f[idx]!.utterances);
      expect([...all].sort()).toEqual([...it.utterances].sort());
      const sizes = folds.map((f) => f[idx]!.utterances.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    });
  });

  it('is the same for the same seed and differs for another', () => {
    expect(stratifiedFolds(intents, 5, 7)).toEqual(stratifiedFolds(intents, 5, 7));
    expect(stratifiedFolds(intents, 5, 7)).not.toEqual(stratifiedFolds(intents, 5, 8));
  });

  it('is stratify over the intents\' utterances (any kind of item can be split alike)', () => {
    const groups = intents.map((i) => i.utterances.map((text) => ({ text, label: i.id })));
    const generic = stratify(groups, 5, 3);
    expect(generic.map((fold) => fold.map((items) => items.map((x) => x.text)))).toEqual(
      stratifiedFolds(intents, 5, 3).map((fold) => fold.map((i) => i.utterances)),
    );
    expect(generic.flat(2).filter((x) => x.label === 'b')).toHaveLength(10);
  });

  it('has a seeded random source in [0, 1)', () => {
    const r = seededRandom(3);
    const xs = Array.from({ length: 1000 }, () => r());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });
});

const p = (truth: string, predicted: string, scores: Prediction['scores'] = []): Prediction => ({ text: '', truth, predicted, scores });

describe('computeMetrics', () => {
  it('computes accuracy, per-intent precision and recall, confusions and out-of-scope recall', () => {
    const m = computeMetrics(
      [p('a', 'a'), p('a', 'a'), p('a', 'b'), p('b', 'b'), p(NONE_INTENT, NONE_INTENT), p(NONE_INTENT, 'a')],
      ['a', 'b', NONE_INTENT],
    );
    expect(m.total).toBe(6);
    expect(m.accuracy).toBeCloseTo(4 / 6);
    expect(m.perIntent.a).toMatchObject({ precision: 2 / 3, recall: 2 / 3, support: 3 });
    expect(m.perIntent.b).toMatchObject({ precision: 0.5, recall: 1, support: 1 });
    expect(m.outOfScopeRecall).toBe(0.5);
    expect(m.inScopeAccuracy).toBe(3 / 4);
    expect(m.confusions).toEqual([
      { truth: 'a', predicted: 'b', count: 1 },
      { truth: NONE_INTENT, predicted: 'a', count: 1 },
    ]);
    const f1 = (x: number, y: number) => (2 * x * y) / (x + y);
    expect(m.macroF1).toBeCloseTo((f1(2 / 3, 2 / 3) + f1(0.5, 1) + f1(1, 0.5)) / 3);
  });
});

describe('tuneSettings', () => {
  it('finds a threshold between confident right answers and unsure out-of-scope ones', () => {
    const preds: Prediction[] = [];
    for (let i = 0; i < 20; i++) {
      preds.push(p('a', '', [{ label: 'a', score: 0.8 }, { label: NONE_INTENT, score: 0.1 }, { label: 'b', score: 0.1 }]));
      preds.push(p(NONE_INTENT, '', [{ label: 'b', score: 0.45 }, { label: NONE_INTENT, score: 0.3 }, { label: 'a', score: 0.25 }]));
    }
    const tuned = tuneSettings(preds, ['a', 'b', NONE_INTENT], DEFAULT_NLU_SETTINGS);
    expect(tuned.threshold).toBeGreaterThan(0.45);
    expect(tuned.threshold).toBeLessThanOrEqual(0.8);
  });
});

// The quality floor on data the model never saw (the detailed report: `resync nlu eval`).
describe('held-out quality on the real intents/', () => {
  const data = loadIntents(path.join(__dirname, '..', '..', 'intents'));
  const labels = data.intents.map((i) => i.id);
  const { predictions } = evaluateHeldOut(data);
  const metrics = computeMetrics(predictions, labels);
  const failures = predictions.filter((x) => x.truth !== x.predicted).map((x) => `${x.truth} -> ${x.predicted}: ${x.text}`);

  it('has held-out utterances for in-scope and out-of-scope', () => {
    expect(predictions.filter((x) => x.truth === NONE_INTENT).length).toBeGreaterThanOrEqual(20);
    expect(predictions.filter((x) => x.truth !== NONE_INTENT).length).toBeGreaterThanOrEqual(100);
  });

  it('answers at least 95% of in-scope held-out utterances right', () => {
    if (metrics.inScopeAccuracy! < 0.95) console.log(failures.join('\n'));
    expect(metrics.inScopeAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('recognises at least 90% of out-of-scope held-out utterances as none', () => {
    expect(metrics.outOfScopeRecall).toBeGreaterThanOrEqual(0.9);
  });

  it('trains in under 2 seconds of CPU time', () => {
    // CPU time of this process, so other jobs on a busy machine do not count.
    const before = process.cpuUsage();
    NaturalRecognizer.train(data);
    const used = process.cpuUsage(before);
    const cpuMs = (used.user + used.system) / 1000;
    expect(cpuMs).toBeLessThan(2000);
  });
});

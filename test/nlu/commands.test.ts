import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runNluEval, runNluPredict, type CommandIo } from '../../src/nlu/commands';

const REAL_INTENTS = path.join(__dirname, '..', '..', 'intents');
const BROKEN = path.join(__dirname, '..', 'fixtures', 'intents-broken', 'unknown-handler');

function io(input = ''): CommandIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { stdin: Readable.from([input]), stdout, stderr, out: () => out, err: () => err };
}

describe('runNluPredict', () => {
  it('answers one JSON line per input line', async () => {
    const streams = io('my iphne photos are not syncing to my mac\nwhat is the weather in paris\n\n');
    expect(await runNluPredict(streams, { intentsDir: REAL_INTENTS })).toBe(0);
    const lines = streams.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    const [photos, weather, empty] = lines;
    expect(Object.keys(photos)).toEqual(['text', 'intent', 'confidence', 'alternatives', 'entities', 'ambiguous']);
    expect(photos).toMatchObject({ text: 'my iphne photos are not syncing to my mac', intent: 'photos-not-syncing' });
    expect(photos.confidence).toBeGreaterThan(0);
    expect(photos.entities).toEqual(
      expect.arrayContaining([
        { type: 'device', value: 'iphone', text: 'iphne' },
        { type: 'device', value: 'mac', text: 'mac' },
      ]),
    );
    for (const a of photos.alternatives) expect(Object.keys(a)).toEqual(['intent', 'confidence']);
    expect(weather.intent).toBe('none');
    expect(empty).toMatchObject({ text: '', intent: 'none', entities: [] });
  });

  it('prints the content problems and fails on invalid intents', async () => {
    const streams = io('hello\n');
    expect(await runNluPredict(streams, { intentsDir: BROKEN })).toBe(1);
    expect(streams.err()).toMatch(/greeting\.yaml:3: handler:/);
    expect(streams.out()).toBe('');
  });
});

describe('runNluEval', () => {
  it('prints JSON with cross-validation and held-out metrics', async () => {
    const streams = io();
    expect(await runNluEval(['--json', '--folds', '3', '--seed', '7', '--intents', REAL_INTENTS], streams)).toBe(0);
    const report = JSON.parse(streams.out());
    expect(report).toMatchObject({ folds: 3, seed: 7 });
    for (const part of [report.crossValidation, report.heldOut]) {
      expect(part.accuracy).toBeGreaterThan(0.5);
      expect(part.accuracy).toBeLessThanOrEqual(1);
      expect(part.macroF1).toBeGreaterThan(0);
      expect(part.perIntent['photos-not-syncing']).toEqual({ precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number), support: expect.any(Number) });
      expect(part.outOfScopeRecall).toEqual(expect.any(Number));
      expect(Array.isArray(part.confusions)).toBe(true);
    }
    expect(report.suggested.threshold).toBeGreaterThanOrEqual(0);
  });

  it('is repeatable with the same seed', async () => {
    const a = io();
    const b = io();
    await runNluEval(['--json', '--folds=3', '--seed=5', `--intents=${REAL_INTENTS}`], a);
    await runNluEval(['--json', '--folds=3', '--seed=5', `--intents=${REAL_INTENTS}`], b);
    const strip = (s: string) => ({ ...JSON.parse(s), trainMs: 0 });
    expect(strip(a.out())).toEqual(strip(b.out()));
  });

  it('prints a readable table by default', async () => {
    const streams = io();
    expect(await runNluEval(['--folds', '2', '--intents', REAL_INTENTS], streams)).toBe(0);
    const text = streams.out();
    expect(text).toMatch(/Cross-validation, 2 stratified folds/);
    expect(text).toMatch(/Held-out/);
    expect(text).toMatch(/photos-not-syncing\s+\d/);
    expect(text).toMatch(/out-of-scope recall/);
  });

  it('rejects bad options with exit code 2', async () => {
    for (const args of [['--folds', '1'], ['--folds', 'many'], ['--bogus']]) {
      const streams = io();
      expect(await runNluEval(args, streams, { intentsDir: REAL_INTENTS })).toBe(2);
      expect(streams.err()).toMatch(/usage/);
    }
  });
});

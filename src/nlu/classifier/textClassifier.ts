import { z } from 'zod';
import { FeatureExtractor, groupWeight, tokenize, type FeatureBag } from './textFeatures';
import { buildSynonymTable, type SynonymTable } from './wordnetSynonyms';
import { SeededRandom } from './seededRandom';

export interface TrainingExample {
  text: string;
  label: string;
  /** Features found in the text by other means (e.g. entities); given to `predict` alike. */
  tags?: readonly string[];
}

/** A label and its probability; over all labels they sum to 1. */
export interface LabelScore {
  label: string;
  score: number;
}

const optionsSchema = z
  .object({
    /** Seed of the shuffling, so training is repeatable. */
    seed: z.number().int().default(42),
    /** Character n-gram lengths (word-boundary padded), inclusive. */
    minChar: z.number().int().min(1).max(8).default(3),
    maxChar: z.number().int().min(0).max(8).default(5),
    charScope: z.enum(['word', 'text']).default('word'),
    /** Stemmed word pairs as features. */
    bigrams: z.boolean().default(true),
    skipBigrams: z.boolean().default(false),
    /** Weights of the feature groups before the vector is L2-normalised. */
    wordWeight: z.number().min(0).default(2),
    bigramWeight: z.number().min(0).default(1),
    charWeight: z.number().min(0).default(1),
    tagWeight: z.number().min(0).default(3),
    /** Features seen in fewer training texts than this are dropped. */
    minDf: z.number().int().min(1).default(1),
    /** Passes of stochastic gradient descent over the training set. */
    epochs: z.number().int().min(1).max(500).default(12),
    /**
     * Small training sets get more passes: at least this many example updates in all
     * (capped at 500 passes), so 30 examples are not left half-trained.
     */
    minUpdates: z.number().int().min(0).default(20_000),
    /** Initial learning rate and its decay (lr / (1 + decay · step / n)). */
    learningRate: z.number().positive().default(2),
    decay: z.number().min(0).default(1),
    /** L2 penalty on the weights (applied to the rows an example touches). */
    l2: z.number().min(0).default(0),
    /** Per example, classes whose gradient is smaller than this are not updated (speed). */
    gradientFloor: z.number().min(0).max(0.1).default(1e-3),
    /** Logits are divided by this before the softmax; above 1 makes scores less sure. */
    temperature: z.number().positive().default(1),
    /**
     * Share of the score from the nearest-neighbour scorer (cosine to the closest training
     * example of each label, through a softmax of sharpness `neighbourSharpness`); 0 = off.
     */
    neighbourWeight: z.number().min(0).max(1).default(0),
    /**
     * Weight of the nearest-centroid scorer added to the logits: cosine of the text to each
     * label's mean training vector, times this divided by the mean number of training examples
     * per label (a fixed rule: it matters with a handful of examples a label, where the softmax
     * model has little to go on, and fades with more). A linear model too, so it is folded into
     * the weights and costs nothing at prediction. 0 = off.
     */
    centroidWeight: z.number().min(0).default(150),
    /**
     * Each example's update is scaled by (mean label size / its label's size) ^ this: 0 treats
     * every example alike, 1 every label alike (a large catch-all label then weighs no more).
     */
    balance: z.number().min(0).max(1).default(0),
    /** Averaged SGD: the model is the mean of the weights over all updates (steadier). */
    averaged: z.boolean().default(false),
    neighbourSharpness: z.number().positive().default(20),
    /**
     * Features never seen in training still count in the vector's length (at the highest idf),
     * so text made mostly of unknown words gets smaller logits and a less sure answer.
     */
    unknownInNorm: z.boolean().default(true),
    /**
     * Weight of a second model averaged in by log-probability: multinomial naive Bayes over the
     * raw counts of the stemmed words (and word pairs when `nbBigrams`, character n-grams when `nbChars`), Laplace smoothing
     * `nbAlpha`, its log-likelihood divided by the number of counted words (so long texts are
     * not surer). The answer's log-probability is (1 - w) · softmax + w · naive Bayes. 0 = off.
     */
    nbWeight: z.number().min(0).max(1).default(0.5),
    nbAlpha: z.number().positive().default(0.1),
    nbBigrams: z.boolean().default(true),
    /** Naive Bayes also reads the character n-grams. */
    nbChars: z.boolean().default(false),
    /** Multiplies the naive-Bayes log-likelihood (per word) before it is averaged in. */
    nbScale: z.number().positive().default(1),
    /**
     * Weight of WordNet synset features: each word also counts as its synsets (the first
     * `synonymSenses` senses of each part of speech), through a table built from the training
     * vocabulary and stored in the model (see wordnetSynonyms.ts). 0 = off.
     */
    synonymWeight: z.number().min(0).default(0),
    synonymSenses: z.number().int().min(1).max(10).default(2),
    /**
     * Each label's own name, read as words (see {@link labelAsText}), is added this many times as a
     * training example of that label. The names are part of the training data (the set of answers
     * is known before any text is): "Find Alternative" is evidence for "alternative to Twitter" when
     * a label has one or two examples. 0 = off.
     */
    labelNameExamples: z.number().int().min(0).max(10).default(1),
  })
  .strict();

export type ClassifierOptions = z.infer<typeof optionsSchema>;
export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = optionsSchema.parse({});

/**
 * A label's name as words: camelCase, `_` and `-` become word breaks ("FindConnection" →
 * "Find Connection", "sign-in-problem" → "sign in problem", "credit_limit" → "credit limit").
 */
export function labelAsText(label: string): string {
  return label
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function labelNameExamples(labels: readonly string[], copies: number): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const label of labels) {
    const text = labelAsText(label);
    if (text) for (let i = 0; i < copies; i++) out.push({ text, label });
  }
  return out;
}

/** A sparse, L2-normalised feature vector. */
interface SparseVector {
  index: Int32Array;
  value: Float32Array;
  /** Raw counts of the features in `index` (for naive Bayes). */
  count?: Float32Array;
}

const FORMAT = 'resync-text-classifier';
const VERSION = 1;

const modelJsonSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  options: z.record(z.unknown()),
  labels: z.array(z.string()).min(1),
  features: z.array(z.string()),
  /** base64 of little-endian Float32Arrays, so a round trip is exact. */
  idf: z.string(),
  weights: z.string(),
  bias: z.string(),
  memory: z.object({ offsets: z.string(), index: z.string(), value: z.string(), targets: z.string() }).optional(),
  /** The naive-Bayes log-likelihoods, feature-major like `weights` (when `nbWeight` > 0). */
  naiveBayes: z.string().optional(),
  /** The WordNet synonym table (word → synset ids), when `synonymWeight` > 0. */
  synonyms: z.record(z.array(z.string())).optional(),
});

function encode(values: Float32Array | Int32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function decodeBytes(text: string, length: number | undefined, what: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0 || (length !== undefined && bytes.length !== length * 4)) {
    throw new Error(`TextClassifier.fromJSON(): ${what} has ${bytes.length / 4} values, expected ${length ?? 'a whole number'}`);
  }
  return bytes;
}

function decode(text: string, length: number | undefined, what: string): Float32Array {
  const bytes = decodeBytes(text, length, what);
  const out = new Float32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function decodeInts(text: string, length: number | undefined, what: string): Int32Array {
  const bytes = decodeBytes(text, length, what);
  const out = new Int32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/**
 * The training vectors, for the nearest-neighbour scorer: example e's features are
 * index[offsets[e] .. offsets[e + 1]), its label targets[e]. `postings` is the inverted index.
 */
interface NeighbourMemory {
  offsets: Int32Array;
  index: Int32Array;
  value: Float32Array;
  targets: Int32Array;
}

interface Postings {
  /** Feature f's examples are example[start[f] .. start[f + 1]), with weights weight[…]. */
  start: Int32Array;
  example: Int32Array;
  weight: Float32Array;
}

function packMemory(vectors: SparseVector[], targets: number[]): NeighbourMemory {
  const offsets = new Int32Array(vectors.length + 1);
  vectors.forEach((v, e) => {
    offsets[e + 1] = (offsets[e] as number) + v.index.length;
  });
  const total = offsets[vectors.length] as number;
  const index = new Int32Array(total);
  const value = new Float32Array(total);
  vectors.forEach((v, e) => {
    index.set(v.index, offsets[e]);
    value.set(v.value, offsets[e]);
  });
  return { offsets, index, value, targets: Int32Array.from(targets) };
}

function invert(memory: NeighbourMemory, features: number): Postings {
  const start = new Int32Array(features + 1);
  for (const f of memory.index) start[f + 1] = (start[f + 1] as number) + 1;
  for (let f = 0; f < features; f++) start[f + 1] = (start[f + 1] as number) + (start[f] as number);
  const fill = start.slice(0, features);
  const example = new Int32Array(memory.index.length);
  const weight = new Float32Array(memory.index.length);
  const examples = memory.targets.length;
  for (let e = 0; e < examples; e++) {
    for (let j = memory.offsets[e] as number; j < (memory.offsets[e + 1] as number); j++) {
      const f = memory.index[j] as number;
      const at = fill[f] as number;
      example[at] = e;
      weight[at] = memory.value[j] as number;
      fill[f] = at + 1;
    }
  }
  return { start, example, weight };
}

/**
 * Intent classifier: sparse TF-IDF features (stemmed words, word pairs, character n-grams)
 * and a multinomial logistic regression (softmax) trained by seeded stochastic gradient descent.
 * `predict` gives every label's probability, best first, and never throws.
 */
export class TextClassifier {
  readonly labels: readonly string[];
  readonly options: Readonly<ClassifierOptions>;
  private readonly extractor: FeatureExtractor;
  private readonly vocabulary: Map<string, number>;
  private readonly featureNames: string[];
  private readonly idf: Float32Array;
  /** Feature-major: weights[f · labels + k]. */
  private readonly weights: Float32Array;
  private readonly bias: Float32Array;
  /** The idf of a feature seen once; unseen features count at this weight. */
  private readonly maxIdf: number;
  private memory: NeighbourMemory | undefined;
  private postings: Postings | undefined;
  /** Naive Bayes: log P(feature | label), feature-major; 0 for features it does not read. */
  private naiveBayes: Float32Array | undefined;

  private constructor(options: ClassifierOptions, labels: string[], featureNames: string[], idf: Float32Array, weights: Float32Array, bias: Float32Array) {
    this.options = Object.freeze({ ...options });
    this.labels = Object.freeze([...labels]);
    this.featureNames = featureNames;
    this.vocabulary = new Map(featureNames.map((name, i) => [name, i]));
    this.idf = idf;
    this.maxIdf = idf.reduce((m, v) => Math.max(m, v), 1);
    this.weights = weights;
    this.bias = bias;
    this.extractor = new FeatureExtractor(options);
  }

  static parseOptions(options: unknown = {}): ClassifierOptions {
    const parsed = optionsSchema.safeParse(options ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ');
      throw new Error(`TextClassifier: invalid options: ${problems}`);
    }
    return parsed.data;
  }

  static train(given: TrainingExample[], options?: Partial<ClassifierOptions>): TextClassifier {
    const opts = TextClassifier.parseOptions(options);
    if (given.length === 0) throw new Error('TextClassifier.train(): no training examples');
    const labels = [...new Set(given.map((e) => e.label))];
    const examples = opts.labelNameExamples > 0 ? [...given, ...labelNameExamples(labels, opts.labelNameExamples)] : given;
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const extractor = new FeatureExtractor(opts);
    let synonyms: SynonymTable | undefined;
    if (opts.synonymWeight > 0) {
      const vocabulary = new Set<string>();
      for (const e of examples) for (const word of tokenize(e.text)) vocabulary.add(word);
      synonyms = buildSynonymTable(vocabulary, opts.synonymSenses);
      extractor.synonyms = synonyms;
    }
    const bags = examples.map((e) => extractor.extract(e.text, e.tags));

    // Vocabulary in first-seen order (deterministic), document frequencies, smoothed idf.
    const df = new Map<string, number>();
    for (const bag of bags) for (const name of bag.keys()) df.set(name, (df.get(name) ?? 0) + 1);
    const featureNames = [...df.entries()].filter(([, n]) => n >= opts.minDf).map(([name]) => name);
    const idf = new Float32Array(featureNames.length);
    const n = bags.length;
    featureNames.forEach((name, i) => {
      idf[i] = Math.log((1 + n) / (1 + (df.get(name) ?? 0))) + 1;
    });

    const k = labels.length;
    const weights = new Float32Array(featureNames.length * k);
    const bias = new Float32Array(k);
    const model = new TextClassifier(opts, labels, featureNames, idf, weights, bias);
    model.extractor.synonyms = synonyms;
    const vectors = bags.map((bag) => model.vectorise(bag));
    const targets = examples.map((e) => labelIndex.get(e.label) as number);
    if (k > 1) model.fit(vectors, targets);
    if (k > 1 && opts.centroidWeight > 0) model.addCentroids(vectors, targets);
    if (opts.neighbourWeight > 0) model.remember(packMemory(vectors, targets));
    if (k > 1 && opts.nbWeight > 0) model.naiveBayes = model.fitNaiveBayes(bags, targets);
    return model;
  }

  /** Stochastic gradient descent on the cross-entropy, one example at a time, sparse updates. */
  private fit(vectors: SparseVector[], targets: number[]): void {
    const { learningRate, decay, l2, seed } = this.options;
    const epochs = Math.min(500, Math.max(this.options.epochs, Math.ceil(this.options.minUpdates / Math.max(1, vectors.length))));
    const k = this.labels.length;
    // Trained in double precision (faster here than float32 reads), stored as float32 after.
    const w = new Float64Array(this.weights.length);
    const b = new Float64Array(k);
    const rng = new SeededRandom(seed);
    const order = vectors.map((_, i) => i);
    const logits = new Float64Array(k);
    const activeClass = new Int32Array(k);
    const activeGrad = new Float64Array(k);
    const gradientFloor = this.options.gradientFloor;
    const n = vectors.length;
    // Averaged SGD: u accumulates step · update, the mean of the weights over steps is w - u / steps.
    const averaged = this.options.averaged && l2 === 0;
    const uw = averaged ? new Float64Array(w.length) : undefined;
    const ub = averaged ? new Float64Array(k) : undefined;
    const sizes = new Float64Array(k);
    for (const y of targets) sizes[y] = (sizes[y] as number) + 1;
    const classWeight = Array.from(sizes, (size) => (size > 0 ? (n / k / size) ** this.options.balance : 1));
    let step = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      rng.shuffle(order);
      for (const i of order) {
        const x = vectors[i] as SparseVector;
        const y = targets[i] as number;
        const lr = (learningRate / (1 + (decay * step) / n)) * (classWeight[y] as number);
        step++;
        for (let c = 0; c < k; c++) logits[c] = b[c] as number;
        for (let j = 0; j < x.index.length; j++) {
          const row = (x.index[j] as number) * k;
          const xv = x.value[j] as number;
          for (let c = 0; c < k; c++) logits[c] = (logits[c] as number) + xv * (w[row + c] as number);
        }
        softmaxInPlace(logits, 1);
        logits[y] = (logits[y] as number) - 1; // gradient of the loss wrt the logits: p - y
        // Only classes with a gradient worth the work are updated (most are ~0 after a few passes).
        let active = 0;
        for (let c = 0; c < k; c++) {
          const g = logits[c] as number;
          if (g > gradientFloor || g < -gradientFloor) {
            activeClass[active] = c;
            activeGrad[active] = lr * g;
            active++;
            b[c] = (b[c] as number) - lr * g;
            if (ub) ub[c] = (ub[c] as number) - step * lr * g;
          }
        }
        if (l2 > 0) {
          const shrink = 1 - lr * l2;
          for (let j = 0; j < x.index.length; j++) {
            const row = (x.index[j] as number) * k;
            for (let c = 0; c < k; c++) w[row + c] = (w[row + c] as number) * shrink;
          }
        }
        for (let j = 0; j < x.index.length; j++) {
          const row = (x.index[j] as number) * k;
          const xv = x.value[j] as number;
          for (let a = 0; a < active; a++) {
            const c = activeClass[a] as number;
            w[row + c] = (w[row + c] as number) - xv * (activeGrad[a] as number);
            if (uw) uw[row + c] = (uw[row + c] as number) - step * xv * (activeGrad[a] as number);
          }
        }
      }
    }
    if (uw && ub && step > 0) {
      for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) - (uw[i] as number) / step;
      for (let c = 0; c < k; c++) b[c] = (b[c] as number) - (ub[c] as number) / step;
    }
    this.weights.set(w);
    this.bias.set(b);
  }

  /** Adds `centroidWeight` × each label's unit-length mean training vector to the weights. */
  private addCentroids(vectors: SparseVector[], targets: number[]): void {
    const k = this.labels.length;
    const sums = new Float64Array(this.weights.length);
    vectors.forEach((x, i) => {
      const c = targets[i] as number;
      for (let j = 0; j < x.index.length; j++) {
        const at = (x.index[j] as number) * k + c;
        sums[at] = (sums[at] as number) + (x.value[j] as number);
      }
    });
    const norms = new Float64Array(k);
    for (let i = 0; i < sums.length; i++) norms[i % k] = (norms[i % k] as number) + (sums[i] as number) ** 2;
    const weight = this.options.centroidWeight / (vectors.length / k);
    const scale = Array.from(norms, (v) => (v > 0 ? weight / Math.sqrt(v) : 0));
    for (let i = 0; i < sums.length; i++) {
      if (sums[i] !== 0) this.weights[i] = (this.weights[i] as number) + (sums[i] as number) * (scale[i % k] as number);
    }
  }

  /** Whether naive Bayes reads this feature (by its group letter). */
  private nbReads(name: string): boolean {
    const g = name.charCodeAt(0);
    return g === 119 /* w */ || (this.options.nbBigrams && g === 98) /* b */ || (this.options.nbChars && g === 99) /* c */;
  }

  /** Multinomial naive Bayes on raw counts: log((count + alpha) / (total + alpha · features)). */
  private fitNaiveBayes(bags: FeatureBag[], targets: number[]): Float32Array {
    const k = this.labels.length;
    const counts = new Float64Array(this.weights.length);
    const totals = new Float64Array(k);
    let read = 0;
    const reads = this.featureNames.map((name) => this.nbReads(name));
    for (const r of reads) if (r) read++;
    bags.forEach((bag, i) => {
      const c = targets[i] as number;
      for (const [name, count] of bag) {
        const f = this.vocabulary.get(name);
        if (f === undefined || !reads[f]) continue;
        counts[f * k + c] = (counts[f * k + c] as number) + count;
        totals[c] = (totals[c] as number) + count;
      }
    });
    const alpha = this.options.nbAlpha;
    const out = new Float32Array(this.weights.length);
    for (let f = 0; f < this.featureNames.length; f++) {
      if (!reads[f]) continue;
      for (let c = 0; c < k; c++) out[f * k + c] = Math.log(((counts[f * k + c] as number) + alpha) / ((totals[c] as number) + alpha * read));
    }
    return out;
  }

  /**
   * Per label, naive Bayes's mean log-likelihood per counted word of `x` (0 with none); the
   * features naive Bayes does not read have log-likelihood rows of 0 and are not counted.
   */
  private naiveBayesScores(x: SparseVector, out: Float64Array): void {
    out.fill(0);
    const nb = this.naiveBayes;
    if (!nb || !x.count) return;
    const k = this.labels.length;
    let words = 0;
    for (let j = 0; j < x.index.length; j++) {
      const row = (x.index[j] as number) * k;
      if (nb[row] === 0) continue;
      const count = x.count[j] as number;
      words += count;
      for (let c = 0; c < k; c++) out[c] = (out[c] as number) + count * (nb[row + c] as number);
    }
    if (words > 0) for (let c = 0; c < k; c++) out[c] = ((out[c] as number) / words) * this.options.nbScale;
  }

  private remember(memory: NeighbourMemory): void {
    this.memory = memory;
    this.postings = invert(memory, this.featureNames.length);
  }

  /** Per label, the cosine of `x` to that label's closest training example. */
  private neighbourScores(x: SparseVector, out: Float64Array): void {
    out.fill(0);
    const memory = this.memory;
    const postings = this.postings;
    if (!memory || !postings) return;
    const dots = new Float32Array(memory.targets.length);
    for (let j = 0; j < x.index.length; j++) {
      const f = x.index[j] as number;
      const xv = x.value[j] as number;
      for (let p = postings.start[f] as number; p < (postings.start[f + 1] as number); p++) {
        const e = postings.example[p] as number;
        dots[e] = (dots[e] as number) + xv * (postings.weight[p] as number);
      }
    }
    for (let e = 0; e < dots.length; e++) {
      const c = memory.targets[e] as number;
      if ((dots[e] as number) > (out[c] as number)) out[c] = dots[e] as number;
    }
  }

  private vectorise(bag: FeatureBag): SparseVector {
    const index: number[] = [];
    const value: number[] = [];
    const counts: number[] = [];
    let norm = 0;
    const unseenIdf = this.maxIdf;
    for (const [name, count] of bag) {
      const f = this.vocabulary.get(name);
      if (f === undefined) {
        if (this.options.unknownInNorm) {
          const u = (1 + Math.log(count)) * unseenIdf * groupWeight(name, this.options);
          norm += u * u;
        }
        continue;
      }
      const v = (1 + Math.log(count)) * (this.idf[f] as number) * groupWeight(name, this.options);
      if (v === 0) continue;
      index.push(f);
      value.push(v);
      counts.push(count);
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return { index: Int32Array.from(index), value: Float32Array.from(value, (v) => v * scale), count: Float32Array.from(counts) };
  }

  private logitsOf(x: SparseVector, out: Float64Array): void {
    const k = this.labels.length;
    for (let c = 0; c < k; c++) out[c] = this.bias[c] as number;
    for (let j = 0; j < x.index.length; j++) {
      const row = (x.index[j] as number) * k;
      const xv = x.value[j] as number;
      for (let c = 0; c < k; c++) out[c] = (out[c] as number) + xv * (this.weights[row + c] as number);
    }
  }

  predict(text: string, tags: readonly string[] = []): LabelScore[] {
    const k = this.labels.length;
    const probs = new Float64Array(k);
    try {
      const x = this.vectorise(this.extractor.extract(typeof text === 'string' ? text : String(text ?? ''), Array.isArray(tags) ? tags : []));
      this.logitsOf(x, probs);
      const w = this.options.nbWeight;
      if (w > 0 && this.naiveBayes) {
        // Averaged log-probabilities; each model's normaliser is a constant across labels.
        const nb = new Float64Array(k);
        this.naiveBayesScores(x, nb);
        for (let c = 0; c < k; c++) probs[c] = (1 - w) * (probs[c] as number) + w * (nb[c] as number);
      }
      softmaxInPlace(probs, this.options.temperature);
      const a = this.options.neighbourWeight;
      if (a > 0 && this.memory) {
        const near = new Float64Array(k);
        this.neighbourScores(x, near);
        softmaxInPlace(near, 1 / this.options.neighbourSharpness);
        for (let c = 0; c < k; c++) probs[c] = (1 - a) * (probs[c] as number) + a * (near[c] as number);
      }
    } catch {
      probs.fill(1 / k);
    }
    return this.labels.map((label, i) => ({ label, score: probs[i] as number })).sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : 1));
  }

  toJSON(): unknown {
    return {
      format: FORMAT,
      version: VERSION,
      options: { ...this.options },
      labels: [...this.labels],
      features: this.featureNames,
      idf: encode(this.idf),
      weights: encode(this.weights),
      bias: encode(this.bias),
      ...(this.memory
        ? { memory: { offsets: encode(this.memory.offsets), index: encode(this.memory.index), value: encode(this.memory.value), targets: encode(this.memory.targets) } }
        : {}),
      ...(this.naiveBayes ? { naiveBayes: encode(this.naiveBayes) } : {}),
      ...(this.extractor.synonyms ? { synonyms: Object.fromEntries(this.extractor.synonyms) } : {}),
    };
  }

  static fromJSON(json: unknown): TextClassifier {
    const parsed = modelJsonSchema.safeParse(json);
    if (!parsed.success) throw new Error(`TextClassifier.fromJSON(): not a saved classifier (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
    const m = parsed.data;
    const options = TextClassifier.parseOptions(m.options);
    const k = m.labels.length;
    const model = new TextClassifier(
      options,
      m.labels,
      m.features,
      decode(m.idf, m.features.length, 'idf'),
      decode(m.weights, m.features.length * k, 'weights'),
      decode(m.bias, k, 'bias'),
    );
    if (m.memory) {
      const offsets = decodeInts(m.memory.offsets, undefined, 'memory.offsets');
      const examples = offsets.length - 1;
      const total = offsets[examples] ?? 0;
      const memory = {
        offsets,
        index: decodeInts(m.memory.index, total, 'memory.index'),
        value: decode(m.memory.value, total, 'memory.value'),
        targets: decodeInts(m.memory.targets, examples, 'memory.targets'),
      };
      if (memory.index.some((f) => f < 0 || f >= m.features.length) || memory.targets.some((t) => t < 0 || t >= k)) {
        throw new Error('TextClassifier.fromJSON(): memory refers to unknown features or labels');
      }
      model.remember(memory);
    }
    if (m.synonyms) model.extractor.synonyms = new Map(Object.entries(m.synonyms));
    if (m.naiveBayes) model.naiveBayes = decode(m.naiveBayes, m.features.length * k, 'naiveBayes');
    return model;
  }
}

/** Softmax of `z / temperature`, in place, numerically stable. */
function softmaxInPlace(z: Float64Array, temperature: number): void {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if ((z[i] as number) > max) max = z[i] as number;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const e = Math.exp(((z[i] as number) - max) / temperature);
    z[i] = e;
    sum += e;
  }
  for (let i = 0; i < z.length; i++) z[i] = (z[i] as number) / sum;
}

import { TextClassifier, type LabelScore, type TrainingExample } from './classifier/textClassifier';
import { EntityExtractor } from './entities';
import { NONE_INTENT, type Entity, type IntentScore, type Recognition, type Recognizer } from './recognizer';
import { latinShare, plainText, readParts } from './textCleaning';
import type { Gazetteer, IntentData, NluSettings } from './trainingData';

/** Below this share of Latin letters a message is not English and so out of scope. */
const MIN_LATIN_SHARE = 0.5;

/** The decision part of a recognition, from the classifier's scores and the settings. */
export interface Decision {
  intent: string;
  confidence: number;
  alternatives: IntentScore[];
  ambiguous: boolean;
}

/**
 * Turns the classifier's probabilities into an answer: the best in-scope intent, unless `none`
 * is likelier or the best is below the threshold; ambiguous when the runner-up is within the
 * margin. Alternatives never include `none`.
 */
export function decide(scores: readonly LabelScore[], settings: Pick<NluSettings, 'threshold' | 'ambiguityMargin' | 'maxAlternatives' | 'minAlternativeConfidence'>): Decision {
  const noneScore = scores.find((s) => s.label === NONE_INTENT)?.score ?? 0;
  const inScope = scores.filter((s) => s.label !== NONE_INTENT).sort((a, b) => b.score - a.score);
  const pick = (list: LabelScore[]) =>
    list
      .filter((s) => s.score >= settings.minAlternativeConfidence)
      .slice(0, settings.maxAlternatives)
      .map((s) => ({ intent: s.label, confidence: s.score }));
  const top = inScope[0];
  if (!top || top.score < settings.threshold || top.score <= noneScore) {
    return { intent: NONE_INTENT, confidence: noneScore, alternatives: pick(inScope), ambiguous: false };
  }
  const second = inScope[1];
  return {
    intent: top.label,
    confidence: top.score,
    alternatives: pick(inScope.slice(1)),
    ambiguous: second !== undefined && top.score - second.score < settings.ambiguityMargin,
  };
}

/** What the classifier reads: markup gone; a long text its opening and its end (readParts). Empty when there is nothing to read. */
export function classifierInput(text: string, maxChars: number): string {
  const plain = readParts(plainText(text), maxChars)
    .map((p) => p.text)
    .join(' ');
  if (latinShare(plain) < MIN_LATIN_SHARE) return '';
  return plain;
}

/** The classifier's tag for an entity: "service:photos". */
export function entityTag(entity: Pick<Entity, 'type' | 'value'>): string {
  return `${entity.type}:${entity.value}`;
}

/** The entities' tags, each once, in order. */
export function entityTags(entities: readonly Entity[]): string[] {
  return [...new Set(entities.map(entityTag))];
}

/**
 * Reads a message the way the classifier is trained and asked: the cleaned text and the tags of
 * the gazetteer entities found in it, so a typo the gazetteer forgives ("fotos", "conatcts")
 * reads like the word it stands for. Training and prediction use the same reader.
 */
export class ClassifierReader {
  private readonly extractor: EntityExtractor;

  constructor(
    gazetteer: Gazetteer,
    private readonly maxChars: number,
  ) {
    this.extractor = new EntityExtractor(gazetteer);
  }

  /** The entities in the (cut) message; never throws. */
  entities(text: string): Entity[] {
    try {
      // A long message: its opening and its end (readParts), with offsets into the whole text.
      return readParts(text, this.maxChars).flatMap((part) => this.extractor.extract(part.text).map((e) => ({ ...e, start: e.start + part.start, end: e.end + part.start })));
    } catch {
      return [];
    }
  }

  /**
   * Null when there is nothing to read: empty, another script, or emoji and symbols only with no
   * gazetteer emoji among them ("📸" reads as the tag service:photos alone, "😡😡" as nothing).
   */
  read(text: string, entities: readonly Entity[] = this.entities(text)): { text: string; tags: string[] } | null {
    const input = classifierInput(text, this.maxChars);
    const tags = entityTags(entities);
    if (!input) return tags.length > 0 && !/\p{L}/u.test(text) ? { text: '', tags } : null;
    return { text: input, tags };
  }
}

export function trainingExamples(data: Pick<IntentData, 'intents' | 'gazetteer'>, maxChars: number): TrainingExample[] {
  const reader = new ClassifierReader(data.gazetteer, maxChars);
  const examples: TrainingExample[] = [];
  for (const intent of data.intents) {
    for (const u of intent.utterances) {
      const input = reader.read(u);
      if (input) examples.push({ ...input, label: intent.id });
    }
  }
  return examples;
}

export interface NaturalRecognizerOptions {
  classifier: TextClassifier;
  gazetteer: Gazetteer;
  settings: NluSettings;
}

/**
 * The Recognizer over the content in intents/: the text classifier for the intent, the
 * gazetteers for entities. Never throws: odd input (empty, emoji, other scripts, pasted logs)
 * comes back as `none`.
 */
export class NaturalRecognizer implements Recognizer {
  readonly intents: readonly string[];
  readonly settings: NluSettings;
  readonly classifier: TextClassifier;
  private readonly reader: ClassifierReader;

  constructor(options: NaturalRecognizerOptions) {
    this.classifier = options.classifier;
    this.settings = options.settings;
    this.reader = new ClassifierReader(options.gazetteer, options.settings.maxChars);
    this.intents = this.classifier.labels.filter((l) => l !== NONE_INTENT);
  }

  /** Trains the classifier on every intent's `utterances` (none's are the negatives). */
  static train(data: IntentData): NaturalRecognizer {
    const examples = trainingExamples(data, data.settings.maxChars);
    const classifier = TextClassifier.train(examples, data.settings.classifier);
    return new NaturalRecognizer({ classifier, gazetteer: data.gazetteer, settings: data.settings });
  }

  /** The classifier's probabilities for a message (best first); empty for text it cannot read. */
  scores(text: string, entities?: readonly Entity[]): LabelScore[] {
    const input = this.reader.read(typeof text === 'string' ? text : '', entities);
    if (!input) return [];
    return this.classifier.predict(input.text, input.tags);
  }

  recognize(text: string): Recognition {
    const original = typeof text === 'string' ? text : '';
    const entities = this.reader.entities(original);
    let decision: Decision = { intent: NONE_INTENT, confidence: 0, alternatives: [], ambiguous: false };
    try {
      const scores = this.scores(original, entities);
      if (scores.length > 0) decision = decide(scores, this.settings);
    } catch {
      // A recogniser failure is "not understood", never a crashed turn.
    }
    return { text: original, ...decision, entities };
  }
}

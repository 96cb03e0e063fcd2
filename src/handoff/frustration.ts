/**
 * Frustration detection, one of the triggers for offering a human agent.
 *
 * A message's score adds up independent signals (weights configurable):
 *   - negative sentiment: natural's SentimentAnalyzer (English, AFINN-165, Porter stemmer), which
 *     gives the average word valence; only the negative part counts (× `weights.sentiment`);
 *   - strong phrases: "useless", "waste of time", "nothing works", "tried all that already", …;
 *   - weak phrases that say a fix did not work: "still not working", "didn't work", "no luck";
 *   - shouting: repeated "!!" / "?!?" and ALL CAPS, counted only when the message is not
 *     positive ("THANK YOU!!!" is not frustration).
 * A list of recent messages is frustrated when the latest scores at least `threshold`, when the
 * window's scores add up to `cumulativeThreshold`, or when "still not working" comes back in
 * `repeatThreshold` messages of the window. Deterministic: same text, same score.
 */
import { PorterStemmer, SentimentAnalyzer, WordTokenizer } from 'natural';

export interface FrustrationWeights {
  /** Multiplies the negative average AFINN valence (range 0-5). */
  sentiment: number;
  /** For each strong phrase found. */
  strongPhrase: number;
  /** For each weak ("still not working") phrase found. */
  weakPhrase: number;
  /** For "!!", "!!!", "?!?". */
  exclamation: number;
  /** For shouting in capitals: once for a few shouted words, twice for a whole message in capitals. */
  caps: number;
}

export interface FrustrationOptions {
  /** A single message at or above this score is frustrated. Default 2. */
  threshold?: number;
  /** The window's scores adding up to this is frustrated (unless the latest message is positive). Default 3. */
  cumulativeThreshold?: number;
  /** How many of the most recent messages to look at. Default 3. */
  window?: number;
  /** Messages in the window with a weak phrase ("still not working") that mean frustrated (unless the latest is positive). Default 2. */
  repeatThreshold?: number;
  weights?: Partial<FrustrationWeights>;
  /** Replace the built-in strong phrases (matched case-insensitively against the message). */
  strongPhrases?: readonly RegExp[];
  /** Replace the built-in weak phrases. */
  weakPhrases?: readonly RegExp[];
}

export type FrustrationSignal = 'sentiment' | 'strongPhrase' | 'weakPhrase' | 'exclamation' | 'caps';

export interface MessageScore {
  score: number;
  /** natural's average AFINN valence of the message (negative is unhappy). */
  sentiment: number;
  /** Each signal that contributed, with its contribution. */
  signals: Partial<Record<FrustrationSignal, number>>;
}

export interface FrustrationAssessment {
  frustrated: boolean;
  /** Which rule decided: the latest message, the window's sum, or repetition. */
  reasons: Array<'message' | 'cumulative' | 'repeated'>;
  /** Scores of the messages in the window, oldest first. */
  scores: number[];
}

export interface FrustrationDetector {
  score(text: string): number;
  scoreDetailed(text: string): MessageScore;
  isFrustrated(recentUserTexts: readonly string[]): boolean;
  assess(recentUserTexts: readonly string[]): FrustrationAssessment;
}

export const DEFAULT_WEIGHTS: Readonly<FrustrationWeights> = {
  sentiment: 1,
  strongPhrase: 2,
  weakPhrase: 1,
  exclamation: 1,
  caps: 1,
};

export const DEFAULT_STRONG_PHRASES: readonly RegExp[] = [
  /\buseless\b/i,
  /\bpointless\b/i,
  /\bhopeless\b/i,
  /\bwaste of (?:my )?time\b/i,
  /\bnothing (?:works|is working|ever works|worked|helps|helped)\b/i,
  /\b(?:tried|done|did) (?:(?:all|all of|every(?:thing)?)\s*)?(?:(?:that|this|those|it|them)\s*)?(?:already|before|twice|(?:three|3|many|several|so many|a (?:hundred|million)) times)\b/i,
  /\btried everything\b/i,
  /\balready (?:tried|did|done) (?:that|this|those|it|all|everything)\b/i,
  /\bfrustrat\w*/i,
  /\bannoy\w*/i,
  /\bfed up\b/i,
  /\bsick (?:and tired )?of\b/i,
  /\bgiv(?:e|ing) up\b/i,
  /\b(?:not|isn'?t|is not) help(?:ing|ful)\b/i,
  /\bdoes(?:n'?t| not) help\b/i,
  /\bgoing (?:round|around) in circles\b/i,
  /\bfor the (?:\w+ )?(?:third|fourth|fifth|hundredth|last) time\b/i,
  /\bagain and again\b/i,
  /\bridiculous\b/i,
  /\bworst\b/i,
];

export const DEFAULT_WEAK_PHRASES: readonly RegExp[] = [
  /\bstill (?:not|isn'?t|doesn'?t|won'?t|can'?t|does not|will not|cannot) (?:\w+ )?(?:work|working|sync|syncing|show|showing|load|loading|update|updating|upload|uploading)\w*/i,
  /\bstill (?:broken|the same|stuck|nothing|no change)\b/i,
  /\b(?:did(?:n'?t| not)|does(?:n'?t| not)) (?:work|fix|change)\b/i,
  /\bno luck\b/i,
  /\bsame (?:problem|issue|thing|error)\b/i,
];

const ACRONYMS = new Set(['ID', 'OK', 'PC', 'USB', 'SIM', 'SMS', 'MMS', 'FAQ', 'VPN', 'DNS', 'WIFI', 'GB', 'MB', 'TB', 'KB', 'OS', 'IOS', 'UK', 'US', 'PDF', 'ICLOUD', 'FA', 'TV', 'AM', 'PM', 'I']);

function numberOption(name: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < min) throw new Error(`createFrustrationDetector(): ${name} must be a number ≥ ${min}, got ${value}`);
  return v;
}

/**
 * Shouting: 2 when the whole message is in capitals (at least 10 letters, 70 % capitals), 1 when
 * two or more words of three letters or more are (acronyms such as USB or WIFI do not count).
 */
function shouting(text: string): 0 | 1 | 2 {
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '');
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  const shoutedWords = words.filter((w) => w === w.toUpperCase() && w !== w.toLowerCase() && !ACRONYMS.has(w));
  if (shoutedWords.length === 0) return 0;
  if (letters.length >= 10 && upper.length / letters.length >= 0.7) return 2;
  return shoutedWords.length >= 2 ? 1 : 0;
}

export function createFrustrationDetector(options: FrustrationOptions = {}): FrustrationDetector {
  const threshold = numberOption('threshold', options.threshold, 2, 0);
  const cumulativeThreshold = numberOption('cumulativeThreshold', options.cumulativeThreshold, 3, 0);
  const window = Math.floor(numberOption('window', options.window, 3, 1));
  const repeatThreshold = Math.floor(numberOption('repeatThreshold', options.repeatThreshold, 2, 1));
  const weights: FrustrationWeights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const strongPhrases = options.strongPhrases ?? DEFAULT_STRONG_PHRASES;
  const weakPhrases = options.weakPhrases ?? DEFAULT_WEAK_PHRASES;

  const analyzer = new SentimentAnalyzer('English', PorterStemmer, 'afinn');
  const tokenizer = new WordTokenizer();

  const countMatches = (text: string, phrases: readonly RegExp[]): number => phrases.filter((re) => re.test(text)).length;

  function scoreDetailed(text: string): MessageScore {
    const signals: MessageScore['signals'] = {};
    const tokens = tokenizer.tokenize(text.toLowerCase()) ?? [];
    const valence = tokens.length > 0 ? analyzer.getSentiment(tokens) : 0;
    const sentiment = Number.isFinite(valence) ? valence : 0;
    if (sentiment < 0 && weights.sentiment > 0) signals.sentiment = -sentiment * weights.sentiment;
    const strong = countMatches(text, strongPhrases);
    if (strong > 0 && weights.strongPhrase > 0) signals.strongPhrase = strong * weights.strongPhrase;
    const weak = countMatches(text, weakPhrases);
    if (weak > 0 && weights.weakPhrase > 0) signals.weakPhrase = weak * weights.weakPhrase;
    if (sentiment <= 0) {
      if (/!{2,}|(?=[!?]*!)[!?]{3,}/.test(text) && weights.exclamation > 0) signals.exclamation = weights.exclamation;
      const shout = shouting(text);
      if (shout > 0 && weights.caps > 0) signals.caps = shout * weights.caps;
    }
    const score = Object.values(signals).reduce((a, b) => a + (b ?? 0), 0);
    return { score: Math.round(score * 1000) / 1000, sentiment, signals };
  }

  function assess(recentUserTexts: readonly string[]): FrustrationAssessment {
    const recent = recentUserTexts.slice(-window);
    const details = recent.map(scoreDetailed);
    const scores = details.map((d) => d.score);
    const reasons: FrustrationAssessment['reasons'] = [];
    const latest = details[details.length - 1];
    if (latest === undefined) return { frustrated: false, reasons, scores };
    if (latest.score >= threshold) reasons.push('message');
    // "thanks, that helped" after an outburst: things have improved, earlier messages do not count.
    const latestPositive = latest.sentiment > 0 && latest.score === 0;
    if (!latestPositive) {
      if (scores.length > 1 && scores.reduce((a, b) => a + b, 0) >= cumulativeThreshold) reasons.push('cumulative');
      if (recent.filter((t) => countMatches(t, weakPhrases) > 0).length >= repeatThreshold) reasons.push('repeated');
    }
    return { frustrated: reasons.length > 0, reasons, scores };
  }

  return {
    score: (text) => scoreDetailed(text).score,
    scoreDetailed,
    assess,
    isFrustrated: (recent) => assess(recent).frustrated,
  };
}

import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ContentError, INTENT_HANDLERS, type ContentProblem, type IntentHandler } from '../content/problems';
import { fieldPath, parseWithSchema, readYamlFile, type YamlFile } from '../content/yamlFile';
import { compactForm } from './entities';
import { NONE_INTENT } from './recognizer';

/**
 * The recogniser's training data in `intents/`:
 *
 *   intents/<intent-id>.yaml  one intent: handler, description, training utterances, held-out tests
 *   intents/none.yaml         the out-of-scope intent (handler `none`): negative training examples
 *   intents/entities.yaml     gazetteers: entity type -> canonical values with their synonyms
 *   intents/settings.yaml     recogniser settings (threshold, ambiguity margin, ...), optional
 */

export const ENTITIES_FILE = 'entities.yaml';
export const SETTINGS_FILE = 'settings.yaml';
/** Files in intents/ that are not intent definitions. */
const NON_INTENT_FILES = new Set([ENTITIES_FILE, SETTINGS_FILE]);

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case id like "photos-not-syncing"');
const versionOne = z.literal(1, {
  errorMap: (issue, ctx) => ({ message: issue.code === 'invalid_literal' ? 'must be 1' : ctx.defaultError }),
});
const utterance = z.string().trim().min(1, 'must not be empty');

export const intentFileSchema = z
  .object({
    version: versionOne,
    intent: id,
    handler: z.enum(INTENT_HANDLERS, {
      errorMap: (issue, ctx) => ({ message: issue.code === 'invalid_enum_value' ? `must be one of ${INTENT_HANDLERS.join(', ')}` : ctx.defaultError }),
    }),
    description: z.string().trim().min(1, 'must not be empty'),
    utterances: z.array(utterance),
    heldOut: z.array(utterance).default([]),
    /** Entity types this intent uses (optional; each must exist in entities.yaml). */
    entities: z.array(z.string()).default([]),
  })
  .strict();
export type IntentFile = z.infer<typeof intentFileSchema>;

const entityValueSchema = z
  .object({
    value: id,
    synonyms: z.array(utterance).default([]),
    /** false: the id itself is not a way to write the value ("other" is an ordinary word). */
    matchValue: z.boolean().default(true),
  })
  .strict();

export const entitiesFileSchema = z
  .object({
    version: versionOne,
    entities: z.record(id, z.array(entityValueSchema).min(1, 'must list at least one value')),
  })
  .strict();

export const nluSettingsSchema = z
  .object({
    version: versionOne.default(1),
    /** Below this probability of the best in-scope intent the answer is `none`. */
    threshold: z.number().min(0).max(1).default(0.5),
    /** When the best two in-scope intents are closer than this, the recognition is ambiguous. */
    ambiguityMargin: z.number().min(0).max(1).default(0.15),
    /** Fewest training utterances an intent may have. */
    minUtterances: z.number().int().min(1).default(25),
    /** Characters of a message that are classified and searched for entities (longer is cut). */
    maxChars: z.number().int().min(20).default(500),
    /** How many alternatives a recognition lists at most. */
    maxAlternatives: z.number().int().min(0).default(3),
    /** Alternatives with a lower probability are left out. */
    minAlternativeConfidence: z.number().min(0).max(1).default(0.02),
    /** Options passed to the text classifier. */
    classifier: z.record(z.unknown()).default({}),
  })
  .strict();
export type NluSettings = z.infer<typeof nluSettingsSchema>;
export const DEFAULT_NLU_SETTINGS: NluSettings = nluSettingsSchema.parse({});

export interface IntentDefinition {
  id: string;
  handler: IntentHandler;
  description: string;
  utterances: string[];
  heldOut: string[];
  entities: string[];
  /** The file it came from, as given in problems. */
  file: string;
}

export interface GazetteerValue {
  value: string;
  /** Every way to write the value, the value itself included. */
  synonyms: string[];
}
/** Entity type -> its values. */
export type Gazetteer = Record<string, GazetteerValue[]>;

export interface IntentData {
  /** Every intent, `none` included, in file-name order. */
  intents: IntentDefinition[];
  gazetteer: Gazetteer;
  settings: NluSettings;
}

export interface CheckIntentsResult {
  data: IntentData | null;
  problems: ContentProblem[];
  /**
   * Every intent file that passed its schema, even when other problems were found, with the line
   * of its `handler:`: the checks against dialogs/ still run on them (`resync validate` lists
   * every problem in one run).
   */
  parsed: { intent: IntentDefinition; handlerLine?: number }[];
  /** Names (without .yaml) of the intent files that could not be read or failed their schema. */
  failedFiles: string[];
}

/** Lower-case, punctuation dropped, spaces collapsed: the form used to find duplicates. */
export function normaliseUtterance(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function displayPath(intentsDir: string, name: string): string {
  const rel = path.relative(process.cwd(), path.join(intentsDir, name));
  return rel.startsWith('..') ? path.join(intentsDir, name) : rel;
}

/**
 * Reads and checks every file in `intentsDir`: each against its schema, then across files.
 * Never throws; problems name the file, the line and the field.
 */
export function checkIntents(intentsDir: string): CheckIntentsResult {
  const problems: ContentProblem[] = [];
  if (!existsSync(intentsDir) || !statSync(intentsDir).isDirectory()) {
    return { data: null, problems: [{ file: intentsDir, field: '', message: 'intents directory not found' }], parsed: [], failedFiles: [] };
  }
  const names = readdirSync(intentsDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

  // Settings first: minUtterances is used by the checks below.
  let settings = DEFAULT_NLU_SETTINGS;
  if (names.includes(SETTINGS_FILE)) {
    const parsed = readAndParse(intentsDir, SETTINGS_FILE, nluSettingsSchema, problems);
    if (parsed) settings = parsed.value;
  }

  // Gazetteers.
  let gazetteer: Gazetteer = {};
  if (names.includes(ENTITIES_FILE)) {
    const parsed = readAndParse(intentsDir, ENTITIES_FILE, entitiesFileSchema, problems);
    if (parsed) gazetteer = buildGazetteer(parsed.value, parsed.yaml, problems);
  }

  // Intent files.
  const intents: IntentDefinition[] = [];
  const yamlOf = new Map<IntentDefinition, YamlFile>();
  const failedFiles: string[] = [];
  for (const name of names) {
    if (NON_INTENT_FILES.has(name)) continue;
    const parsed = readAndParse(intentsDir, name, intentFileSchema, problems);
    if (!parsed) {
      failedFiles.push(name.replace(/\.ya?ml$/, ''));
      continue;
    }
    const { value, yaml } = parsed;
    const intent: IntentDefinition = { id: value.intent, handler: value.handler, description: value.description, utterances: value.utterances, heldOut: value.heldOut, entities: value.entities, file: yaml.file };
    yamlOf.set(intent, yaml);
    const stem = name.replace(/\.ya?ml$/, '');
    if (stem !== value.intent) {
      problems.push({ file: yaml.file, line: yaml.lineOf(['intent']), field: 'intent', message: `intent id "${value.intent}" does not match the file name (expected "${stem}")` });
    }
    if (value.intent === NONE_INTENT && value.handler !== 'none') {
      problems.push({ file: yaml.file, line: yaml.lineOf(['handler']), field: 'handler', message: `the "${NONE_INTENT}" intent must have handler "none"` });
    }
    if (value.handler === 'none' && value.intent !== NONE_INTENT) {
      problems.push({ file: yaml.file, line: yaml.lineOf(['handler']), field: 'handler', message: `handler "none" is reserved for the "${NONE_INTENT}" intent` });
    }
    if (value.utterances.length === 0) {
      problems.push({ file: yaml.file, line: yaml.lineOf(['utterances']), field: 'utterances', message: 'intent has no training utterances' });
    } else if (value.utterances.length < settings.minUtterances) {
      problems.push({ file: yaml.file, line: yaml.lineOf(['utterances']), field: 'utterances', message: `has ${value.utterances.length} training utterances; at least ${settings.minUtterances} are needed` });
    }
    value.entities.forEach((type, i) => {
      if (!(type in gazetteer)) {
        problems.push({ file: yaml.file, line: yaml.lineOf(['entities', i]), field: `entities[${i}]`, message: `unknown entity type "${type}" (entities.yaml defines: ${Object.keys(gazetteer).join(', ') || 'none'})` });
      }
    });
    intents.push(intent);
  }

  // Across files.
  const firstById = new Map<string, IntentDefinition>();
  for (const intent of intents) {
    const other = firstById.get(intent.id);
    if (other) {
      const yaml = yamlOf.get(intent)!;
      problems.push({ file: intent.file, line: yaml.lineOf(['intent']), field: 'intent', message: `duplicate intent id "${intent.id}" (also in ${other.file})` });
    } else firstById.set(intent.id, intent);
  }
  if (intents.length > 0 && !firstById.has(NONE_INTENT)) {
    problems.push({ file: displayPath(intentsDir, `${NONE_INTENT}.yaml`), field: '', message: `missing the "${NONE_INTENT}" intent (out-of-scope examples the recogniser needs)` });
  }
  if (names.every((n) => NON_INTENT_FILES.has(n))) {
    problems.push({ file: intentsDir, field: '', message: 'no intent files found' });
  }
  checkDuplicates(intents, yamlOf, problems);

  const parsed = intents.map((intent) => ({ intent, handlerLine: yamlOf.get(intent)!.lineOf(['handler']) }));
  if (problems.length > 0) return { data: null, problems, parsed, failedFiles };
  return { data: { intents, gazetteer, settings }, problems, parsed, failedFiles };
}

/** Like checkIntents, but throws ContentError listing every problem. */
export function loadIntents(intentsDir: string): IntentData {
  const { data, problems } = checkIntents(intentsDir);
  if (!data) throw new ContentError(problems);
  return data;
}

function readAndParse<S extends z.ZodTypeAny>(
  intentsDir: string,
  name: string,
  schema: S,
  problems: ContentProblem[],
): { value: z.infer<S>; yaml: YamlFile } | null {
  const read = readYamlFile(path.join(intentsDir, name), displayPath(intentsDir, name));
  problems.push(...read.problems);
  if (!read.yaml) return null;
  const parsed = parseWithSchema(read.yaml, schema);
  problems.push(...parsed.problems);
  if (parsed.value === null) return null;
  return { value: parsed.value, yaml: read.yaml };
}

function buildGazetteer(file: z.infer<typeof entitiesFileSchema>, yaml: YamlFile, problems: ContentProblem[]): Gazetteer {
  const gazetteer: Gazetteer = {};
  const seen = new Map<string, string>();
  for (const [type, values] of Object.entries(file.entities)) {
    gazetteer[type] = values.map((v, vi) => {
      const synonyms = [v.value, ...v.synonyms];
      synonyms.forEach((s, si) => {
        if (si === 0 && !v.matchValue) return;
        const key = `${type}:${compactForm(s)}`;
        const owner = seen.get(key);
        const fieldParts: (string | number)[] = si === 0 ? ['entities', type, vi, 'value'] : ['entities', type, vi, 'synonyms', si - 1];
        if (owner !== undefined && owner !== v.value) {
          problems.push({ file: yaml.file, line: yaml.lineOf(fieldParts), field: fieldPath(fieldParts), message: `"${s}" is listed under both ${type} "${owner}" and "${v.value}"` });
        }
        seen.set(key, v.value);
      });
      return { value: v.value, synonyms: [...new Set(v.matchValue ? synonyms : v.synonyms)] };
    });
  }
  return gazetteer;
}


function checkDuplicates(intents: IntentDefinition[], yamlOf: Map<IntentDefinition, YamlFile>, problems: ContentProblem[]): void {
  // Training utterances: one owner each.
  const trainOwner = new Map<string, { intent: IntentDefinition; index: number }>();
  for (const intent of intents) {
    const yaml = yamlOf.get(intent)!;
    intent.utterances.forEach((u, i) => {
      const key = normaliseUtterance(u);
      if (!key) return;
      const prev = trainOwner.get(key);
      if (!prev) {
        trainOwner.set(key, { intent, index: i });
        return;
      }
      const where = prev.intent === intent ? `utterances[${prev.index}] of the same intent` : `intent "${prev.intent.id}" (${prev.intent.file}, utterances[${prev.index}])`;
      problems.push({ file: intent.file, line: yaml.lineOf(['utterances', i]), field: `utterances[${i}]`, message: `"${u}" duplicates ${where}` });
    });
  }
  // Held-out utterances: never trained on, and not repeated.
  const heldOwner = new Map<string, { intent: IntentDefinition; index: number }>();
  for (const intent of intents) {
    const yaml = yamlOf.get(intent)!;
    intent.heldOut.forEach((u, i) => {
      const key = normaliseUtterance(u);
      if (!key) return;
      const trained = trainOwner.get(key);
      if (trained) {
        problems.push({ file: intent.file, line: yaml.lineOf(['heldOut', i]), field: `heldOut[${i}]`, message: `held-out "${u}" is also a training utterance of "${trained.intent.id}" (utterances[${trained.index}]); held-out tests must not be trained on` });
        return;
      }
      const prev = heldOwner.get(key);
      if (prev) {
        problems.push({ file: intent.file, line: yaml.lineOf(['heldOut', i]), field: `heldOut[${i}]`, message: `held-out "${u}" duplicates heldOut[${prev.index}] of "${prev.intent.id}"` });
        return;
      }
      heldOwner.set(key, { intent, index: i });
    });
  }
}

/** Intents other than `none`. */
export function inScopeIntents(data: IntentData): IntentDefinition[] {
  return data.intents.filter((i) => i.id !== NONE_INTENT);
}

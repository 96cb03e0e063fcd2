import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { ContentProblem } from './problems';

/** A YAML file read with positions kept, so problems can name the line of a field. */
export interface YamlFile {
  /** The path as it appears in problems (relative, as given). */
  file: string;
  data: unknown;
  /** 1-based line of the value at `path`, or of its nearest existing parent. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

export function fieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/** Reads and parses one YAML file; syntax errors come back as problems with their line. */
export function readYamlFile(absolute: string, file: string): { yaml: YamlFile | null; problems: ContentProblem[] } {
  let source: string;
  try {
    source = readFileSync(absolute, 'utf8');
  } catch (error) {
    return { yaml: null, problems: [{ file, field: '', message: `cannot read file: ${(error as Error).message}` }] };
  }
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    // Only the first error: the parser's later ones nearly always follow from it (one tab gave 16
    // lines), and they are gone once it is fixed.
    const [first, ...rest] = doc.errors;
    const more = rest.length > 0 ? ` (and ${rest.length} more error${rest.length === 1 ? '' : 's'} after it, most likely caused by this one)` : '';
    return {
      yaml: null,
      problems: [{ file, line: lineCounter.linePos(first.pos[0]).line, field: '', message: `YAML syntax error: ${first.message.split('\n')[0]}${more}` }],
    };
  }
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = nodeAt(doc, path.slice(0, n));
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { yaml: { file, data: doc.toJS(), lineOf }, problems: [] };
}

/** The node at a path; for a map entry, its key (so a block value points at the line of its key). */
function nodeAt(doc: Document, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key as { value?: unknown } | null;
        return (k && typeof k === 'object' && 'value' in k ? k.value : k) === key;
      });
      if (!pair) return undefined;
      if (i === path.length - 1 && pair.key && typeof pair.key === 'object') return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return undefined;
    }
  }
  return node as Node | undefined;
}

/** Validates a parsed file against a zod schema; each issue names the file, line and field. */
export function parseWithSchema<S extends z.ZodTypeAny>(
  yaml: YamlFile,
  schema: S,
): { value: z.infer<S> | null; problems: ContentProblem[] } {
  const { value, problems } = checkWithSchema(yaml, schema);
  return { value, problems };
}

/**
 * A file checked against its schema, with what can still be used for the checks across files when
 * it has problems, so that one mistake does not hide the others:
 * - `usable`: the whole value once unknown fields are dropped (a near miss of a field of the schema,
 *   `wrapUpp` or `acton`, is read as that field); null when other problems remain;
 * - `fields`: otherwise, each top-level field that is valid on its own (`steps` of a playbook whose
 *   `title` is empty); `broken` names the top-level fields that are not.
 */
export interface SchemaCheck<T> {
  /** The valid value, or null when the file has problems. */
  value: T | null;
  usable: T | null;
  fields: Partial<T>;
  broken: ReadonlySet<string>;
  problems: ContentProblem[];
}

export function checkWithSchema<S extends z.ZodTypeAny>(yaml: YamlFile, schema: S): SchemaCheck<z.infer<S>> {
  const result = schema.safeParse(yaml.data);
  if (result.success) return { value: result.data, usable: result.data, fields: result.data, broken: new Set(), problems: [] };
  const { problems, repaired } = describeIssues(yaml, schema, result.error.issues);
  const again = schema.safeParse(repaired);
  if (again.success) return { value: null, usable: again.data, fields: again.data, broken: new Set(), problems };
  const fields: Record<string, unknown> = {};
  const broken = new Set<string>();
  const shape = objectShape(schema);
  if (shape && repaired && typeof repaired === 'object' && !Array.isArray(repaired)) {
    for (const [key, fieldSchema] of Object.entries(shape)) {
      const r = fieldSchema.safeParse((repaired as Record<string, unknown>)[key]);
      if (r.success) {
        if (r.data !== undefined) fields[key] = r.data;
      } else broken.add(key);
    }
  } else {
    for (const key of Object.keys(shape ?? {})) broken.add(key);
  }
  return { value: null, usable: null, fields: fields as Partial<z.infer<S>>, broken, problems };
}

/**
 * The problems of a failed parse, and a copy of the data with the unknown fields dropped (or, for a
 * near miss of a field the schema has, renamed to it). A near miss of a required field gives one
 * problem, not "unknown field" and "Required" apart.
 */
function describeIssues(yaml: YamlFile, schema: z.ZodTypeAny, issues: z.ZodIssue[]): { problems: ContentProblem[]; repaired: unknown } {
  const repaired = structuredClone(yaml.data);
  const merged = new Set<z.ZodIssue>();
  const unknownFields = new Map<z.ZodIssue, ContentProblem[]>();
  const at = (p: readonly (string | number)[]) => ({ file: yaml.file, line: yaml.lineOf(p), field: fieldPath(p) });
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const holder = valueAt(repaired, issue.path);
    const holderObject = holder && typeof holder === 'object' && !Array.isArray(holder) ? (holder as Record<string, unknown>) : undefined;
    const known = Object.keys(objectShape(schemaAt(schema, issue.path)) ?? {});
    const found: ContentProblem[] = [];
    for (const key of issue.keys) {
      const missing = issues.find(
        (other) =>
          !merged.has(other) &&
          isMissing(other) &&
          other.path.length === issue.path.length + 1 &&
          issue.path.every((part, i) => other.path[i] === part) &&
          nearMiss(key, String(other.path[issue.path.length])),
      );
      if (missing) merged.add(missing);
      const meant = missing ? String(missing.path[issue.path.length]) : known.find((k) => nearMiss(key, k) && !(holderObject && k in holderObject));
      found.push({ ...at([...issue.path, key]), message: meant ? `unknown field (did you mean '${meant}'?)` : 'unknown field' });
      if (holderObject) {
        if (meant && !(meant in holderObject)) holderObject[meant] = holderObject[key];
        delete holderObject[key];
      }
    }
    unknownFields.set(issue, found);
  }
  const problems: ContentProblem[] = [];
  for (const issue of issues) {
    if (merged.has(issue)) continue;
    problems.push(...(unknownFields.get(issue) ?? [{ ...at(issue.path), message: issue.message }]));
  }
  return { problems, repaired };
}

function isMissing(issue: z.ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.received === 'undefined';
}

/** Two field names one slip apart: case, or an edit distance of 1 (2 for names of 6 letters or more; a swap of neighbours is 1). */
export function nearMiss(typed: string, known: string): boolean {
  if (typed === known) return false;
  if (typed.toLowerCase() === known.toLowerCase()) return true;
  const limit = Math.min(typed.length, known.length) >= 6 ? 2 : 1;
  return editDistance(typed.toLowerCase(), known.toLowerCase(), limit) <= limit;
}

/** Edit distance with a swap of two neighbours counting as one edit ('stpes' is one from 'steps'). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** The schema of the value at a path, through optional, default, refinements, arrays and records. */
function schemaAt(schema: z.ZodTypeAny | undefined, path: readonly (string | number)[]): z.ZodTypeAny | undefined {
  let node = unwrap(schema);
  for (const part of path) {
    if (!node) return undefined;
    const def = node._def as { typeName?: string; type?: z.ZodTypeAny; valueType?: z.ZodTypeAny };
    if (def.typeName === 'ZodArray' && typeof part === 'number') node = unwrap(def.type);
    else if (def.typeName === 'ZodRecord') node = unwrap(def.valueType);
    else node = unwrap(objectShape(node)?.[String(part)]);
  }
  return node;
}

function unwrap(schema: z.ZodTypeAny | undefined): z.ZodTypeAny | undefined {
  let node = schema;
  for (let i = 0; node && i < 10; i++) {
    const def = node._def as { typeName?: string; innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny };
    if ((def.typeName === 'ZodOptional' || def.typeName === 'ZodNullable' || def.typeName === 'ZodDefault') && def.innerType) node = def.innerType;
    else if (def.typeName === 'ZodEffects' && def.schema) node = def.schema;
    else break;
  }
  return node;
}

function objectShape(schema: z.ZodTypeAny | undefined): Record<string, z.ZodTypeAny> | undefined {
  const node = unwrap(schema);
  const def = node?._def as { typeName?: string; shape?: () => Record<string, z.ZodTypeAny> } | undefined;
  return def?.typeName === 'ZodObject' && def.shape ? def.shape() : undefined;
}

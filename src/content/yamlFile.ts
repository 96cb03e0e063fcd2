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
    return {
      yaml: null,
      problems: doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        field: '',
        message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      })),
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
  const result = schema.safeParse(yaml.data);
  if (result.success) return { value: result.data, problems: [] };
  return {
    value: null,
    problems: result.error.issues.map((issue) => ({
      file: yaml.file,
      line: yaml.lineOf(issue.path),
      field: fieldPath(issue.path),
      message: issue.message,
    })),
  };
}

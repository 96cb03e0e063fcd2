/**
 * The Markdown subset the bot's texts use (bold, italics, links, bullet and numbered lists,
 * headings, inline code, backslash escapes), turned into terminal text: markers removed, links
 * as "text <url>", bullets as "•", and bold as ANSI bold when the terminal shows colours.
 * Web Chat and Teams render the Markdown themselves; only the terminal needs this.
 */

export interface TerminalStyle {
  /** Wraps bold text; plain text when the output is not a terminal. */
  bold(text: string): string;
}

export const PLAIN: TerminalStyle = { bold: (text) => text };
export const ANSI: TerminalStyle = { bold: (text) => `\u001b[1m${text}\u001b[22m` };

/** Characters a backslash may escape in Markdown; they are held aside while markers are read. */
const ESCAPABLE = /\\([\\`*_{}[\]()#+\-.!>|~])/g;
const HOLD = '\u0000';

/** One line of Markdown as terminal text. */
export function markdownLine(line: string, style: TerminalStyle = PLAIN): string {
  const held: string[] = [];
  let text = line.replace(ESCAPABLE, (_m, ch: string) => `${HOLD}${held.push(ch) - 1}${HOLD}`);
  // Inline code first: nothing inside it is Markdown.
  const code: string[] = [];
  text = text.replace(/`([^`]+)`/g, (_m, inner: string) => `${HOLD}c${code.push(inner) - 1}${HOLD}`);
  text = text
    .replace(/^(\s*)#{1,6}\s+(.*?)\s*#*\s*$/, (_m, indent: string, heading: string) => `${indent}${style.bold(heading)}`)
    .replace(/^(\s*)[-*+]\s+/, '$1• ')
    .replace(/!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_m, label: string, url: string) => (label && label !== url ? `${label} <${url}>` : `<${url}>`))
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__/g, (_m, a: string | undefined, b: string | undefined) => style.bold(a ?? b ?? ''))
    .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2');
  return text
    .replace(new RegExp(`${HOLD}c(\\d+)${HOLD}`, 'g'), (_m, i: string) => code[Number(i)] ?? '')
    .replace(new RegExp(`${HOLD}(\\d+)${HOLD}`, 'g'), (_m, i: string) => held[Number(i)] ?? '');
}

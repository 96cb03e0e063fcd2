/**
 * What the recogniser does to a message before reading it. Web Chat and Teams may send HTML or
 * Markdown; people paste long logs; some type only emoji.
 */

const TAG = /<\/?[a-zA-Z][^<>]{0,500}>|<!--[\s\S]*?-->/g;
const HTML_ENTITY = /&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});/g;

/**
 * Replaces HTML tags and entities with spaces of the same length, so offsets into the result are
 * offsets into the original text.
 */
export function maskMarkup(text: string): string {
  return text.replace(TAG, (m) => ' '.repeat(m.length)).replace(HTML_ENTITY, (m) => ' '.repeat(m.length));
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/**
 * Replaces email addresses with spaces of the same length (offsets kept): "sam@icloud.com" names an
 * account, not the iCloud website, and "me@mac.com" is not a Mac.
 */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, (m) => ' '.repeat(m.length));
}

/** Plain words for the classifier: tags, Markdown syntax and URLs' punctuation gone, spaces collapsed. */
export function plainText(text: string): string {
  return maskMarkup(text)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // [label](url), ![alt](src)
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[*_`#>~|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The parts of a long text that are read: all of it up to `maxChars`; beyond that its opening
 * (HEAD_SHARE of the budget) and its end (the rest), each cut at a word boundary, with where each
 * starts in the text. A long message often vents first and names the problem last ("… anyway my
 * photos on my ipad are not syncing"), so the end counts as much as the start.
 */
export function readParts(text: string, maxChars: number): { text: string; start: number }[] {
  if (text.length <= maxChars) return [{ text, start: 0 }];
  const head = truncate(text, Math.floor(maxChars * HEAD_SHARE));
  let start = text.length - (maxChars - head.length);
  const space = text.indexOf(' ', start);
  if (space !== -1 && space - start < maxChars * 0.2) start = space + 1;
  return [
    { text: head, start: 0 },
    { text: text.slice(start), start },
  ];
}

/** The share of `maxChars` given to a long text's opening (readParts); the rest goes to its end. */
const HEAD_SHARE = 0.4;

/** Cuts at a word boundary near `maxChars`. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return space > maxChars * 0.8 ? cut.slice(0, space) : cut;
}

/** True when the text has letters in the Latin script (the language the recogniser is trained on). */
export function hasLatinLetters(text: string): boolean {
  return /\p{Script=Latin}/u.test(text);
}

/** Share of the letters that are Latin, 0 when there are no letters at all. */
export function latinShare(text: string): number {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return latin / letters;
}

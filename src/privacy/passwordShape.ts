/**
 * Does a word look like a password typed with no cue around it ("I tried Hunter2!xyz and it says
 * wrong")? Used by redact.ts; pure functions of the text, no context.
 *
 * A token is the text between two spaces. Before it is judged, wrappers are taken off both ends
 * (brackets, quotes, Markdown `*` `_` `~` and backticks) and sentence punctuation off its end
 * (`. , ; : ?`); that is the *span* that gets redacted. A `!` at the end stays in the span (a
 * classic last character of a password) but not in the *core*, which is what the classes are
 * counted on, so "WhatsApp!" is still two classes.
 *
 * Character classes: lower case, upper case, digits, symbols. Some characters join two letters or
 * digits and are not symbols there: `- . , : _` and brackets between letters or digits ("Wi-Fi",
 * "10-sided", "2,000", "10:30", "Input.Text", "13.10(have"), and `' ’ & / +` between letters
 * ("don't", "Photos&Notes").
 *
 * A token in running text is a password when its span is 8-64 characters, its core mixes at least
 * three of the four classes, and it has none of the shapes below. A whole message that is one
 * token is judged more loosely (see {@link looksLikeLonePassword}).
 *
 * Shapes that are never passwords:
 *   - markup (`<at>Resync</at>`, `onerror=alert(1)`: a lower-case name, `=` and anything, and
 *     Markdown links `[text](url)`), URLs (`://`, `www.`), `@handles`, command options
 *     (`--dest=x`), settings (`enabled=1`, `Exec=/usr/bin/x`) and shell code (`$((n+1))`)
 *   - domains, with or without a path (`iCloud.com`, `support.apple.com/HT204053`)
 *   - paths and menu paths: parts of letters, digits and `. _ + - ~ :` joined by `/ \ > → › |`,
 *     two parts or more, or one after a leading `/`, `~/`, `C:\` (`~/Library/Mobile`,
 *     `Settings>iCloud>Photos`, `512GB/1TB`, `/Downloads`)
 *   - versions: an optional product word or `v`, then numbers with dots (`iOS18.2.1`, `v2.0.1`)
 *   - hexadecimal codes and ids (`0x8007000E`, UUIDs)
 *   - file names with a known extension (`IMG_1234.HEIC`, `Backup-2024.zip`)
 *   - tokens made only of product, unit, date and error words, numbers and the separators
 *     `. , - / _ + : ( ) # %` (`iPhone15ProMax`, `MacBookPro18,3`, `200GB`, `2.4GHz`,
 *     `10:30am-11:45pm`, `Error-1009`, `Windows11`)
 *   - part, build, order and model numbers: no lower-case letter and only `- / . _ #` as
 *     separators (`MK2E3LL/A`, `A2849`, `HT204053`), or up to four capitals, digits and a short
 *     suffix (`MF8040Cn`, `RTX3080Ti`)
 *   - names that start with a number or end with a plus (`1Password`, `37Signals`, `iCloud+`)
 *
 * Known limits: a password without three classes ("sunshine77") is only seen as a whole message
 * or after a cue; a password shaped like a product, version, path or domain ("Windows11",
 * "Summer/2024") is not seen.
 */

const MIN_SPAN = 8;
const MAX_SPAN = 64;
const MIN_LONE_SPAN = 6;

const LEADING_WRAPPERS = /^(?:[("'“‘«*_`[{¿¡]|~~)+/u;
const TRAILING_WRAPPERS = /[)"'”’»*_~`\]}.,;:?]+$/u;
/**
 * Characters that join two letters or digits: hyphens, brackets with a missing space
 * ("Mapper(and", "13.10(have"), decimal points and commas, times and "libc6:i386", "x86_64".
 */
const ALNUM_JOINERS = new Set(['-', '(', ')', '[', ']', '.', ',', ':', '_']);
/** Characters that join two letters into one word ("don't", "Photos&Notes", "on/off"). */
const LETTER_JOINERS = new Set(["'", '’', '&', '/', '+']);

export type CharClass = 'lower' | 'upper' | 'digit' | 'symbol';

export interface TokenParts {
  /** The part of the token that is redacted: wrappers and sentence punctuation taken off. */
  span: string;
  /** The span without a trailing `!`: what the classes are counted on. */
  core: string;
  /** Where the span starts in the token. */
  start: number;
}

export function tokenParts(token: string): TokenParts {
  const lead = LEADING_WRAPPERS.exec(token)?.[0].length ?? 0;
  let span = token.slice(lead);
  // Trailing wrappers and punctuation, also behind a "!" ("it was Summer2024!)." keeps the "!").
  for (;;) {
    const trimmed = span.replace(TRAILING_WRAPPERS, '');
    const withoutBang = trimmed.replace(/!+$/u, '');
    if (withoutBang !== trimmed && TRAILING_WRAPPERS.test(withoutBang)) {
      // "word?!" or "word)!": the "!" is sentence punctuation after wrappers, drop both.
      span = withoutBang;
      continue;
    }
    span = trimmed;
    break;
  }
  return { span, core: span.replace(/!+$/u, ''), start: lead };
}

const isLetter = (ch: string): boolean => /\p{L}/u.test(ch);
const isAlnum = (ch: string): boolean => /[\p{L}\p{Nd}]/u.test(ch);

/** A hyphen between letters or digits ("10-sided"), or another joiner between letters. */
function joins(ch: string, before: string, after: string): boolean {
  if (ALNUM_JOINERS.has(ch)) return isAlnum(before) && isAlnum(after);
  return LETTER_JOINERS.has(ch) && isLetter(before) && isLetter(after);
}

export function charClasses(core: string): Set<CharClass> {
  const classes = new Set<CharClass>();
  const chars = [...core];
  chars.forEach((ch, i) => {
    if (/\p{Lu}/u.test(ch)) classes.add('upper');
    else if (isLetter(ch)) classes.add('lower');
    else if (/\p{Nd}/u.test(ch)) classes.add('digit');
    else if (/\p{M}/u.test(ch)) return;
    else if (i > 0 && i < chars.length - 1 && joins(ch, chars[i - 1], chars[i + 1])) return;
    else classes.add('symbol');
  });
  return classes;
}

/**
 * Words that make up product names, models, units, dates and error codes. Brands that have no
 * numbered products ("Apple", "iCloud") are not here: "Apple2024!" is a password.
 */
const BENIGN_WORDS = new Set(
  (
    // Apple devices, systems and their names
    'i phone pad pod iphone ipad ipod imac mac macbook macbookpro macbookair macmini macpro macstudio studio book pro max mini plus ' +
    'ultra air se xs xr ios ipados macos osx os watchos tvos visionos watch tv appletv homepod airpods airtag vision ' +
    'sonoma sequoia ventura monterey bigsur catalina mojave tahoe m a s e r ' +
    // other systems, devices and apps that carry numbers
    'windows win android galaxy pixel note surface xbox ps playstation kindle outlook office excel onedrive ' +
    'chrome safari firefox edge ie sdk xcode itunes ' +
    // versions and builds
    'gen generation series model version ver v build beta rc sp update kb ht no nr nbr number ' +
    'option step choice page part item ' +
    // errors
    'error err code status domain http https ssl tls ' +
    // connections and units
    'wifi wi fi bluetooth lte usb usbc g gb mb tb kb gib mib tib bytes hz ghz mhz mp px dpi fps k x in inch mm cm ' +
    'mah wh w mbps kbps gbps ' +
    // times and dates
    'am pm utc gmt t z st nd rd th h hr hrs min mins s sec secs ms ' +
    'jan feb mar apr may jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    // camera and screenshot file names
    'img dsc dcim vid mov'
  ).split(/\s+/),
);

const FILE_EXTENSIONS = new Set(
  (
    'jpg jpeg heic heif png gif tif tiff raw dng mov mp4 m4v avi mp3 m4a aac wav pdf doc docx xls xlsx ppt pptx ' +
    'pages numbers key txt rtf csv vcf ics zip gz tgz bz2 xz tar 7z rar dmg pkg ipa app exe msi deb rpm iso log json xml ' +
    'plist html htm md sh py js ts conf cfg ini desktop'
  ).split(/\s+/),
);

const PATH_SEPARATORS = /[/\\>→›|]+/u;

/** A word of letters, split at case changes: "MacBookPro" → Mac, Book, Pro; "iPhone" → i, Phone. */
function camelParts(word: string): string[] {
  return word.match(/\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+/gu) ?? [word];
}

function isBenignWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (BENIGN_WORDS.has(lower)) return true;
  const parts = camelParts(word);
  return parts.length > 1 && parts.join('') === word && parts.every((p) => BENIGN_WORDS.has(p.toLowerCase()));
}

function isDomain(core: string): boolean {
  const m = /^(?:[\p{L}\d-]+\.)+(\p{L}{2,24})(?::\d+)?(?:[/?#]\S*)?$/u.exec(core);
  if (!m) return false;
  const tld = m[1];
  return tld === tld.toLowerCase() || tld === tld.toUpperCase();
}

function isPath(core: string): boolean {
  if (!PATH_SEPARATORS.test(core)) return false;
  const parts = core.split(PATH_SEPARATORS);
  const rooted = /^(?:~|\.{1,2}|[A-Za-z]:)?[/\\]/.test(core);
  return parts.filter((p) => p.length > 0).length >= (rooted ? 1 : 2) && parts.every((p) => /^[\p{L}\d._+~:()[\]-]*$/u.test(p));
}

function isVersion(core: string): boolean {
  const m = /^(\p{L}*)[-_]?\d+(?:[._]\d+)+\p{L}{0,2}(?:\(\w+\))?$/u.exec(core);
  return m !== null && (m[1] === '' || isBenignWord(m[1]));
}

function isHex(core: string): boolean {
  return /^0x[0-9a-f]+$/i.test(core) || /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(core);
}

function isFileName(core: string): boolean {
  const m = /^[^\s.][^\s]*\.([A-Za-z0-9]{2,7})$/.exec(core);
  return m !== null && FILE_EXTENSIONS.has(m[1].toLowerCase());
}

/** Product, unit, date and error words with numbers and plain separators. */
function isBenignComposition(core: string): boolean {
  if (!/^[\p{L}\d.,\-/_+:()#%]+$/u.test(core)) return false;
  const words = core.match(/\p{L}+/gu) ?? [];
  return words.every(isBenignWord);
}

/**
 * Part, build, order and model numbers: capitals and digits with plain separators ("MK2E3LL/A"),
 * or up to four capitals, digits and a short suffix ("MF8040Cn", "RTX3080Ti").
 */
function isReferenceNumber(core: string): boolean {
  return /^[\p{Lu}\d\-/._#]+$/u.test(core) || /^\p{Lu}{1,4}-?\d{2,6}\p{L}{0,3}$/u.test(core);
}

/** Names that start with a number or end with a plus: "1Password", "37Signals", "iCloud+", "C++". */
function isNamed(core: string): boolean {
  return /^\d{1,3}\p{Lu}\p{Ll}+$/u.test(core) || /^\p{L}+\+{1,2}$/u.test(core);
}

/** A shape that is never taken for a password (see the file comment). */
export function isKnownNonSecretShape(token: string): boolean {
  if (/<\/?[a-z][\w-]*(?:\s[^>]*)?>/i.test(token)) return true;
  const { core } = tokenParts(token);
  if (core.length === 0 || core.includes('\uE000')) return true;
  if (core.includes('://') || /^www\./i.test(core) || /^(?:mailto|tel|sms|data):/i.test(core)) return true;
  if (core.startsWith('@') || /^--?[a-z][\w-]*(?:=\S*)?$/i.test(core)) return true;
  // Settings and shell code: "enabled=1", "Exec=/usr/bin/x", "$((n+1))".
  if (/^[A-Za-z_][\w.-]{2,}=[\w.,:;/%+@~-]*$/.test(core) || /\$[({]/.test(core)) return true;
  // Markup typed or pasted: an HTML attribute or a setting in lower case ("onerror=alert(1)",
  // "src=x"), a Markdown link ("[click](javascript:alert(1))"). A password here needs a cue.
  // A name that speaks of a secret ("mypassword=", "apikey=") is no markup.
  const attribute = /^([a-z][a-z_-]*)=/.exec(core);
  if ((attribute && !/pass|pw|secret|key|token|code|pin/.test(attribute[1])) || token.includes('](')) return true;
  return (
    isDomain(core) ||
    isPath(core) ||
    isVersion(core) ||
    isHex(core) ||
    isFileName(core) ||
    isBenignComposition(core) ||
    isReferenceNumber(core) ||
    isNamed(core)
  );
}

const length = (s: string): number => [...s].length;

/** A token in running text that is a password by its shape alone: 8+ characters, three classes. */
export function looksLikeStandalonePassword(token: string): boolean {
  const { span, core } = tokenParts(token);
  const n = length(span);
  if (n < MIN_SPAN || n > MAX_SPAN) return false;
  if (charClasses(core).size < 3) return false;
  return !isKnownNonSecretShape(token);
}

/**
 * A whole message that is one token (the answer to "what did you type?") is a password with less
 * evidence: 6+ characters with letters and digits ("sunshine77"), or three classes ("Secret!x").
 * `isPlainWord` lets the caller exclude its own vocabulary (words that describe a password).
 */
export function looksLikeLonePassword(message: string, isPlainWord: (word: string) => boolean = () => false): boolean {
  const token = message.trim();
  if (token.length === 0 || /\s/u.test(token)) return false;
  const { span, core } = tokenParts(token);
  const n = length(span);
  if (n < MIN_LONE_SPAN || n > MAX_SPAN || isPlainWord(core)) return false;
  const classes = charClasses(core);
  const letters = classes.has('lower') || classes.has('upper');
  if (!letters) return false;
  if (!classes.has('digit') && classes.size < 3) return false;
  return !isKnownNonSecretShape(token);
}

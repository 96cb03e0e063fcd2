/**
 * Redaction of secrets and personal data from what people type, before anything is stored or
 * shown to a human agent.
 *
 * What is replaced, and by which marker (one marker per kind, so a single search finds them all):
 *   password  `[redacted password]`  text after "password is / password: / pwd= / mot de passe …", also
 *                                     "pw", "pwd", "passwd", misspellings ("pasword", "pass word"),
 *                                     "my pass is X", the bare word "pass" before ":", "=", a dash or a
 *                                     password-shaped token ("pass: hunter22x", "pass hunter22x"; not
 *                                     "pass the check", "boarding pass: gate 12", "pass: ok", see
 *                                     passNamesPassword) and a passcode that is not digits; a dash
 *                                     after any cue ("pw - bluebird") counts as well; right after a
 *                                     cue with no "is" or ":" ("and password bluebird"), a plain word
 *                                     counts unless it is an ordinary one (a stop-list: "reset",
 *                                     "again", "doesn't", "manager", …; see isPlainWordAfterCue);
 *                                     with no cue: a word shaped like a password (8+ characters
 *                                     mixing three of lower/upper/digits/symbols, not a version,
 *                                     model, size, path, URL, … see passwordShape.ts), a whole
 *                                     message that is one password-like word ("sunshine77"), and
 *                                     a quoted string after "tried / typed / entered / used" in a
 *                                     message about signing in ("I typed 'blue sky 77'"), an
 *                                     unquoted word mixing letters with digits or symbols after
 *                                     "tried / keep typing / entered …" and each such word joined
 *                                     to it by "and", "or", "," ("tried X and fluffy2019"), and such
 *                                     a word after an address and a slash or colon
 *                                     ("sam@icloud.com / bluefish77"); after "password:" or "=",
 *                                     the words up to the end of the clause (a passphrase), and in
 *                                     a message that names a password, any word mixing letters
 *                                     and digits ("my dog's name Rex2015")
 *   code      `[redacted code]`      verification and 2FA codes, passcodes, PINs, a message that
 *                                     is nothing but a 4-8 digit number ("123456", "123 456"), six
 *                                     digits (or 3+3) after "got it / it's / here / typed / :", and
 *                                     six digits anywhere in a message of 8 words or fewer (not a
 *                                     round figure, an amount, a count or a reference number)
 *   card      `[redacted card]`      13-19 digit numbers (spaces/dashes allowed) that pass Luhn, and
 *                                     an expiry date ("exp 12/27") in a message about a card; its
 *                                     security code ("cvv 123") is a `code`
 *   iban      `[redacted iban]`      IBAN-shaped strings that pass the mod-97 check
 *   email     `[redacted email]`     the whole address; the domain is not kept (it is personal too
 *                                     and agents can ask which address the Apple ID uses)
 *   phone     `[redacted phone]`     international (+…/00…), US (415-555-0132, (415) 555 0132) and
 *                                     UK (07700 900123, 020 7946 0958) shapes, and any 7-15 digit
 *                                     number right after "phone / call me on / my number is"
 *   secret    `[redacted secret]`    structured values under keys such as `token` or `secret`
 *
 * Precision matters as much as recall: version numbers ("iOS 18.2"), models ("iPhone 15"),
 * sizes ("50 GB", "200GB"), counts ("2,000 photos"), years, times ("14:05"), dates and error
 * codes ("error code 8003") are left alone. test/privacy/redactionPrecision.test.ts checks that
 * no utterance in intents/ and no bot text in dialogs/ is taken for a password;
 * scripts/redactionCheck.ts counts the changes over public corpora as well.
 *
 * Known limits: a password is one token (or a quoted string), so "my password is correct horse
 * battery staple" keeps the last three words; after the bare word "pass" with only a space, a
 * plain word or a number is kept ("pass hunter", "pass 12345678") unless a user name or an address
 * comes just before ("user sam pass hunter"); a plain-word password right after a bare cue is
 * missed when it is on the stop-list or ends in "-s", "-ed", "-ing", "-ly" ("password bluebirds"); with no cue, a password of fewer than three classes
 * inside a sentence ("it was sunshine77"), or one shaped like a product, version, path or domain
 * ("Windows11"), is not seen. A whole message is judged alone: the redactor does not know what
 * the bot asked before it.
 */
import type { Activity } from 'botbuilder';
import { isKnownNonSecretShape, looksLikeLonePassword, looksLikeStandalonePassword, tokenParts } from './passwordShape';

export type RedactionKind = 'password' | 'code' | 'card' | 'iban' | 'email' | 'phone' | 'secret';

export interface RedactionCount {
  kind: RedactionKind;
  count: number;
}

export interface RedactionResult {
  text: string;
  /** One entry per kind found, in a fixed order; empty when nothing was redacted. */
  redactions: RedactionCount[];
}

const KIND_ORDER: readonly RedactionKind[] = ['password', 'code', 'card', 'iban', 'email', 'phone', 'secret'];

/** Stands in for a marker already in the text while it is redacted again (see redactInto). */
const HELD = '\uE000';

export function redactionMarker(kind: RedactionKind): string {
  return `[redacted ${kind}]`;
}

/** A marker, any kind (also how markers already in the text are set aside, see redactInto). */
const MARKER_RE = new RegExp(String.raw`\[redacted (?:${KIND_ORDER.join('|')})\]`, 'g');

/** Redacted text with its markers taken out, for reading what else was said ("[redacted code]" is not the word "code"). */
export function withoutMarkers(redacted: string): string {
  return redacted.replace(MARKER_RE, ' ').replace(/\s+/g, ' ').trim();
}

/** True when redacted text holds markers and nothing else worth reading (no letter or digit outside them). */
export function onlyRedacted(redacted: string): boolean {
  const rest = withoutMarkers(redacted);
  return redacted !== rest && !/[\p{L}\p{N}]/u.test(rest);
}

/** A secret as it was typed, so that an echo of it elsewhere can be found (see {@link redactKnownSecrets}). */
export interface FoundSecret {
  kind: RedactionKind;
  value: string;
}

class Counter {
  readonly counts = new Map<RedactionKind, number>();
  readonly found: FoundSecret[] = [];
  get(kind: RedactionKind): number | undefined {
    return this.counts.get(kind);
  }
}

function bump(counter: Counter, kind: RedactionKind, raw?: string): string {
  counter.counts.set(kind, (counter.get(kind) ?? 0) + 1);
  if (raw !== undefined && raw.trim().length > 0) counter.found.push({ kind, value: raw.trim() });
  return redactionMarker(kind);
}

function toCounts(counter: Counter): RedactionCount[] {
  return KIND_ORDER.filter((k) => (counter.get(k) ?? 0) > 0).map((kind) => ({ kind, count: counter.get(kind) as number }));
}

const digitsOf = (s: string): string => s.replace(/\D/g, '');

// ---------------------------------------------------------------------------------------------
// Checksums

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function ibanValid(raw: string): boolean {
  const s = raw.replace(/\s/g, '').toUpperCase();
  if (s.length < 15 || s.length > 34) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of value) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

// ---------------------------------------------------------------------------------------------
// Patterns. Rules run in a fixed order; a marker contains no digits or '@', so later rules never
// match inside an earlier rule's marker.

const EMAIL_RE = /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;

/**
 * Words that name a password (several languages), common misspellings ("pasword", "passwrd",
 * "pass word") and short forms ("pw", "pwd", "pswd"). "my/the/… pass" counts only with "is X" or
 * ": X" (see {@link PASS_ALONE}), the bare "pass" only as {@link passNamesPassword} says; "passcode"
 * names a password only when what follows is not digits (a numeric passcode is a code, below).
 */
const PASSWORD_WORD = String.raw`(?:security\s+(?:question\s+)?answers?|secret\s+answers?|answer\s+to\s+(?:my|the)\s+security\s+questions?|(?:(?:apple\s*id|icloud)\s+)?(?:(?:pass?[\s-]?w(?:o?r|ro|ar)d|passowrd)s?|passwd|paswd|pswd|pwd|pw|passphrase|passcode|passwort|kennwort|mot\s+de\s+passe|contrase(?:ñ|n)a|senha|wachtwoord|(?:my|the|your|our|his|her|their|wi-?fi)\s+pass|pass))`;
/** "my pass": a password only with "is/was" or ":" after it ("the pass code never came"). */
const PASS_ALONE = /^(?:my|the|your|our|his|her|their|wi-?fi)\s+pass$/i;
/** The bare word "pass" (also "apple id pass"): mostly the verb ("pass the check"); see {@link passNamesPassword}. */
const BARE_PASS = /^(?:(?:apple\s*id|icloud)\s+)?pass$/i;
/** A cue in the plural names passwords in general ("passwords app", "Passwords sync"), never one. */
const PLURAL_CUE = /ds$/i;
/** "password for my Apple ID", "password to the wifi". */
const PASSWORD_FOR = String.raw`(?:\s+(?:for|to|of|on|f(?:ü|u)r|de|pour|para)\s+(?:(?:my|the|our|mon|ma|mein|meine|mi)\s+)?(?:apple\s*id|icloud(?:\s+account)?|account|mac|iphone|ipad|phone|computer|laptop|wi-?fi|router|email|compte|konto|cuenta))?`;
/** Separators: strong (":", "=") always mean the value follows; words need a plausibility check. */
const PASSWORD_SEP = String.raw`(\s*[:=]\s*|(?:'s|’s|\s+(?:is\s+still|is\s+now|is\s+set\s+to|is|was|would\s+be|should\s+be|ist|est|es|é))(?![\p{L}'’])\s*[:=]?\s*|\s+[-–—]{1,2}\s*|\s+)`;
const TOKEN = String.raw`("[^"\n]+"|'[^'\n]+'|“[^”\n]+”|‘[^’\n]+’|[^\s"'“‘]\S*)`;
/** The word "password" (or one of its forms, PASSWORD_WORD) anywhere, as a word, not a plural ("Passwords app"). */
const PASSWORD_MENTION_RE = new RegExp(String.raw`(?<![\w])(?:pass?[\s-]?w(?:o?r|ro|ar)d|passowrd|passwd|paswd|pswd|pwd|passphrase|passwort|kennwort|mot\s+de\s+passe|contrase(?:ñ|n)a|senha|wachtwoord)(?![\w])`, 'iu');
const PASSWORD_RE = new RegExp(String.raw`(?<![\w])((${PASSWORD_WORD})${PASSWORD_FOR})${PASSWORD_SEP}${TOKEN}`, 'giu');

/** Words that describe a password rather than being one: "my password is wrong". */
const NOT_A_PASSWORD = new Set(
  (
    'a an the my your his her our their its this that it not no never isnt isn’t nt wrong incorrect correct right ' +
    'fine ok okay good bad invalid valid same different too very really still just also actually definitely ' +
    'probably maybe long short weak strong new old empty blank required needed case sensitive known unknown ' +
    'in on at for from to of by with and or but so because if when what which where how why who there here ' +
    'set now being been forgotten lost gone saved stored working broken accepted rejected expired locked ' +
    'changed reset updated something anything nothing ' +
    // irregular participles ("an app-specific password made at account.apple.com")
    'made sent given chosen written shown taken done kept'
  )
    .split(/\s+/)
    .concat(["isn't", "wasn't", "doesn't", "won't", "can't", "i'm"]),
);

function trimPunctuation(token: string): string {
  return token.replace(/^[("'“‘]+|[)"'”’.,;:!?]+$/g, '');
}

/** Plain words that a person uses to describe a password's state ("expired", "working", "quickly"). */
function describesPassword(token: string): boolean {
  const bare = trimPunctuation(token).toLowerCase();
  if (bare.length < 3) return true;
  if (NOT_A_PASSWORD.has(bare)) return true;
  return /^[a-z]+(?:ed|ing|ly)$/.test(bare) && bare.length > 4;
}

/** Product and feature names that mix letters and digits or symbols: "password 2FA setup". */
const TECH_WORDS = /^(?:2fa|2-?step|ios\d*|ipados\d*|macos\d*|icloud\+?|wi-?fi|e-?mail|sign-?in|log-?in|apple-?id|face-?id|touch-?id|mfa|sha-?\d+)$/i;

/** A token with no separator before it is a password only if it looks like one. */
function looksLikeSecret(token: string): boolean {
  const bare = trimPunctuation(token);
  if (bare.length < 4 || NOT_A_PASSWORD.has(bare.toLowerCase()) || TECH_WORDS.test(bare)) return false;
  if (/^\d+$/.test(bare)) return true;
  const hasLetter = /\p{L}/u.test(bare);
  const hasDigit = /\d/.test(bare);
  // Apostrophes and hyphens make words ("isn't", "sign-in"), not secrets.
  const hasSymbol = /[^\p{L}\d'’-]/u.test(bare);
  return (hasLetter && hasDigit) || (hasLetter && hasSymbol);
}

/**
 * Ordinary words that follow a password cue with nothing between ("password reset email never
 * arrived", "password doesn't work", "forgot my password again", "pw manager"): nouns the cue
 * qualifies, verbs, adverbs, prepositions, pronouns and device names. With {@link
 * NOT_A_PASSWORD} they make the stop-list of {@link isPlainWordAfterCue}.
 */
const ORDINARY_AFTER_CUE = new Set(
  (
    // what a password has or is part of
    'reset resets manager managers field fields box prompt prompts screen screens page pages popup pop window windows ' +
    'dialog dialogue hint hints reminder recovery request requests requirement requirements rule rules policy change ' +
    'changes update updates entry input form link links email emails mail message messages text texts sms code codes ' +
    'question questions setting settings app apps application keychain autofill autocomplete protection protect strength ' +
    'length history expiry expiration login logon signin sign log option options menu section tab button buttons list ' +
    'file files vault generator sync security issue issues problem problems error errors trouble stuff thing things loop ' +
    'lock lockout hash characters character letters digits numbers management extension account accounts id info ' +
    'information details data prompt dialog notification notifications alert alerts sheet bar key keys lock ' +
    // devices and names
    'apple icloud iphone ipad ipod mac macbook imac watch phone computer laptop device devices router wifi ' +
    // verbs and auxiliaries
    'is was are were be am does do did doesnt didnt dont wont cant isnt wasnt arent werent aint has have had keeps keep kept ' +
    'works work fails fail expires expire asks ask appears appear shows show comes come arrived arrive sent send needs ' +
    'need must should will would can could may might gets get got goes go went seems seem says say said stopped stops stop ' +
    'won help thanks thank please pls plz forgot forget ' +
    // adverbs and time words
    'again anymore either though yet first once twice every each all any some none both neither then than ever never ' +
    'always sometimes usually yesterday today tomorrow tonight recently earlier later lately before everytime ' +
    'multiple several many few other another previous current temporary temp default usual real actual whole entire ' +
    'main master proper simple hard easy complicated complex secure insecure unique random last next only even back ' +
    'up down off out over ready active disabled enabled safe private encrypted visible hidden shown etc lol ok yes nope ' +
    'somewhere anywhere everywhere nowhere here there where what when how why which who too also wrong right correct incorrect ' +
    // prepositions, conjunctions and pronouns
    'into onto under about after without within while until since via as like unless whenever whether through across ' +
    'against between during per i me you he she we they them him us'
  ).split(/\s+/),
);

/**
 * A plain word (letters only) right after a password cue with nothing between is the password
 * ("and password bluebird", "pw hunter") unless it is an ordinary word that follows such a cue:
 * one of the stop-list, a word ending like a verb, adverb or abstract noun ("-ed", "-ing", "-ly",
 * "-tion", "-ment", "-ness", "-ity"), or a word in "-s" (a verb or a plural: "password keeps",
 * "password requirements"). So "password bluebirds" is not seen: a trade for precision.
 */
function isPlainWordAfterCue(token: string): boolean {
  const bare = trimPunctuation(token);
  // Letters only, and not an acronym ("Change Password URL", "password SSO").
  if (!/^\p{L}{3,}$/u.test(bare) || /^\p{Lu}{2,5}s?$/u.test(bare)) return false;
  const lower = bare.toLowerCase();
  if (NOT_A_PASSWORD.has(lower) || ORDINARY_AFTER_CUE.has(lower) || TECH_WORDS.test(bare)) return false;
  if (/^[a-z]+(?:ed|ing|ly)$/.test(lower) && lower.length > 4) return false;
  if (/(?:tion|sion|ment|ness|ity)$/.test(lower) && lower.length > 6) return false;
  return !(/[^s]s$/.test(lower) && lower.length > 4);
}

/** Words that start a sentence after a colon: "saved passwords: they sync between devices". */
const SENTENCE_STARTERS = new Set('they them these those it its we you i he she there this that the a an my your our their'.split(' '));

function startsASentence(sep: string, token: string): boolean {
  return /:\s/.test(sep) && SENTENCE_STARTERS.has(trimPunctuation(token).toLowerCase());
}

/** Results and answers that follow "pass:" in a status line or a reply ("pass: ok", "pass: true"). */
const STATUS_WORDS = new Set(
  'true false null none pending skipped skip passed pass green red na n/a tbd unknown unsure dunno sorry maybe later thx cheers nah nevermind idk'.split(' '),
);

/**
 * A value after a separator that does not always mean "the value follows" (a dash; after the bare
 * word "pass" also ":" and "="): a password unless it is an ordinary word, a result or the start
 * of a sentence ("pass: ok", "pass - it worked", "password - forgot it").
 */
function isValueAfterLooseSeparator(token: string): boolean {
  const bare = trimPunctuation(token);
  const lower = bare.toLowerCase();
  if (describesPassword(token) || ORDINARY_AFTER_CUE.has(lower) || STATUS_WORDS.has(lower) || SENTENCE_STARTERS.has(lower)) return false;
  // A contraction is a word ("it's", "they're"), not a secret.
  return !/^\p{L}+['’]\p{L}{1,2}$/u.test(bare);
}

/** Kinds of pass that are no password: "boarding pass: gate 12", "season pass - expired". */
const PASS_KINDS = new Set(
  (
    'boarding season day week weekly month monthly annual year yearly hall bus train rail travel transit metro subway ' +
    'ski gym guest press backstage vip event festival museum park parking wallet mobile digital paper free ' +
    'first second third final single quick last next camping access'
  ).split(' '),
);

/** Words that make "pass" the verb: "I'll pass - sorry", "it won't pass: error 8003". */
const VERB_BEFORE_PASS = new Set(
  (
    "i'll ill i'd i we you they it will would can cant can't cannot won't wont didn't didnt doesn't doesnt don't dont " +
    'not to did does do gonna wanna should must might may could couldnt let never always'
  ).split(' '),
);

/** A user name or an address right before "pass": "user sam pass …", "apple id [redacted email] pass …". */
const CREDENTIAL_BEFORE_RE =
  /(?:\[redacted email\]|\b(?:user(?:\s*name)?|login|log-?in|apple\s*id|id|e-?mail|account|acct)\s*[:=]?\s*(?!pass\b)\S+)[\s,;/|]*$/iu;

/**
 * A token after the bare word "pass" that is shaped like a password: letters and digits, 6+
 * characters, not a product, version, size, path or domain ("hunter22x", not "iOS18", "2-factor").
 */
function looksLikePasswordAfterPass(token: string): boolean {
  const bare = trimPunctuation(token);
  if ([...bare].length < 6 || TECH_WORDS.test(bare) || NOT_A_PASSWORD.has(bare.toLowerCase())) return false;
  if (/^\d+[-‐–]\p{L}+$/u.test(bare) || isKnownNonSecretShape(bare)) return false;
  return /\p{L}/u.test(bare) && /[\d\p{P}\p{S}]/u.test(bare.replace(/['’-]/g, ''));
}

/**
 * The bare word "pass" names a password (and `token` is it) when a separator says a value follows
 * ("pass: hunter22x", "pass=x", "pass - x", "pass is x": not "pass: ok", "pass is expired"), or the
 * token is shaped like a password ("pass hunter22x"), or a user name or an address comes just
 * before ("user sam pass hunter"). Never after a kind of pass ("boarding pass: gate 12"); "pass"
 * the verb is followed by ordinary words ("pass the check", "won't pass verification").
 */
function passNamesPassword(cue: string, sep: string, token: string, before: string): boolean {
  const previous = /([\p{L}'’-]+)[\s,]*$/u.exec(before)?.[1]?.toLowerCase().replace('’', "'");
  if (cue.length === 4 && previous !== undefined && (PASS_KINDS.has(previous) || VERB_BEFORE_PASS.has(previous))) return false;
  if (/[:=]|[-–—]/.test(sep)) return isValueAfterLooseSeparator(token);
  // "pass is X"
  if (sep.trim().length > 0) return !describesPassword(token) && (looksLikeSecret(token) || isPlainWordAfterCue(token));
  // "pass X": X is shaped like a password, or "apple id pass X" / "user sam pass X" (a credential pair)
  if (looksLikePasswordAfterPass(token)) return true;
  const credential = cue.length > 4 || CREDENTIAL_BEFORE_RE.test(before);
  return credential && (looksLikeSecret(token) || isPlainWordAfterCue(token));
}

function redactPasswords(text: string, counter: Counter): string {
  return text.replace(PASSWORD_RE, (whole, word: string, cue: string, sep: string, token: string, offset: number, all: string) => {
    if (token.startsWith(HELD)) return whole;
    const quoted = /^["'“‘]/.test(token);
    const strong = /[:=]/.test(sep);
    const dash = !strong && /[-–—]/.test(sep);
    const wordy = !strong && !dash && sep.trim().length > 0;
    const bare = !strong && !wordy && !dash;
    // "my pass is X" and "my pass: X" only; "passcode 1234" is left to the code rules.
    if (PASS_ALONE.test(cue) && bare) return whole;
    if (/passcode$/i.test(cue) && /^[\d\s-]+$/.test(trimPunctuation(token))) return whole;
    const redact = BARE_PASS.test(cue)
      ? passNamesPassword(cue, sep, token, all.slice(0, offset))
      : quoted ||
        (strong
          ? trimPunctuation(token).length > 0 && !startsASentence(sep, token)
          : dash
            ? !PLURAL_CUE.test(cue) && isValueAfterLooseSeparator(token)
            : wordy
              ? !describesPassword(token)
              : looksLikeSecret(token) || (!PLURAL_CUE.test(cue) && isPlainWordAfterCue(token)));
    if (!redact) return whole;
    // After "password:" the words up to the end of the clause are the password too (a passphrase): marked, joined below.
    return `${word}${sep}${bump(counter, 'password', token)}${strong && !quoted ? PASSPHRASE_MARK : ''}`;
  }).replace(PASSPHRASE_TAIL_RE, (_m, tail: string) => joinPassphrase(tail, counter));
}

/** Set after a password given with ":" or "=", where the words that follow up to the end of the clause may be more of it. */
const PASSPHRASE_MARK = '\uE002';
const CLAUSE_WORDS = 'and|but|so|because|cause|on|in|for|it|its|which|that|when|then|is|was|to|with|at|from|since|though|although|or|if|as|now|still|again|too|also|anymore|please|thanks|thank';
/** Up to four more words after the marked password, ending the clause (punctuation, the end, or a joining word). */
const PASSPHRASE_TAIL_RE = new RegExp(
  String.raw`${PASSPHRASE_MARK}((?:\s+(?!(?:${CLAUSE_WORDS})\b)[\p{L}\d'’-]+){1,4})(?=\s*[,.;!?]|\s*$|\s+(?:${CLAUSE_WORDS})\b)|${PASSPHRASE_MARK}`,
  'giu',
);

/** The words after a password given with ":": part of it unless one of them describes a password ("doesn't", "expired"). */
function joinPassphrase(tail: string | undefined, counter: Counter): string {
  if (!tail) return '';
  const words = tail.trim().split(/\s+/);
  if (words.some((w) => describesPassword(w) || ORDINARY_AFTER_CUE.has(w.toLowerCase().replace(/['’]/g, '')))) return tail;
  counter.found.push({ kind: 'password', value: tail.trim() });
  return '';
}

// ---------------------------------------------------------------------------------------------
// Passwords with no cue (shapes in passwordShape.ts)

/** A message about signing in: a quoted string someone "tried" there is a password. */
const SIGN_IN_CONTEXT_RE =
  /\b(?:sign(?:ed|ing)?[\s-]?in|log(?:ged|ging)?[\s-]?in|login|signin|pass\s?words?|passcode|passwd|pwd|apple\s*id|credentials?|account|incorrect|wrong|invalid|unlock|locked)\b/i;
const QUOTED = String.raw`(?:"[^"\n]{1,64}"|“[^”\n]{1,64}”|‘[^’\n]{1,64}’|'[^'\s][^'\n]{0,63}'(?![\p{L}\d]))`;
const TRIED_VERB = String.raw`\b(?:tried(?:\s+(?:typing|entering|using|putting\s+in))?|typed(?:\s+in)?|entered|used|put\s+in|input(?:ted)?|keyed\s+in)`;
const TRIED_FILLER = String.raw`(?:\s+(?:in|it|as|out|the|my|old|new|same|password|passcode|again|both|still|with|also|even|like|this|that|one|of|each|every|all))*`;
/** "I typed 'blue sky 77'", "tried both "abc def" and "abc-def"". */
const QUOTED_ATTEMPTS_RE = new RegExp(
  String.raw`(${TRIED_VERB}${TRIED_FILLER}\s*:?\s*)(${QUOTED}(?:(?:\s*,\s*|\s+)(?:(?:and|or|then|also|and\s+then|and\s+also)\s+)?${QUOTED})*)`,
  'giu',
);
const QUOTED_ONE_RE = new RegExp(QUOTED, 'gu');
/** Quoted words in a sign-in message that name a button or a setting, not a password. */
const UI_LABEL_RE =
  /^(?:forgot|reset|sign|log|continue|next|ok|okay|cancel|done|settings|allow|trust|don'?t|not\s+now|try\s+again|other|use|change|verify|send|get|didn'?t|turn|update|iforgot|apple\s+id|two[-\s]factor)\b/i;

function quotedIsPassword(quoted: string): boolean {
  const inner = quoted.slice(1, -1).trim();
  if (inner.length < 3 || inner.includes(HELD) || UI_LABEL_RE.test(inner) || NOT_A_PASSWORD.has(inner.toLowerCase())) return false;
  return /\s/.test(inner) || !isKnownNonSecretShape(inner);
}

function redactQuotedAttempts(text: string, counter: Counter): string {
  if (!SIGN_IN_CONTEXT_RE.test(text)) return text;
  return text.replace(QUOTED_ATTEMPTS_RE, (_whole, cue: string, quotes: string) => {
    return cue + quotes.replace(QUOTED_ONE_RE, (q) => (quotedIsPassword(q) ? bump(counter, 'password', q) : q));
  });
}

/**
 * An unquoted word someone says they typed or tried ("i keep typing bluefish77", "tried X and
 * fluffy2019"): a password when it mixes letters with digits or symbols (5-64 characters) and is
 * no version, model, size, domain or other known shape. Plain words ("tried restarting") are kept.
 */
const ATTEMPT_VERB = String.raw`\b(?:(?:keep|kept|keeps)\s+(?:typing|entering|putting\s+in|trying)|tried(?:\s+(?:typing|entering|using|putting\s+in))?|trying|typed(?:\s+in)?|typing(?:\s+in)?|entered|entering|put\s+in|putting\s+in|input(?:ted)?|keyed\s+in)`;
const ATTEMPT_ATOM = String.raw`(?:\[redacted [a-z]+\]|[^\s,/]+)`;
const ATTEMPT_SEP = String.raw`(?:\s*[,/]\s*|\s+(?:and|or|then|and\s+then|and\s+also|also|plus)\s+)`;
const ATTEMPTS_RE = new RegExp(String.raw`(${ATTEMPT_VERB}${TRIED_FILLER}\s*:?\s*)(${ATTEMPT_ATOM}(?:${ATTEMPT_SEP}${ATTEMPT_ATOM})*)`, 'giu');

function attemptIsPassword(token: string): boolean {
  // Markdown emphasis around a word ("**Back") is no symbol of a password.
  const bare = trimPunctuation(trimPunctuation(token).replace(/^[*_~`(]+|[*_~`)]+$/g, ''));
  if (bare.length < 5 || bare.length > 64 || MARKER_RE.test(bare)) return false;
  MARKER_RE.lastIndex = 0;
  if (!/\p{L}/u.test(bare) || !/[\d!@#$%^&*_=+~]/u.test(bare)) return false;
  if (NOT_A_PASSWORD.has(bare.toLowerCase()) || TECH_WORDS.test(bare)) return false;
  // "6-digit", "2-step", "4-digit": a number and a word.
  if (/^\d+-\p{L}+$/u.test(bare)) return false;
  // Sizes and counts ("50gb", "2x"), device models ("iphone15", "ios17").
  if (/^\d+(?:[.,]\d+)?\s*(?:gb|mb|tb|kb|x|am|pm|st|nd|rd|th|s)$/i.test(bare) || /^(?:iphone|ipad|ios|ipados|macos|mac|watchos|windows|win|android|pixel|galaxy|note|se|pro|max|mini|air)\d+\w*$/i.test(bare)) return false;
  return !isKnownNonSecretShape(bare);
}

function redactUnquotedAttempts(text: string, counter: Counter): string {
  return text.replace(ATTEMPTS_RE, (_whole, cue: string, chain: string) => {
    // Each word of the chain in turn; the first that is no password ends it ("tried x1y2z3 and restarting").
    // Split with the separators kept: atoms at even places, separators at odd ones.
    const parts = chain.split(new RegExp(`(${ATTEMPT_SEP})`, 'iu'));
    let stopped = false;
    const out = parts.map((part, i) => {
      if (i % 2 === 1 || stopped || part.startsWith('[redacted ')) return part;
      if (!attemptIsPassword(part)) {
        stopped = true;
        return part;
      }
      return redactSpan(part, counter);
    });
    return cue + out.join('');
  });
}

/** "sam@icloud.com / bluefish77", "[redacted email]: hunter2x": what follows an address after a slash or colon, when password-shaped (attemptIsPassword). */
const AFTER_ADDRESS_RE = /(\[redacted email\]\s*(?:\/|:|\||,|\s-\s)\s*)([^\s,]+)/gu;

function redactAfterAddress(text: string, counter: Counter): string {
  return text.replace(AFTER_ADDRESS_RE, (whole, cue: string, token: string) => {
    return token.startsWith('[') || !attemptIsPassword(token) ? whole : cue + redactSpan(token, counter);
  });
}

/** Replaces the span of a token (wrappers and sentence punctuation kept). */
function redactSpan(token: string, counter: Counter): string {
  const { span, start } = tokenParts(token);
  return token.slice(0, start) + bump(counter, 'password', span) + token.slice(start + span.length);
}

/** A marker, or a run of non-space characters that stops at a marker ("code-[redacted code]-x"). */
const TOKEN_OR_MARKER_RE = new RegExp(String.raw`${MARKER_RE.source}|(?:(?!\[redacted )\S)+`, 'g');

function isPlainWord(word: string): boolean {
  return NOT_A_PASSWORD.has(word.toLowerCase()) || TECH_WORDS.test(word);
}

/**
 * Tokens that are passwords by their shape alone, and a whole message that is one password-like
 * token (`lone`: only for what a person sends as a message, not for fields inside cards).
 */
function redactUncuedPasswords(text: string, counter: Counter, lone: boolean): string {
  let out = redactQuotedAttempts(text, counter);
  out = out.replace(TOKEN_OR_MARKER_RE, (token) => (looksLikeStandalonePassword(token) ? redactSpan(token, counter) : token));
  out = redactUnquotedAttempts(out, counter);
  out = redactAfterAddress(out, counter);
  // A message that speaks of a password ("my password is my dog's name Rex2015"): its words mixing letters and digits are passwords too.
  if (PASSWORD_MENTION_RE.test(out)) out = out.replace(TOKEN_OR_MARKER_RE, (token) => (!token.startsWith('[redacted ') && attemptIsPassword(token) ? redactSpan(token, counter) : token));
  if (lone && looksLikeLonePassword(out, isPlainWord)) {
    const lead = /^\s*/.exec(out)?.[0] ?? '';
    const token = out.trim();
    out = lead + redactSpan(token, counter) + out.slice(lead.length + token.length);
  }
  return out;
}

const IBAN_RE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;

function redactIbans(text: string, counter: Counter): string {
  return text.replace(IBAN_RE, (m) => (ibanValid(m) ? bump(counter, 'iban', m) : m));
}

const CARD_RE = /(?<![\w.,:+\-])\d(?:[ -]?\d){12,18}(?![\w]|[.,:]\d)/g;

/** A card's security code ("cvv 123", "CVC: 4321"): a code. */
const CARD_CODE_RE = /\b(cvv2?|cvc2?|csc|cid|card\s+security\s+code)\b(\s*(?:is|:|#|=|-)?\s*)(\d{3,4})\b/gi;
/** A card's expiry date ("exp 12/27", "expires 03/2028", "valid thru 11/26"): part of the card. */
const CARD_EXPIRY_RE = /\b(exp(?:iry|iration|ires)?(?:\s+date)?|expires?|valid\s+(?:thru|through|until|till))(\s*[:.]?\s*)(\d{1,2}\s*\/\s*(?:\d{4}|\d{2}))(?![\d/])/gi;

const CARD_CONTEXT_RE = /\[redacted card\]|\b(?:card|visa|mastercard|amex|debit|credit|cvv2?|cvc2?)\b/i;

function redactCards(text: string, counter: Counter): string {
  const out = text.replace(CARD_RE, (m) => {
    const d = digitsOf(m);
    return d.length >= 13 && d.length <= 19 && luhnValid(d) ? bump(counter, 'card', m) : m;
  });
  const withCode = out.replace(CARD_CODE_RE, (_m, cue: string, sep: string, code: string) => `${cue}${sep}${bump(counter, 'code', code)}`);
  // An expiry date only beside a card ("my card … exp 12/27"), not a plan that "expires 12/27".
  if (!CARD_CONTEXT_RE.test(withCode)) return withCode;
  return withCode.replace(CARD_EXPIRY_RE, (_m, cue: string, sep: string, date: string) => `${cue}${sep}${bump(counter, 'card', date)}`);
}

/** Not followed by more of a number ("18.2"), a word character or a unit. */
const NUMBER_END = String.raw`(?![\w]|[.,:/]\d)`;

const PHONE_INTERNATIONAL_RE = new RegExp(String.raw`(?<![\w+])(?:\+|00)\d[\d\s().-]{6,20}\d${NUMBER_END}`, 'g');
const PHONE_US_RE = new RegExp(String.raw`(?<![\w+.-])(?:1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}${NUMBER_END}`, 'g');
const PHONE_UK_RE = new RegExp(String.raw`(?<![\w+.-])(?:\(0\d{2,4}\)\s?|0\d{2,4}[\s-]?)\d{3,4}[\s-]?\d{3,4}${NUMBER_END}`, 'g');
const PHONE_CONTEXT_RE = new RegExp(
  String.raw`(?<!(?:case|serial|model|order|build|version|ticket|reference|account|part|error)\s+)` +
    String.raw`\b((?:phone|mobile|cell|tel|telephone|whatsapp)(?:\s+(?:number|no\.?|#))?|(?:call|text|reach|ring)\s+me(?:\s+(?:on|at))?|my\s+number)` +
    String.raw`(\s*(?:is|:|=)?\s*)(\+?\d[\d\s().-]{5,18}\d)${NUMBER_END}`,
  'gi',
);

function redactPhones(text: string, counter: Counter): string {
  let out = text.replace(PHONE_CONTEXT_RE, (whole, cue: string, sep: string, num: string) => {
    const n = digitsOf(num).length;
    return n >= 7 && n <= 15 ? `${cue}${sep}${bump(counter, 'phone', num)}` : whole;
  });
  out = out.replace(PHONE_INTERNATIONAL_RE, (m) => {
    const n = digitsOf(m).length;
    return n >= 8 && n <= 15 && !/\s{2,}/.test(m) ? bump(counter, 'phone', m) : m;
  });
  out = out.replace(PHONE_US_RE, (m) => bump(counter, 'phone', m));
  out = out.replace(PHONE_UK_RE, (m) => {
    const n = digitsOf(m).length;
    return n === 10 || n === 11 ? bump(counter, 'phone', m) : m;
  });
  return out;
}

/** Apple's codes as typed: "483920", "483 920", "4839-2011", and spaced out ("4 8 3 9 2 0", "4-8-3-9-2-0", "48 39 20"). */
const CODE_DIGITS = String.raw`(\d(?:[ -]\d){5}|\d{2} \d{2} \d{2}|\d{3}[\s-]\d{3}|\d{4}[\s-]\d{4}|\d{4,8})`;
/** "verification code", "2FA code", "passcode", "PIN", "one-time code", "OTP". */
const CODE_WORD = String.raw`(?:(?:verification|security|confirmation|login|log-?in|sign[-\s]?in|one[-\s]?time|2fa|2-?step|two[-\s]?factor|6[-\s]?digit|six[-\s]?digit|apple\s*id|sms|text|access)\s+)?(?:code|passcode|pin(?:\s+(?:code|number))?|otp|one[-\s]?time\s+password)`;
/** Codes that are not secrets and that a support agent needs to see. */
const NOT_SECRET_CODE = String.raw`(?<!\b(?:error|status|zip|postal|post|area|country|exit|response|http|reason|promo|discount|qr|source|bar|region|product|sort)\s+)`;
const CODE_RE = new RegExp(
  String.raw`${NOT_SECRET_CODE}\b(${CODE_WORD})(\s*(?:(?:is|was|it's|it\s+is|'s|of|now|:|=|#|-)\s*){0,3})${CODE_DIGITS}${NUMBER_END}`,
  'gi',
);
const UNIT_AFTER = String.raw`(?!\s*(?:gb|mb|tb|kb|g|%|photos?|pictures?|files?|items?|times?|messages?|contacts?|notes?|videos?|songs?|emails?|days?|hours?|minutes?|seconds?|years?)\b)`;
/** "it sent me 774-210", "I got 123456": Apple's codes are six digits. */
const SENT_CODE_RE = new RegExp(
  String.raw`\b((?:sent|texted|gave|got|received|showed|shows|showing|says|said|displayed|displays|popped\s+up\s+with)\s+(?:me\s+)?(?:(?:a|the|this)\s+)?(?:(?:number|code)\s+)?(?:of\s+)?)(\d(?:[ -]\d){5}|\d{3}[\s-]\d{3}|\d{6})${NUMBER_END}${UNIT_AFTER}`,
  'gi',
);
/** A message that is nothing but a 4-8 digit number is a code someone was asked for. */
const LONE_CODE_RE = /^(\s*["'“(]?)(\d{4,8}|\d{3}[\s-]\d{3}|\d{4}[\s-]\d{4}|\d{2}[\s-]\d{2}[\s-]\d{2})(["'”)]?\s*[.!]?\s*)$/;

/**
 * Six digits, or three and three with a space or a dash: the shape of Apple's codes. Not part of a
 * longer number, a version, a time, an address or an amount, and not followed by a unit or a
 * count ("483920 photos", "100 000 KB").
 */
const SIX_DIGITS = String.raw`(?<![\w.,:/#$€£¥+=?&%@-])(\d(?:[ -]\d){5}|\d{2}[ -]\d{2}[ -]\d{2}|\d{3}[ -]\d{3}|\d{6})${NUMBER_END}${UNIT_AFTER}(?!\s*(?:usd|eur|gbp|dollars?|euros?|pounds?|bucks|px|pixels?|mp|kbps|mbps|ms|ns|s|secs?|bytes?|b|k|of|out\s+of|left|remaining|more|total|rows?|records?|lines?|entries|people|users|steps?|km|miles?|m|ft)\b)(?![$€£¥%])`;
/** Words that make the number that follows a reference, not a secret ("case: 483920", "build 213456"). */
const REFERENCE_BEFORE = String.raw`(?<!\b(?:error|err|status|build|version|ver|case|ticket|order|serial|model|ref|reference|invoice|part|zip|postal|tracking|account|id|number|no|nr|item|receipt|transaction|ios|macos|ipados|watchos|windows|port|pid|line|page|photos?|files?|items?)\b[^\n;.!?]{0,16})`;
/** "got it: 483920", "ok it's 483 920", "here you go 483920", "I typed in 483920", "…: 483920". */
const CUED_SIX_RE = new RegExp(
  String.raw`${REFERENCE_BEFORE}(\b(?:got\s+it|it'?s|it’s|it\s+is|here(?:'s|’s|\s+it\s+is|\s+you\s+go|\s+you\s+are|\s+is)?|typed(?:\s+in)?|entered|tried|put\s+in|used)\b(?:\s*(?:now|then|again|ok|okay|sorry)\b)?[\s:,-]*|(?<!\d):\s*)${SIX_DIGITS}`,
  'gi',
);
/** Words that make a number with no cue an amount: "38% of 389209", "about 250 300". */
const AMOUNT_BEFORE = String.raw`(?<!\b(?:of|times|plus|minus|by|than|about|around|approximately|approx|roughly|nearly|almost|over|under|x|total|sum)\s+)`;
const ANY_SIX_RE = new RegExp(String.raw`${REFERENCE_BEFORE}${AMOUNT_BEFORE}${SIX_DIGITS}`, 'gi');
/** A message of at most this many words is short: a six-digit number anywhere in it is a code. */
const SHORT_MESSAGE_WORDS = 8;
/** A message that speaks of a code ("got the code finally 834201 but it says wrong"): its six-digit numbers are codes too. */
const CODE_MENTION_RE = new RegExp(String.raw`${NOT_SECRET_CODE}\b${CODE_WORD}\b`, 'i');

function redactSixDigitCodes(text: string, counter: Counter): string {
  let out = text.replace(CUED_SIX_RE, (_m, cue: string, code: string) => `${cue}${bump(counter, 'code', code)}`);
  // A code typed digit by digit ("4 8 2 9 1 3") is one word of the message.
  const words = out.trim().replace(/\d(?:[ -]\d){5}/g, '0').split(/\s+/).filter((w) => w.length > 0).length;
  if (words <= SHORT_MESSAGE_WORDS || CODE_MENTION_RE.test(text)) {
    // With no cue, a round number ("100000", "250 000") is a count, not a code.
    out = out.replace(ANY_SIX_RE, (m: string, code: string) => (/000$/.test(code) ? m : bump(counter, 'code', code)));
  }
  return out;
}

/**
 * An Apple recovery key: 28 letters and digits in seven groups of four ("K7PX-2M9Q-RT4W-8HZN-C3VB-6JYD-F5LS"),
 * with dashes or spaces; a spaced one needs a digit in it (seven four-letter words are a sentence).
 */
const RECOVERY_KEY_RE = /(?<![\p{L}\d-])[A-Z0-9]{4}(?:([ -])[A-Z0-9]{4})(?:\1[A-Z0-9]{4}){5}(?![\p{L}\d-])/giu;

function redactCodes(text: string, counter: Counter): string {
  text = text.replace(RECOVERY_KEY_RE, (m: string, sep: string) => (sep === '-' || /\d/.test(m) ? bump(counter, 'code', m) : m));
  let out = text.replace(CODE_RE, (_m, word: string, sep: string, code: string) => `${word}${sep}${bump(counter, 'code', code)}`);
  out = out.replace(SENT_CODE_RE, (_m, cue: string, code: string) => `${cue}${bump(counter, 'code', code)}`);
  out = out.replace(LONE_CODE_RE, (_m, before: string, code: string, after: string) => `${before}${bump(counter, 'code', code)}${after}`);
  return redactSixDigitCodes(out, counter);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for one known secret: numbers match whatever their separators, text matches as is. */
function knownSecretPattern(value: string): RegExp | undefined {
  const digits = digitsOf(value);
  if (/^[\d\s().+-]+$/.test(value)) {
    if (digits.length < 4) return undefined;
    return new RegExp(String.raw`(?<!\d)` + digits.split('').join(String.raw`[\s().-]*`) + String.raw`(?!\d)`, 'g');
  }
  const bare = value.replace(/^["'“‘]|["'”’]$/g, '');
  if (bare.length < 4) return undefined;
  return new RegExp(escapeRegExp(bare), 'g');
}

function redactKnown(text: string, counter: Counter, known: readonly FoundSecret[]): string {
  let out = text;
  for (const secret of known) {
    const re = knownSecretPattern(secret.value);
    if (re) out = out.replace(re, () => bump(counter, secret.kind));
  }
  return out;
}

// Markers already in the text (it was redacted before) are set aside (MARKER_RE) so a second pass keeps them whole.
const HELD_RE = /\uE000(\d+)\uE001/g;

function redactInto(text: string, counter: Counter, known: readonly FoundSecret[] = [], lone = true): string {
  const held: string[] = [];
  let out = text.replace(MARKER_RE, (m) => `${HELD}${held.push(m) - 1}\uE001`);
  out = out.replace(EMAIL_RE, (m) => bump(counter, 'email', m));
  out = redactPasswords(out, counter);
  out = redactIbans(out, counter);
  out = redactCards(out, counter);
  out = redactPhones(out, counter);
  out = redactCodes(out, counter);
  out = redactUncuedPasswords(out, counter, lone);
  if (known.length) out = redactKnown(out, counter, known);
  return held.length ? out.replace(HELD_RE, (_m, i: string) => held[Number(i)]) : out;
}

export interface RedactOptions {
  /**
   * Secrets found earlier (for example in the person's last message) to remove wherever they
   * appear, even with no cue around them: a bot reply that quotes "654321" back.
   */
  knownSecrets?: readonly FoundSecret[];
}

/** Redacts secrets and personal data from one piece of text. Pure and deterministic. */
export function redactText(text: string, options: RedactOptions = {}): RedactionResult {
  const counter = new Counter();
  const out = redactInto(text, counter, options.knownSecrets);
  return { text: out, redactions: toCounts(counter) };
}

// ---------------------------------------------------------------------------------------------
// Activities

/** Keys whose values are secrets whatever they contain (card inputs, sign-in payloads). */
const SECRET_KEYS: ReadonlyArray<[RegExp, RedactionKind]> = [
  [/pass(?:word|wd)|^pwd$|passphrase/i, 'password'],
  [/passcode|^pin$|^otp$|(?:verification|security|auth|one_?time)_?code/i, 'code'],
  [/token|secret|^api_?key$|^authorization$/i, 'secret'],
];

/** Keys that identify or classify rather than carry what a person typed: kept as they are. */
const KEEP_KEY_RE = /^(?:id|type|contentType|locale|timestamp|localTimestamp|localTimezone|version|schema|\$schema|[A-Za-z]*Id|[A-Za-z]*_id)$/;

function secretKind(key: string): RedactionKind | undefined {
  for (const [re, kind] of SECRET_KEYS) if (re.test(key)) return kind;
  return undefined;
}

/** `lone`: the value is a whole message a person sent (activity text), see redactUncuedPasswords. */
function redactValue(value: unknown, counter: Counter, key: string | undefined, known: readonly FoundSecret[], lone = false): unknown {
  if (typeof value === 'string') {
    if (key !== undefined) {
      if (KEEP_KEY_RE.test(key)) return value;
      const kind = secretKind(key);
      if (kind && value.length > 0) return bump(counter, kind, value);
    }
    return redactInto(value, counter, known, lone);
  }
  if (typeof value === 'number' && key !== undefined && !KEEP_KEY_RE.test(key)) {
    const kind = secretKind(key);
    return kind ? bump(counter, kind, String(value)) : value;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map((v) => redactValue(v, counter, undefined, known));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) copy[k] = redactValue(v, counter, k, known);
    return copy;
  }
  return value;
}

/** A deep copy of plain data (objects, arrays, dates); what the redacted copies are built from. */
export function deepCopy(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(deepCopy);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) copy[k] = deepCopy(v);
    return copy;
  }
  return value;
}

/** Activity fields that can hold what a person typed or what the bot echoed back (and `attachments`). */
export const CONTENT_FIELDS = ['text', 'speak', 'summary', 'value', 'channelData', 'suggestedActions'] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number] | 'attachments';
/** Of those, the fields that hold a whole message (a lone password-like word there is redacted). */
const MESSAGE_FIELDS: ReadonlySet<string> = new Set(['text', 'speak', 'summary']);

export interface ActivityRedaction<T> {
  activity: T;
  redactions: RedactionCount[];
  /**
   * The raw secrets that were removed. Hold them only as long as needed to scrub echoes (pass
   * them as `knownSecrets` for the replies of the same turn); never store or log them.
   */
  secrets: FoundSecret[];
  /** `redactions` split by the field they were found in (only fields where something was). */
  byField: Partial<Record<ContentField, RedactionCount[]>>;
}

/** Like {@link redactActivity}, also saying what was redacted. */
export function redactActivityWithReport<T extends Partial<Activity>>(activity: T, options: RedactOptions = {}): ActivityRedaction<T> {
  const counter = new Counter();
  const known = options.knownSecrets ?? [];
  const copy = deepCopy(activity) as Record<string, unknown>;
  const source = activity as Record<string, unknown>;
  const byField: Partial<Record<ContentField, RedactionCount[]>> = {};
  // What one field added to the counts (the counter runs over the whole activity).
  const countField = (field: ContentField, before: ReadonlyMap<RedactionKind, number>) => {
    const added = KIND_ORDER.filter((k) => (counter.get(k) ?? 0) > (before.get(k) ?? 0)).map((kind) => ({ kind, count: (counter.get(kind) as number) - (before.get(kind) ?? 0) }));
    if (added.length > 0) byField[field] = added;
  };
  for (const field of CONTENT_FIELDS) {
    if (source[field] === undefined) continue;
    const before = new Map(counter.counts);
    // A secret found in one field (the text) is also removed from the fields after it.
    copy[field] = redactValue(source[field], counter, undefined, known.concat(counter.found), MESSAGE_FIELDS.has(field));
    countField(field, before);
  }
  if (Array.isArray(source.attachments)) {
    const before = new Map(counter.counts);
    copy.attachments = (source.attachments as Array<Record<string, unknown>>).map((att) => {
      const a = deepCopy(att) as Record<string, unknown>;
      if (att && att.content !== undefined) a.content = redactValue(att.content, counter, undefined, known.concat(counter.found));
      return a;
    });
    countField('attachments', before);
  }
  return { activity: copy as T, redactions: toCounts(counter), secrets: counter.found, byField };
}

/**
 * A deep copy of the activity with secrets redacted from `text`, `speak`, `summary`, string
 * leaves of `value`, `channelData` and `suggestedActions`, and attachment contents (card texts).
 * A secret found in one field (the text) is removed wherever it appears in the fields after it.
 * Ids, type, timestamps, addresses (from, recipient, conversation) and channel are kept. The
 * input is not changed.
 */
export function redactActivity<T extends Partial<Activity>>(activity: T, options: RedactOptions = {}): T {
  return redactActivityWithReport(activity, options).activity;
}

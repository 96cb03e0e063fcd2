/**
 * A message clearly written in another language than English: the bot says once per conversation
 * that it only speaks English, next to whatever it does with the message anyway (a recognised
 * problem still starts; "oui" still answers a yes/no question).
 *
 * The signal is cheap and lives in content: per language, a short list of its common words
 * (messages.yaml `stopWords.<language>`); a message with at least two different words of one list
 * and none of `stopWords.en` is that language. Names, brands and device words are in no list, so
 * "Meine Fotos synchronisieren nicht mit iCloud auf dem iPad" counts, "my photos de la plage" does not.
 *
 * The bot does not say it while the person waits for or talks with a person from the support team
 * (src/bot/createBot.ts, src/bot/liveChat.ts): the words go to that person, not to the bot.
 */
import type { Activity } from 'botbuilder';
import { otherLanguage } from './answers';
import type { MessageKey, Messages } from './messages';

/** The languages looked for, and their word lists in messages.yaml. */
export const OTHER_LANGUAGES = {
  fr: 'stopWords.fr',
  de: 'stopWords.de',
  es: 'stopWords.es',
  it: 'stopWords.it',
  pt: 'stopWords.pt',
  nl: 'stopWords.nl',
} as const satisfies Record<string, MessageKey>;

/** The code for a message in another script than the Latin one (Chinese, Cyrillic, Arabic…). */
export const OTHER_SCRIPT = 'other-script';

/** Letters a message needs before its script says anything ("是的" is two). */
export const MIN_SCRIPT_LETTERS = 2;

/** Different words of one language's list a message needs to count as that language. */
export const MIN_LANGUAGE_HITS = 2;

/** The language code (`fr`, `de`…) a text is clearly written in when it is not English, else undefined. */
export function otherLanguageOf(messages: Messages, text: string): string | undefined {
  // Mostly letters of another script ("我的照片无法同步到iCloud", "Мои фото не синхронизируются"): another language,
  // whatever brand names in Latin letters it holds.
  const letters = text.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  if (letters.length >= MIN_SCRIPT_LETTERS && latin * 2 < letters.length) return OTHER_SCRIPT;
  const lists = Object.fromEntries(Object.entries(OTHER_LANGUAGES).map(([lang, key]) => [lang, messages.list(key)]));
  return otherLanguage(text, lists, messages.list('stopWords.en'), MIN_LANGUAGE_HITS);
}

/** The typed text of a message activity in another language than English (card button presses never are). */
export function activityLanguage(messages: Messages, activity: Partial<Activity>): string | undefined {
  if (activity.type !== 'message' || typeof activity.text !== 'string' || activity.value !== undefined) return undefined;
  return otherLanguageOf(messages, activity.text);
}

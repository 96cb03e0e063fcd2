/**
 * A message clearly not in English (QA report #11): one line, once per conversation, that the bot
 * only speaks English, before whatever it does with the message anyway; the flag lives in
 * conversation state. The signal is the stop-word lists of messages.yaml, and no English training
 * utterance of intents/ trips it.
 */
import { MemoryStorage } from 'botbuilder';
import { STATE_KEYS } from '../../src/bot/createBot';
import { activityLanguage, otherLanguageOf } from '../../src/dialogs/languageNotice';
import { Messages } from '../../src/dialogs/messages';
import { loadIntents } from '../../src/nlu/trainingData';
import { useRealBot } from '../helpers/realBot';
import { harness, keys, last, realContent } from './helpers';

const NOTICE = 'language.englishOnly';
const content = realContent();
const messages = new Messages(content.messages);

describe('otherLanguageOf', () => {
  it.each([
    ['Bonjour, mes photos ne se synchronisent plus sur mon iPhone', 'fr'],
    ['ça ne marche pas', 'fr'],
    ['Meine Fotos synchronisieren nicht mit iCloud auf dem iPad', 'de'],
    ['hola, mis contactos no se sincronizan en el mac', 'es'],
    ['minhas fotos não sincronizam no iphone', 'pt'],
    ["mijn foto's worden niet gesynchroniseerd op de mac", 'nl'],
    // Another script, brand names in Latin letters or not (tester round 11, B16).
    ['我的照片无法同步到iCloud', 'other-script'],
    ['Мои фото не синхронизируются с iCloud', 'other-script'],
    ['是的', 'other-script'],
  ])('%s → %s', (text, language) => {
    expect(otherLanguageOf(messages, text)).toBe(language);
  });

  it.each(['oui', 'nein', 'la photo de la plage is not syncing', 'photos ipad', '', '👍', 'my calendar on the mac, de la Cruz family', 'my photos from Zoë’s 東京 trip wont sync to my mac'])('"%s" is not flagged', (text) => {
    expect(otherLanguageOf(messages, text)).toBeUndefined();
  });

  it('no English training utterance of intents/ is flagged', () => {
    const flagged = loadIntents('intents')
      .intents.flatMap((i) => i.utterances)
      .filter((u) => otherLanguageOf(messages, u) !== undefined);
    expect(flagged).toEqual([]);
  });

  it('a card button press is never flagged, whatever its text', () => {
    expect(activityLanguage(messages, { type: 'message', text: 'mes photos ne marchent pas', value: { resyncChoice: 'x' } })).toBeUndefined();
    expect(activityLanguage(messages, { type: 'message', text: 'mes photos ne marchent pas' })).toBe('fr');
  });
});

describe('the notice in a conversation (keyword recogniser)', () => {
  it('comes once, before the answer, which is what the bot would do anyway; the flag is in conversation state', async () => {
    const storage = new MemoryStorage();
    const h = harness({ storage });
    const first = await h.say('storage-full sur mon iphone, ça ne marche pas');
    expect(keys(first)[0]).toBe(NOTICE);
    expect(first[0].text).toBe(content.messages[NOTICE]);
    expect(keys(first)[1]).toBe('playbook.intro');
    expect(last(first).resync?.playbook).toBe('storage-full');
    const key = 'test/conversations/conv-1/';
    expect(((await storage.read([key]))[key] as Record<string, unknown>)[STATE_KEYS.languageNotice]).toBe(true);
    // Not again in this conversation, even from a new bot on the same storage.
    const again = harness({ storage });
    expect(keys(await again.say('je ne sais pas, merci'))).not.toContain(NOTICE);
    // Another conversation gets it.
    const other = harness({ storage, conversationId: 'conv-2' });
    expect(keys(await other.say('bonjour, mes photos ne marchent pas'))[0]).toBe(NOTICE);
  });

  it('is not said for English', async () => {
    const h = harness();
    expect(keys(await h.say('photos-not-syncing on my iphone'))).not.toContain(NOTICE);
    expect(keys(await h.say('it is not working on the mac'))).not.toContain(NOTICE);
  });
});

describe('the real recogniser (createRuntime)', () => {
  const bot = useRealBot('language');

  it('French: the notice, and the recognised problem still starts', async () => {
    const say = bot.conversation('language-fr');
    let replies = await say('Bonjour, mes photos ne se synchronisent plus sur mon iPhone');
    expect(replies[0].messageKey).toBe(NOTICE);
    // The photos problem is started, or offered when the recogniser is less sure (never a plain miss).
    expect(replies.slice(1).some((r) => r.playbook === 'photos-not-syncing' || r.choices?.includes('intent:photos-not-syncing'))).toBe(true);
    // The notice is said once, in the first turn, but the first turn may start the playbook at once:
    // only the turns after it (a did-you-mean or device answer) must be without it.
    const later: string[] = [];
    if (replies[replies.length - 1].messageKey === 'didYouMean') later.push(...(replies = await say('1')).map((r) => r.messageKey));
    if (replies[replies.length - 1].messageKey === 'device.question') later.push(...(replies = await say('iPhone')).map((r) => r.messageKey));
    expect(later).not.toContain(NOTICE);
    expect(replies.map((r) => r.messageKey).filter((k) => k === NOTICE).length).toBeLessThanOrEqual(1);
    expect(replies[replies.length - 1].messageKey).toBe('step.question');
    // "oui" answers the step's yes/no question; no second notice.
    const next = await say('oui');
    expect(next.map((r) => r.messageKey)).not.toContain(NOTICE);
    expect(next.map((r) => r.messageKey)).not.toContain('answer.notUnderstood');
  }, 30_000);

  it('German: the notice once', async () => {
    const say = bot.conversation('language-de');
    const replies = await say('Meine Fotos synchronisieren nicht mit iCloud auf dem iPad');
    expect(replies.map((r) => r.messageKey).filter((k) => k === NOTICE)).toHaveLength(1);
    expect(replies[0].messageKey).toBe(NOTICE);
    expect(replies.length).toBeGreaterThan(1);
  }, 30_000);
});

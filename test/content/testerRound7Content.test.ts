/**
 * Tester round 7, the content items (11, 12, 15 and the content parts of 9 and 4): each conversation
 * runs in the tester's words through the whole bot (createRuntime, the real recogniser, the real
 * dialogs/ files, an all-clear status feed); the content checks read the real files.
 */
import { realContent } from '../dialogs/helpers';
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';
import { stepTextOrNone } from './stepTexts';

const content = realContent();

const keyOf = (r: ReplyLine): string => `${r.key}:${r.stepId ?? ''}`;

describe('tester round 7, content', () => {
  const bot = useRealBot('round7-content');
  let n = 0;

  /** A new conversation: each message's replies, flattened (text without bold). */
  function chat(): (text: string) => Promise<ReplyLine[]> {
    const say = personalChat(bot.runtime.bot, `round7-content-${++n}`);
    return async (text) => (await say(text)).map(lineOf);
  }

  /** Says each line in turn; the replies to the last one. */
  async function run(lines: string[]): Promise<ReplyLine[]> {
    const say = chat();
    let replies: ReplyLine[] = [];
    for (const line of lines) replies = await say(line);
    return replies;
  }

  describe('item 11: Android and iCloud Contacts or Calendars', () => {
    /** An Android person is told at once, with no Apple Account or storage checks first. */
    function toldAtOnce(replies: ReplyLine[], service: 'contacts' | 'calendar'): string {
      const keys = replies.map(keyOf);
      expect(keys).not.toContain('step.question:apple-id');
      expect(keys).not.toContain('step.question:storage');
      const shown = replies.find((r) => r.key === 'step.instructions' && r.stepId === 'service-toggles')?.text ?? '';
      expect(shown).toMatch(service === 'contacts' ? /Android phone[^\n]*can't sync iCloud Contacts/ : /Android phone[^\n]*can't sync iCloud Calendars/);
      expect(shown).toContain(`icloud.com/${service}`);
      expect(keys[keys.length - 1]).toBe('step.elsewhere:service-toggles');
      return shown;
    }

    it('K08 "how do i get my icloud contacts on my samsung": Android can\'t sync them, icloud.com/contacts or a vCard into Google', async () => {
      const shown = toldAtOnce(await run(['how do i get my icloud contacts on my samsung']), 'contacts');
      expect(shown).toContain('Export vCard');
      expect(shown).toContain('contacts.google.com');
      expect(shown).toMatch(/app-specific password/);
    });

    it('E05 "contacts not syncing on my phone", "its a samsung": the same, once the phone is known', async () => {
      toldAtOnce(await run(['contacts not syncing on my phone', 'its a samsung']), 'contacts');
    });

    it('B07 "how can i see my icloud calendar on my android phone": icloud.com/calendar, a public link or an .ics file for Google Calendar', async () => {
      const shown = toldAtOnce(await run(['how can i see my icloud calendar on my android phone']), 'calendar');
      expect(shown).toContain('Public Calendar');
      expect(shown).toContain('.ics');
      expect(shown).toContain('calendar.google.com');
    });

    it('the question after it says Stop is the answer when that was all; Stop then points to icloud.com/contacts', async () => {
      const say = chat();
      const first = await say('how do i get my icloud contacts on my samsung');
      const question = first[first.length - 1];
      expect(question.text).toMatch(/choose Stop here/);
      expect(question.choices).not.toContain('other');
      const stopped = await say(String((question.choices ?? []).length));
      expect(stopped.map(keyOf)).toContain('step.elsewhereStopped:service-toggles');
      expect(stopped.map((r) => r.text).join('\n')).toContain('icloud.com/contacts');
    });

    it('picking the iPhone there goes through the checks on the iPhone', async () => {
      const replies = await run(['how can i see my icloud calendar on my android phone', 'my iphone']);
      expect(replies.map(keyOf)).toContain('step.question:apple-id');
    });

    it('G09 photos on Android: the question says to choose Stop when the download was all', async () => {
      const replies = await run(['i have an android phone and want my icloud photos on it']);
      expect(replies[replies.length - 1].key).toBe('step.elsewhere');
      expect(replies[replies.length - 1].text).toMatch(/choose Stop here/);
    });

    it('an iPhone with contacts still gets the usual checks', async () => {
      const replies = await run(['contacts not syncing on my iphone']);
      expect(replies.map(keyOf)).toContain('step.question:apple-id');
    });

    it('content: contacts, calendars and reminders are unavailable on the web platform (Android), whose texts say so', () => {
      const step = content.steps['service-toggles'];
      for (const service of ['contacts', 'calendar', 'reminders']) {
        expect(step.unavailableOn?.[service]).toContain('web');
        // The web text is read in a computer's browser too; an Android phone's own text says it can't sync them (round 11, A2).
        expect(step.services[service]?.devices?.other).toMatch(/Android phone[^\n]*can't sync iCloud/);
        expect(stepTextOrNone(step, 'web', { service })).not.toMatch(/Android/);
      }
    });
  });

  describe('item 12: iCloud for Windows not installed (B17)', () => {
    const windowsPhotos = ['photos from iphone not going to my windows pc', 'the pc', 'yes'];

    it('"i dont have icloud for windows installed" after the account check: the Microsoft Store, sign in, turn on Photos', async () => {
      const replies = await run([...windowsPhotos, 'i dont have icloud for windows installed']);
      const said = replies.find((r) => r.key === 'step.whenSaid' && r.stepId === 'apple-id');
      expect(said?.text).toContain('Microsoft Store');
      expect(said?.text).toMatch(/sign in/);
      expect(said?.text).toContain('turn on iCloud Photos');
      expect(replies.map(keyOf)).not.toContain('stuck.intro:apple-id');
      expect(replies[replies.length - 1].key).toBe('fixed.question');
    });

    it('at the switches step the text again says where iCloud for Windows comes from', async () => {
      const replies = await run([...windowsPhotos, 'no', 'no', 'i dont have icloud for windows installed']);
      const shown = replies.filter((r) => r.key === 'step.instructions' && r.stepId === 'service-toggles').map((r) => r.text).join('\n');
      expect(shown).toContain('Microsoft Store');
    });

    it('"i need to install the update" on an iPhone is no talk of iCloud for Windows', async () => {
      const replies = await run(['my notes wont sync on my iphone', 'yes', 'i need to install the update']);
      expect(replies.map((r) => r.text).join('\n')).not.toContain('iCloud for Windows');
    });

    it('content: every Windows text that opens iCloud for Windows says it comes from the Microsoft Store', () => {
      const texts = [stepTextOrNone(content.steps['apple-id'], 'windows')];
      const toggles = content.steps['service-toggles'];
      texts.push(stepTextOrNone(toggles, 'windows'), ...Object.keys(toggles.services).map((s) => stepTextOrNone(toggles, 'windows', { service: s })));
      const naming = texts.filter((t): t is string => t !== undefined && /Open \*\*iCloud for Windows\*\*|In \*\*iCloud for Windows\*\*/.test(t));
      expect(naming.length).toBeGreaterThanOrEqual(7);
      for (const t of naming) expect(t).toContain('**Microsoft Store**');
    });
  });

  describe('item 15: small misses', () => {
    const atStorage = ['iphone says uploading 300 items for days', 'yes', 'no'];

    it('B03 "theres like 1tb free" at the storage question is plenty of space: on to the switches', async () => {
      const replies = await run([...atStorage, 'theres like 1tb free']);
      expect(replies.map(keyOf)).not.toContain('answer.notUnderstood:storage');
      expect(replies[0].stepId).toBe('service-toggles');
    });

    it('B09 "how much does 50gb cost" at the storage question: Change Storage Plan shows the plans with local prices', async () => {
      const replies = await run([...atStorage, 'how much does 50gb cost']);
      expect(replies.map(keyOf)).not.toContain('question.cantAnswer:storage');
      const howTo = replies.find((r) => r.key === 'step.howTo')?.text;
      expect(howTo).toContain('Change Storage Plan');
      expect(howTo).toMatch(/price/);
      expect(replies[replies.length - 1].key).toBe('step.question');
    });

    it('D02/C01 the iPad support block asks for the iPad\'s software version, never "your iOS version"', async () => {
      const replies = await run(['icloud backup on my ipad not working', 'talk to a person']);
      const block = replies.find((r) => r.key === 'step.instructions' && r.stepId === 'contact-support')?.text ?? '';
      expect(block).toContain("your iPad's software version");
      expect(block).not.toMatch(/iOS version/);
    });

    it('K07 "my iphone photos say paused": where Paused and Resume are, before the checks', async () => {
      const replies = await run(['my iphone photos say paused']);
      const said = replies.find((r) => r.key === 'playbook.whenSaid')?.text;
      expect(said).toContain('Resume');
      expect(said).toContain('Photos › Library');
    });
  });

  describe('item 9: "its an old number" at "Can you sign in now?" (E06)', () => {
    it('is the no-code case\'s lost trusted number: account recovery, then the hand-over', async () => {
      const replies = await run(['cant sign in on my iphone, code goes to my old number which i dont have', 'its an old number']);
      const keys = replies.map(keyOf);
      expect(keys).not.toContain('answer.notUnderstood:account-access');
      expect(keys).toContain('step.whenSaid:account-access');
      expect(keys).toContain('step.instructions:contact-support');
    });
  });

  describe('item 4: "ok reset it on iforgot, worked" after the forgot-password text (B08)', () => {
    it('is a yes: signed in, the wrap-up', async () => {
      const replies = await run(['forgot my apple id password', 'iphone', 'ok reset it on iforgot, worked']);
      expect(replies.map(keyOf)).toContain('playbook.wrapUp:account-access');
    });

    it('"it never worked" is no yes', async () => {
      const replies = await run(['forgot my apple id password', 'iphone', 'it never worked']);
      expect(replies.map(keyOf)).not.toContain('playbook.wrapUp:account-access');
    });
  });
});

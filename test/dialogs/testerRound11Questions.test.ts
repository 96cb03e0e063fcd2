/**
 * Tester round 11, side questions in the testers' words, through the whole bot with the real recogniser and
 * content (dialogs/questions.yaml): getting deleted things back, keeping something from syncing to a device,
 * calendars in Outlook and sharing one, the new Outlook, plan prices in other words. Each answer comes with
 * the question that was pending, or at the top level with how to go on; real problems still start their checks.
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW } from './helpers';
import { useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const bot = useRealBot('round11q', { clock: new ManualClock(NOW), statusFeed: new FixtureStatusFeed(ALL_CLEAR) });

let n = 0;
const chat = (): LineChat => bot.lineChat(`round11q-${++n}`);
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1]!;

/** Starts `problem`, then says `text` at the question it stops at: the answer, then that same question. */
async function atStep(problem: string, text: string, id: string): Promise<ReplyLine> {
  const c = chat();
  const pending = lastOf(await c.say(problem));
  expect(pending.key).toBe('step.question');
  const replies = await c.say(text);
  expect(keys(replies)).toEqual([`question.${id}`, pending.key]);
  expect(lastOf(replies).stepId).toBe(pending.stepId);
  return replies[0]!;
}

/** `text` with nothing under way: the answer, then how to go on. */
async function topLevel(text: string, id: string): Promise<ReplyLine> {
  const replies = await chat().say(text);
  expect(keys(replies)).toEqual([`question.${id}`, 'question.answeredTopLevel']);
  return replies[0]!;
}

describe('deleted by mistake: where it can come back from', () => {
  const contactsByAccident = 'i deleted a bunch of contacts by accident, can i get them back from icloud?';

  it('asked with nothing under way: icloud.com first, Recently Deleted, Data Recovery', async () => {
    const answer = await topLevel(contactsByAccident, 'restore-deleted');
    expect(answer.text).toContain('Data Recovery');
    expect(answer.text).toContain('Restore Contacts');
    expect(answer.text).toContain('Recently Deleted');
  });

  it.each([[contactsByAccident], ['but i just want to restore them'], ['i accidentally deleted some notes, how do i recover them?']])(
    '"%s" at the account question: the same answer, then the question again',
    async (text) => {
      await atStep('my contacts are not syncing on my iphone', text, 'restore-deleted');
    },
  );

  it('on a Windows PC: icloud.com is the place', async () => {
    const answer = await atStep('contacts not syncing on my windows pc', 'i deleted some files by accident, can i get them back?', 'restore-deleted');
    expect(answer.text).toContain('on a PC the place is icloud.com');
  });
});

describe('keeping something from syncing to one device', () => {
  const kidsIpad = 'my kids ipad has my contacts on it, how do i stop that';

  it('"my kids ipad has my contacts on it, how do i stop that" with nothing under way: turn it off there, their own account', async () => {
    const answer = await topLevel(kidsIpad, 'stop-syncing');
    expect(answer.text).toContain('Family Sharing');
    expect(answer.text).toMatch(/nothing is deleted from iCloud/);
  });

  it('the same at the account question, then that question again', async () => {
    await atStep('my contacts are not syncing on my iphone', kidsIpad, 'stop-syncing');
  });

  it.each([['i dont want my photos to sync to my work mac'], ['how do i stop it from syncing to my ipad?']])('"%s": the same answer', async (text) => {
    await topLevel(text, 'stop-syncing');
  });

  it('"how do i turn off icloud photos" with nothing under way: how, and what happens to the photos', async () => {
    const answer = await topLevel('how do i turn off icloud photos', 'turn-off-service');
    expect(answer.text).toContain('Sync this iPhone');
  });

  it('"how do i turn off icloud photos?" on the way through the Mac checks: the Mac\'s own place, then the question again', async () => {
    const answer = await atStep('my photos stopped syncing to my mac', 'how do i turn off icloud photos?', 'turn-off-service');
    expect(answer.text).toContain('Photos › Settings › iCloud');
  });
});

describe('calendars and Outlook', () => {
  it('"they\'re in outlook, is that the problem?" during the calendar checks on an iPhone: that account, added on the iPhone', async () => {
    const answer = await atStep('my calendar is not syncing on my iphone', "they're in outlook, is that the problem?", 'outlook-account-calendar');
    expect(answer.text).toContain('Calendar Accounts');
  });

  it('the same on a PC: the classic Outlook and its iCloud calendars', async () => {
    const answer = await atStep('calendar not syncing with outlook on my pc', "they're in outlook, is that the problem?", 'outlook-account-calendar');
    expect(answer.text).toContain('iCloud for Windows');
  });

  it('"how do i share a calendar with him then?" at a step and with nothing under way', async () => {
    const answer = await atStep('my calendar is not syncing on my iphone', 'how do i share a calendar with him then?', 'share-calendar');
    expect(answer.text).toContain('Add Person');
    await topLevel('how do i share my calendar with my wife?', 'share-calendar');
  });

  it('"i have the new outlook, does that matter?" at a step and with nothing under way: classic Outlook or icloud.com', async () => {
    const answer = await atStep('calendar not syncing with outlook on my pc', 'i have the new outlook, does that matter?', 'new-outlook');
    expect(answer.text).toContain('classic Outlook');
    expect(answer.text).toContain('icloud.com/calendar');
    await topLevel('i have the new outlook, does that matter?', 'new-outlook');
  });
});

describe('plan prices in other words', () => {
  it.each([['what are the plan prices'], ['plan prices'], ['how much does icloud+ cost?'], ['how much is the 2TB plan?'], ['what do the plans cost?']])(
    '"%s" with nothing under way: the plans and where their prices are',
    async (text) => {
      const answer = await topLevel(text, 'storage-plans');
      expect(answer.text).toContain('Change Storage Plan');
    },
  );

  it('"what are the plan prices?" at the account question: the same, then that question again', async () => {
    await atStep('my photos stopped syncing to my mac', 'what are the plan prices?', 'storage-plans');
  });
});

describe('real problems still start their checks', () => {
  const NEW_IDS = ['restore-deleted', 'stop-syncing', 'turn-off-service', 'outlook-account-calendar', 'share-calendar', 'new-outlook'].map((id) => `question.${id}`);
  it.each([
    ['my photos stopped syncing to my mac', 'photos-not-syncing'],
    ['my photos stop syncing every night on my iphone', 'photos-not-syncing'],
    ['contacts not syncing on my iphone', 'contacts-not-syncing'],
    ['deleted contacts keep coming back on my iphone', 'contacts-not-syncing'],
    ['notes disappeared from my mac', 'notes-not-syncing'],
    ['calendar not syncing with outlook on my pc', 'calendar-not-syncing'],
    ['my icloud calendar is not showing in outlook on my pc', 'calendar-not-syncing'],
    ['my work calendar isnt showing on my iphone', 'calendar-not-syncing'],
    ['i turned icloud photos off and on again on my iphone but still nothing', 'photos-not-syncing'],
    ['my daughters iphone is not syncing photos', 'photos-not-syncing'],
    ['i cant sign in, account locked', 'sign-in-problem'],
  ])('"%s": %s, with none of these answers', async (text, playbook) => {
    const replies = await chat().say(text);
    expect(replies.find((r) => r.key === 'playbook.intro')?.playbook).toBe(playbook);
    expect(keys(replies).filter((k) => NEW_IDS.includes(k))).toEqual([]);
  });

  it('"all my photos disappeared … are they gone forever??" still gets the photos checks\' own first line', async () => {
    const replies = await chat().say('all my photos disappeared from my iphone!!! are they gone forever??');
    expect(keys(replies)).toContain('playbook.whenSaid');
    expect(keys(replies).filter((k) => k.startsWith('question.'))).toEqual([]);
  });

  it('at the account question, "my photos stop syncing after a few minutes" is no question about stopping sync', async () => {
    const c = chat();
    await c.say('my photos stopped syncing to my mac');
    const replies = await c.say('my photos stop syncing after a few minutes');
    expect(keys(replies).filter((k) => NEW_IDS.includes(k))).toEqual([]);
  });
});

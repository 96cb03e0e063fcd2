/**
 * Several problems in one message, through the real bot (createRuntime, the real recogniser and
 * content) in the users' own words: the first one named starts, one line says the others come next;
 * when it ends (fixed, its checks done, or a goodbye) the next is offered; yes starts it on the same
 * device without asking for it and skipping the checks done there; not now, cancel and "start over"
 * drop the queue. Asserts message keys, playbooks and step ids, never what the classifier scored.
 */
import type { ResyncChannelData } from '../../src/dialogs/cards';
import type { TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { namedProblems } from '../../src/dialogs/problemQueue';
import { Engine } from '../../src/dialogs/engine';
import { useRealBot, type Say } from '../helpers/realBot';
import { realContent } from './helpers';

const bot = useRealBot('problem-queue');
const content = realContent();

type Turn = ResyncChannelData[];
const keysOf = (t: Turn) => t.map((r) => r.messageKey);
const lastOf = (t: Turn) => t[t.length - 1];
/** The playbook of each problem the content ties to a service (never a hard-coded id in src/, looked up here). */
const playbookOf = (service: string) => Object.values(content.playbooks).find((p) => p.service === service)!;
const photos = playbookOf('photos');
const contacts = playbookOf('contacts');
const notes = playbookOf('notes');
const calendar = playbookOf('calendar');
/** The playbooks started in a turn (their intro). */
const started = (t: Turn) => t.filter((r) => r.messageKey === 'playbook.intro').map((r) => r.playbook);
/** Button number of a choice id in the last prompt. */
const num = (t: Turn, id: string) => String((lastOf(t).choices ?? []).indexOf(id) + 1);

/** Answers step questions with their "continue" choice and status pauses with carry on, until "Did that fix it?". */
async function toFixedQuestion(say: Say, replies: Turn): Promise<Turn> {
  for (let i = 0; i < 10 && lastOf(replies).messageKey !== 'fixed.question'; i++) {
    const p = lastOf(replies);
    if (p.messageKey === 'step.question') replies = await say(num(replies, content.steps[p.stepId!]!.question!.choices.find((c) => c.action === 'continue')!.id));
    else if (p.messageKey === 'status.pauseQuestion') replies = await say('continue');
    else throw new Error(`unexpected ${p.messageKey}`);
  }
  expect(lastOf(replies).messageKey).toBe('fixed.question');
  return replies;
}

/** "No, still not" at every "Did that fix it?" until the playbook has gone through all its checks. */
async function throughAllChecks(say: Say, replies: Turn): Promise<Turn> {
  for (let i = 0; i < 12; i++) {
    if (replies.some((r) => r.messageKey === 'step.instructions' && content.steps[r.stepId!]?.kind === 'handoff')) return replies;
    replies = await toFixedQuestion(say, replies);
    replies = await say('no, still not');
  }
  throw new Error('the checks never ended');
}

async function recordOf(conversationId: string): Promise<TroubleshootingRecord> {
  const key = `test/conversations/${conversationId}/`;
  const data = await bot.runtime.storage.read([key]);
  return (data[key] as { troubleshooting: TroubleshootingRecord } | undefined)?.troubleshooting ?? { steps: [] };
}

describe('detecting the problems a message names (content: playbooks with a service)', () => {
  const engine = () => new Engine({ ...bot.runtime, content, statusPageUrl: '', statusTimeoutMs: 1000, record: undefined as never, profile: undefined as never });
  const titles = (text: string) => namedProblems(engine(), bot.runtime.recognizer.recognize(text)).map((p) => p.playbook.id);

  it('in the order named, whichever the recogniser ranked first', () => {
    expect(titles('my photos and contacts aren\'t syncing on my iphone')).toEqual([photos.id, contacts.id]);
    expect(titles('notes and calendar aren\'t updating on my mac')).toEqual([notes.id, calendar.id]);
    expect(titles('photos, contacts and notes not syncing on my ipad')).toEqual([photos.id, contacts.id, notes.id]);
  });

  it('pairs each problem with its own device when the message does, either way round', () => {
    const pairs = (text: string) => namedProblems(engine(), bot.runtime.recognizer.recognize(text)).map((p) => [p.playbook.id, p.device]);
    expect(pairs("photos don't sync on my iphone and contacts don't sync on my mac")).toEqual([[photos.id, 'iphone'], [contacts.id, 'mac']]);
    expect(pairs('my iphone photos and my mac contacts are not syncing')).toEqual([[photos.id, 'iphone'], [contacts.id, 'mac']]);
    // One device for both, or no clear pairing: no device per problem (they share the message's).
    expect(pairs("my photos and contacts aren't syncing on my iphone")).toEqual([[photos.id, undefined], [contacts.id, undefined]]);
    expect(pairs('photos and contacts not syncing between my iphone and my mac')).toEqual([[photos.id, undefined], [contacts.id, undefined]]);
  });

  it('one problem, a status question or a greeting names no queue', () => {
    expect(titles('my photos aren\'t syncing on my iphone')).toHaveLength(1);
    expect(titles('hi there')).toEqual([]);
  });
});

describe('two problems in one message', () => {
  it('"photos and contacts not syncing on my iphone": photos first, then contacts offered; yes starts it on the iPhone, skipping the checks done', async () => {
    const say = bot.conversation('queue-photos-contacts');
    let replies = await say('photos and contacts not syncing on my iphone');
    expect(replies[0].messageKey).toBe('queue.noted');
    expect(started(replies)).toEqual([photos.id]);
    expect(keysOf(replies)).not.toContain('device.question');
    expect((await recordOf('queue-photos-contacts')).alsoReported).toEqual([contacts.intent]);

    // Two checks without a fix, then the third fixes it.
    replies = await say('no, still not');
    replies = await toFixedQuestion(say, replies);
    const triedStep = lastOf(replies).stepId!;
    replies = await say(num(replies, 'not-fixed'));
    replies = await toFixedQuestion(say, replies);
    replies = await say('yes it works now');
    expect(keysOf(replies)).toContain('playbook.wrapUp');
    expect(keysOf(replies)).not.toContain('wrapUp.more');
    expect(lastOf(replies).messageKey).toBe('queue.offer');

    replies = await say('yes');
    expect(started(replies)).toEqual([contacts.id]);
    expect(keysOf(replies)).not.toContain('device.question');
    expect(keysOf(replies)).not.toContain('device.again');
    expect(keysOf(replies)).toContain('more.skipping');
    const shown = replies.filter((r) => r.messageKey === 'step.instructions' || r.messageKey === 'step.question').map((r) => r.stepId);
    expect(shown).not.toContain(triedStep);
    const record = await recordOf('queue-photos-contacts');
    expect(record.device).toBe('iphone');
    expect(record.intent).toBe(contacts.intent);
    expect(record.alsoReported).toBeUndefined();

    // The last problem ends as before: "anything else?".
    replies = await toFixedQuestion(say, replies);
    replies = await say('yes it works now');
    expect(lastOf(replies).messageKey).toBe('wrapUp.more');
  }, 60_000);

  it('"photos on my iphone and contacts on my mac": photos starts on the iPhone, contacts is offered and starts on the Mac', async () => {
    const say = bot.conversation('queue-two-devices');
    let replies = await say("photos don't sync on my iphone and contacts don't sync on my mac");
    expect(started(replies)).toEqual([photos.id]);
    expect(keysOf(replies)).not.toContain('device.question');
    expect((await recordOf('queue-two-devices')).device).toBe('iphone');
    replies = await toFixedQuestion(say, replies);
    replies = await say('yes it works now');
    expect(lastOf(replies).messageKey).toBe('queue.offer');
    replies = await say('yes');
    expect(started(replies)).toEqual([contacts.id]);
    expect(keysOf(replies)).not.toContain('device.question');
    expect(keysOf(replies)).not.toContain('more.skipping');
    expect((await recordOf('queue-two-devices')).device).toBe('mac');
  }, 60_000);

  it('"notes and calendar aren\'t updating on my mac": notes first, its checks done without a fix, calendar offered; not now says goodbye', async () => {
    const say = bot.conversation('queue-notes-calendar');
    let replies = await say("notes and calendar aren't updating on my mac");
    expect(keysOf(replies)).not.toContain('didYouMean');
    expect(started(replies)).toEqual([notes.id]);
    expect(replies.find((r) => r.messageKey === 'queue.noted')).toBeDefined();

    replies = await throughAllChecks(say, replies);
    expect(lastOf(replies).messageKey).toBe('queue.offer');
    expect(lastOf(replies).choices).toEqual(['next-yes', 'next-not-now']);

    replies = await say('not now');
    expect(keysOf(replies)).toEqual(['queue.declined']);
    expect((await recordOf('queue-notes-calendar')).alsoReported).toBeUndefined();
    // The goodbye path: a goodbye now is the short one.
    expect(keysOf(await say('bye'))).toEqual(['goodbye.again']);
  }, 90_000);
});

describe('three problems in one message', () => {
  it('photos, then contacts after a goodbye mid-way, then notes after a fix, each offered in the order named', async () => {
    const say = bot.conversation('queue-three');
    let replies = await say('photos, contacts and notes not syncing on my ipad');
    expect(started(replies)).toEqual([photos.id]);
    const noted = replies.find((r) => r.messageKey === 'queue.noted');
    expect(noted).toBeDefined();
    expect((await recordOf('queue-three')).alsoReported).toEqual([contacts.intent, notes.intent]);

    replies = await toFixedQuestion(say, replies);
    replies = await say('thanks, bye');
    expect(keysOf(replies)).toEqual(['playbook.goodbye', 'queue.offer']);

    replies = await say(num(replies, 'next-yes'));
    expect(started(replies)).toEqual([contacts.id]);
    expect(keysOf(replies)).not.toContain('device.question');
    replies = await toFixedQuestion(say, replies);
    replies = await say('yes it works now');
    expect(lastOf(replies).messageKey).toBe('queue.offer');

    replies = await say('sure');
    expect(started(replies)).toEqual([notes.id]);
    expect(keysOf(replies)).not.toContain('device.question');
    expect((await recordOf('queue-three')).device).toBe('ipad');
  }, 90_000);
});

describe('the queue is dropped by start over and cancel, kept for a person', () => {
  it('"start over" mid-way: the next problem ends with "anything else?", no offer', async () => {
    const say = bot.conversation('queue-start-over');
    await say('photos and contacts not syncing on my iphone');
    expect(keysOf(await say('start over'))).toContain('startOver.question');
    expect((await recordOf('queue-start-over')).alsoReported).toBeUndefined();
    let replies = await toFixedQuestion(say, await say('my notes are not syncing on my iphone'));
    replies = await say('yes it works now');
    expect(lastOf(replies).messageKey).toBe('wrapUp.more');
    expect(keysOf(replies)).not.toContain('queue.offer');
  }, 60_000);

  it('"cancel" at the offer clears the queue: the next problem ends with "anything else?"', async () => {
    const say = bot.conversation('queue-cancel');
    let replies = await toFixedQuestion(say, await say('photos and contacts not syncing on my iphone'));
    replies = await say('yes it works now');
    expect(lastOf(replies).messageKey).toBe('queue.offer');
    expect(keysOf(await say('cancel'))).toContain('cancel.done');
    expect((await recordOf('queue-cancel')).alsoReported).toBeUndefined();
    replies = await toFixedQuestion(say, await say('my calendar is not syncing on my iphone'));
    replies = await say('yes it works now');
    expect(lastOf(replies).messageKey).toBe('wrapUp.more');
  }, 60_000);

  it('"cancel" mid-way, confirmed: the whole troubleshooting stops, the queue with it', async () => {
    const say = bot.conversation('queue-cancel-midway');
    const replies = await toFixedQuestion(say, await say('photos and contacts not syncing on my iphone'));
    expect(lastOf(replies).playbook).toBe(photos.id);
    let stopped = await say('cancel');
    if (lastOf(stopped).messageKey === 'cancel.confirm') stopped = await say('yes');
    expect(keysOf(stopped)).toContain('cancel.done');
    let next = await toFixedQuestion(say, await say('my calendar is not syncing on my iphone'));
    next = await say('yes it works now');
    expect(lastOf(next).messageKey).toBe('wrapUp.more');
  }, 60_000);

  it('"talk to a person" mid-way: the waiting problem stays in the record the agent summary is built from', async () => {
    const say = bot.conversation('queue-person');
    const replies = await toFixedQuestion(say, await say('photos and contacts not syncing on my iphone'));
    await say(num(replies, 'agent'));
    expect((await recordOf('queue-person')).alsoReported).toEqual([contacts.intent]);
  }, 60_000);
});

describe('one problem in a message behaves as before', () => {
  it('"my photos aren\'t syncing on my iphone": no line about others, a fix asks "anything else?"', async () => {
    const say = bot.conversation('queue-one');
    let replies = await say("my photos aren't syncing on my iphone");
    expect(keysOf(replies)).not.toContain('queue.noted');
    replies = await toFixedQuestion(say, replies);
    replies = await say('yes it works now');
    expect(lastOf(replies).messageKey).toBe('wrapUp.more');
    expect((await recordOf('queue-one')).alsoReported).toBeUndefined();
  }, 60_000);
});

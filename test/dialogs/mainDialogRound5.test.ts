/**
 * Tester round 5, leftovers at the top level and in the first message (items 7, 10, 11 and the
 * brief's "still weak" lines), in the testers' own words, through the whole bot with the real
 * recogniser and content.
 * - "photos stopped syncing after I restarted my iphone" says when it began: the restart is kept
 *   (and one line says why); "I restarted it already" still skips it.
 * - "contacts aren't syncing too" mid-way is an addition like "photos are broken too": it waits.
 */
import { lineOf, personalChat, throughToTheEnd, useRealBot, type ReplyLine } from '../helpers/realBot';
import { realContent } from './helpers';

const content = realContent();
const bot = useRealBot('round5-top');
let n = 0;

type Talk = (text: string) => Promise<ReplyLine[]>;

function talk(): Talk {
  const chat = personalChat(bot.runtime.bot, `round5-top-${++n}`);
  return async (text) => (await chat(text)).map(lineOf);
}

const instructionsShown = (all: ReplyLine[]) => all.filter((r) => r.key === 'step.instructions').map((r) => r.stepId);
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);

describe('a restart the trouble began after is no restart tried (item 7)', () => {
  it.each([
    ['photos stopped syncing after I restarted my iphone', 'restart'],
    ['my contacts stopped syncing since I restarted my mac', 'restart'],
    ['notes on my ipad stopped syncing after I updated it', 'software-update'],
  ])('"%s": the step is kept, one line says why, and it is shown', async (first, stepId) => {
    const say = talk();
    const replies = await say(first);
    expect(keys(replies)).not.toContain('playbook.alreadyDone');
    const why = replies.find((r) => r.key === 'playbook.startedAfter');
    expect(why?.text).toContain(content.steps[stepId].title);
    expect(instructionsShown(await throughToTheEnd(say, replies))).toContain(stepId);
  });

  it.each([
    'photos not syncing on my iphone, I restarted it already',
    'photos not syncing on my iphone, tried restarting',
    'photos still not syncing on my iphone even after I restarted it',
    'photos stopped syncing after the update, I restarted it but nothing changed',
  ])('"%s": the restart was tried as a fix, so it is skipped', async (first) => {
    const say = talk();
    const replies = await say(first);
    expect(replies.find((r) => r.key === 'playbook.alreadyDone')?.text).toContain(content.steps['restart'].title);
    expect(keys(replies)).not.toContain('playbook.startedAfter');
    expect(instructionsShown(await throughToTheEnd(say, replies))).not.toContain('restart');
  });

  it('"I tried restarting the router" neither skips the restart nor talks about it', async () => {
    const replies = await talk()('icloud drive not syncing on my mac, I tried restarting the router');
    expect(keys(replies)).not.toContain('playbook.alreadyDone');
    expect(keys(replies)).not.toContain('playbook.startedAfter');
  });
});

describe('another problem said mid-way with "too" waits, whatever else the sentence negates (item 10)', () => {
  it.each([
    ["contacts aren't syncing too", 'contacts-not-syncing'],
    ["contacts aren't syncing either", 'contacts-not-syncing'],
    ['photos are broken too', 'photos-not-syncing'],
    ['my contacts are gone as well', 'contacts-not-syncing'],
  ])('"%s" at "Did that fix it?" is queued, not offered as a switch', async (line, playbookId) => {
    const first = playbookId === 'photos-not-syncing' ? 'notes not syncing on my iphone' : 'photos not syncing on my iphone';
    const say = talk();
    let replies = await say(first);
    replies = await say('1');
    expect(replies[replies.length - 1].key).toBe('fixed.question');
    replies = await say(line);
    expect(keys(replies)).not.toContain('switch.offer');
    expect(replies.find((r) => r.key === 'queue.later')?.text).toContain(content.playbooks[playbookId].title);
    expect(replies[replies.length - 1].key).toBe('fixed.question');
  });

  it('the problem added that way is offered when the first one is fixed', async () => {
    const say = talk();
    await say('photos not syncing on my iphone');
    await say('1');
    await say("contacts aren't syncing too");
    const replies = await say('1');
    expect(replies.find((r) => r.key === 'queue.offer')?.text).toContain(content.playbooks['contacts-not-syncing'].title);
  });
});

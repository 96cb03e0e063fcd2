/**
 * Tester round 4, item 16, in the users' words, through createRuntime with the real recogniser and
 * content, memory storage, an all-clear status feed and a manual clock:
 * - "ok my contacts too then" mid-playbook is another problem besides this one: noted, it comes
 *   next (offered when this one ends), and the current step goes on; no switch is offered.
 * - "still not working" a day later at "Did that fix it?": one line says where we were (problem,
 *   device, step) before the next step.
 */
import { ManualClock } from '../../src/clock';
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';
import { NOW } from './helpers';

const HOUR = 60 * 60 * 1000;
const clock = new ManualClock(NOW);
const bot = useRealBot('midway', { clock });

let n = 0;
type Talk = (text: string) => Promise<ReplyLine[]>;
function talk(): Talk {
  const chat = personalChat(bot.runtime.bot, `midway-${++n}`);
  return async (text) => (await chat(text)).map(lineOf);
}
const keysOf = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1];

describe('a second problem said mid-way with "too" waits its turn', () => {
  it('"ok my contacts too then": noted, the same question again, no switch; offered once photos is fixed', async () => {
    const say = talk();
    const first = await say('photos not syncing on my iphone');
    const question = lastOf(first);
    expect(question.key).toBe('step.question');
    const noted = await say('ok my contacts too then');
    expect(keysOf(noted)).not.toContain('switch.offer');
    expect(noted[0].key).toBe('queue.later');
    expect(noted[0].text).toContain('Contacts not syncing');
    expect(lastOf(noted).stepId).toBe(question.stepId);
    expect(lastOf(noted).choices).toEqual(question.choices);
    // Photos carries on; once it's fixed, contacts is offered, not "anything else?".
    let replies = await say('1');
    for (let i = 0; i < 6 && lastOf(replies).key === 'step.question'; i++) replies = await say('1');
    expect(lastOf(replies).key).toBe('fixed.question');
    const fixed = await say('1');
    expect(lastOf(fixed).key).toBe('queue.offer');
    expect(lastOf(fixed).text).toContain('Contacts not syncing');
    const next = await say('yes');
    expect(next.find((r) => r.key === 'playbook.intro')?.playbook).toBe('contacts-not-syncing');
  });

  it.each(['my notes as well', 'also my contacts aren\'t syncing'])('"%s" is noted too', async (text) => {
    const say = talk();
    await say('photos not syncing on my iphone');
    const noted = await say(text);
    expect(keysOf(noted)).toContain('queue.later');
    expect(keysOf(noted)).not.toContain('switch.offer');
  });

  it('another problem said without "too" is still offered as a switch', async () => {
    const say = talk();
    await say('photos not syncing on my iphone');
    expect(keysOf(await say('contacts not syncing'))).toContain('switch.offer');
  });
});

describe('an answer after a day away gets a one-line recap first', () => {
  async function atFixedQuestion(say: Talk): Promise<ReplyLine> {
    let replies = await say('drive not syncing on my mac');
    for (let i = 0; i < 6 && lastOf(replies).key === 'step.question'; i++) replies = await say('1');
    expect(lastOf(replies).key).toBe('fixed.question');
    return lastOf(replies);
  }

  it('"still not working" 25 hours later: where we were (problem, device, step), then the next step', async () => {
    const say = talk();
    const question = await atFixedQuestion(say);
    clock.advance(25 * HOUR);
    const replies = await say('still not working');
    expect(replies[0].key).toBe('welcomeBack');
    expect(replies[0].text).toContain('iCloud Drive');
    expect(replies[0].text).toContain('Mac');
    expect(replies[0].stepId).toBe(question.stepId);
    // Then it goes on: the next step, not the same question.
    expect(replies.length).toBeGreaterThan(1);
    expect(lastOf(replies).stepId).not.toBe(question.stepId);
  });

  it('the same answer an hour later goes straight on, with no recap', async () => {
    const say = talk();
    await atFixedQuestion(say);
    clock.advance(HOUR);
    const replies = await say('still not working');
    expect(keysOf(replies)).not.toContain('welcomeBack');
  });
});

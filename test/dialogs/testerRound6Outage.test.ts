/**
 * Tester round 6 (section A, item 7), outage turns the main dialog answers, in the tester's own
 * words, through the whole bot with the real recogniser and content and a status feed the test
 * switches: after "Stop, I'll check later", "still not working, is it apple?" checks Apple's status
 * again as "is icloud down right now?" does (messages.yaml `synonyms.isItApple`), and "ok so should
 * i wait?" / "ok so what do i do" get the honest answer (Apple has to fix it, no time from Apple, the
 * checks offered meanwhile), also right after that status check; never "not one I can answer", the
 * start help or the problem list. At the pause question itself the same words get the honest
 * answer and the buttons again, and "can we check my settings anyway" is Continue anyway
 * (readOutagePause through src/dialogs/playbook/stepAsides.ts).
 */
import { ManualClock } from '../../src/clock';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import { ALL_CLEAR, FixtureStatusFeed, NOW, outage, realContent } from './helpers';
import { personalChat, resyncOf, textOf, useRealBot } from '../helpers/realBot';

interface Turn {
  resync: ResyncChannelData;
  text: string;
}
type Say = (text: string) => Promise<Turn[]>;

const content = realContent();
const photosService = content.services.find((s) => s.id === 'photos')!;
const statusPlaybook = Object.values(content.playbooks).find((p) => p.steps.every((id) => content.steps[id].kind === 'status'))!;

const feed = new FixtureStatusFeed(ALL_CLEAR);
const clock = new ManualClock(NOW);
const bot = useRealBot('round6-outage', { clock, statusFeed: feed });

beforeEach(() => {
  feed.report = ALL_CLEAR;
});

let n = 0;
function conversation(): Say {
  const chat = personalChat(bot.runtime.bot, `round6-outage-${++n}`);
  return async (text) => (await chat(text)).map((a) => ({ resync: resyncOf(a), text: textOf(a) }));
}

const keysOf = (turns: Turn[]) => turns.map((t) => t.resync.messageKey);
const lastOf = (turns: Turn[]) => turns[turns.length - 1]!;

/** "photos not syncing on my ipad" during a Photos outage, then "Stop, I'll check later" (F01). */
async function stoppedAtOutage(): Promise<Say> {
  feed.report = outage(photosService.statusNames[0]);
  const say = conversation();
  expect(lastOf(await say('photos not syncing on my ipad')).resync.messageKey).toBe('status.pauseQuestion');
  expect(keysOf(await say('2'))).toEqual(['status.stopped']);
  return say;
}

describe('"is it apple?" checks Apple\'s status again (F04)', () => {
  it('"still not working, is it apple?" after the stop: the status check, not the playbook picked up again', async () => {
    const say = await stoppedAtOutage();
    const replies = await say('still not working, is it apple?');
    expect(replies.every((r) => r.resync.playbook === statusPlaybook.id)).toBe(true);
    expect(replies.some((r) => r.text.includes(photosService.statusNames[0]))).toBe(true);
    expect(keysOf(replies)).not.toContain('playbook.resumed');
    expect(keysOf(replies)).not.toContain('question.cantAnswer');
  });

  it('"is it just me?" at the top level checks it too', async () => {
    const replies = await conversation()('is it just me?');
    expect(replies.every((r) => r.resync.playbook === statusPlaybook.id)).toBe(true);
  });
});

describe('"should i wait?" after the stop gets the honest answer (J04, F01)', () => {
  it.each(['ok so should i wait?', 'ok so what do i do'])('"%s": Apple has to fix it, no time, the checks offered meanwhile', async (line) => {
    const say = await stoppedAtOutage();
    const replies = await say(line);
    expect(keysOf(replies)).toEqual(['outage.whenFixed']);
  });

  it('"ok so should i wait?" right after "is it apple?" found the outage: the same answer, and yes picks Photos up again', async () => {
    const say = await stoppedAtOutage();
    await say('still not working, is it apple?');
    expect(keysOf(await say('ok so should i wait?'))).toEqual(['outage.whenFixed']);
    const resumed = await say('yes');
    expect(resumed.find((r) => r.resync.messageKey === 'step.question')?.resync.playbook).toBe('photos-not-syncing');
  });
});

describe('at the pause itself, "Continue anyway / Stop, I\'ll check later" (J04, F01)', () => {
  async function atPause(): Promise<Say> {
    feed.report = outage(photosService.statusNames[0]);
    const say = conversation();
    expect(lastOf(await say('photos not syncing on my ipad')).resync.messageKey).toBe('status.pauseQuestion');
    return say;
  }

  // "what do i do" asks no yes/no question: the advice without its "Yes:" (tester round 8, E08).
  it.each([
    ['ok so should i wait?', 'outage.pauseAdvice'],
    ['ok so what do i do', 'outage.pauseAdviceOpen'],
  ])('"%s": the honest answer, then the same two buttons', async (line, advice) => {
    const say = await atPause();
    const replies = await say(line);
    expect(keysOf(replies)).toEqual([advice, 'status.pauseQuestion']);
    expect(replies[0].text).toMatch(/Apple's side/);
    expect(keysOf(replies)).not.toContain('question.cantAnswer');
    // The buttons still work afterwards.
    expect(keysOf(await say('2'))).toEqual(['status.stopped']);
  });

  it('"can we check my settings anyway" is Continue anyway: the device checks start', async () => {
    const say = await atPause();
    const replies = await say('can we check my settings anyway');
    expect(keysOf(replies)).not.toContain('answer.notUnderstood');
    expect(replies.some((r) => r.resync.messageKey === 'step.question' && r.resync.playbook === 'photos-not-syncing')).toBe(true);
  });

  it('"no, dont check anyway, ill wait" is not Continue anyway', async () => {
    const say = await atPause();
    const replies = await say('no, dont check anyway, ill wait');
    expect(replies.some((r) => r.resync.messageKey === 'step.question')).toBe(false);
  });
});

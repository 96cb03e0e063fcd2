/**
 * Tester round 12 (everyday users), in their words, through the whole bot with the real recogniser:
 * - "how can i tell if its syncing" / "is it syncing now?" at "Did that fix it?": how to see it for
 *   that service on that device (services.yaml howToTell), then the question again; never a fix (A2);
 * - "its not syncing" there is "No, still not", never a switch to the general problem (A3);
 * - "what does leave a message do" at the offer: what each button does, never the button; and
 *   "leave a message" typed again at the message prompt is not the message (A4);
 * - data-loss worry is answered first: "is my data lost" alone, and "lost forever" / "did i lose"
 *   beside photos, contacts or notes before their checks (A5).
 */
import { ManualClock } from '../../src/clock';
import { ALL_CLEAR, FixtureStatusFeed, NOW } from './helpers';
import { sayAll, useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const bot = useRealBot('round12', { clock: new ManualClock(NOW), statusFeed: new FixtureStatusFeed(ALL_CLEAR) });
let n = 0;
const chat = (): LineChat => bot.lineChat(`round12-${++n}`);
const keys = (replies: ReplyLine[]) => replies.map((r) => r.key);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1]!;

/** Contacts on an iPhone, past the account check, at the toggles step's "Did that fix it?". */
async function atFixedQuestion(c: LineChat): Promise<ReplyLine> {
  const replies = await sayAll(c, ['contacts not syncing on my iphone', 'Yes, the same account', 'No, still not', 'no']);
  const last = lastOf(replies);
  expect(last.key).toBe('fixed.question');
  return last;
}

describe('"how can i tell?" at "Did that fix it?" (A2)', () => {
  it.each([['how can i tell if its syncing'], ['is it syncing now?'], ['how do i know if its syncing']])('"%s": how to see it for contacts on this iPhone, then the same question', async (text) => {
    const c = chat();
    const pending = await atFixedQuestion(c);
    const replies = await c.say(text);
    expect(keys(replies)).toEqual(['step.howTo', 'fixed.question']);
    expect(replies[0]!.text).toContain('test contact on this iPhone');
    expect(lastOf(replies).stepId).toBe(pending.stepId);
    expect(keys(replies)).not.toContain('fixed.done');
  });

  it('"yes its syncing now" is still a fix', async () => {
    const c = chat();
    await atFixedQuestion(c);
    expect(keys(await c.say('yes its syncing now'))).not.toContain('step.howTo');
  });
});

describe('"its not syncing" at "Did that fix it?" (A3)', () => {
  it.each([['its not syncing'], ['it isnt syncing'], ['nothing is syncing still']])('"%s" is No, still not: the next check, no switch offer', async (text) => {
    const c = chat();
    const pending = await atFixedQuestion(c);
    const replies = await c.say(text);
    expect(keys(replies)).not.toContain('switch.offer');
    expect(lastOf(replies).stepId).not.toBe(pending.stepId);
    expect(lastOf(replies).playbook).toBe(pending.playbook);
  });
});

describe('questions about the offer\'s buttons (A4)', () => {
  it('"what does leave a message do": what each button does and the offer again; the message is the real one', async () => {
    const c = chat();
    await sayAll(c, ['my photos arent syncing to my ipad', 'talk to a person']);
    const replies = await c.say('what does leave a message do');
    expect(keys(replies)).toEqual(['handoff.offer.help', 'handoff.noAccounts']);
    expect(keys(await c.say('leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
    expect(keys(await c.say('leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
    expect(keys(await c.say('photos missing on ipad'))).toEqual(['handoff.leaveMessage.contact']);
    expect(keys(await c.say('me@example.com'))).toEqual(['handoff.leaveMessage.saved']);
    const ticket = (await bot.runtime.hub.tickets()).tickets.find((t) => t.conversationId === c.id)!;
    expect(ticket.message).toBe('photos missing on ipad');
  });
});

describe('data-loss worry is answered first (A5)', () => {
  it('"is my data lost" alone: reassurance and where to look, once, then how to go on', async () => {
    const replies = await chat().say('is my data lost');
    expect(keys(replies)).toEqual(['question.data-lost', 'question.answeredTopLevel']);
    expect(replies[0]!.text).toMatch(/Recently Deleted/);
  });

  it.each([
    ['are my photos lost forever', /photos that vanish/],
    ['did i lose all my contacts', /Data Recovery/],
    ['my notes disappeared from my iphone, are they gone forever??', /Deleted notes wait/],
  ])('"%s": the reassurance right after the intro, before the checks', async (text, said) => {
    const replies = await chat().say(text);
    expect(keys(replies)[1]).toBe('playbook.whenSaid');
    expect(replies[1]!.text).toMatch(said);
  });
});

describe('a request for a person inside a longer message (B12)', () => {
  it('"the duplicates are still there, I need a person again" at a step: the hand-over, not "didn\'t catch that"', async () => {
    const c = chat();
    await c.say('my contacts wont sync on my mac');
    const replies = await c.say('the duplicates are still there, I need a person again');
    expect(keys(replies)).not.toContain('answer.notUnderstood');
    expect(keys(replies)).toContain('handoff.noAccounts');
  });

  it('"i dont need a person" is no request', async () => {
    const c = chat();
    await c.say('my contacts wont sync on my mac');
    expect(keys(await c.say('i dont need a person, just tell me what to do'))).not.toContain('handoff.noAccounts');
  });
});

describe('unsure at "Did that fix it?" (A7)', () => {
  it.each([['not sure'], ['i dont know yet'], ['idk'], ['hasnt synced yet']])('"%s": no rush, how to tell, and the same question; never a miss', async (text) => {
    const c = chat();
    const pending = await atFixedQuestion(c);
    const replies = await c.say(text);
    expect(keys(replies)).toEqual(['step.howTo', 'fixed.question']);
    expect(replies[0]!.text).toMatch(/^No rush/);
    expect(lastOf(replies).stepId).toBe(pending.stepId);
  });
});

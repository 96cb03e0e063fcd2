/**
 * Tester round 10, the hub's side, in the testers' words (real recogniser, the hub in front):
 * - A9: "start over" or "talk to a person" typed where the message is asked for is never saved as
 *   the message: start over drops it and the dialogs start over; a person gets why a message is the
 *   way now, and the same question;
 * - A24: "thanks" right after a message was saved closes politely, not with the step's question;
 * - B7: "no i still cant sign in" after the offer was declined is the problem, not a goodbye;
 * - B18: "any reply yet?", "how long will it take?" in the queue get the place, never passed on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRecognizer } from '../../src/nlu';
import type { Recognizer } from '../../src/nlu/recognizer';
import { silentLogger } from '../../src/logging/logger';
import { hubHarness, hubKeys, replyKeys, type HubHarness } from './hubHarness';

let cacheDir = '';
let recognizer: Recognizer;

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(tmpdir(), 'resync-round10-hub-'));
  recognizer = await loadRecognizer({ intentsDir: path.resolve('intents'), cacheDir, logger: silentLogger });
}, 300_000);

afterAll(() => {
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

const noAgents = (): HubHarness => hubHarness({ agentsConfigured: false, botRecognizer: recognizer });

/** At "Please type your message…", after the checks of a notes problem on the iPhone. */
async function atMessagePrompt(h: HubHarness, id: string) {
  const p = h.person(id);
  await p.say('notes not syncing on iphone');
  await p.say('yes');
  expect(hubKeys(await p.say('Talk to a person'))).toEqual(['handoff.noAccounts']);
  expect(hubKeys(await p.say('Leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
  return p;
}

describe('A9: commands where the message is asked for', () => {
  it('"start over": no message kept, and the dialogs start over', async () => {
    const h = noAgents();
    const p = await atMessagePrompt(h, 'a9-start');
    const replies = await p.say('start over');
    expect(replyKeys(replies)).toEqual(['handoff.leaveMessage.cancelled', 'startOver.question']);
    expect((await h.hub.tickets()).tickets).toEqual([]);
    // The next message is a new problem, not an address or a message.
    expect(replyKeys(await p.say('photos on my mac')).some((k) => k.startsWith('handoff.'))).toBe(false);
    expect((await h.hub.tickets()).tickets).toEqual([]);
  });

  it('"talk to a person": why a message is the way now, the same question, and the message still taken', async () => {
    const h = noAgents();
    const p = await atMessagePrompt(h, 'a9-person');
    expect(replyKeys(await p.say('talk to a person'))).toEqual(['handoff.leaveMessage.personAsked']);
    expect(replyKeys(await p.say('my notes from the iphone never show up on the mac'))).toEqual(['handoff.leaveMessage.contact']);
    expect(replyKeys(await p.say('jo@example.com'))).toEqual(['handoff.leaveMessage.saved']);
    const [ticket] = (await h.hub.tickets()).tickets;
    expect(ticket.message).toBe('my notes from the iphone never show up on the mac');
  });
});

describe('A24: thanks after the message was saved', () => {
  it('gets a close, not the step question again', async () => {
    const h = noAgents();
    const p = await atMessagePrompt(h, 'a24');
    await p.say('my code never arrives please call me');
    expect(replyKeys(await p.say('07700 900123'))).toEqual(['handoff.leaveMessage.saved']);
    expect(replyKeys(await p.say('thanks'))).toEqual(['handoff.leaveMessage.thanks']);
  });
});

describe('B7: the problem said again after the offer was declined', () => {
  it('"no i still cant sign in" goes to the checks, never "goodbye"', async () => {
    const h = noAgents();
    const p = h.person('b7');
    for (const t of ['my apple id is locked', 'iPhone']) await p.say(t);
    let replies = await p.say("No, I still can't");
    for (let i = 0; i < 6 && !hubKeys(replies).some((k) => k.startsWith('handoff.noAccounts')); i++) replies = await p.say('no');
    expect(hubKeys(replies)).toContain('handoff.noAccounts.endOfChecks');
    expect(hubKeys(await p.say('Cancel'))[0]).toMatch(/^handoff\.offer\.declined/);
    const after = await p.say('no i still cant sign in');
    expect(replyKeys(after)).not.toContain('handoff.offer.goodbye');
    expect(after.length).toBeGreaterThan(0);
    // A plain "no" there is still a goodbye.
    const h2 = noAgents();
    const q = h2.person('b7-no');
    for (const t of ['my apple id is locked', 'iPhone']) await q.say(t);
    replies = await q.say("No, I still can't");
    for (let i = 0; i < 6 && !hubKeys(replies).some((k) => k.startsWith('handoff.noAccounts')); i++) replies = await q.say('no');
    await q.say('Cancel');
    expect(replyKeys(await q.say('no'))).toEqual(['handoff.offer.goodbye']);
  });
});

describe('B18: asking for news in the queue', () => {
  it.each([['any reply yet?'], ['how long will it take?'], ['hello? any news?']])('"%s" gets the place in the queue and is not passed on', async (text) => {
    const h = hubHarness({ botRecognizer: recognizer });
    const p = h.person('b18');
    await p.say('photos not syncing on my iphone');
    await p.say('talk to a person');
    expect(hubKeys(await p.say('Wait anyway'))).toEqual(['event:handoff.initiate', 'handoff.waiting.noEstimate']);
    const replies = await p.say(text);
    expect(replyKeys(replies)).toEqual(['handoff.waiting.stillQueued']);
    expect(replies[0].text).toContain('number 1');
    expect((await h.hub.get('b18'))?.messages.map((m) => m.text)).toEqual([]);
    // A message about the problem still goes to the person.
    expect(replyKeys(await p.say('my photos from yesterday are missing'))).toEqual(['handoff.waiting.ack']);
  });
});

describe('C7: a start over inside a short message at the message prompt', () => {
  it('"actually never mind, lets start over" is no message', async () => {
    const h = noAgents();
    const p = await atMessagePrompt(h, 'c7');
    expect(replyKeys(await p.say('actually never mind, lets start over'))).toEqual(['handoff.leaveMessage.cancelled', 'startOver.question']);
    expect((await h.hub.tickets()).tickets).toEqual([]);
  });
});

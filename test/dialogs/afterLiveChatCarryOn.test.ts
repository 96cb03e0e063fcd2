/**
 * Tester round 8, items 2 and 3 (C01, G03, F04, G05), in the tester's own words, through the whole
 * bot with the real recogniser and content and the agent hub in front: after a person from the
 * support team closed a live chat that began mid-way through a playbook, "ok continue", "go on",
 * "carry on" pick the checks up again; a plain "yes" or "ok" gets the choice asked plainly ("Shall
 * we carry on with the … checks on your …?" [Carry on] [Something else] [No, that's all]), never
 * "What else isn't syncing?" and the list. "continue please" never ends the conversation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRecognizer } from '../../src/nlu';
import type { Recognizer } from '../../src/nlu/recognizer';
import { silentLogger } from '../../src/logging/logger';
import { AGENT_A, hubHarness, replyKeys, type Person } from '../handoff/hubHarness';
import { realContent } from './helpers';

let cacheDir = '';
let recognizer: Recognizer;

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(tmpdir(), 'resync-carry-on-'));
  recognizer = await loadRecognizer({ intentsDir: path.resolve('intents'), cacheDir, logger: silentLogger });
}, 300_000);

afterAll(() => {
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

const content = realContent();
const photos = content.playbooks['photos-not-syncing']!;

let n = 0;
/** C01: "photos on my mac not syncing", "yes", "talk to a person" at "Did that fix it?"; Alice accepts, says to carry on with the bot, closes. */
async function afterLiveChat(): Promise<Person> {
  const h = hubHarness({ botRecognizer: recognizer });
  await h.hub.agentSeen(AGENT_A);
  const id = `carry-on-${++n}`;
  const p = h.person(id);
  await p.say('photos on my mac not syncing');
  expect(replyKeys(await p.say('yes'))).toContain('fixed.question');
  expect(replyKeys(await p.say('talk to a person'))).toContain('handoff.waiting');
  await h.hub.accept(id, AGENT_A);
  await h.hub.sendFromAgent(id, AGENT_A, 'Ok, please continue with the bot for the network checks.');
  await h.hub.close(id, AGENT_A);
  return p;
}

const lastKey = (keys: string[]) => keys[keys.length - 1];

describe('back from a live chat: carry on with the checks (round 8, item 2)', () => {
  it.each(['ok continue', 'yes please continue', 'go on', 'continue', 'carry on'])('"%s": the photos checks carry on on the Mac', async (line) => {
    const p = await afterLiveChat();
    const replies = await p.say(line);
    const keys = replyKeys(replies);
    expect(keys).toContain('playbook.resumed');
    expect(replies.find((r) => r.resync?.messageKey === 'playbook.resumed')!.text).toContain(photos.title);
    expect(lastKey(keys)).toMatch(/^(step|fixed)\.question$/);
    expect(replies[replies.length - 1].resync?.playbook).toBe('photos-not-syncing');
    expect(keys).not.toContain('more.question');
    expect(keys).not.toContain('answer.notUnderstood');
  });

  it.each(['yes', 'ok'])('"%s": the choice asked plainly, with the problem and the device; then "continue" carries on', async (line) => {
    const p = await afterLiveChat();
    const offer = await p.say(line);
    expect(replyKeys(offer)).toEqual(['carryOn.offer']);
    expect(offer[0].text).toContain(photos.title);
    expect(offer[0].text).toContain('Mac');
    expect(offer[0].resync?.choices).toHaveLength(3);
    const replies = await p.say('continue');
    expect(replyKeys(replies)).toContain('playbook.resumed');
    expect(replies[replies.length - 1].resync?.playbook).toBe('photos-not-syncing');
  });

  it('at the offer, "Something else" asks what, "No, that\'s all" says goodbye', async () => {
    const p = await afterLiveChat();
    await p.say('yes');
    expect(replyKeys(await p.say('something else'))).toEqual(['more.question']);
    const q = await afterLiveChat();
    await q.say('yes');
    expect(replyKeys(await q.say("no, that's all"))).toEqual(['goodbye']);
  });

  it('"no" straight after the close is still the goodbye, and another problem starts it', async () => {
    const p = await afterLiveChat();
    expect(replyKeys(await p.say('no'))).toEqual(['goodbye']);
    const q = await afterLiveChat();
    const replies = await q.say('my contacts arent syncing on my iphone');
    expect(replyKeys(replies)).not.toContain('carryOn.offer');
    expect(replies.some((r) => r.resync?.playbook === 'contacts-not-syncing')).toBe(true);
  });
});

describe('"continue please" never ends the conversation (round 8, item 3)', () => {
  it('F04: "ok" then "continue please" after the close carries on with the checks', async () => {
    const p = await afterLiveChat();
    await p.say('ok');
    const replies = await p.say('continue please');
    expect(replyKeys(replies)).not.toContain('cancel.done');
    expect(replyKeys(replies)).toContain('playbook.resumed');
  });

  it('G05: "continue please" at "anything else?" after a fix asks what to carry on with, with the problems', async () => {
    const h = hubHarness({ botRecognizer: recognizer });
    const p = h.person('carry-on-g05');
    await p.say('notes not syncing on my iphone');
    await p.say('yes');
    expect(replyKeys(await p.say('yes'))).toContain('wrapUp.more');
    const replies = await p.say('continue please');
    expect(replyKeys(replies)).toEqual(['carryOn.nothing']);
    expect(replies[0].resync?.choices?.length).toBeGreaterThan(3);
  });

  it('"continue" with nothing under way at the start asks what, never the stop', async () => {
    const h = hubHarness({ botRecognizer: recognizer });
    const p = h.person('carry-on-start');
    expect(replyKeys(await p.say('continue'))).toEqual(['carryOn.nothing']);
  });
});

/**
 * Tester round 4, item 12, in the tester's own words, through the whole bot with the real
 * recogniser and content: what the first message says about storage and about what was tried is
 * used, not asked again.
 * - Storage said to be fine: the storage step is skipped, with one line saying so.
 * - Storage said to be full while starting another problem: said back at once, and the storage step
 *   gives its instructions without its question.
 * - "tried restarting, tried updating, nothing": both steps are skipped, not only the first.
 * - "I'm on wifi" / "I'm on mobile data": the connection question is not asked again.
 */
import { lineOf, personalChat, throughToTheEnd, useRealBot, type ReplyLine } from '../helpers/realBot';
import { realContent } from './helpers';

const content = realContent();
const bot = useRealBot('round4-first');
let n = 0;

type Talk = (text: string) => Promise<ReplyLine[]>;

function talk(): Talk {
  const id = `round4-first-${++n}`;
  const chat = personalChat(bot.runtime.bot, id);
  return async (text) => (await chat(text)).map(lineOf);
}


const storage = content.steps['storage'];
const questionAsked = (all: ReplyLine[], stepId: string) => all.some((r) => r.key === 'step.question' && r.stepId === stepId);
const instructionsShown = (all: ReplyLine[]) => all.filter((r) => r.key === 'step.instructions').map((r) => r.stepId);

/** `first` names the restart and update steps as done, and neither is shown to the end: the steps shown. */
async function skipsRestartAndUpdate(first: string): Promise<(string | undefined)[]> {
  const say = talk();
  const replies = await say(first);
  const skipped = replies.find((r) => r.key === 'playbook.alreadyDone');
  expect(skipped?.text).toContain(content.steps['restart'].title);
  expect(skipped?.text).toContain(content.steps['software-update'].title);
  const shown = instructionsShown(await throughToTheEnd(say, replies));
  expect(shown).not.toContain('restart');
  expect(shown).not.toContain('software-update');
  return shown;
}

describe('storage said to be fine in the first message is not asked about', () => {
  it.each([
    ["photos not syncing on my iphone, and no it's not storage, I have 2TB free", 'photos-not-syncing'],
    ["notes not syncing on my mac, storage is fine and I'm on wifi", 'notes-not-syncing'],
    ['backup failing on iphone. restarted. updated. plenty of storage.', 'backup-not-working'],
    ['contacts not syncing on my ipad, I pay for 200GB and only use 40', 'contacts-not-syncing'],
  ])('"%s": one line says so, and the storage step is skipped', async (first, playbook) => {
    const say = talk();
    const replies = await say(first);
    expect(replies.find((r) => r.key === 'playbook.intro')?.playbook).toBe(playbook);
    const room = storage.question!.choices.find((c) => c.action === 'skip')!.saidFirst!.say;
    const said = replies.filter((r) => r.key === 'playbook.saidFirst').map((r) => r.text);
    expect(said.filter((t) => t === room)).toHaveLength(1);
    const all = await throughToTheEnd(say, replies);
    expect(questionAsked(all, 'storage')).toBe(false);
    expect(instructionsShown(all)).not.toContain('storage');
    expect(instructionsShown(all)).toContain('contact-support');
  });

  it('"restarted. updated." as clauses of their own skip those two steps as well', async () => {
    await skipsRestartAndUpdate('backup failing on iphone. restarted. updated. plenty of storage.');
  });

  it('without a word about storage, the storage question is asked as before', async () => {
    const say = talk();
    const all = await throughToTheEnd(say, await say('notes not syncing on my mac'));
    expect(all.map((r) => r.key)).not.toContain('playbook.saidFirst');
    expect(questionAsked(all, 'storage')).toBe(true);
  });

  it('a question about storage ("is my storage full?") answers nothing', async () => {
    const say = talk();
    const replies = await say('photos not syncing on my iphone, is my storage full?');
    expect(replies.map((r) => r.key)).not.toContain('playbook.saidFirst');
    expect(questionAsked(await throughToTheEnd(say, replies), 'storage')).toBe(true);
  });
});

describe('storage said to be full while starting another problem', () => {
  it('"storage full on my mac and now photos stopped uploading": said back at once, then the storage instructions without the question', async () => {
    const say = talk();
    const replies = await say('storage full on my mac and now photos stopped uploading');
    expect(replies.find((r) => r.key === 'playbook.intro')?.playbook).toBe('photos-not-syncing');
    const keys = replies.map((r) => r.key);
    expect(keys.indexOf('playbook.saidFirst')).toBeGreaterThan(keys.indexOf('playbook.intro'));
    expect(replies.find((r) => r.key === 'playbook.saidFirst')!.text).toContain('full');
    const all = await throughToTheEnd(say, replies);
    expect(questionAsked(all, 'storage')).toBe(false);
    const shown = all.find((r) => r.key === 'step.instructions' && r.stepId === 'storage');
    expect(shown?.text).toContain(storage.title);
    // The Mac's Photos text: the step's own wording for this service and device.
    expect(shown?.text).toContain(storage.services['photos'].mac!.replace(/\*\*/g, '').split('.')[0]);
  });

  it('"my storage isn\'t full" is the other answer: room, so the step is skipped', async () => {
    const say = talk();
    const replies = await say("photos stopped uploading on my mac, my storage isn't full");
    const said = replies.filter((r) => r.key === 'playbook.saidFirst').map((r) => r.text);
    expect(said).toEqual([storage.question!.choices.find((c) => c.action === 'skip')!.saidFirst!.say]);
  });
});

describe('the connection said in the first message is not asked about', () => {
  it('"storage is fine and I\'m on wifi": the network step gives its text without asking Wi-Fi or mobile data', async () => {
    const say = talk();
    const replies = await say("notes not syncing on my mac, storage is fine and I'm on wifi");
    expect(replies.filter((r) => r.key === 'playbook.saidFirst')).toHaveLength(2);
    const all = await throughToTheEnd(say, replies);
    expect(questionAsked(all, 'network')).toBe(false);
    expect(instructionsShown(all)).toContain('network');
  });

  it('"I\'m on mobile data all day": the mobile data settings, Back Up Over Cellular among them', async () => {
    const say = talk();
    const all = await throughToTheEnd(say, await say("my iphone won't back up, I'm on mobile data all day"));
    expect(questionAsked(all, 'network')).toBe(false);
    expect(all.find((r) => r.key === 'step.instructions' && r.stepId === 'network')?.text).toContain('Back Up Over Cellular');
  });

  it('"photos won\'t upload on wifi" says nothing about the connection it is on', async () => {
    const say = talk();
    const replies = await say("photos won't upload on wifi on my iphone");
    expect(replies.map((r) => r.key)).not.toContain('playbook.saidFirst');
  });
});

describe('the storage-full playbook answers the storage question itself', () => {
  it('"my icloud storage is full but my iphone has plenty of space": no line about room, the storage instructions come first', async () => {
    const replies = await talk()('my icloud storage is full but my iphone has plenty of space');
    expect(replies.find((r) => r.key === 'playbook.intro')?.playbook).toBe('storage-full');
    expect(replies.map((r) => r.key)).not.toContain('playbook.saidFirst');
    expect(replies.find((r) => r.key === 'step.instructions')?.stepId).toBe('storage');
  });
});

describe('everything tried is skipped (item 12)', () => {
  it('"tried restarting, tried updating, nothing": both steps are named and neither is shown', async () => {
    const shown = await skipsRestartAndUpdate("calendar won't sync on my ipad. tried restarting, tried updating, nothing");
    expect(shown).toContain('network');
  });

  it('"the note I updated on my mac" does not count as a software update', async () => {
    const replies = await talk()("the note I updated on my mac doesn't show on my iphone");
    expect(replies.map((r) => r.key)).not.toContain('playbook.alreadyDone');
  });
});

/**
 * Tester round 3 (items 8, 12 and 13), in the tester's own words, through the whole bot with the
 * real recogniser and content: what the first message already says is used, not asked again.
 * - "I've restarted twice already and updated windows": those two steps are skipped, with one line.
 * - "it keeps asking me for my apple id password every 5 minutes": that sign-in case straight away.
 * - The sign-in status line names Apple's sign-in service, the one its intro promises to check.
 * - "all my photos disappeared … are they gone forever??": where deleted photos are kept, first.
 * - "I can't sign in to icloud on my ipad and now none of my photos are there": sign-in first.
 */
import { lineOf, personalChat, throughToTheEnd, useRealBot, type ReplyLine } from '../helpers/realBot';
import { realContent } from './helpers';

const content = realContent();
const bot = useRealBot('round3-first');
let n = 0;

type Talk = (text: string) => Promise<Line[]>;
type Line = ReplyLine;

/** A new conversation whose replies keep their text (Markdown bold removed) and resync data. */
function talk(): Talk {
  const id = `round3-first-${++n}`;
  const chat = personalChat(bot.runtime.bot, id);
  return async (text) => (await chat(text)).map(lineOf);
}

const plain = (s: string) => s.replace(/\*\*/g, '');


describe('steps the first message says were done are skipped (item 8)', () => {
  const first = "my iCloud Drive files don't show up on my windows 11 laptop, I've restarted twice already and updated windows";

  it('"I\'ve restarted twice already and updated windows": one line names both steps, and neither is shown', async () => {
    const say = talk();
    const replies = await say(first);
    const skipped = replies.find((r) => r.key === 'playbook.alreadyDone');
    expect(skipped).toBeDefined();
    expect(skipped!.text).toContain(content.steps['restart'].title);
    expect(skipped!.text).toContain(content.steps['software-update'].title);
    const all = await throughToTheEnd(say, replies);
    const shown = all.filter((r) => r.key === 'step.instructions').map((r) => r.stepId);
    expect(shown).toEqual(expect.arrayContaining(['apple-id', 'network']));
    expect(shown).not.toContain('restart');
    expect(shown).not.toContain('software-update');
    expect(shown).toContain('contact-support');
  });

  it('"I haven\'t restarted it yet and I haven\'t updated windows" skips nothing', async () => {
    const say = talk();
    const replies = await say("my iCloud Drive files don't show up on my windows laptop, I haven't restarted it yet and I haven't updated windows");
    expect(replies.map((r) => r.key)).not.toContain('playbook.alreadyDone');
    const shown = (await throughToTheEnd(say, replies)).filter((r) => r.key === 'step.instructions').map((r) => r.stepId);
    expect(shown).toEqual(expect.arrayContaining(['restart', 'software-update']));
  });
});

describe('sign-in (items 8 and 13)', () => {
  const keepsAsking = 'notes wont sync on my mac and also it keeps asking me for my apple id password every 5 minutes';

  it('"it keeps asking me for my apple id password every 5 minutes" gets that case\'s text without the question', async () => {
    const replies = await talk()(keepsAsking);
    expect(replies.some((r) => r.key === 'step.question' && r.stepId === 'account-access')).toBe(false);
    const shown = replies.find((r) => r.key === 'step.instructions' && r.stepId === 'account-access');
    const choice = content.steps['account-access'].question!.choices.find((c) => c.id === 'keeps-asking')!;
    expect(shown?.text).toContain(plain(choice.instructions!.mac!).split('\n')[0]);
    expect(replies[replies.length - 1].key).toBe('fixed.question');
  });

  it.each(['cant log into icloud on mac', keepsAsking])('"%s": the status line names Apple\'s sign-in service, not iCloud Notes', async (text) => {
    const replies = await talk()(text);
    expect(replies.find((r) => r.key === 'playbook.intro')?.playbook).toBe('sign-in-problem');
    const status = replies.find((r) => r.key === 'status.allClear');
    expect(status?.text).toContain(content.alwaysCheck[0]);
    expect(status?.text).not.toContain('iCloud Notes');
  });
});

describe('panic and the root cause (item 12)', () => {
  it('"all my photos disappeared … are they gone forever??": Recently Deleted and icloud.com/photos come first', async () => {
    const replies = await talk()('all my photos disappeared from my iphone!!! are they gone forever??');
    const keys = replies.map((r) => r.key);
    const calm = keys.indexOf('playbook.whenSaid');
    expect(calm).toBeGreaterThan(keys.indexOf('playbook.intro'));
    expect(calm).toBeLessThan(keys.indexOf('status.allClear'));
    expect(replies[calm].text).toContain('Recently Deleted');
    expect(replies[calm].text).toContain('icloud.com/photos');
  });

  it('a plain "photos not syncing" gets no such line', async () => {
    const replies = await talk()('my photos are not syncing on my iphone');
    expect(replies.find((r) => r.key === 'playbook.intro')?.playbook).toBe('photos-not-syncing');
    expect(replies.map((r) => r.key)).not.toContain('playbook.whenSaid');
  });

  it('"I can\'t sign in to icloud on my ipad and now none of my photos are there" starts with signing in, on the iPad', async () => {
    const replies = await talk()("I can't sign in to icloud on my ipad and now none of my photos are there");
    const intros = replies.filter((r) => r.key === 'playbook.intro').map((r) => r.playbook);
    expect(intros).toEqual(['sign-in-problem']);
    const why = replies.find((r) => r.key === 'playbook.firstWhen');
    expect(why?.text).toContain('iCloud Photos');
    const prompt = replies[replies.length - 1];
    expect(prompt).toMatchObject({ key: 'step.question', stepId: 'account-access', playbook: 'sign-in-problem' });
  });
});

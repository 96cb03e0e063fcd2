/**
 * Tester round 4, item 15, in the tester's own words, through the whole bot with the real
 * recogniser and content: what a step says fits the device and the service.
 * - On an iPad the contacts, calendar and reminders texts name the iPad's own "On My iPad".
 * - iCloud Drive on an Apple Watch: the watch has none, so the bot says so and offers another device.
 * - "my latest photos aren't on icloud.com": the device that took them has to upload them, so the
 *   bot moves to it instead of offering browser restarts.
 * - Backup over mobile data names Back Up Over Cellular.
 * - A Mac's Desktop folder missing on a Windows PC: Desktop & Documents must be on on the Mac.
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';
import { realContent } from './helpers';
import { goesOnChoice } from '../helpers/goesOn';

const content = realContent();
const bot = useRealBot('round4-device');
let n = 0;

type Talk = (text: string) => Promise<ReplyLine[]>;

function talk(): Talk {
  const id = `round4-device-${++n}`;
  const chat = personalChat(bot.runtime.bot, id);
  return async (text) => (await chat(text)).map(lineOf);
}

/**
 * Answers each step question with its first continue choice (or the choice `answers` names for that
 * step) and each "Did that fix it?" with no, until `until` is shown or the checks end.
 */
async function walk(say: Talk, first: ReplyLine[], until: (r: ReplyLine) => boolean, answers: Record<string, string> = {}): Promise<ReplyLine[]> {
  const all = [...first];
  let replies = first;
  for (let turn = 0; turn < 20 && !replies.some(until); turn++) {
    const prompt = replies[replies.length - 1];
    if (prompt.key === 'step.question') {
      const offered = content.steps[prompt.stepId!].question!.choices.filter((c) => prompt.choices?.includes(c.id));
      const wanted = answers[prompt.stepId!];
      const at = wanted ? offered.findIndex((c) => c.id === wanted) : offered.indexOf(goesOnChoice(offered));
      replies = await say(String(at + 1));
    } else if (prompt.key === 'fixed.question') {
      replies = await say('2');
    } else break;
    all.push(...replies);
  }
  return all;
}

const togglesShown = (r: ReplyLine) => r.key === 'step.instructions' && r.stepId === 'service-toggles';

describe('iPad texts name the iPad', () => {
  it.each([
    ['contacts not syncing on my ipad', 'Contacts saved to "On My iPad"'],
    ['calendar not syncing on ipad', 'Events in "On My iPad"'],
    ['my reminders are not syncing on my ipad', 'Lists under "On My iPad"'],
  ])('"%s": %s, never "On My iPhone"', async (first, says) => {
    const say = talk();
    const all = await walk(say, await say(first), togglesShown);
    const toggles = all.find(togglesShown);
    expect(toggles?.text).toContain(says);
    expect(toggles?.text).not.toContain('iPhone');
  });

  it('on an iPhone the same text says "On My iPhone"', async () => {
    const say = talk();
    const toggles = (await walk(say, await say('contacts not syncing on my iphone'), togglesShown)).find(togglesShown);
    expect(toggles?.text).toContain('On My iPhone');
  });
});

describe('iCloud Drive on an Apple Watch', () => {
  it('"icloud drive not syncing on apple watch": says the watch has none and offers other devices, before any check', async () => {
    const replies = await talk()('icloud drive not syncing on apple watch');
    expect(replies.map((r) => r.key)).toEqual(['playbook.intro', 'step.instructions', 'step.elsewhere']);
    expect(replies[1].text).toContain('no iCloud Drive');
    const offered = replies[2].choices ?? [];
    expect(offered).toEqual(expect.arrayContaining(['iphone', 'mac', 'windows']));
    expect(offered).not.toContain('apple-watch');
  });
});

describe('"my latest photos aren\'t on icloud.com"', () => {
  it('says the device that took them must upload them and asks which it is; no browser restart or update', async () => {
    const say = talk();
    const replies = await say("my latest photos aren't on icloud.com");
    expect(replies.find((r) => r.key === 'playbook.intro')?.playbook).toBe('photos-not-syncing');
    expect(replies.map((r) => r.stepId)).not.toContain('restart');
    const prompt = replies[replies.length - 1];
    expect(prompt.key).toBe('step.elsewhere');
    expect(prompt.choices).toEqual(expect.arrayContaining(['iphone', 'ipad', 'mac']));
    expect(prompt.choices).not.toContain('web');
    expect(replies.find((r) => r.key === 'step.instructions')?.text).toContain('uploaded');
  });

  it('picking the iPhone runs the checks on the iPhone', async () => {
    const say = talk();
    await say("my latest photos aren't on icloud.com");
    const moved = await say('iPhone');
    const all = await walk(say, moved, togglesShown);
    expect(all.find(togglesShown)?.text).toContain('Sync this iPhone');
  });
});

describe('Backup over mobile data', () => {
  it('"my iphone won\'t back up to icloud", on mobile data: the text names Back Up Over Cellular', async () => {
    const say = talk();
    const networkShown = (r: ReplyLine) => r.key === 'step.instructions' && r.stepId === 'network';
    const all = await walk(say, await say("my iphone won't back up to icloud"), networkShown, { network: 'mobile' });
    expect(all.find((r) => r.key === 'playbook.intro')?.playbook).toBe('backup-not-working');
    expect(all.find(networkShown)?.text).toContain('Back Up Over Cellular');
  });
});

describe("a Mac's Desktop folder on a Windows PC", () => {
  it('"my mac desktop folder doesn\'t show up in icloud drive on my windows pc": Desktop & Documents on the Mac, first and in the PC\'s step', async () => {
    const say = talk();
    const asked = await say("my mac desktop folder doesn't show up in icloud drive on my windows pc");
    const first = asked[asked.length - 1].key === 'device.question' || asked[asked.length - 1].key === 'device.which' ? await say('the windows pc') : asked;
    const all = await walk(say, first, togglesShown);
    const early = all.find((r) => r.key === 'playbook.whenSaid');
    expect(early?.text).toContain('Desktop & Documents Folders');
    expect(all.find(togglesShown)?.text).toContain('Desktop & Documents Folders');
  });
});

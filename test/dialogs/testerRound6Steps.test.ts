/**
 * Tester round 6 (section A: items 1, 2, 3, 4, 10, 11, 15), in the tester's own words, through the
 * whole bot with the real recogniser and content: what happens at a playbook's step questions and
 * at "Did that fix it?" (still full, no trusted device, signed out mid-way, repeat, help, pausing).
 */
import { lineOf, personalChat, useRealBot, type ReplyLine } from '../helpers/realBot';

const bot = useRealBot('round6-steps');
let n = 0;

interface Chat {
  id: string;
  say(text: string): Promise<ReplyLine[]>;
}

function chat(): Chat {
  const id = `round6-steps-${++n}`;
  const send = personalChat(bot.runtime.bot, id);
  return { id, say: async (text) => (await send(text)).map(lineOf) };
}

/** Runs the lines, returning the replies to the last one. */
async function run(c: Chat, lines: string[]): Promise<ReplyLine[]> {
  let replies: ReplyLine[] = [];
  for (const line of lines) replies = await c.say(line);
  return replies;
}

const stepsShown = (replies: ReplyLine[]) => replies.filter((r) => r.key === 'step.instructions').map((r) => r.stepId);
const lastOf = (replies: ReplyLine[]) => replies[replies.length - 1];

interface StoredStep {
  step: string;
  outcome: string;
  answer?: string;
}
async function recordedSteps(id: string): Promise<StoredStep[]> {
  const key = `test/conversations/${id}/`;
  const stored = (await bot.runtime.storage.read([key]))[key] as { troubleshooting?: { steps: StoredStep[] } } | undefined;
  return stored?.troubleshooting?.steps ?? [];
}

describe('storage still full after the storage step (item 1, I01 and K04)', () => {
  const toStorage = ['photos on my iphone arent uploading', 'yes', 'no'];

  it('after "full" the question is about space, and "no its still full" gets the deeper storage help, not the switches', async () => {
    const c = chat();
    await run(c, toStorage);
    const tips = await c.say('full');
    expect(lastOf(tips).text).toMatch(/^Does iCloud show enough free space now\?/);
    expect(lastOf(tips).text).toContain("No, it's still full");
    await c.say('done deleted old backups');
    const further = await c.say('no its still full');
    expect(stepsShown(further)).toEqual(['storage-space']);
    expect(further.some((r) => r.stepId === 'service-toggles' || r.stepId === 'network')).toBe(false);
    expect(lastOf(further).text).toMatch(/^Does iCloud show enough free space now\?/);
  });

  it('still full after the deeper help too: the hand-over, not network, restart or update', async () => {
    const c = chat();
    await run(c, [...toStorage, 'full', 'no its still full']);
    const then = await c.say("No, it's still full");
    expect(then.every((r) => r.stepId === 'contact-support' || r.stepId === undefined)).toBe(true);
    expect(then.some((r) => r.stepId === 'contact-support')).toBe(true);
  });

  it('the record says the storage is full (its answer), so the hand-over summary can', async () => {
    const c = chat();
    await run(c, [...toStorage, 'full', 'no its still full']);
    const storage = (await recordedSteps(c.id)).find((s) => s.step === 'storage');
    expect(storage).toMatchObject({ outcome: 'not-fixed', answer: 'full' });
  });

  it('"no still full" on an iPhone backup (K04) does not go on to Back Up Now', async () => {
    const c = chat();
    const replies = await run(c, ['iphone backup not working', 'yes', 'no', 'full', 'no still full']);
    const shown = stepsShown(replies);
    expect(shown).toContain('storage-space');
    expect(shown).not.toContain('service-toggles');
  });

  it('"there\'s room now" after the tips ends as fixed', async () => {
    const c = chat();
    await run(c, [...toStorage, 'full']);
    const replies = await c.say("theres room now");
    expect(replies.some((r) => r.key === 'playbook.wrapUp')).toBe(true);
  });

  it('storage-full keeps its own order (status and Apple Account before the deeper help)', async () => {
    const c = chat();
    const replies = await run(c, ['my icloud storage is full on my iphone', 'no still full']);
    expect(stepsShown(replies)).not.toContain('storage-space');
  });
});

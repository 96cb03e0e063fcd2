/**
 * Tester round 6 (section A: items 1, 2, 3, 4, 10, 11, 15), in the tester's own words, through the
 * whole bot with the real recogniser and content: what happens at a playbook's step questions and
 * at "Did that fix it?" (still full, no trusted device, signed out mid-way, repeat, help, pausing).
 */
import { sayAll, useRealBot, type LineChat, type ReplyLine } from '../helpers/realBot';

const bot = useRealBot('round6-steps');
let n = 0;

const chat = (): LineChat => bot.lineChat(`round6-steps-${++n}`);

const run = sayAll;

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

  it('"there\'s room now" after the tips, then "yes" at "is it syncing?", ends as fixed', async () => {
    const c = chat();
    await run(c, [...toStorage, 'full']);
    // Round 7 (D05): room again is not photos syncing, so that is asked first.
    expect(lastOf(await c.say('theres room now')).key).toBe('fixed.caseSolved');
    const replies = await c.say('yes');
    expect(replies.some((r) => r.key === 'playbook.wrapUp')).toBe(true);
  });

  it('storage-full keeps its own order (status and Apple Account before the deeper help)', async () => {
    const c = chat();
    const replies = await run(c, ['my icloud storage is full on my iphone', 'no still full']);
    expect(stepsShown(replies)).not.toContain('storage-space');
  });
});

describe('no trusted device at the two-factor step (item 2, D02 and K06)', () => {
  const recovery = (replies: ReplyLine[]) => replies.some((r) => r.key === 'step.whenSaid' && /account recovery/.test(r.text) && /iforgot\.apple\.com/.test(r.text));

  it('"i dont have my old phone anymore": account recovery and the hand-over, not "menus move around"', async () => {
    const c = chat();
    await c.say('cant sign in on my ipad, the verification code never comes');
    const replies = await c.say('i dont have my old phone anymore');
    expect(recovery(replies)).toBe(true);
    expect(replies.some((r) => r.key === 'stuck.intro')).toBe(false);
    expect(replies.some((r) => r.stepId === 'contact-support')).toBe(true);
  });

  it('"its broken" after "the code goes to my old phone which is broken" is understood the same way', async () => {
    const c = chat();
    await c.say('cant sign in on my new iphone, the code goes to my old phone which is broken');
    const replies = await c.say('its broken');
    expect(recovery(replies)).toBe(true);
    expect(replies.some((r) => r.key === 'answer.notUnderstood')).toBe(false);
  });

  it('a "No" after that never goes on to the network or restart checks', async () => {
    const c = chat();
    await run(c, ['cant sign in on my ipad, the verification code never comes', 'i dont have my old phone anymore', 'cancel']);
    const replies = await c.say('no');
    expect(replies.some((r) => r.stepId === 'network' || r.stepId === 'restart')).toBe(false);
    // Round 7 (D02): the hand-over ended the checks, so no second Apple Support block either.
    expect(replies.some((r) => r.stepId === 'contact-support' && r.key === 'step.instructions')).toBe(false);
  });

  it('a plain "No" at the same step without that still goes on to the network check', async () => {
    const c = chat();
    await c.say('cant sign in on my ipad, the verification code never comes');
    const replies = await c.say('no');
    expect(replies.some((r) => r.stepId === 'network')).toBe(true);
  });
});

describe('repeat (item 4, H08 and K02)', () => {
  it.each(['what was that again?', 'can you say that again', 'repeat that please', 'say again', 'come again?'])('"%s" at "Did that fix it?": "Here\'s that step again:" and the step', async (text) => {
    const c = chat();
    await run(c, ['notes not syncing on my mac', 'yes']);
    const replies = await c.say(text);
    expect(replies[0]).toMatchObject({ key: 'step.repeat', text: "Here's that step again:" });
    expect(stepsShown(replies)).toEqual(['apple-id']);
    expect(lastOf(replies).key).toBe('fixed.question');
    expect(replies.some((r) => r.key === 'question.cantAnswer' || r.key === 'answer.notUnderstood')).toBe(false);
  });

  it('"repeat that please" at a step question: the question again', async () => {
    const c = chat();
    await run(c, ['notes not syncing on my mac', 'yes', 'no']);
    const replies = await c.say('repeat that please');
    expect(replies[0].key).toBe('step.repeat');
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'storage' });
  });
});

describe('help and "how do i check that?" at a step (item 10, A06 and H06)', () => {
  it('"help" at "Did that fix it?" is help for this prompt, not the start-of-chat help', async () => {
    const c = chat();
    await run(c, ['photos not syncing on my iphone', 'yes']);
    const replies = await c.say('help');
    expect(replies.map((r) => r.key)).toEqual(['step.help', 'fixed.question']);
    expect(replies[0].text).toMatch(/talk to a person/);
    expect(replies[0].text).toMatch(/start over/);
  });

  it('"how do i check that?" at the storage question shows where to look, not "menus move around" and the full-storage text', async () => {
    const c = chat();
    await run(c, ['photos not syncing on my iphone', 'yes', 'no']);
    const replies = await c.say('how do i check that?');
    expect(replies[0].key).toBe('step.howTo');
    expect(replies[0].text).toMatch(/Settings › \[your name\] › iCloud/);
    expect(replies.some((r) => r.key === 'stuck.intro' || r.key === 'step.instructions')).toBe(false);
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'storage' });
  });
});

describe('pausing (item 11, E08 and H09)', () => {
  it.each(['thanks ill try later', 'ill try tonight thanks', "i'll do it later"])('"%s" at "Did that fix it?": the place is kept, nothing else asked', async (text) => {
    const c = chat();
    await run(c, ['photos not syncing on my iphone', 'yes']);
    const replies = await c.say(text);
    expect(replies).toEqual([expect.objectContaining({ key: 'step.paused', text: "OK, come back any time; I'll keep your place." })]);
    // Coming back: the answer is taken at the same prompt.
    const back = await c.say('no');
    expect(lastOf(back)).toMatchObject({ key: 'step.question', stepId: 'storage' });
  });

  it('"ill try tonight thanks" at the storage question', async () => {
    const c = chat();
    await run(c, ['photos not syncing on my iphone', 'yes', 'no']);
    expect((await c.say('ill try tonight thanks')).map((r) => r.key)).toEqual(['step.paused']);
  });
});

describe('signed out mid-way (item 3, H05)', () => {
  it('"it says i need to sign in again but my password doesnt work" at "Did that fix it?" starts the sign-in playbook, photos waiting', async () => {
    const c = chat();
    await run(c, ['photos not downloading on windows', 'not sure']);
    const replies = await c.say('it says i need to sign in again but my password doesnt work');
    expect(replies.some((r) => r.stepId === 'storage')).toBe(false);
    expect(replies[0]).toMatchObject({ key: 'playbook.intro', playbook: 'sign-in-problem' });
    expect(replies.some((r) => r.key === 'playbook.firstWhen' && /Photos/.test(r.text))).toBe(true);
    // Signed in again: the photos problem is offered again.
    const after = await c.say("yes i'm in now");
    expect(after.some((r) => r.key === 'queue.offer' && /Photos/.test(r.text))).toBe(true);
  });

  it('the step it was said at is recorded as not fixed', async () => {
    const c = chat();
    await run(c, ['photos not downloading on windows', 'not sure', 'it says i need to sign in again but my password doesnt work']);
    expect((await recordedSteps(c.id)).find((s) => s.step === 'apple-id')).toMatchObject({ outcome: 'not-fixed' });
  });
});

describe('picked up again after stopping at "which device shall we carry on with?" (item 11, A05)', () => {
  it('"no luck" after "OK, I\'ll stop here" asks that question again, without the whole text again', async () => {
    const c = chat();
    await run(c, ['my notes arent syncing on my windows pc', 'no']);
    const replies = await c.say('no luck');
    expect(replies.some((r) => r.key === 'step.instructions')).toBe(false);
    expect(lastOf(replies).key).toBe('step.elsewhere');
  });
});

describe('small misses (item 15, K05 and H02)', () => {
  it('"im at work on the office network" at the connection question is Wi-Fi, and the iPhone text says work networks can block iCloud', async () => {
    const c = chat();
    let replies = await c.say('photos on my iphone arent uploading');
    for (let i = 0; i < 12 && !(lastOf(replies).key === 'step.question' && lastOf(replies).stepId === 'network'); i++) replies = await c.say('no');
    expect(lastOf(replies)).toMatchObject({ key: 'step.question', stepId: 'network' });
    const answered = await c.say('im at work on the office network');
    expect(answered.some((r) => r.key === 'answer.notUnderstood')).toBe(false);
    expect(answered.find((r) => r.key === 'step.instructions')?.text).toMatch(/Work, school and hotel networks sometimes block iCloud/);
    expect(lastOf(answered).key).toBe('fixed.question');
    expect((await recordedSteps(c.id)).length).toBeGreaterThan(0);
  });

  it('"found them in recently deleted but why did they vanish" at the account question: fixed, not "didn\'t catch that"', async () => {
    const c = chat();
    await c.say('my photos disappeared from my iphone');
    const replies = await c.say('found them in recently deleted but why did they vanish');
    expect(replies.some((r) => r.key === 'answer.notUnderstood')).toBe(false);
    expect(replies.some((r) => r.key === 'playbook.wrapUp')).toBe(true);
  });
});

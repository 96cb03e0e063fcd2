/**
 * A question answered on a device with a choice that says "not the cause" ("No, there's plenty of
 * space") is not asked again for the next problem on that device, nor after a switch mid-way, even
 * when the step has words of its own for the new service (storage.yaml `services.photos`): it is
 * recorded `skipped` and named in the "I'll skip …" line. An answer that led to instructions, or
 * one given on another device, does not carry over.
 */
import { answerCarriesOver, answeredBefore } from '../../src/dialogs/playbookDialog';
import { useRealBot } from '../helpers/realBot';
import { continueChoice, harness, keys, last, pick, realContent, record, type BotHarness, type Reply } from './helpers';

const content = realContent();
const photos = content.playbooks['photos-not-syncing'];
const contacts = content.playbooks['contacts-not-syncing'];
const storage = content.steps.storage;
/** The storage question's "not the cause" choice and one that leads to instructions. */
const notTheCause = storage.question!.choices.find((c) => c.action === 'skip')!.id;
const leadsOn = continueChoice(storage);

/** Step ids of the questions and instructions shown in a turn's replies. */
const shownSteps = (replies: Reply[]) =>
  replies.filter((r) => ['step.question', 'step.instructions'].includes(r.resync?.messageKey ?? '')).map((r) => r.resync!.stepId);

/** Answers prompts (storage with `storageAnswer`, other questions "continue", "still not") until `stop` says to stop. */
async function answer(h: BotHarness, replies: Reply[], storageAnswer: string, stop: (r: Reply[]) => boolean): Promise<Reply[]> {
  for (let i = 0; i < 20 && !stop(replies); i++) {
    const p = last(replies).resync!;
    if (p.messageKey === 'step.question') replies = await h.say(pick(replies, p.stepId === storage.id ? storageAnswer : continueChoice(content.steps[p.stepId!]!)));
    else if (p.messageKey === 'status.pauseQuestion') replies = await h.say(pick(replies, 'continue'));
    else if (p.messageKey === 'fixed.question') replies = await h.say(pick(replies, 'not-fixed'));
    else throw new Error(`unexpected ${p.messageKey}`);
  }
  expect(stop(replies)).toBe(true);
  return replies;
}

/** Contacts on `device`, storage answered with `storageAnswer`, fixed at the first "Did that fix it?" after storage. */
async function fixedAfterStorage(h: BotHarness, device: string, storageAnswer: string): Promise<void> {
  let replies = await h.say(`${contacts.intent} on my ${device}`);
  let seenStorage = false;
  replies = await answer(h, replies, storageAnswer, (r) => {
    if (r.some((x) => x.resync?.stepId === storage.id && x.resync.messageKey === 'step.question')) seenStorage = true;
    return seenStorage && last(r).resync?.messageKey === 'fixed.question';
  });
  replies = await h.say(pick(replies, 'fixed'));
  expect(keys(replies).slice(-1)).toEqual(['wrapUp.more']);
}

describe('the rule (content: storage.yaml)', () => {
  it('a "not the cause" choice carries over; one that leads to instructions does not', () => {
    expect(storage.services.photos).toBeDefined();
    expect(answerCarriesOver(storage, notTheCause, 'ios')).toBe(true);
    for (const c of storage.question!.choices.filter((x) => x.action !== 'skip')) expect(answerCarriesOver(storage, c.id, 'ios')).toBe(false);
    expect(answerCarriesOver(storage, 'no-such-choice', 'ios')).toBe(false);
  });

  it('a question that names the service is answered per service', () => {
    const perService = { ...storage, question: { ...storage.question!, text: { all: 'Is {service} turned on?' } } };
    expect(answerCarriesOver(perService, notTheCause, 'ios')).toBe(false);
  });

  it('state saved before answers were kept (no list) answers nothing', () => {
    expect(answeredBefore(undefined, storage, 'ios')).toBe(false);
    expect(answeredBefore([{ step: storage.id, choice: notTheCause }], storage, 'ios')).toBe(true);
    expect(answeredBefore([{ step: storage.id, choice: leadsOn }], storage, 'ios')).toBe(false);
  });
});

describe('the next problem on the same device after a fix', () => {
  it('"plenty of space" is not asked again for photos: skipped, named in the skip line', async () => {
    const h = harness();
    await fixedAfterStorage(h, 'ipad', notTheCause);
    const replies = await h.say(`yes, ${photos.intent} too`);
    const skipping = replies.find((r) => r.resync?.messageKey === 'more.skipping');
    expect(skipping?.text).toContain(storage.title);
    expect(shownSteps(replies)).not.toContain(storage.id);
    const steps = (await record(h)).steps.filter((s) => s.playbook === photos.id);
    expect(steps.find((s) => s.step === storage.id)?.outcome).toBe('skipped');
  });

  it('an answer that led to the storage instructions is asked again (photos has words of its own)', async () => {
    const h = harness();
    await fixedAfterStorage(h, 'ipad', leadsOn);
    const replies = await h.say(`yes, ${photos.intent} too`);
    expect(replies.find((r) => r.resync?.messageKey === 'more.skipping')?.text ?? '').not.toContain(storage.title);
    const more = await answer(h, replies, notTheCause, (r) => shownSteps(r).includes(storage.id));
    expect(shownSteps(more)).toContain(storage.id);
  });

  it('on another device the question is asked again', async () => {
    const h = harness();
    await fixedAfterStorage(h, 'ipad', notTheCause);
    const replies = await answer(h, await h.say(`${photos.intent} on my mac`), notTheCause, (r) => shownSteps(r).includes(storage.id));
    expect(last(replies).resync).toMatchObject({ stepId: storage.id, messageKey: 'step.question' });
  });
});

describe('a switch mid-way on the same device', () => {
  it('contacts → photos does not ask the storage question again', async () => {
    const h = harness();
    let replies = await h.say(`${contacts.intent} on my iphone`);
    replies = await answer(h, replies, notTheCause, (r) => contacts.steps.indexOf(last(r).resync?.stepId ?? '') > contacts.steps.indexOf(storage.id));
    expect((await record(h)).steps.find((s) => s.step === storage.id)?.outcome).toBe('skipped');
    expect(keys(await h.say(`actually its ${photos.intent}`))).toEqual(['switch.offer']);
    const switched = await h.say('yes');
    expect(switched[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: photos.id });
    const after = await answer(h, switched, notTheCause, (r) => photos.steps.indexOf(last(r).resync?.stepId ?? '') > photos.steps.indexOf(storage.id));
    expect([...shownSteps(switched), ...shownSteps(after)]).not.toContain(storage.id);
    const steps = (await record(h)).steps.filter((s) => s.playbook === photos.id);
    expect(steps.find((s) => s.step === storage.id)?.outcome).toBe('skipped');
  });
});

describe('through the real bot (real recogniser, createRuntime)', () => {
  const bot = useRealBot('answered-carry-over');

  it('"no, plenty of space" then a fix, then "yes, my photos too": the storage question is not asked again', async () => {
    const say = bot.conversation('carry-over-1');
    const lastOf = (t: Awaited<ReturnType<typeof say>>) => t[t.length - 1];
    const num = (t: Awaited<ReturnType<typeof say>>, id: string) => String((lastOf(t).choices ?? []).indexOf(id) + 1);
    let turns = await say('my contacts wont sync on my ipad');
    let storageAsked = false;
    for (let i = 0; i < 12 && !(storageAsked && lastOf(turns).messageKey === 'fixed.question'); i++) {
      const p = lastOf(turns);
      if (p.messageKey === 'step.question' && p.stepId === storage.id) {
        storageAsked = true;
        turns = await say('no, plenty of space');
      } else if (p.messageKey === 'step.question') turns = await say(num(turns, continueChoice(content.steps[p.stepId!]!)));
      else if (p.messageKey === 'fixed.question') turns = await say(num(turns, 'not-fixed'));
      else throw new Error(`unexpected ${p.messageKey}`);
    }
    expect(storageAsked).toBe(true);
    turns = await say(num(turns, 'fixed'));
    expect(turns.map((t) => t.messageKey).slice(-1)).toEqual(['wrapUp.more']);
    const next = await say('yes, my photos too');
    expect(next.find((t) => t.playbook)?.playbook).toBe(photos.id);
    expect(next.map((t) => t.messageKey)).toContain('more.skipping');
    expect(next.filter((t) => ['step.question', 'step.instructions'].includes(t.messageKey)).map((t) => t.stepId)).not.toContain(storage.id);
  });
});

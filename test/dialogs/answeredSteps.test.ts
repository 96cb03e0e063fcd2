/**
 * Nothing already answered is asked again: a playbook whose start implies the answer to a step's
 * question (playbook `stepOptions.<step>.answer`) skips that question; a device correction re-shows
 * the current step's instructions for the new device (not its question again); after switching to
 * another problem, steps already gone through on that device are not repeated.
 */
import { harness, keys, last, pick, realContent, record, type BotHarness, type Reply } from './helpers';
import { goesOnChoice } from '../helpers/goesOn';

const content = realContent();
const preset = Object.values(content.playbooks).find((p) => Object.values(p.stepOptions ?? {}).some((o) => o.answer))!;
const [presetStep, presetOptions] = Object.entries(preset.stepOptions!).find(([, o]) => o.answer)!;
const photos = content.playbooks['photos-not-syncing'];
const contacts = content.playbooks['contacts-not-syncing'];

/** Answers prompts ("continue" choices, "still not") until the prompt of `stepId` is shown. */
async function until(h: BotHarness, replies: Reply[], stepId: string, key: string): Promise<Reply[]> {
  for (let i = 0; i < 20; i++) {
    const p = last(replies).resync!;
    if (p.stepId === stepId && p.messageKey === key) return replies;
    if (p.messageKey === 'step.question') {
      const step = content.steps[p.stepId!];
      replies = await h.say(pick(replies, goesOnChoice(step.question!.choices).id));
    } else if (p.messageKey === 'fixed.question') replies = await h.say(pick(replies, 'not-fixed'));
    else throw new Error(`unexpected prompt ${p.messageKey} at ${p.stepId}`);
  }
  throw new Error(`never reached ${stepId}`);
}

describe('a question the playbook already answers', () => {
  it(`${preset.id} does not ask the ${presetStep} question: it shows that answer's instructions`, async () => {
    expect(content.steps[presetStep].question).toBeDefined();
    const h = harness();
    const replies = await h.say(`${preset.intent} on my iphone`);
    const atStep = replies.filter((r) => r.resync?.stepId === presetStep && r.resync.messageKey !== 'playbook.intro');
    expect(atStep.map((r) => r.resync?.messageKey)).toEqual(['step.instructions', 'fixed.question']);
    expect(keys(replies)).not.toContain('step.question');
    expect(atStep[0].text).toContain(content.steps[presetStep].title);
    // "Still not" goes on to the next step, recorded as not fixed.
    await h.say(pick(replies, 'not-fixed'));
    expect((await record(h)).steps.find((s) => s.step === presetStep)).toMatchObject({ outcome: 'not-fixed' });
  });

  it('the answer is content: a choice of that question', () => {
    expect(content.steps[presetStep].question!.choices.map((c) => c.id)).toContain(presetOptions.answer);
  });
});

describe('a device correction after a question was answered', () => {
  it('re-shows the same step\'s instructions for the new device, not its question', async () => {
    const h = harness();
    let replies = await h.say(`${photos.intent} on my iphone`);
    const question = last(replies).resync!;
    expect(question.messageKey).toBe('step.question');
    const step = content.steps[question.stepId!];
    const choice = goesOnChoice(step.question!.choices);
    replies = await h.say(pick(replies, choice.id));
    expect(last(replies).resync?.messageKey).toBe('fixed.question');
    const after = await h.say("actually it's on my windows pc");
    expect(keys(after)).toEqual(['device.changed', 'step.instructions', 'fixed.question']);
    expect(after[1].resync?.stepId).toBe(step.id);
    const windowsText = (choice.instructions?.windows ?? step.services.photos?.windows ?? step.instructions.windows ?? step.instructions.all)!;
    const firstWords = windowsText.replace(/\*\*/g, '').split(/[.\n]/)[0].replace(/\{[a-zA-Z]+\}.*/, '').slice(0, 25);
    expect(after[1].text.replace(/\*\*/g, '')).toContain(firstWords);
    expect((await record(h)).device).toBe('windows');
  });
});

describe('switching to another problem', () => {
  it('does not ask again a step already gone through on the same device', async () => {
    const h = harness();
    let replies = await h.say(`${photos.intent} on my iphone`);
    const firstQuestion = last(replies).resync!.stepId!;
    const step = content.steps[firstQuestion];
    expect(step.services[contacts.service!]).toBeUndefined();
    replies = await h.say(pick(replies, goesOnChoice(step.question!.choices).id));
    expect(last(replies).resync?.messageKey).toBe('fixed.question');
    const offer = await h.say(`actually its ${contacts.intent}`);
    expect(keys(offer)).toEqual(['switch.offer']);
    const switched = await h.say('yes');
    expect(switched[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: contacts.id });
    expect(switched.some((r) => r.resync?.stepId === firstQuestion)).toBe(false);
    const rec = await record(h);
    expect(rec.steps.filter((s) => s.playbook === contacts.id && s.step === firstQuestion).map((s) => s.outcome)).toEqual(['skipped']);
  });

  it('a step with its own text for the new service is shown again', async () => {
    const h = harness();
    let replies = await h.say(`${photos.intent} on my iphone`);
    const toggles = 'service-toggles';
    expect(content.steps[toggles].services[contacts.service!]).toBeDefined();
    replies = await until(h, replies, toggles, 'fixed.question');
    replies = await h.say(pick(replies, 'not-fixed'));
    await h.say(contacts.intent);
    const switched = await h.say('yes');
    const shown = await until(h, switched, toggles, 'fixed.question');
    expect(shown.some((r) => r.resync?.stepId === toggles && r.resync.playbook === contacts.id)).toBe(true);
  });
});

/**
 * Interruptions at every kind of prompt: help, cancel, talk to a person, and a different problem
 * (switch accepted / declined); device correction mid-flow; the remembered device.
 */
import { FixtureStatusFeed, harness, keys, last, outage, pick, profile, realContent, record, type BotHarness, type Reply } from './helpers';
import { mentionsPhrase } from '../../src/dialogs/answers';

const content = realContent();
/** A playbook that starts with the status step and then a step with a question, for a service every Mac has. */
const onMac = (service: string) => !Object.values(content.steps).some((s) => s.unavailableOn?.[service]?.includes('mac'));
const main = Object.values(content.playbooks).find(
  (p) => content.steps[p.steps[0]].kind === 'status' && content.steps[p.steps[1]].question && p.service && onMac(p.service),
)!;
/** Another problem whose intent id does not read as an answer to "Did that fix it?" ("…-not-working"). */
const answerPhrases = [...(content.messages['synonyms.fixed'] as string[]), ...(content.messages['synonyms.notFixed'] as string[])];
const other = Object.values(content.playbooks).find((p) => p.id !== main.id && p.steps.length > 2 && !mentionsPhrase(answerPhrases, p.intent, true))!;
const service = content.services.find((s) => s.id === main.service)!;
const handoffStep = main.steps[main.steps.length - 1];

type PromptKind = 'device' | 'question' | 'fixed' | 'statusPause';
const PROMPT_KEY: Record<PromptKind, string> = {
  device: 'device.question',
  question: 'step.question',
  fixed: 'fixed.question',
  statusPause: 'status.pauseQuestion',
};

/** Brings a fresh conversation to a prompt of the given kind. */
async function reach(kind: PromptKind): Promise<{ h: BotHarness; replies: Reply[] }> {
  const feed = new FixtureStatusFeed(kind === 'statusPause' ? outage(service.statusNames[0]) : outage('Some Other Service'));
  const h = harness({ feed });
  let replies: Reply[];
  if (kind === 'device') {
    replies = await h.say(main.intent);
  } else {
    replies = await h.say(`${main.intent} on my iphone`);
    if (kind === 'fixed') {
      const step = content.steps[last(replies).resync!.stepId!];
      replies = await h.say(pick(replies, step.question!.choices.find((c) => c.action === 'continue')!.id));
    }
  }
  expect(last(replies).resync?.messageKey).toBe(PROMPT_KEY[kind]);
  return { h, replies };
}

const kinds: PromptKind[] = ['device', 'question', 'fixed', 'statusPause'];

describe.each(kinds)('at the %s prompt', (kind) => {
  it('help explains, then asks the same prompt again', async () => {
    const { h, replies } = await reach(kind);
    const before = last(replies).resync!;
    const after = await h.say('help please');
    // At a step (its question or "Did that fix it?") the help is about that prompt (step.help).
    const helpKey = kind === 'question' || kind === 'fixed' ? 'step.help' : 'help';
    expect(keys(after)).toEqual([helpKey, PROMPT_KEY[kind]]);
    expect(last(after).resync).toMatchObject({ step: before.step, choices: before.choices });
  });

  it('cancel ends the flow cleanly and the next message starts afresh', async () => {
    const { h } = await reach(kind);
    const stepBefore = (await record(h)).steps.length;
    expect(keys(await h.say('cancel'))).toEqual(['cancel.done']);
    const rec = await record(h);
    if (kind !== 'device') expect(rec.steps[rec.steps.length - 1].outcome).toBe('user-left');
    else expect(rec.steps.length).toBe(stepBefore);
    // Nothing is pending: an answer to the old prompt is now not understood.
    expect(keys(await h.say('2'))).toEqual(['notUnderstood']);
    expect(keys(await h.say('hello'))).toEqual(['greeting']);
  });

  it('asking for a person goes to the handoff step', async () => {
    const { h } = await reach(kind);
    const after = await h.say('can I talk to a person');
    expect(last(after).resync).toMatchObject({ step: `${main.id}/${handoffStep}`, messageKey: 'step.instructions' });
    const rec = await record(h);
    expect(rec.steps[rec.steps.length - 1]).toMatchObject({ step: handoffStep, outcome: 'support-options' });
  });

  it('a different problem: switching when accepted', async () => {
    const { h } = await reach(kind);
    const offer = await h.say(`oh wait, ${other.intent}`);
    expect(keys(offer)).toEqual(['switch.offer']);
    expect(last(offer).text).toContain(other.title);
    const after = await h.say('yes');
    expect(after[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: other.id });
    const rec = await record(h);
    expect(rec.intent).toBe(other.intent);
  });

  it('a different problem: carrying on when declined', async () => {
    const { h, replies } = await reach(kind);
    const before = last(replies).resync!;
    await h.say(`oh wait, ${other.intent}`);
    const after = await h.say('no');
    expect(keys(after)).toEqual(['switch.declined', PROMPT_KEY[kind]]);
    expect(last(after).resync).toMatchObject({ step: before.step, choices: before.choices });
    expect((await record(h)).intent).toBe(main.intent);
  });

  it('an answer it cannot place is said so and the prompt is asked again', async () => {
    const { h } = await reach(kind);
    expect(keys(await h.say('qwerty zxcv'))).toEqual(['answer.notUnderstood', PROMPT_KEY[kind]]);
  });
});

describe('devices', () => {
  it('asks once, remembers the answer across conversations', async () => {
    const { h, replies } = await reach('device');
    expect(last(replies).resync?.choices).toEqual(content.devices.filter((d) => d.ask).map((d) => d.id));
    await h.say(pick(replies, 'mac'));
    expect((await profile(h)).device).toBe('mac');
    // A new conversation with the same person: no device question, one tap to confirm the Mac.
    const h2 = harness({ storage: h.storage, conversationId: 'conv-2' });
    const next = await h2.say(main.intent);
    expect(keys(next)).toEqual(['device.again']);
    const started = await h2.say(pick(next, 'again-yes'));
    expect(keys(started)).not.toContain('device.question');
    expect((await record(h2, 'conv-2')).device).toBe('mac');
  });

  it('understands a typed device name at the device question', async () => {
    const { h } = await reach('device');
    const after = await h.say("it's my ipad");
    expect(keys(after)).not.toContain('answer.notUnderstood');
    expect((await record(h)).device).toBe('ipad');
  });

  it.each(['question'] as const)('"actually it is my Mac" at the %s prompt re-shows the step for the new device', async (kind) => {
    const { h, replies } = await reach(kind);
    const stepId = last(replies).resync!.stepId!;
    const after = await h.say('actually it is my mac');
    expect(after[0].resync).toMatchObject({ messageKey: 'device.changed', stepId });
    expect(after[0].text).toContain(content.devices.find((d) => d.id === 'mac')!.label);
    // The same step again, from its start (question first when it has one).
    const step = content.steps[stepId];
    expect(after[1].resync).toMatchObject({ stepId, messageKey: step.question ? 'step.question' : 'step.instructions' });
    expect((await record(h)).device).toBe('mac');
    expect((await profile(h)).device).toBe('mac');
    // And the instructions are the Mac ones.
    if (step.question) {
      const shown = await h.say(pick(after, 'not-sure'));
      const expected = (step.instructions.mac ?? step.instructions.all)!.split('\n')[0];
      expect(shown[0].text).toContain(expected.replace(/\{[a-zA-Z]+\}/g, '').slice(0, 20));
    }
  });

  it('naming the same device again is not a correction', async () => {
    const { h } = await reach('fixed');
    const after = await h.say('still broken on my iphone');
    expect(keys(after)).not.toContain('device.changed');
  });
});

/**
 * Asking for a person while a step's instructions are on screen counts that step as tried: the
 * agent's summary lists it. When the person comes back to the step, their real answer replaces
 * that entry (the record never lists the step twice).
 */
import type { TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { AGENT_A, hubHarness, type HubHarness } from '../handoff/hubHarness';
import { answerUntilFixedQuestion, harness, keys, last, pick, realContent, record, type BotHarness } from './helpers';

const content = realContent();
const photos = content.playbooks['photos-not-syncing'];
const handoffStep = photos.steps[photos.steps.length - 1];

/** Photos on an iPhone, the first question answered "continue": the instructions and "Did that fix it?". */
async function atFixed(): Promise<{ h: BotHarness; stepId: string }> {
  const h = harness();
  const { stepId } = await answerUntilFixedQuestion(h, content, `${photos.intent} on my iphone`);
  return { h, stepId };
}

function entries(rec: TroubleshootingRecord, stepId: string): string[] {
  return rec.steps.filter((s) => s.step === stepId).map((s) => s.outcome);
}

describe('a person asked for at "Did that fix it?"', () => {
  it.each(['talk to a person', '3'])('"%s": the step is recorded as tried before the support options', async (text) => {
    const { h, stepId } = await atFixed();
    await h.say(text);
    const rec = await record(h);
    expect(rec.steps.slice(-2)).toEqual([
      expect.objectContaining({ step: stepId, outcome: 'not-fixed' }),
      expect.objectContaining({ step: handoffStep, outcome: 'support-options' }),
    ]);
  });

  it.each([
    ['no', 'not-fixed'],
    ['yes', 'fixed'],
  ])('back at the step, "%s" replaces that entry (%s, once)', async (answer, outcome) => {
    const { h, stepId } = await atFixed();
    await h.say('talk to a person');
    await h.say(answer);
    const rec = await record(h);
    expect(entries(rec, stepId)).toEqual([outcome]);
    expect(rec.steps.findIndex((s) => s.step === stepId)).toBeGreaterThan(rec.steps.findIndex((s) => s.step === handoffStep));
  });

  it('asking twice records the step once', async () => {
    const { h, stepId } = await atFixed();
    await h.say('talk to a person');
    await h.say('talk to a person');
    expect(entries(await record(h), stepId)).toEqual(['not-fixed']);
  });

  it('a person asked for at a question (no instructions shown yet) does not count it as tried', async () => {
    const h = harness();
    const replies = await h.say(`${photos.intent} on my iphone`);
    const stepId = last(replies).resync!.stepId!;
    await h.say('talk to a person');
    expect(entries(await record(h), stepId)).toEqual([]);
    expect(keys(replies)).toContain('step.question');
  });
});

describe("the agent's summary", () => {
  async function escalate(h: HubHarness): Promise<string> {
    const p = h.person('c1');
    let replies = await p.say(`${photos.intent} on my iphone`);
    const step = content.steps[last(replies).resync!.stepId!];
    replies = await p.say(pick(replies, step.question!.choices.find((c) => c.action === 'continue')!.id));
    expect(last(replies).resync?.messageKey).toBe('fixed.question');
    await p.say('Talk to a person');
    return step.id;
  }

  it('lists the step whose instructions were on screen', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const stepId = await escalate(h);
    const escalation = await h.hub.get('c1');
    expect(escalation?.summary.steps).toEqual(expect.arrayContaining([expect.objectContaining({ step: stepId, outcome: 'not-fixed' })]));
    const tried = escalation!.summary.steps.filter((s) => s.outcome === 'not-fixed' || s.outcome === 'skipped').length;
    expect(escalation?.summary.oneLine).toContain(`${tried} steps tried`);
  });
});

/**
 * Asking for a person while a step's instructions are on screen counts that step as tried: the
 * agent's summary lists it. When the person comes back to the step, their real answer replaces
 * that entry (the record never lists the step twice). Accepting the hub's own offer of a person
 * (a turn the hub marks with `setPersonAsked`, maybe a Teams button press with no text) does the same.
 */
import type { TurnContext } from 'botbuilder';
import { setPersonAsked } from '../../src/dialogs/handoffService';
import type { TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { AGENT_A, hubHarness, type HubHarness } from '../handoff/hubHarness';
import { answerUntilFixedQuestion, harness, keys, last, pick, realContent, record, type BotHarness } from './helpers';
import { goesOnChoice } from '../helpers/goesOn';

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

/** What the hub does with "Talk to a person" pressed on its own offer: marks the turn, then hands it to the dialogs. */
const HUB_BUTTON = 'hub.talkToPerson';
function withHubOffer(h: BotHarness): BotHarness {
  h.adapter.use({
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      if ((context.activity.value as { resyncChoice?: string } | undefined)?.resyncChoice === HUB_BUTTON) setPersonAsked(context);
      await next();
    },
  });
  return h;
}
/** A Teams card press carries the button's value and no text; Web Chat's carries the title too. */
const PRESSES = [
  ['a button press with no text', { text: '', value: { resyncChoice: HUB_BUTTON } }],
  ['a button press with its title', { text: 'Talk to a person', value: { resyncChoice: HUB_BUTTON } }],
] as const;

describe("the hub's own offer of a person, accepted", () => {
  it.each(PRESSES)('%s at "Did that fix it?": the step is recorded as tried, as when asked for', async (_what, press) => {
    const asked = await atFixed();
    await asked.h.say('talk to a person');
    const offered = await atFixed();
    withHubOffer(offered.h);
    const replies = await offered.h.say({ ...press });
    expect(keys(replies)).toContain('step.instructions');
    const rec = await record(offered.h);
    expect(rec.steps.slice(-2)).toEqual([
      expect.objectContaining({ step: offered.stepId, outcome: 'not-fixed' }),
      expect.objectContaining({ step: handoffStep, outcome: 'support-options' }),
    ]);
    expect(rec.steps.map((s) => [s.step, s.outcome])).toEqual((await record(asked.h)).steps.map((s) => [s.step, s.outcome]));
  });

  it('back at the step, the real answer replaces that entry', async () => {
    const { h, stepId } = await atFixed();
    withHubOffer(h);
    await h.say({ text: '', value: { resyncChoice: HUB_BUTTON } });
    expect(entries(await record(h), stepId)).toEqual(['not-fixed']);
    await h.say('yes');
    expect(entries(await record(h), stepId)).toEqual(['fixed']);
  });

  it('at a question (no instructions shown yet): the support options, the step not counted as tried', async () => {
    const h = withHubOffer(harness());
    const replies = await h.say(`${photos.intent} on my iphone`);
    const stepId = last(replies).resync!.stepId!;
    await h.say({ text: '', value: { resyncChoice: HUB_BUTTON } });
    const rec = await record(h);
    expect(entries(rec, stepId)).toEqual([]);
    expect(rec.steps[rec.steps.length - 1]).toMatchObject({ step: handoffStep, outcome: 'support-options' });
  });

  it('outside any playbook: the support options, as "talk to a person" there', async () => {
    const asked = harness();
    const offered = withHubOffer(harness());
    const plain = await asked.say('talk to a person');
    const pressed = await offered.say({ text: '', value: { resyncChoice: HUB_BUTTON } });
    expect(keys(pressed)).toEqual(keys(plain));
    expect(keys(pressed)).toContain('step.instructions');
  });

  it('an unmarked press of a button the dialogs do not know is not a request for a person', async () => {
    const { h, stepId } = await atFixed();
    const replies = await h.say({ text: '', value: { resyncChoice: HUB_BUTTON } });
    expect(keys(replies)).not.toContain('step.instructions');
    expect(entries(await record(h), stepId)).toEqual([]);
  });
});

describe("the agent's summary", () => {
  async function escalate(h: HubHarness): Promise<string> {
    const p = h.person('c1');
    let replies = await p.say(`${photos.intent} on my iphone`);
    const step = content.steps[last(replies).resync!.stepId!];
    replies = await p.say(pick(replies, goesOnChoice(step.question!.choices).id));
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
    // Steps the person did: not the status check, not skipped ones (tester round 6, A9).
    const tried = escalation!.summary.steps.filter((s) => s.outcome === 'not-fixed' && content.steps[s.step]?.kind !== 'status').length;
    expect(tried).toBeGreaterThan(0);
    expect(escalation?.summary.oneLine).toContain(`${tried} step${tried === 1 ? '' : 's'} tried`);
  });
});

/**
 * "Talk to a person" in the middle of a playbook, with the real agent hub in front of the bot:
 * Apple's own support options always come first (whatever the hub then says), and when the person
 * declines the hub's offer or stops waiting, the next message carries on at the step they were on.
 * The record never says handed-off when nobody took the conversation.
 */
import type { TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { AGENT_A, hubHarness, replyKeys, type HubHarness, type Person } from '../handoff/hubHarness';
import { last, pick, realContent, type Reply } from './helpers';

const content = realContent();
const contactSupport = Object.values(content.steps).find((s) => s.kind === 'handoff')!;

async function recordOf(h: HubHarness, conversationId = 'c1'): Promise<TroubleshootingRecord> {
  const key = `test/conversations/${conversationId}/`;
  const data = await h.storage.read([key]);
  return (data[key] as { troubleshooting?: TroubleshootingRecord } | undefined)?.troubleshooting ?? { steps: [] };
}

/** Starts the photos playbook on an iPhone and stops at its first question (Apple Account). */
async function atFirstQuestion(h: HubHarness): Promise<{ p: Person; question: Reply }> {
  const p = h.person('c1');
  const replies = await p.say('photos-not-syncing on my iphone');
  const question = last(replies);
  expect(question.resync?.messageKey).toBe('step.question');
  return { p, question };
}

describe('asking for a person mid-way, nobody online', () => {
  it("gives Apple's support options for the device, then the hub's offer", async () => {
    const h = hubHarness();
    const { p } = await atFirstQuestion(h);
    const replies = await p.say('Talk to a person');
    const keys = replyKeys(replies);
    expect(keys[0]).toBe('step.instructions');
    expect(replies[0].resync?.stepId).toBe(contactSupport.id);
    expect(replies[0].text).toContain('getsupport.apple.com');
    expect(replies[0].text).toContain('Settings › General › About'); // the iPhone's words, not the Mac's
    expect(replies[0].text).not.toContain('About This Mac');
    expect(keys.slice(1).every((k) => k.startsWith('handoff.'))).toBe(true);
    expect(last(replies).resync?.choices?.length).toBeGreaterThan(0);
  });

  it('cancelling the offer carries on at the same question at once', async () => {
    const h = hubHarness();
    const { p, question } = await atFirstQuestion(h);
    await p.say('Talk to a person');
    const back = await p.say('Cancel');
    const keys = replyKeys(back);
    // The hub's one line ("no person for now, let's carry on"), then the step's question again: one open prompt.
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^handoff\./);
    expect(keys[1]).toBe('step.question');
    expect(last(back).resync).toMatchObject({ stepId: question.resync!.stepId, choices: question.resync!.choices });
    // And the flow goes on from there.
    const step = content.steps[question.resync!.stepId!];
    const next = await p.say(pick(back, step.question!.choices[0].id));
    expect(replyKeys(next)).not.toContain('answer.notUnderstood');
    const rec = await recordOf(h);
    expect(rec.steps.map((s) => s.outcome)).not.toContain('handed-off');
    expect(rec.steps.filter((s) => s.step === contactSupport.id).map((s) => s.outcome)).toEqual(['support-options']);
  });

  it('an old button of the step pressed instead of answering the offer is taken as its answer', async () => {
    const h = hubHarness();
    const { p, question } = await atFirstQuestion(h);
    await p.say('Talk to a person');
    const step = content.steps[question.resync!.stepId!];
    const after = await p.say({ text: step.question!.choices[0].title, value: { resyncChoice: step.question!.choices[0].id } });
    expect(replyKeys(after)).not.toContain('switch.declined');
    expect(after[0].resync).toMatchObject({ stepId: step.id, messageKey: 'step.instructions' });
  });

  it('something else instead of an answer to the offer: "let\'s carry on where we were" and the question again', async () => {
    const h = hubHarness();
    const { p, question } = await atFirstQuestion(h);
    await p.say('Talk to a person');
    const back = await p.say('ok lets keep going then');
    expect(replyKeys(back).slice(-2)).toEqual(['switch.declined', 'step.question']);
    expect(last(back).resync?.stepId).toBe(question.resync!.stepId);
  });

  it('cancel after coming back still stops everything', async () => {
    const h = hubHarness();
    const { p } = await atFirstQuestion(h);
    await p.say('Talk to a person');
    await p.say('Cancel');
    expect(replyKeys(await p.say('cancel'))).toEqual(['cancel.done']);
  });

  it('choosing to leave a message keeps the place quietly; after the message is saved the next message carries on', async () => {
    const h = hubHarness();
    const { p, question } = await atFirstQuestion(h);
    const offer = await p.say('Talk to a person');
    const leave = await p.say(pick(offer, 'handoff.leaveMessage'));
    expect(replyKeys(leave).every((k) => k.startsWith('handoff.'))).toBe(true);
    await p.say('my photos stopped syncing last week');
    await p.say('jane@example.com');
    const back = await p.say('ok what now');
    expect(replyKeys(back).slice(-2)).toEqual(['switch.declined', 'step.question']);
    expect(last(back).resync?.stepId).toBe(question.resync!.stepId);
  });
});

describe('asking for a person mid-way, an agent online', () => {
  it('queued, then stops waiting: carries on at the step at once; not recorded as handed-off', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const { p, question } = await atFirstQuestion(h);
    const asked = await p.say('Talk to a person');
    expect(replyKeys(asked)[0]).toBe('step.instructions');
    expect((await h.hub.get('c1'))?.state).toBe('queued');
    const back = await p.say('cancel');
    expect((await h.hub.get('c1'))?.state).not.toBe('queued');
    expect(replyKeys(back)).toEqual(['handoff.cancelledResume', 'step.question']);
    expect(last(back).resync).toMatchObject({ stepId: question.resync!.stepId, choices: question.resync!.choices });
    expect((await recordOf(h)).steps.map((s) => s.outcome)).not.toContain('handed-off');
  });
});

describe('the end of a playbook', () => {
  it("every step failed: Apple's options, then the hub; the playbook is over", async () => {
    const h = hubHarness();
    const p = h.person('c1');
    let replies = await p.say('photos-not-syncing on my iphone');
    for (let i = 0; i < 30 && !replies.some((r) => r.resync?.stepId === contactSupport.id); i++) {
      const choices = last(replies).resync?.choices ?? [];
      const notFixed = choices.indexOf('not-fixed');
      replies = await p.say(notFixed >= 0 ? String(notFixed + 1) : '1');
    }
    const keys = replyKeys(replies);
    const at = keys.indexOf('step.instructions', keys.findIndex((_k, i) => replies[i].resync?.stepId === contactSupport.id));
    expect(replies[at].resync?.stepId).toBe(contactSupport.id);
    expect(keys.slice(at + 1).length).toBeGreaterThan(0);
    expect(keys.slice(at + 1).every((k) => k.startsWith('handoff.'))).toBe(true);
    const rec = await recordOf(h);
    expect(rec.steps[rec.steps.length - 1]).toMatchObject({ step: contactSupport.id, outcome: 'support-options' });
  });
});

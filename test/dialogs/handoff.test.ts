/**
 * The handoff step: Apple's support options always come first; a configured hub is asked after
 * them, and only an answer saying a person took the conversation is recorded as handed-off.
 */
import type { TurnContext } from 'botbuilder';
import type { HandoffService } from '../../src/dialogs/handoffService';
import type { TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { harness, keys, last, realContent, record } from './helpers';

const content = realContent();
const playbook = Object.values(content.playbooks)[0];
const handoffStep = playbook.steps[playbook.steps.length - 1];

type HandoffAnswer = Awaited<ReturnType<HandoffService['requestHandoff']>>;

/** A hub that answers with a fixed value and says something, as the real hub's offer does. */
class FakeHandoff implements HandoffService {
  seen: TroubleshootingRecord[] = [];
  constructor(private readonly result: string) {}
  async requestHandoff(context: TurnContext, rec: TroubleshootingRecord) {
    this.seen.push(JSON.parse(JSON.stringify(rec)));
    if (this.result !== 'unavailable') await context.sendActivity({ type: 'message', text: 'hub', channelData: { resync: { messageKey: 'hub.reply' } } });
    return this.result as HandoffAnswer;
  }
}

describe('handoff step', () => {
  it('without a handoff service: gives the support options', async () => {
    const h = harness();
    await h.say(`${playbook.intent} on my mac`);
    const replies = await h.say('talk to a person');
    expect(last(replies).resync).toMatchObject({ step: `${playbook.id}/${handoffStep}`, messageKey: 'step.instructions' });
  });

  it.each(['queued', 'offered'])("a hub answering %s: Apple's options first, then the hub; not recorded as handed-off", async (answer) => {
    const handoff = new FakeHandoff(answer);
    const h = harness({ handoff });
    await h.say(`${playbook.intent} on my mac`);
    const replies = await h.say('talk to a person');
    expect(keys(replies)).toEqual(['step.instructions', 'hub.reply']);
    expect(replies[0].resync?.step).toBe(`${playbook.id}/${handoffStep}`);
    expect(handoff.seen[0]).toMatchObject({ intent: playbook.intent, device: 'mac' });
    expect(handoff.seen[0].firstUtterance).toContain(playbook.intent);
    const rec = await record(h);
    expect(rec.steps[rec.steps.length - 1]).toMatchObject({ step: handoffStep, outcome: 'support-options' });
    expect(rec.steps.some((x) => x.outcome === 'handed-off')).toBe(false);
  });

  it('a hub answering connected (a person has the conversation) is recorded as handed-off', async () => {
    const h = harness({ handoff: new FakeHandoff('connected') });
    await h.say(`${playbook.intent} on my mac`);
    const replies = await h.say('talk to a person');
    expect(keys(replies)).toEqual(['step.instructions', 'hub.reply']);
    expect((await record(h)).steps.map((x) => x.outcome).slice(-2)).toEqual(['support-options', 'handed-off']);
  });

  it('an unavailable hand-over falls back to the options', async () => {
    const h = harness({ handoff: new FakeHandoff('unavailable') });
    await h.say(`${playbook.intent} on my mac`);
    const replies = await h.say('talk to a person');
    expect(last(replies).resync?.messageKey).toBe('step.instructions');
    expect((await record(h)).steps.pop()?.outcome).toBe('support-options');
  });
});

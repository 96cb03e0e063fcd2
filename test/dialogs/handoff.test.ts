/**
 * The handoff step: with no HandoffService it gives the support options; a configured service is
 * asked first and, when it connects, the step records the hand-over instead.
 */
import type { HandoffService } from '../../src/dialogs/handoffService';
import type { TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { harness, keys, last, realContent, record } from './helpers';

const content = realContent();
const playbook = Object.values(content.playbooks)[0];
const handoffStep = playbook.steps[playbook.steps.length - 1];

class FakeHandoff implements HandoffService {
  seen: TroubleshootingRecord[] = [];
  constructor(private readonly result: 'connected' | 'unavailable') {}
  async requestHandoff(_context: unknown, rec: TroubleshootingRecord) {
    this.seen.push(JSON.parse(JSON.stringify(rec)));
    return this.result;
  }
}

describe('handoff step', () => {
  it('without a handoff service: gives the support options', async () => {
    const h = harness();
    await h.say(`${playbook.intent} on my mac`);
    const replies = await h.say('talk to a person');
    expect(last(replies).resync).toMatchObject({ step: `${playbook.id}/${handoffStep}`, messageKey: 'step.instructions' });
  });

  it('a connected hand-over gets the record and replaces the options', async () => {
    const handoff = new FakeHandoff('connected');
    const h = harness({ handoff });
    await h.say(`${playbook.intent} on my mac`);
    const replies = await h.say('talk to a person');
    expect(keys(replies)).not.toContain('step.instructions');
    expect(handoff.seen[0]).toMatchObject({ intent: playbook.intent, device: 'mac' });
    expect(handoff.seen[0].firstUtterance).toContain(playbook.intent);
    const rec = await record(h);
    expect(rec.steps[rec.steps.length - 1]).toMatchObject({ step: handoffStep, outcome: 'handed-off' });
  });

  it('an unavailable hand-over falls back to the options', async () => {
    const h = harness({ handoff: new FakeHandoff('unavailable') });
    await h.say(`${playbook.intent} on my mac`);
    const replies = await h.say('talk to a person');
    expect(last(replies).resync?.messageKey).toBe('step.instructions');
    expect((await record(h)).steps.pop()?.outcome).toBe('support-options');
  });
});

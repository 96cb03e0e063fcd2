/**
 * After a person from the support team closes a live chat (the built-in console's "close", or a
 * handoff.status `completed` event from an external hub), the hub hands `completed` back to the
 * dialogs on the person's next message: the troubleshooting is recorded as handed-off and the
 * message is read as the answer to the hub's "anything else?", never "let's carry on where we were".
 */
import type { Activity } from 'botbuilder';
import type { TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { HUB_KEYS, type ConversationDoc } from '../../src/handoff/hubService';
import { realContent } from '../dialogs/helpers';
import { AGENT_A, hubHarness, replyKeys, type HubHarness, type Person } from './hubHarness';

const content = realContent();
const notes = Object.values(content.playbooks).find((p) => p.service === 'notes')!;

function status(state: string): Partial<Activity> {
  return { type: 'event', name: 'handoff.status', value: { state }, from: { id: 'agent-hub', name: 'Agent hub', role: 'skill' } };
}

async function recordOf(h: HubHarness, conversationId = 'c1'): Promise<TroubleshootingRecord> {
  const key = `test/conversations/${conversationId}/`;
  const data = await h.storage.read([key]);
  return (data[key] as { troubleshooting?: TroubleshootingRecord } | undefined)?.troubleshooting ?? { steps: [] };
}

/** Mid-playbook "talk to a person" with an agent online: queued, the playbook keeps its place. */
async function queuedMidPlaybook(): Promise<{ h: HubHarness; p: Person }> {
  const h = hubHarness();
  await h.hub.agentSeen(AGENT_A);
  const p = h.person('c1');
  await p.say('photos-not-syncing on my iphone');
  const asked = await p.say('talk to a person');
  expect(replyKeys(asked)).toContain('handoff.waiting');
  return { h, p };
}

/** "Talk to a person" at the top level (no playbook): queued. */
async function queuedAtTopLevel(): Promise<{ h: HubHarness; p: Person }> {
  const h = hubHarness();
  await h.hub.agentSeen(AGENT_A);
  const p = h.person('c1');
  expect(replyKeys(await p.say('talk to a person'))).toContain('handoff.waiting');
  return { h, p };
}

const closedBy: [string, (h: HubHarness, p: Person) => Promise<void>][] = [
  [
    'the console',
    async (h) => {
      await h.hub.accept('c1', AGENT_A);
      await h.hub.close('c1', AGENT_A);
    },
  ],
  [
    'a handoff.status event',
    async (_h, p) => {
      await p.say(status('accepted'));
      expect(replyKeys(await p.say(status('completed')))).toEqual(['handoff.status.completed']);
    },
  ],
];

describe.each(closedBy)('a live chat closed by %s', (_how, close) => {
  it('mid-playbook: "no" to "anything else?" ends with the goodbye, not "let\'s carry on", and the record says handed-off', async () => {
    const { h, p } = await queuedMidPlaybook();
    await close(h, p);
    const r = await p.say('no');
    expect(replyKeys(r)).toEqual(['goodbye']);
    const rec = await recordOf(h);
    expect(rec.steps[rec.steps.length - 1]).toMatchObject({ outcome: 'handed-off', playbook: expect.any(String) });
    expect(rec.steps.filter((s) => s.outcome === 'handed-off')).toHaveLength(1);
    // The playbook has ended: its question is not waiting any more.
    const after = await p.say('2');
    expect(replyKeys(after)).toEqual(['notUnderstood']);
  });

  it('mid-playbook: "yes" asks plainly whether to carry on (round 8: never straight to the problem list), and a new problem named straight away starts it', async () => {
    const { h, p } = await queuedMidPlaybook();
    await close(h, p);
    expect(replyKeys(await p.say('yes'))).toEqual(['carryOn.offer']);
    expect(replyKeys(await p.say('something else'))).toEqual(['more.question']);

    const other = await queuedMidPlaybook();
    await close(other.h, other.p);
    const started = await other.p.say(`${notes.intent} on my mac`);
    expect(started[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: notes.id });
  });

  it('at the top level: the record says handed-off and "no" ends with the goodbye', async () => {
    const { h, p } = await queuedAtTopLevel();
    await close(h, p);
    expect(replyKeys(await p.say('no thanks'))).toEqual(['goodbye']);
    const rec = await recordOf(h);
    expect(rec.steps.map((s) => s.outcome)).toContain('handed-off');
  });

  it('only the first message after the chat is read so: the hub keeps nothing for later turns', async () => {
    const { h, p } = await queuedMidPlaybook();
    await close(h, p);
    const doc = (await h.storage.read([HUB_KEYS.conversation('c1')]))[HUB_KEYS.conversation('c1')] as ConversationDoc;
    expect(doc.mode).toBe('completed');
    await p.say('hello');
    const after = (await h.storage.read([HUB_KEYS.conversation('c1')]))[HUB_KEYS.conversation('c1')] as ConversationDoc;
    expect(after.mode).toBeUndefined();
    // "no" now is no answer to anything.
    expect(replyKeys(await p.say('no'))).not.toEqual(['goodbye']);
  });
});

describe('other ends of a handoff are unchanged', () => {
  it('the person stops waiting: the playbook carries on where it was at once', async () => {
    const { p } = await queuedMidPlaybook();
    expect(replyKeys(await p.say('cancel'))).toEqual(['handoff.cancelledResume', 'step.question']);
  });
});

describe('a blank message after the chat closed', () => {
  it('is ignored and leaves "completed" for the next message', async () => {
    const { h, p } = await queuedMidPlaybook();
    await h.hub.accept('c1', AGENT_A);
    await h.hub.close('c1', AGENT_A);
    expect(await p.say('   ')).toEqual([]);
    expect(replyKeys(await p.say('no'))).toEqual(['goodbye']);
  });
});

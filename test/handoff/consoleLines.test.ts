/**
 * The lines the hub writes into the live chat the agent console shows ("Alice joined", "The person
 * stopped waiting", an attachment…) and the "or" of offer.unclear come from dialogs/handoff.yaml
 * (console.* keys, offer.optionsOr), never from the engine: a content set with other wording
 * changes them, and a missing key stops loading naming the file and the key.
 */
import { HANDOFF_MESSAGES, checkHandoffMessages, type HandoffMessages } from '../../src/handoff/handoffMessages';
import { AGENT_A, hubHarness, messages, replyKeys, replyWith } from './hubHarness';

const other: HandoffMessages = {
  ...messages,
  'console.agentJoined': '>> {agent} a rejoint',
  'console.agentClosed': '>> {agent} a fermé',
  'console.agentRequeued': '>> {agent} a remis en file',
  'console.stoppedWaiting': '>> ne patiente plus',
  'console.stoppedWaitingForMessage': '>> laisse un message',
  'console.statusAccepted': '>> accepté',
  'console.statusFailed': '>> échec',
  'console.statusFailedReason': '>> échec ({reason})',
  'console.statusCompleted': '>> terminé',
  'console.attachment': '>> pièce jointe {name}',
  'console.attachmentUnnamed': '>> pièce jointe',
  'offer.optionsOr': 'ou bien',
};

async function queued(conversationId = 'c1') {
  const h = hubHarness({ messages: other });
  await h.hub.agentSeen(AGENT_A);
  const p = h.person(conversationId);
  await p.say('photos-not-syncing on my iphone');
  await p.say('human please');
  expect((await h.hub.queue()).map((e) => e.conversationId)).toEqual([conversationId]);
  return { h, p };
}

const systemLines = async (h: ReturnType<typeof hubHarness>, id = 'c1') =>
  (await h.hub.messagesSince(id)).filter((m) => m.from === 'system').map((m) => m.text);

describe('agent console lines come from content', () => {
  it('joined, put back in the queue, closed', async () => {
    const { h } = await queued();
    await h.hub.accept('c1', AGENT_A);
    await h.hub.requeue('c1', AGENT_A);
    await h.hub.accept('c1', AGENT_A);
    await h.hub.close('c1', AGENT_A);
    expect(await systemLines(h)).toEqual(['>> Alice a rejoint', '>> Alice a remis en file', '>> Alice a rejoint', '>> Alice a fermé']);
  });

  it('the person stops waiting', async () => {
    const { h, p } = await queued();
    await p.say('cancel');
    expect((await h.hub.get('c1'))?.state).toBe('cancelled');
    expect(await systemLines(h)).toEqual(['>> ne patiente plus']);
  });

  it('the person leaves a message instead of waiting', async () => {
    const { h, p } = await queued();
    expect(replyKeys(await p.say('leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
    expect(await systemLines(h)).toEqual(['>> laisse un message']);
  });

  it('attachments, named or not', async () => {
    const { h, p } = await queued();
    await p.say({ text: '', attachments: [{ contentType: 'image/png', name: 'shot.png' }, { contentType: 'image/png' }] });
    expect((await h.hub.messagesSince('c1')).map((m) => m.text)).toEqual(['>> pièce jointe shot.png >> pièce jointe']);
  });

  it('handoff.status events from an external hub', async () => {
    const h = hubHarness({ messages: other });
    const hub = { role: 'skill', id: 'agent-hub', name: 'Agent hub' };
    const events = (id: string) => h.person(id);
    await events('a').say({ type: 'event', name: 'handoff.status', from: hub, value: { state: 'accepted' } });
    await events('a').say({ type: 'event', name: 'handoff.status', from: hub, value: { state: 'completed' } });
    await events('b').say({ type: 'event', name: 'handoff.status', from: hub, value: { state: 'accepted' } });
    await events('b').say({ type: 'event', name: 'handoff.status', from: hub, value: { state: 'failed', message: 'timeout' } });
    await events('c').say({ type: 'event', name: 'handoff.status', from: hub, value: { state: 'accepted' } });
    await events('c').say({ type: 'event', name: 'handoff.status', from: hub, value: { state: 'failed' } });
    expect(await systemLines(h, 'a')).toEqual(['>> accepté', '>> terminé']);
    expect(await systemLines(h, 'b')).toEqual(['>> accepté', '>> échec (timeout)']);
    expect(await systemLines(h, 'c')).toEqual(['>> accepté', '>> échec']);
  });

  it('the "or" between the options of offer.unclear', async () => {
    const h = hubHarness({ messages: other, agentsConfigured: true });
    const p = h.person('c1');
    await p.say('photos-not-syncing on my iphone');
    await p.say('talk to a person');
    const unclear = await p.say('hmm');
    const reply = replyWith(unclear, 'handoff.offer.unclear');
    expect(reply?.text).toMatch(/, Leave a message ou bien Cancel/);
  });

  it('the real content has every console key; a missing one is named with its file', () => {
    for (const key of Object.keys(HANDOFF_MESSAGES).filter((k) => k.startsWith('console.'))) expect(messages[key as keyof HandoffMessages]).toBeTruthy();
    const { ['console.stoppedWaiting']: _gone, ...rest } = messages;
    const { messages: loaded, problems } = checkHandoffMessages({ version: 1, messages: rest }, 'dialogs/handoff.yaml');
    expect(loaded).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ file: 'dialogs/handoff.yaml', message: "missing key 'console.stoppedWaiting'" })]);
  });
});

/**
 * Asking for a person through the bot: the handoff.initiate event, the place in the queue,
 * messages going to the agent and not the recogniser, cancelling, and handoff.status events.
 */
import { HUB_CHOICES, HUB_KEYS } from '../../src/handoff/hubService';
import { AGENT_A, hubHarness, hubKeys, replyKeys, replyWith } from './hubHarness';
import { outage, FixtureStatusFeed } from '../dialogs/helpers';

async function withAgentOnline(h: ReturnType<typeof hubHarness>) {
  await h.hub.agentSeen(AGENT_A);
}

describe('asking for a person', () => {
  it('sends handoff.initiate with the context and the redacted transcript, then says the place in the queue', async () => {
    const h = hubHarness({ feed: new FixtureStatusFeed(outage('iCloud Drive')) });
    await withAgentOnline(h);
    const p = h.person('c1');
    await p.say('hi');
    await p.say('my password is Hunter2!x and my photos are gone');
    const replies = await p.say('get me a human');

    expect(hubKeys(replies)).toEqual(['event:handoff.initiate', 'handoff.waiting']);
    const event = replies.find((r) => r.activity.type === 'event')!.activity;
    expect(event.type).toBe('event');
    expect(event.name).toBe('handoff.initiate');
    const value = event.value as Record<string, unknown>;
    expect(value).toMatchObject({ conversationId: 'c1' });
    // No troubleshooting steps yet; at most the support options given with the request, never a handoff that did not happen.
    expect((value.steps as { outcome: string }[]).filter((st) => st.outcome !== 'support-options')).toEqual([]);
    expect(value.status).toMatch(/iCloud Drive: Outage/);
    expect(String(value.problem)).toContain('photos are gone');
    expect(String(value.problem)).not.toContain('Hunter2');
    expect(typeof value.oneLine).toBe('string');
    const attachment = event.attachments?.[0];
    expect(attachment).toMatchObject({ contentType: 'application/json', name: 'Transcript' });
    const activities = (attachment!.content as { activities: { text?: string }[] }).activities;
    expect(activities.length).toBeGreaterThan(2);
    expect(activities.some((a) => a.text?.includes('photos are gone'))).toBe(true);
    expect(JSON.stringify(activities)).not.toContain('Hunter2');
    expect(event.relatesTo?.conversation?.id).toBe('c1');

    expect(replyWith(replies, 'handoff.waiting')?.text).toContain('number 1');
    expect(replyWith(replies, 'handoff.waiting')?.resync?.choices).toEqual([HUB_CHOICES.cancel]);
    const queue = await h.hub.queue();
    expect(queue.map((e) => e.conversationId)).toEqual(['c1']);
    expect(queue[0].reference.conversation?.id).toBe('c1');
  });

  it('at the end of a playbook the contact-support step escalates with the steps tried', async () => {
    const h = hubHarness();
    await withAgentOnline(h);
    const p = h.person('c1');
    let replies = await p.say('photos-not-syncing on my iphone');
    // Answer "no, still not" at every step until the handoff.
    for (let i = 0; i < 30 && !replyKeys(replies).includes('event:handoff.initiate'); i++) {
      const choices = replies[replies.length - 1].resync?.choices ?? [];
      const notFixed = choices.indexOf('not-fixed');
      const answer = notFixed >= 0 ? String(notFixed + 1) : choices.length > 0 ? '1' : 'no';
      replies = await p.say(answer);
    }
    expect(replyKeys(replies)).toContain('event:handoff.initiate');
    const e = await h.hub.get('c1');
    expect(e?.state).toBe('queued');
    expect(e?.summary.intent).toBe('photos-not-syncing');
    expect(e?.summary.device).toBe('iphone');
    expect(e?.summary.steps.length).toBeGreaterThan(1);
    expect(e?.summary.problem).toBe('photos-not-syncing on my iphone');
    expect(e?.summary.oneLine).toMatch(/photos-not-syncing/);
  });

  it('the second not-understood turn offers a person, and taking it escalates', async () => {
    const h = hubHarness();
    await withAgentOnline(h);
    const p = h.person('c1');
    await p.say('blargh');
    const offer = await p.say('wibble wobble');
    const choices = offer[offer.length - 1].resync?.choices ?? [];
    expect(choices).toContain('agent');
    const replies = await p.say(String(choices.indexOf('agent') + 1));
    expect(hubKeys(replies)).toEqual(['event:handoff.initiate', 'handoff.waiting']);
  });

  it('tells each person their own place; messages while waiting go to the hub, not the recogniser', async () => {
    const h = hubHarness();
    await withAgentOnline(h);
    const first = h.person('c1');
    const second = h.person('c2');
    await first.say('human please');
    h.clock.advance(1000);
    const replies = await second.say('human please');
    expect(replyWith(replies, 'handoff.waiting')?.text).toContain('number 2');

    const before = h.recognizer.calls;
    const ack = await second.say('my card is 4111 1111 1111 1111 and photos-not-syncing');
    expect(h.recognizer.calls).toBe(before);
    expect(replyKeys(ack)).toEqual(['handoff.waiting.ack']);
    expect(ack[0].text).toContain('number 2');
    const msgs = await h.hub.messagesSince('c2');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ from: 'user' });
    expect(msgs[0].text).toContain('photos-not-syncing');
    expect(msgs[0].text).not.toContain('4111');
  });

  it('cancel while waiting leaves the queue and the bot answers again', async () => {
    const h = hubHarness();
    await withAgentOnline(h);
    const p = h.person('c1');
    await p.say('human please');
    const cancelled = await p.say('stop waiting');
    expect(replyKeys(cancelled)).toEqual(['handoff.cancelled']);
    expect(await h.hub.queue()).toEqual([]);
    expect((await h.hub.get('c1'))?.state).toBe('cancelled');
    const before = h.recognizer.calls;
    const again = await p.say('hello');
    expect(h.recognizer.calls).toBeGreaterThan(before);
    expect(replyKeys(again)).toEqual(['greeting']);
  });

  it('the Cancel button (card value) cancels too', async () => {
    const h = hubHarness();
    await withAgentOnline(h);
    const p = h.person('c1');
    await p.say('human please');
    const cancelled = await p.say({ text: '', value: { resyncChoice: HUB_CHOICES.cancel } });
    expect(replyKeys(cancelled)).toEqual(['handoff.cancelled']);
  });

  it('a channel that refuses event activities: still queued and told', async () => {
    const h = hubHarness();
    await withAgentOnline(h);
    const p = h.person('c1');
    p.adapter.use(async (context, next) => {
      context.onSendActivities(async (_c, activities, send) => {
        if (activities.some((a) => a.type === 'event')) throw new Error('event activities are not supported');
        return send();
      });
      await next();
    });
    const replies = await p.say('human please');
    expect(hubKeys(replies)).toEqual(['handoff.waiting']);
    expect((await h.hub.queue()).map((e) => e.conversationId)).toEqual(['c1']);
  });

  it('an attachment sent while waiting is noted for the agent', async () => {
    const h = hubHarness();
    await withAgentOnline(h);
    const p = h.person('c1');
    await p.say('human please');
    await p.say({ text: '', attachments: [{ contentType: 'image/png', name: 'screenshot.png', contentUrl: 'https://example.invalid/x.png' }] });
    expect((await h.hub.messagesSince('c1')).map((m) => m.text)).toEqual(['[attachment: screenshot.png]']);
  });

  it('asking again while queued does not queue twice', async () => {
    const h = hubHarness();
    await withAgentOnline(h);
    const p = h.person('c1');
    await p.say('human please');
    const again = await p.say('human please');
    expect(replyKeys(again)).toEqual(['handoff.waiting.ack']);
    expect(await h.hub.queue()).toHaveLength(1);
  });
});

/** A handoff.status event as an agent hub sends it (not from the person's client). */
function status(state: string, message?: string) {
  return { type: 'event', name: 'handoff.status', value: { state, message }, from: { id: 'agent-hub', name: 'Agent hub', role: 'skill' } };
}

describe('handoff.status events', () => {
  async function queued() {
    const h = hubHarness();
    await withAgentOnline(h);
    const p = h.person('c1');
    await p.say('human please');
    return { h, p };
  }

  it('accepted: the bot stops answering; messages go to the hub', async () => {
    const { h, p } = await queued();
    const r = await p.say(status('accepted'));
    expect(replyKeys(r)).toEqual(['handoff.status.accepted']);
    expect((await h.hub.get('c1'))?.state).toBe('active');
    const before = h.recognizer.calls;
    const silent = await p.say('hello?');
    expect(silent).toEqual([]);
    expect(h.recognizer.calls).toBe(before);
    expect((await h.hub.messagesSince('c1')).some((m) => m.from === 'user' && m.text === 'hello?')).toBe(true);
  });

  it('failed: tells the person and offers try again / leave a message / no thanks; try again re-queues', async () => {
    const { h, p } = await queued();
    const r = await p.say(status('failed', 'no capacity'));
    expect(replyKeys(r)).toEqual(['handoff.status.failed']);
    expect(r[0].resync?.choices).toEqual([HUB_CHOICES.tryAgain, HUB_CHOICES.leaveMessage, HUB_CHOICES.noThanks]);
    expect(await h.hub.queue()).toEqual([]);
    const retry = await p.say('1');
    expect(hubKeys(retry)).toEqual(['event:handoff.initiate', 'handoff.waiting']);
    expect((await h.hub.queue()).map((e) => e.conversationId)).toEqual(['c1']);
  });

  it('completed: the bot resumes and asks if there is anything else', async () => {
    const { h, p } = await queued();
    await p.say(status('accepted'));
    const r = await p.say(status('completed'));
    expect(replyKeys(r)).toEqual(['handoff.status.completed']);
    expect((await h.hub.get('c1'))?.state).toBe('closed');
    const again = await p.say('hello');
    expect(replyKeys(again)).toEqual(['greeting']);
  });

  it('a handoff.status event sent by the person (role user) is ignored', async () => {
    const { h, p } = await queued();
    const r = await p.say({ type: 'event', name: 'handoff.status', value: { state: 'completed' }, from: { id: 'user-c1', name: 'User', role: 'user' } });
    expect(r).toEqual([]);
    expect((await h.hub.get('c1'))?.state).toBe('queued');
  });

  it('keeps the escalation under its documented key', async () => {
    const { h } = await queued();
    const raw = await h.storage.read([HUB_KEYS.escalation('c1'), HUB_KEYS.queue]);
    expect(raw[HUB_KEYS.queue]).toMatchObject({ open: ['c1'] });
    expect(raw[HUB_KEYS.escalation('c1')]).toMatchObject({ state: 'queued', channelId: 'test' });
  });
});

/**
 * What the hub says and does when nobody can answer, how it reads answers to its offers
 * (yes / no / typos / goodbyes), what requestHandoff answers, and the turn it hands back to a
 * dialog step that stays open.
 */
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { HUB_CHOICES } from '../../src/handoff/hubService';
import { editDistance, readOfferAnswer, typoChoice } from '../../src/handoff/offerAnswer';
import { handoffAnswer, type HandoffAnswer } from '../../src/dialogs/handoffService';
import { AGENT_A, hubHarness, hubKeys, replyKeys, replyWith } from './hubHarness';

const OFFER = [HUB_CHOICES.wait, HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel];

describe('no agent accounts at all (AGENT_ACCOUNTS empty)', () => {
  it('does not offer to wait: only leave a message or cancel', async () => {
    const h = hubHarness({ agentsConfigured: false });
    const r = await h.person('c1').say('human please');
    expect(hubKeys(r)).toEqual(['handoff.noAccounts']);
    expect(replyWith(r, 'handoff.noAccounts')?.resync?.choices).toEqual([HUB_CHOICES.leaveMessage, HUB_CHOICES.cancel]);
    expect(await h.hub.queue()).toEqual([]);
  });

  it('even an agent heartbeat does not make waiting possible, and typing "wait anyway" queues nobody', async () => {
    const h = hubHarness({ agentsConfigured: false });
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('c1');
    expect(hubKeys(await p.say('human please'))).toEqual(['handoff.noAccounts']);
    await p.say('wait anyway');
    expect(await h.hub.queue()).toEqual([]);
  });

  it('"yes" means the only thing on offer: leaving a message', async () => {
    const h = hubHarness({ agentsConfigured: false });
    const p = h.person('c1');
    await p.say('human please');
    expect(replyKeys(await p.say('yes'))).toEqual(['handoff.leaveMessage.prompt']);
  });
});

describe('accounts exist but nobody is online', () => {
  it('offers to wait, and waiting gives the place but no minutes (it cannot be estimated)', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    const offer = await p.say('human please');
    expect(hubKeys(offer)).toEqual(['handoff.noAgent']);
    expect(replyWith(offer, 'handoff.noAgent')?.resync?.choices).toEqual(OFFER);
    const r = await p.say('Wait anyway');
    expect(hubKeys(r)).toEqual(['event:handoff.initiate', 'handoff.waiting.noEstimate']);
    const text = replyWith(r, 'handoff.waiting.noEstimate')?.text ?? '';
    expect(text).toContain('number 1');
    expect(text).not.toMatch(/\d+ min/);
  });

  it('with someone online the estimate is given as before', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const r = await h.person('c1').say('human please');
    expect(hubKeys(r)).toEqual(['event:handoff.initiate', 'handoff.waiting']);
    expect(replyWith(r, 'handoff.waiting')?.text).toMatch(/5 min/);
  });
});

describe('answers to the offer', () => {
  async function offered() {
    const h = hubHarness();
    const p = h.person('c1');
    expect(hubKeys(await p.say('human please'))).toEqual(['handoff.noAgent']);
    return { h, p };
  }

  it.each(['no', 'nope', 'no thanks', 'not now', 'nah, not now'])('"%s" declines: nothing queued', async (text) => {
    const { h, p } = await offered();
    expect(replyKeys(await p.say(text))).toEqual(['handoff.offer.declined']);
    expect(await h.hub.queue()).toEqual([]);
  });

  it.each(['wait anyways', 'Wiat anyway', 'ill wait', "yes, I'll wait"])('"%s" waits', async (text) => {
    const { h, p } = await offered();
    expect(hubKeys(await p.say(text))).toEqual(['event:handoff.initiate', 'handoff.waiting.noEstimate']);
    expect((await h.hub.queue()).map((e) => e.conversationId)).toEqual(['c1']);
  });

  it.each(['leave a mesage', 'Leave message', 'can you email me instead'])('"%s" leaves a message', async (text) => {
    const { p } = await offered();
    expect(replyKeys(await p.say(text))).toEqual(['handoff.leaveMessage.prompt']);
  });

  it('"cancle" (a typo) cancels', async () => {
    const { p } = await offered();
    expect(replyKeys(await p.say('cancle'))).toEqual(['handoff.offer.declined']);
  });

  it('a plain "yes" could mean waiting or a message: asks which, naming the buttons, and the offer stays', async () => {
    const { h, p } = await offered();
    const r = await p.say('yes');
    expect(replyKeys(r)).toEqual(['handoff.offer.unclear']);
    expect(r[0].resync?.choices).toEqual(OFFER);
    for (const title of ['Wait anyway', 'Leave a message', 'Cancel']) expect(r[0].text).toContain(title);
    expect(h.recognizer.calls).toBeGreaterThan(0);
    const calls = h.recognizer.calls;
    expect(replyKeys(await p.say('ok'))).toEqual(['handoff.offer.unclear']);
    expect(h.recognizer.calls).toBe(calls);
    expect(replyKeys(await p.say('2'))).toEqual(['handoff.leaveMessage.prompt']);
  });

  it('"I don\'t want to leave a message, I\'ll wait" is not read as leaving a message', async () => {
    const { h, p } = await offered();
    expect(hubKeys(await p.say("I don't want to leave a message, I'll wait"))).toEqual(['event:handoff.initiate', 'handoff.waiting.noEstimate']);
    expect(await h.hub.queue()).toHaveLength(1);
  });

  it('something else entirely still goes to the bot', async () => {
    const { p } = await offered();
    expect(replyKeys(await p.say('hello'))).toEqual(['greeting']);
  });
});

describe('a fitting goodbye after a handoff that did not happen', () => {
  it.each(['thanks bye', 'no thanks, bye', 'bye'])('"%s" at the offer: a goodbye that does not pretend it helped', async (text) => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('human please');
    const r = await p.say(text);
    expect(replyKeys(r)).toEqual(['handoff.offer.goodbye']);
    expect(await h.hub.queue()).toEqual([]);
  });

  it.each(['thanks bye', 'no thanks'])('after declining the offer, "%s" gets the handoff goodbye, not "glad I could help"', async (text) => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('human please');
    expect(replyKeys(await p.say('Cancel'))).toEqual(['handoff.offer.declined']);
    expect(replyKeys(await p.say(text))).toEqual(['handoff.offer.goodbye']);
    // Only the next turn: later the bot answers goodbyes as usual.
    expect(replyKeys(await p.say('thanks bye'))).toEqual(['goodbye']);
  });

  it('after stopping waiting, "thanks bye" gets the handoff goodbye', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('c1');
    await p.say('human please');
    expect(replyKeys(await p.say('cancel'))).toEqual(['handoff.cancelled']);
    expect(replyKeys(await p.say('thanks bye'))).toEqual(['handoff.offer.goodbye']);
  });

  it('after a failed handoff (handoff.status failed), "no thanks" declines and "thanks bye" then says goodbye fittingly', async () => {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('c1');
    await p.say('human please');
    const failed = await p.say({ type: 'event', name: 'handoff.status', value: { state: 'failed' }, from: { id: 'agent-hub', name: 'Agent hub', role: 'skill' } } as Partial<Activity>);
    expect(replyKeys(failed)).toEqual(['handoff.status.failed']);
    expect(replyKeys(await p.say('yes'))).toEqual(['handoff.offer.unclear']);
    expect(replyKeys(await p.say('no thanks'))).toEqual(['handoff.offer.declined']);
    expect(replyKeys(await p.say('thanks bye'))).toEqual(['handoff.offer.goodbye']);
  });

  it('after a message was saved, "thanks bye" is thanked for the message', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('human please');
    await p.say('Leave a message');
    await p.say('My photos stopped syncing');
    expect(replyKeys(await p.say('jo@example.com'))).toEqual(['handoff.leaveMessage.saved']);
    expect(replyKeys(await p.say('thanks bye'))).toEqual(['handoff.leaveMessage.goodbye']);
  });
});

describe('"help" while leaving a message', () => {
  it('shows what to write instead of saving "help" as the message', async () => {
    const h = hubHarness();
    const p = h.person('c1');
    await p.say('human please');
    expect(replyKeys(await p.say('Leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
    expect(replyKeys(await p.say('help'))).toEqual(['handoff.leaveMessage.help']);
    expect(replyKeys(await p.say('what should I write?'))).toEqual(['handoff.leaveMessage.help']);
    expect(replyKeys(await p.say('Contacts missing on my Mac since Monday'))).toEqual(['handoff.leaveMessage.contact']);
    expect(replyKeys(await p.say('help'))).toEqual(['handoff.leaveMessage.contactHelp']);
    expect(replyKeys(await p.say('jo@example.com'))).toEqual(['handoff.leaveMessage.saved']);
    const { tickets } = await h.hub.tickets();
    expect(tickets.map((t) => t.message)).toEqual(['Contacts missing on my Mac since Monday']);
  });
});

describe('the frustration offer reads yes and no', () => {
  async function frustrated() {
    const h = hubHarness();
    await h.hub.agentSeen(AGENT_A);
    const p = h.person('c1');
    await p.say('photos-not-syncing on my mac');
    const r = await p.say('this is useless, NOTHING WORKS!!');
    expect(replyKeys(r)).toContain('handoff.frustration.offer');
    return { h, p };
  }

  it('"yes please" asks for a person', async () => {
    const { h, p } = await frustrated();
    expect(hubKeys(await p.say('yes please'))).toEqual(['event:handoff.initiate', 'handoff.waiting']);
    expect((await h.hub.queue()).map((e) => e.conversationId)).toEqual(['c1']);
  });

  it('"no" keeps trying', async () => {
    const { h, p } = await frustrated();
    expect(replyKeys(await p.say('no'))).toEqual(['handoff.frustration.keepTrying']);
    expect(await h.hub.queue()).toEqual([]);
  });
});

describe('requestHandoff says truthfully what happened', () => {
  function contextFor(adapter: TestAdapter, conversationId: string | undefined, text = 'talk to a person'): TurnContext {
    const activity = {
      type: 'message',
      text,
      channelId: 'test',
      from: { id: 'u1', name: 'User', role: 'user' },
      recipient: { id: 'bot', name: 'Resync' },
      conversation: conversationId ? { id: conversationId, isGroup: false, conversationType: 'personal', name: '' } : undefined,
      serviceUrl: 'https://test.invalid',
    } as Partial<Activity>;
    return new TurnContext(adapter, activity as Activity);
  }

  it('offered when nobody is online, queued when someone is, connected only once a person accepted', async () => {
    const h = hubHarness();
    const adapter = new TestAdapter(async () => undefined);
    expect(await h.hub.requestHandoff(contextFor(adapter, 'c1'), { steps: [] })).toBe('offered');
    await h.hub.agentSeen(AGENT_A);
    expect(await h.hub.requestHandoff(contextFor(adapter, 'c2'), { steps: [] })).toBe('queued');
    expect(await h.hub.requestHandoff(contextFor(adapter, 'c2'), { steps: [] })).toBe('queued');
    expect(await h.hub.accept('c2', AGENT_A)).toBe('accepted');
    expect(await h.hub.requestHandoff(contextFor(adapter, 'c2'), { steps: [] })).toBe('connected');
    expect(await h.hub.requestHandoff(contextFor(adapter, undefined), { steps: [] })).toBe('unavailable');
  });

  it('offered without agent accounts, even with a heartbeat', async () => {
    const h = hubHarness({ agentsConfigured: false });
    await h.hub.agentSeen(AGENT_A);
    expect(await h.hub.requestHandoff(contextFor(new TestAdapter(async () => undefined), 'c1'), { steps: [] })).toBe('offered');
  });
});

describe('resumeStep: the answer to the offer is handed back to the dialog step', () => {
  /** A hub on its own: requestHandoff as a dialog would call it, then the gate with a recording `next`. */
  async function offeredWithResume(resumeStep: boolean) {
    const h = hubHarness();
    const seen: (HandoffAnswer | undefined)[] = [];
    const nextTexts: string[] = [];
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.text === 'REQUEST') {
        await h.hub.requestHandoff(context, { steps: [], intent: 'photos-not-syncing' }, { playbook: 'photos-not-syncing', stepId: 'restart' }, { resumeStep });
        return;
      }
      await h.hub.run(context, async () => {
        seen.push(handoffAnswer(context));
        nextTexts.push(context.activity.text ?? '');
      });
    });
    const say = async (text: string) => {
      await adapter.receiveActivity({ type: 'message', text, from: { id: 'u1', name: 'User', role: 'user' } });
      return adapter.activeQueue.splice(0).map((a) => (a.type === 'event' ? `event:${a.name}` : ((a.channelData as { resync?: { messageKey?: string } })?.resync?.messageKey ?? '?')));
    };
    expect(await say('REQUEST')).toEqual(['handoff.noAgent']);
    return { h, say, seen, nextTexts };
  }

  it('Cancel: the hub says "let\'s carry on where we were" and hands the turn back as declined', async () => {
    const t = await offeredWithResume(true);
    expect(await t.say('Cancel')).toEqual(['handoff.offer.declinedResume']);
    expect(t.seen).toEqual(['declined']);
    expect(await t.h.hub.queue()).toEqual([]);
    // The offer is over: the next message is an ordinary turn.
    await t.say('ok lets keep going then');
    expect(t.seen).toEqual(['declined', undefined]);
  });

  it('Wait anyway: queued, handed back as waiting; Leave a message: handed back as message; goodbye: as goodbye', async () => {
    const waiting = await offeredWithResume(true);
    expect(await waiting.say('Wait anyway')).toEqual(['event:handoff.initiate', 'handoff.waiting.noEstimate']);
    expect(waiting.seen).toEqual(['waiting']);

    const message = await offeredWithResume(true);
    expect(await message.say('Leave a message')).toEqual(['handoff.leaveMessage.prompt']);
    expect(message.seen).toEqual(['message']);
    // The message itself is the hub's, never the dialogs'.
    expect(await message.say('Photos missing on my Mac')).toEqual(['handoff.leaveMessage.contact']);
    expect(message.seen).toEqual(['message']);

    const bye = await offeredWithResume(true);
    expect(await bye.say('thanks bye')).toEqual(['handoff.offer.goodbye']);
    expect(bye.seen).toEqual(['goodbye']);
  });

  it('without resumeStep the hub answers the offer itself and the dialogs never see that turn', async () => {
    const t = await offeredWithResume(false);
    expect(await t.say('Cancel')).toEqual(['handoff.offer.declined']);
    expect(t.seen).toEqual([]);
  });
});

describe('offer answer reading (unit)', () => {
  const choices = [
    { id: 'w', title: 'Wait anyway', synonyms: ['ill wait'] },
    { id: 'm', title: 'Leave a message', synonyms: [] },
    { id: 'c', title: 'Cancel', synonyms: ['stop'] },
  ];
  const phrases = { yes: ['yes', 'ok'], no: ['no', 'nope'], goodbye: ['bye', 'thanks bye'] };

  it('edit distance counts a swap as one', () => {
    expect(editDistance('cancle', 'cancel')).toBe(1);
    expect(editDistance('wait', 'wait')).toBe(0);
    expect(editDistance('abc', 'xyz')).toBe(3);
  });

  it('typos: close to one choice only; short words need to be exact', () => {
    expect(typoChoice(choices, 'leave a mesage')).toBe('m');
    expect(typoChoice(choices, 'stpo')).toBe('c');
    expect(typoChoice(choices, 'no')).toBeUndefined();
    expect(typoChoice(choices, 'something else')).toBeUndefined();
  });

  it('a sentence that only contains "no" somewhere is not a no', () => {
    expect(readOfferAnswer(choices, { text: 'I have no idea' }, phrases, ['w', 'm'])).toEqual({ kind: 'other' });
    expect(readOfferAnswer(choices, { text: 'no, not today' }, phrases, ['w', 'm'])).toEqual({ kind: 'no' });
    expect(readOfferAnswer(choices, { text: '7' }, phrases, ['w', 'm'])).toEqual({ kind: 'other' });
  });
});

/**
 * Tester round 3, item 7: "help" at one of the main dialog's own questions gives the help text and
 * then the same question again, with its buttons and what it already knew (the service, the
 * device, the problems waiting). In the tester's words through the real recogniser and content;
 * the did-you-mean menu, which the real recogniser only shows for some wordings, through the
 * keyword recogniser. Asserts message keys and choices, never wording or scores.
 */
import { TestAdapter, type Activity } from 'botbuilder';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import { useRealBot, type Say } from '../helpers/realBot';
import { harness, keys, last, realContent } from './helpers';

const bot = useRealBot('help-top');
const keysOf = (turns: ResyncChannelData[]) => turns.map((t) => t.messageKey);
const lastOf = (turns: ResyncChannelData[]) => turns[turns.length - 1]!;
const content = realContent();
const contacts = Object.values(content.playbooks).find((p) => p.service === 'contacts')!;
const notes = Object.values(content.playbooks).find((p) => p.service === 'notes')!;

/** A conversation of a given user (the real bot's own helper gives every conversation its own user). */
function talk(conversationId: string, userId: string): Say {
  const adapter = new TestAdapter((context) => bot.runtime.bot.run(context), {
    channelId: 'test',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: userId, name: 'User' },
    recipient: { id: 'bot', name: 'Resync' },
  });
  return async (text) => {
    await adapter.receiveActivity({ type: 'message', text });
    return adapter.activeQueue.splice(0).map((a: Partial<Activity>) => (a.channelData as { resync: ResyncChannelData }).resync);
  };
}

describe('"help" at "Which one is missing what should have synced?" (h3b/b03, h3a/a08)', () => {
  it('the help text, then the same question with the same buttons; "ipad" then starts contacts there', async () => {
    const say = bot.conversation('help-which-1');
    const asked = lastOf(await say('my contacts are different on my iphone and my ipad'));
    expect(asked.messageKey).toBe('device.which');
    const helped = await say('help');
    expect(keysOf(helped)).toEqual(['help', 'device.which']);
    expect(lastOf(helped).choices).toEqual(asked.choices);
    const started = await say('ipad');
    expect(keysOf(started)).not.toContain('device.whatProblem');
    expect(keysOf(started)).not.toContain('device.question');
    expect(started.find((r) => r.playbook)?.playbook).toBe(contacts.id);
  });

  it('"help" twice does not use up the retries: the device still starts the problem', async () => {
    const say = bot.conversation('help-which-2');
    await say('notes not syncing between iphone and mac');
    expect(keysOf(await say('help'))).toEqual(['help', 'device.which']);
    expect(keysOf(await say('can you help me?')).slice(-1)).toEqual(['device.which']);
    const started = await say('mac');
    expect(started.find((r) => r.playbook)?.playbook).toBe(notes.id);
    expect(keysOf(started)).not.toContain('device.question');
  });
});

describe('"help" at "What isn\'t syncing there?" (the problem list for a device)', () => {
  it('the list again for the same device; after "what does that mean?" a bare "1" still picks from it (h3a/a08)', async () => {
    const say = bot.conversation('help-there');
    const asked = lastOf(await say('mac'));
    expect(asked.messageKey).toBe('device.whatProblem');
    const helped = await say('help');
    expect(keysOf(helped)).toEqual(['help', 'device.whatProblem']);
    expect(lastOf(helped).choices).toEqual(asked.choices);
    const puzzled = await say('what does that mean?');
    expect(keysOf(puzzled)).not.toContain('notUnderstood.offer');
    const first = asked.choices![0].replace(/^intent:/, '');
    const started = await say('1');
    expect(keysOf(started)).not.toContain('notUnderstood.offer');
    expect(started.find((r) => r.playbook)?.playbook).toBe(content.playbooks[Object.keys(content.playbooks).find((id) => content.playbooks[id].intent === first)!].id);
    // The Mac named first is kept: no device question.
    expect(keysOf(started)).not.toContain('device.question');
  });

  it('the problem list after "it doesn\'t work": the list again', async () => {
    const say = bot.conversation('help-vague');
    const asked = lastOf(await say("it doesn't work"));
    const helped = await say('help');
    expect(keysOf(helped)).toEqual(['help', asked.messageKey]);
    expect(lastOf(helped).choices).toEqual(asked.choices);
  });
});

describe('"help" at the other questions of the main dialog', () => {
  it('"Is there anything else that isn\'t syncing?": asked again, and "no" is still the goodbye', async () => {
    const say = await bot.atFixedQuestion('help-more', 'my contacts are not syncing on my iphone');
    expect(keysOf(await say('1')).slice(-1)).toEqual(['wrapUp.more']);
    expect(keysOf(await say('help'))).toEqual(['help', 'wrapUp.more']);
    expect(keysOf(await say('no'))).toEqual(['goodbye']);
  });

  it('"You also mentioned …: shall we look at that now?": asked again, and yes starts the waiting problem', async () => {
    const say = await bot.atFixedQuestion('help-next', 'photos and contacts not syncing on my iphone');
    const offered = lastOf(await say('1'));
    expect(offered.messageKey).toBe('queue.offer');
    const helped = await say('help');
    expect(keysOf(helped)).toEqual(['help', 'queue.offer']);
    expect(lastOf(helped).choices).toEqual(offered.choices);
    const started = await say('1');
    expect(started.find((r) => r.playbook)?.playbook).toBe(contacts.id);
  });

  it('"On your iPhone again?": asked again, and yes starts there', async () => {
    const first = talk('help-again-1', 'user-help-again');
    await first('contacts not syncing on my iphone');
    const say = talk('help-again-2', 'user-help-again');
    const asked = lastOf(await say('my notes are not syncing'));
    expect(asked.messageKey).toBe('device.again');
    const helped = await say('help');
    expect(keysOf(helped)).toEqual(['help', 'device.again']);
    expect(lastOf(helped).choices).toEqual(asked.choices);
    const started = await say('yes');
    expect(started.find((r) => r.playbook)?.playbook).toBe(notes.id);
    expect(keysOf(started)).not.toContain('device.question');
  });

  it('"I\'m still not sure what you need" with the menu: the menu again', async () => {
    const say = bot.conversation('help-offer');
    await say('blorp');
    const asked = lastOf(await say('zzzz qqq'));
    expect(asked.messageKey).toBe('notUnderstood.offer');
    const helped = await say('help');
    expect(keysOf(helped)).toEqual(['help', 'notUnderstood.offer']);
    expect(lastOf(helped).choices).toEqual(asked.choices);
  });

  it('with nothing asked, "help" is the help text alone, as before', async () => {
    const say = bot.conversation('help-plain');
    expect(keysOf(await say('help'))).toEqual(['help']);
  });
});

describe('"help" at "Did you mean …?" (keyword recogniser)', () => {
  it('the same menu again; a pick then starts with the device the first message named', async () => {
    const h = harness();
    const asked = await h.say(`ambiguous ${notes.intent} ${contacts.intent} on my mac`);
    expect(keys(asked)).toEqual(['didYouMean']);
    const helped = await h.say('help');
    expect(keys(helped)).toEqual(['help', 'didYouMean']);
    expect(last(helped).resync?.choices).toEqual(last(asked).resync?.choices);
    const started = await h.say('1');
    expect(started.find((r) => r.resync?.playbook)?.resync?.playbook).toBe(notes.id);
    expect(keys(started)).not.toContain('device.question');
  });
});

/**
 * The bot around the engine: welcome, state saved every turn and nothing kept in the process,
 * cards vs numbered text by channel, and the turn error handler (apology, log, reset).
 */
import { ActivityTypes, MemoryStorage, type Activity } from 'botbuilder';
import { CHOICE_VALUE_KEY } from '../../src/dialogs/answers';
import { harness, keys, last, pick, realContent, record } from '../dialogs/helpers';

const content = realContent();
const playbook = Object.values(content.playbooks).find((p) => content.steps[p.steps[1]]?.question)!;

describe('welcome', () => {
  it('greets a person who joins, not the bot joining', async () => {
    const h = harness({ channelId: 'webchat' });
    await h.adapter.receiveActivity({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'bot', name: 'Resync' }] });
    expect(h.adapter.activeQueue.splice(0)).toEqual([]);
    await h.adapter.receiveActivity({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'bot', name: 'Resync' }, { id: 'user-1', name: 'User' }] });
    const sent = h.adapter.activeQueue.splice(0);
    expect(sent.map((a) => (a.channelData as { resync: { messageKey: string } }).resync.messageKey)).toEqual(['welcome']);
  });
});

describe('state', () => {
  it('is saved at the end of every turn, so a new bot instance carries on the conversation', async () => {
    const storage = new MemoryStorage();
    const h1 = harness({ storage });
    const replies = await h1.say(`${playbook.intent} on my iphone`);
    const stepId = last(replies).resync!.stepId!;
    // Another process (a fresh bot on the same storage) answers the next turn.
    const h2 = harness({ storage });
    const next = await h2.say(pick(replies, content.steps[stepId].question!.choices[0].id));
    expect(next[0].resync?.stepId).toBe(stepId);
    expect(keys(next)).not.toContain('answer.notUnderstood');
  });

  it('keeps conversations apart', async () => {
    const storage = new MemoryStorage();
    const a = harness({ storage, conversationId: 'a', userId: 'ua' });
    const b = harness({ storage, conversationId: 'b', userId: 'ub' });
    await a.say(`${playbook.intent} on my mac`);
    expect(keys(await b.say('2'))).toEqual(['notUnderstood']);
    expect((await record(a, 'a')).device).toBe('mac');
    expect((await record(b, 'b')).device).toBeUndefined();
  });
});

describe('rendering by channel', () => {
  it('web chat gets a card whose buttons send the title and the choice id', async () => {
    const h = harness({ channelId: 'webchat' });
    const replies = await h.say(`${playbook.intent} on my iphone`);
    const prompt = last(replies).activity as Activity;
    expect(prompt.attachments).toHaveLength(1);
    const card = prompt.attachments![0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.hero');
    const buttons = (card.content as { buttons: { title: string; value: Record<string, string> }[] }).buttons;
    const step = content.steps[last(replies).resync!.stepId!];
    expect(buttons.map((b) => b.title)).toEqual(step.question!.choices.map((c) => c.title));
    expect(buttons.map((b) => b.value[CHOICE_VALUE_KEY])).toEqual(step.question!.choices.map((c) => c.id));
    // Pressing a button (value only) is understood.
    const next = await h.say({ value: { [CHOICE_VALUE_KEY]: step.question!.choices[0].id } });
    expect(keys(next)).not.toContain('answer.notUnderstood');
  });

  it('an unknown channel gets numbered plain text and no attachments', async () => {
    const h = harness({ channelId: 'some-new-channel' });
    const replies = await h.say(`${playbook.intent} on my iphone`);
    const prompt = last(replies).activity as Activity;
    expect(prompt.attachments ?? []).toHaveLength(0);
    const step = content.steps[last(replies).resync!.stepId!];
    step.question!.choices.forEach((c, i) => expect(prompt.text).toContain(`${i + 1}. ${c.title}`));
  });
});

describe('turn errors', () => {
  it('apologise, log with the dialog stack and conversation id, and reset the dialogs', async () => {
    const h = harness({ explode: 'kaboom' });
    await h.say(`${playbook.intent} on my iphone`);
    const replies = await h.say('kaboom');
    expect(keys(replies)).toEqual(['error.apology']);
    expect(replies[0].text).not.toMatch(/Error|at |recogniser exploded/);
    const error = h.logs.find((l) => l.level === 'error');
    expect(error?.fields).toMatchObject({ conversationId: 'conv-1', dialogStack: ['resync.main', `playbook:${playbook.id}`] });
    // The next message works and starts afresh.
    expect(keys(await h.say('hello'))).toEqual(['greeting']);
    // The record survived the reset.
    expect((await record(h)).intent).toBe(playbook.intent);
  });
});

import { MemoryStorage } from 'botbuilder';
import { CHOICE_VALUE_KEY } from '../../src/dialogs/answers';
import { TEAMS_CARD_VERSION } from '../../src/dialogs/cards';
import { realContent } from '../dialogs/helpers';
import {
  BOT,
  CHANNEL_ID,
  GROUP_CONVERSATION,
  PERSONAL_CONVERSATION,
  adaptiveCardOf,
  cardSubmit,
  channelPost,
  groupMessage,
  installationUpdate,
  keysOf,
  personalMessage,
  teamMembersAdded,
  teamsHarness,
  type TeamsReply,
} from './teamsHarness';

const content = realContent();
const contacts = content.playbooks['contacts-not-syncing'];
const CONTACTS = `${contacts.intent} on my iphone`;

function lastPrompt(replies: TeamsReply[]): TeamsReply {
  const r = [...replies].reverse().find((x) => x.resync?.choices?.length);
  if (!r) throw new Error(`no prompt among ${keysOf(replies).join(', ')}`);
  return r;
}

/** Which question a prompt is: its step and message key. */
function where(r: TeamsReply): string {
  return `${r.resync?.step}:${r.resync?.messageKey}`;
}

async function storedKeys(storage: MemoryStorage): Promise<string[]> {
  // MemoryStorage keeps its items in `memory`.
  return Object.keys((storage as unknown as { memory: Record<string, unknown> }).memory);
}

describe('personal chat', () => {
  it('runs the whole flow; the question is an Adaptive Card 1.5 whose Action.Submit values every prompt understands', async () => {
    const h = teamsHarness();
    const replies = await h.send(personalMessage(CONTACTS));
    const prompt = lastPrompt(replies);
    expect(prompt.resync?.playbook).toBe(contacts.id);
    const card = adaptiveCardOf(prompt.activity);
    expect(card).toBeDefined();
    expect(card!.version).toBe(TEAMS_CARD_VERSION);
    expect(Number(card!.version)).toBeLessThanOrEqual(1.5);
    expect(prompt.activity.text).toBeUndefined();
    const step = content.steps[prompt.resync!.stepId!];
    expect(card!.actions!.map((a) => a.type)).toEqual(step.question!.choices.map(() => 'Action.Submit'));
    expect(card!.actions!.map((a) => a.title)).toEqual(step.question!.choices.map((c) => c.title));
    expect(card!.actions!.map((a) => a.data[CHOICE_VALUE_KEY])).toEqual(step.question!.choices.map((c) => c.id));
    // The card's title paragraph became a heading, the question its own block.
    expect(card!.body[0]).toMatchObject({ type: 'TextBlock', text: step.title, weight: 'Bolder', wrap: true });
    expect(prompt.activity.summary).toBe(step.title);

    // Pressing the first button: a message with only a value (what Teams sends for Action.Submit).
    const next = await h.send(cardSubmit(card!.actions![0].data, personalMessage('')));
    expect(keysOf(next)).not.toContain('answer.notUnderstood');
    expect(where(lastPrompt(next))).not.toBe(where(prompt));
  });

  it('step instructions come as a card with theme colours (no colour or background set)', async () => {
    const h = teamsHarness();
    const first = lastPrompt(await h.send(personalMessage(CONTACTS)));
    const step = content.steps[first.resync!.stepId!];
    // A choice that has its own instructions, with markdown list lines ("No, they use different ones").
    const withInstructions = step.question!.choices.find((c) => c.instructions && JSON.stringify(c.instructions).includes('Sign Out'));
    expect(withInstructions).toBeDefined();
    const replies = await h.send(cardSubmit({ [CHOICE_VALUE_KEY]: withInstructions!.id }, personalMessage('')));
    const instructions = replies.find((r) => r.resync?.messageKey === 'step.instructions');
    expect(instructions).toBeDefined();
    const card = adaptiveCardOf(instructions!.activity);
    expect(card).toBeDefined();
    expect(card!.version).toBe(TEAMS_CARD_VERSION);
    expect(instructions!.activity.text).toBeUndefined();
    expect(card!.body.every((b) => b.type === 'TextBlock' && b.wrap === true)).toBe(true);
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/"color"|"backgroundImage"|"style":"(emphasis|accent|good|warning|attention)"/);
    // The instruction text is all there (markdown list lines included).
    expect(card!.body.map((b) => b.text).join('\n')).toContain('Sign Out');
    // channelData.resync survives the rendering.
    expect(instructions!.resync?.step).toBe(`${contacts.id}/${step.id}`);
    // And the "did that fix it?" prompt after it is a card with buttons.
    expect(adaptiveCardOf(lastPrompt(replies).activity)?.actions?.length).toBeGreaterThan(1);
  });

  it('a pressed and understood card is replaced by its answered form (question, answer, no buttons)', async () => {
    const h = teamsHarness();
    const prompt = lastPrompt(await h.send(personalMessage(CONTACTS)));
    const card = adaptiveCardOf(prompt.activity)!;
    const update = jest.spyOn(h.adapter, 'updateActivity');
    const press = { ...cardSubmit(card.actions![1].data, personalMessage('')), replyToId: 'card-activity-7' };
    await h.send(press);
    expect(update).toHaveBeenCalledTimes(1);
    const updated = update.mock.calls[0][1];
    expect(updated.id).toBe('card-activity-7');
    expect(updated.conversation?.id).toBe(PERSONAL_CONVERSATION);
    const answered = adaptiveCardOf(updated)!;
    expect(answered.actions ?? []).toEqual([]);
    const texts = answered.body.map((b) => b.text).join('\n');
    expect(texts).toContain(card.body.map((b) => b.text).join('\n'));
    expect(texts).toContain(card.actions![1].title);

    // A press the bot does not understand (a stale or foreign value) leaves the card as it was.
    update.mockClear();
    await h.send({ ...cardSubmit({ [CHOICE_VALUE_KEY]: 'no-such-choice', resyncAnswer: 'Old', resyncPrompt: 'Old question' }, personalMessage('')), replyToId: 'card-activity-8' });
    expect(update).not.toHaveBeenCalled();
  });

  it('typing the answer still works', async () => {
    const h = teamsHarness();
    const prompt = lastPrompt(await h.send(personalMessage(CONTACTS)));
    const step = content.steps[prompt.resync!.stepId!];
    const next = await h.send(personalMessage(step.question!.choices[0].title));
    expect(keysOf(next)).not.toContain('answer.notUnderstood');
  });
});

describe('channels', () => {
  it('answers a post that @mentions the bot, recognises the text without the mention, and replies in the thread', async () => {
    const h = teamsHarness();
    const post = channelPost(CONTACTS, { mention: true });
    const replies = await h.send(post);
    expect(replies.length).toBeGreaterThan(0);
    expect(h.recognizer.texts[0]).toBe(CONTACTS);
    expect(h.recognizer.texts.join(' ')).not.toContain('<at>');
    for (const r of replies) {
      expect(r.activity.conversation?.id).toBe(`${CHANNEL_ID};messageid=${post.id}`);
      expect(r.activity.replyToId).toBe(post.id);
    }
    expect(lastPrompt(replies).resync?.playbook).toBe(contacts.id);
  });

  it('ignores a post without a mention: no reply, nothing recognised, nothing stored', async () => {
    const storage = new MemoryStorage();
    const h = teamsHarness({ storage });
    const replies = await h.send(channelPost(CONTACTS));
    expect(replies).toEqual([]);
    expect(h.recognizer.texts).toEqual([]);
    expect(await storedKeys(storage)).toEqual([]);
  });

  it('a card button pressed in the thread needs no mention and continues that thread', async () => {
    const h = teamsHarness();
    const post = channelPost(CONTACTS, { mention: true });
    const prompt = lastPrompt(await h.send(post));
    const card = adaptiveCardOf(prompt.activity)!;
    const press = cardSubmit(card.actions![0].data, channelPost('', { root: post.id }));
    const next = await h.send(press);
    expect(keysOf(next)).not.toContain('answer.notUnderstood');
    expect(where(lastPrompt(next))).not.toBe(where(prompt));
    for (const r of next) expect(r.activity.conversation?.id).toBe(`${CHANNEL_ID};messageid=${post.id}`);
  });

  it('keeps each thread its own conversation', async () => {
    const h = teamsHarness();
    const a = channelPost(CONTACTS, { mention: true });
    await h.send(a);
    // A second thread: a bare number means nothing there.
    const other = await h.send(channelPost('1', { mention: true }));
    expect(keysOf(other)).toEqual(['notUnderstood']);
    // The first thread still waits on its question.
    const reply = await h.send(channelPost('1', { mention: true, root: a.id }));
    expect(keysOf(reply)).not.toContain('notUnderstood');
    expect(keysOf(reply)).not.toContain('answer.notUnderstood');
  });

  it('a mention with no words gets the short welcome saying what it does', async () => {
    const h = teamsHarness();
    const replies = await h.send(channelPost('', { mention: true }));
    expect(keysOf(replies)).toEqual(['welcome']);
    expect(h.recognizer.texts).toEqual([]);
    expect(replies[0].activity.conversation?.id).toContain(';messageid=');
  });

  it('a root post whose conversation id has no thread part still gets a threaded reply', async () => {
    const h = teamsHarness();
    const post = channelPost(CONTACTS, { mention: true });
    post.conversation = { ...post.conversation!, id: CHANNEL_ID };
    const replies = await h.send(post);
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(r.activity.conversation?.id).toBe(`${CHANNEL_ID};messageid=${post.id}`);
  });
});

describe('group chats', () => {
  it('answer only when @mentioned, in the chat itself', async () => {
    const h = teamsHarness();
    expect(await h.send(groupMessage(CONTACTS, false))).toEqual([]);
    const replies = await h.send(groupMessage(CONTACTS, true));
    expect(lastPrompt(replies).resync?.playbook).toBe(contacts.id);
    for (const r of replies) expect(r.activity.conversation?.id).toBe(GROUP_CONVERSATION);
    expect(h.recognizer.texts).toEqual([CONTACTS]);
  });
});

describe('installation and membership', () => {
  it('installing in a personal chat sends one short welcome', async () => {
    const h = teamsHarness();
    const replies = await h.send(installationUpdate('personal'));
    expect(keysOf(replies)).toEqual(['welcome']);
    expect(replies[0].activity.conversation?.id).toBe(PERSONAL_CONVERSATION);
    expect(replies[0].activity.text).toContain(content.messages.welcome as string);
  });

  it('adding the app to a team or a group chat, or upgrading it, says nothing', async () => {
    const h = teamsHarness();
    expect(await h.send(installationUpdate('team'))).toEqual([]);
    expect(await h.send(installationUpdate('groupChat'))).toEqual([]);
    expect(await h.send(installationUpdate('personal', 'add-upgrade'))).toEqual([]);
    expect(await h.send(installationUpdate('personal', 'remove'))).toEqual([]);
  });

  it('conversationUpdate in a team (the bot or a person added) says nothing', async () => {
    const h = teamsHarness();
    expect(await h.send(teamMembersAdded([{ id: BOT.id }]))).toEqual([]);
    expect(await h.send(teamMembersAdded([{ id: '29:new-colleague' }]))).toEqual([]);
  });

  it('other channels are untouched: a web chat member joining still gets the welcome', async () => {
    const h = teamsHarness();
    const replies = await h.send({
      type: 'conversationUpdate',
      channelId: 'webchat',
      conversation: { id: 'wc-1' } as never,
      recipient: { id: 'bot', name: 'Resync' },
      from: { id: 'u1', name: 'User' },
      membersAdded: [{ id: 'u1', name: 'User' }],
    });
    expect(keysOf(replies)).toEqual(['welcome']);
    expect(replies[0].activity.attachments ?? []).toHaveLength(0);
  });
});

/**
 * A step question the first message already answers (playbook `stepOptions.<step>.answerFromUtterance`):
 * "i forgot my apple id password" says what happens at sign-in, so the sign-in playbook shows the
 * forgotten-password instructions without asking "What happens when you try to sign in?";
 * "i cant sign in to icloud" says nothing about it, so the question is asked. Through the real
 * recogniser and content, and with the keyword harness for the edges (tie, negation, a redacted secret).
 */
import { TestAdapter, type Activity } from 'botbuilder';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import { useRealBot } from '../helpers/realBot';
import { harness, keys, last, pick, realContent, record, type Reply } from './helpers';

const content = realContent();
const playbook = content.playbooks['sign-in-problem'];
const stepId = 'account-access';
const step = content.steps[stepId];
const choice = (id: string) => step.question!.choices.find((c) => c.id === id)!;
/** The first words of a choice's text for a platform, without markup or placeholders. */
function opening(text: string): string {
  return text.replace(/\*\*/g, '').split(/\n/)[0].replace(/\{[a-zA-Z]+\}.*/, '').slice(0, 30);
}

const bot = useRealBot('first-answer');
let n = 0;
interface Turn {
  text: string;
  resync: ResyncChannelData;
}
function conversation(): (text: string) => Promise<Turn[]> {
  const adapter = new TestAdapter((context) => bot.runtime.bot.run(context), {
    channelId: 'test',
    conversation: { id: `first-answer-${++n}`, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: `user-first-answer-${n}`, name: 'User' },
    recipient: { id: 'bot', name: 'Resync' },
  });
  return async (text) => {
    await adapter.receiveActivity({ type: 'message', text });
    return adapter.activeQueue.splice(0).map((a: Partial<Activity>) => ({
      text: a.text ?? (a.attachments?.[0]?.content as { text?: string } | undefined)?.text ?? '',
      resync: (a.channelData as { resync: ResyncChannelData }).resync,
    }));
  };
}

describe('the first message answers the sign-in question (real recogniser)', () => {
  it('"i forgot my apple id password" + iPhone: the forgotten-password instructions, no question', async () => {
    expect(playbook.stepOptions?.[stepId]?.answerFromUtterance).toBe(true);
    const say = conversation();
    const first = await say('i forgot my apple id password');
    expect(first[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: playbook.id });
    expect(first[first.length - 1].resync.messageKey).toBe('device.question');
    const replies = await say('iphone');
    const atStep = replies.filter((r) => r.resync.stepId === stepId);
    expect(atStep.map((r) => r.resync.messageKey)).toEqual(['step.instructions', 'fixed.question']);
    expect(replies.map((r) => r.resync.messageKey)).not.toContain('step.question');
    expect(atStep[0].text).toContain(step.title);
    expect(atStep[0].text.replace(/\*\*/g, '')).toContain(opening(choice('forgot-password').instructions!.ios!));
  });

  it('"i cant sign in to icloud on my iphone": the question is asked', async () => {
    const say = conversation();
    const replies = await say('i cant sign in to icloud on my iphone');
    expect(replies[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: playbook.id });
    expect(replies[replies.length - 1].resync).toMatchObject({ messageKey: 'step.question', stepId });
  });
});

describe('matching the first message (keyword harness)', () => {
  it('a missing code in the first message: that choice\'s instructions, and "still not" goes on recorded not-fixed', async () => {
    const h = harness();
    const replies = await h.say(`${playbook.intent}: on my mac i never get the code`);
    expect(keys(replies)).not.toContain('step.question');
    const shown = replies.find((r) => r.resync?.stepId === stepId && r.resync.messageKey === 'step.instructions')!;
    expect(shown.text.replace(/\*\*/g, '')).toContain(opening((choice('no-code').instructions!.mac ?? choice('no-code').instructions!.all)!));
    await h.say(pick(replies, 'not-fixed'));
    expect((await record(h)).steps.find((s) => s.step === stepId)).toMatchObject({ outcome: 'not-fixed' });
  });

  it('a negated phrase is not an answer ("i did not forget my password")', async () => {
    const h = harness();
    const replies = await h.say(`${playbook.intent} on my iphone, i did not forget my password`);
    expect(last(replies).resync).toMatchObject({ messageKey: 'step.question', stepId });
  });

  it('two cases at once (a tie) is no answer: the question is asked', async () => {
    const h = harness();
    const replies = await h.say(`${playbook.intent} on my iphone: spinning and locked`);
    expect(last(replies).resync).toMatchObject({ messageKey: 'step.question', stepId });
  });

  it('"not sure" in the first message does not pick "I\'m not sure" (only a specific case counts)', async () => {
    const h = harness();
    const replies = await h.say(`${playbook.intent} on my iphone, not sure why`);
    expect(last(replies).resync).toMatchObject({ messageKey: 'step.question', stepId });
  });

  it('the first message is kept redacted in state, and still matched', async () => {
    const h = harness();
    const replies: Reply[] = await h.say(`${playbook.intent} on my iphone, forgot my password, my password is Hunter2!xyz`);
    expect(keys(replies)).not.toContain('step.question');
    const stored = JSON.stringify(await h.storage.read([`test/conversations/conv-1/`]));
    expect(stored).not.toContain('Hunter2');
  });
});

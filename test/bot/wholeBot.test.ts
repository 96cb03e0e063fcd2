/**
 * A few whole-bot transcripts through createRuntime with the real recogniser, the real content and
 * a fixture status feed: what people actually type, end to end. Asserts step ids and message keys.
 */
import { useRealBot, type Say } from '../helpers/realBot';

const bot = useRealBot('bot');
const conversation = (id: string): Say => bot.conversation(id);

describe('whole bot with the real recogniser', () => {
  it('photos on a Mac: status clear, then steps, "nope still broken", then fixed', async () => {
    const say = conversation('t1');
    const first = await say('my photos stopped syncing to my mac');
    expect(first[0]).toMatchObject({ messageKey: 'playbook.intro', playbook: 'photos-not-syncing' });
    expect(first.map((r) => r.messageKey)).toContain('status.allClear');
    const question = first[first.length - 1];
    expect(question.messageKey).toBe('step.question');
    const second = await say("I'm not sure");
    expect(second[second.length - 1]).toMatchObject({ messageKey: 'fixed.question', stepId: question.stepId });
    const third = await say('nope still broken');
    expect(third[0].stepId).not.toBe(question.stepId);
    // Walk on until a fixed? prompt and say it works.
    let replies = third;
    for (let i = 0; i < 6 && replies[replies.length - 1].messageKey !== 'fixed.question'; i++) replies = await say('1');
    expect(replies[replies.length - 1].messageKey).toBe('fixed.question');
    const done = await say('yes it works now');
    expect(done.map((r) => r.messageKey)).toEqual(['playbook.wrapUp', 'wrapUp.more']);
  });

  it('help and "talk to a person" interrupt a step question', async () => {
    const say = conversation('t2');
    const first = await say('my contacts are not syncing to my iphone');
    expect(first[0].playbook).toBe('contacts-not-syncing');
    const help = await say('what can you do? help');
    expect(help.map((r) => r.messageKey)).toEqual(['help', 'step.question']);
    const person = await say('can I talk to a real person please');
    // The handoff step asks the agent hub; with no agent account configured nobody could ever take
    // the chat, so it says so and offers to leave a message (no "wait").
    expect(person[person.length - 1]).toMatchObject({ messageKey: 'handoff.noAccounts' });
  });

  it('start over ends the flow and asks again what is not syncing; small talk gets short replies', async () => {
    const say = conversation('t3');
    expect((await say('hello'))[0].messageKey).toBe('greeting');
    await say('icloud drive files are not syncing on my windows pc');
    // Only the start-over question: "I've stopped here" is for a plain cancel.
    expect((await say('start over')).map((r) => r.messageKey)).toEqual(['startOver.question']);
  });
});

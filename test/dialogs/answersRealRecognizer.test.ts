/**
 * The exploratory tester's answers at "Did that fix it?", through createRuntime with the real
 * recogniser and content: the recogniser reads several of them as cancel or goodbye, and the
 * dialog must still take them as answers (or ask again), never stop or claim a fix.
 */
import { realContent } from './helpers';
import { useRealBot, type Say } from '../helpers/realBot';

const content = realContent();
let n = 0;
const bot = useRealBot('answers');

function conversation(): Say {
  return bot.conversation(`answers-${++n}`);
}

/** "My photos aren't syncing on my iPhone", then the first step's continue answer: at "Did that fix it?". */
async function atFixedPrompt(): Promise<{ say: Say; stepId: string }> {
  const say = conversation();
  let replies = await say('photos not syncing on my iphone');
  for (let i = 0; i < 4 && replies[replies.length - 1].messageKey === 'step.question'; i++) {
    const prompt = replies[replies.length - 1];
    const step = content.steps[prompt.stepId!];
    const go = step.question!.choices.findIndex((c) => c.action === 'continue');
    replies = await say(String(go + 1));
  }
  const prompt = replies[replies.length - 1];
  expect(prompt.messageKey).toBe('fixed.question');
  return { say, stepId: prompt.stepId! };
}

describe('answers the recogniser misreads', () => {
  it.each(['restarted it, still not syncing', 'did the restart, no luck', 'restart didnt help', 'stopped and restarted, same problem'])(
    '"%s" is "not fixed", not cancel',
    async (text) => {
      const { say, stepId } = await atFixedPrompt();
      const replies = await say(text);
      const keys = replies.map((r) => r.messageKey);
      expect(keys).not.toContain('cancel.done');
      expect(keys).not.toContain('cancel.confirm');
      expect(replies.some((r) => r.stepId !== undefined && r.stepId !== stepId)).toBe(true);
    },
    30_000,
  );

  it.each(['not sure', 'ok', 'ok done that', 'later', 'i dont know', 'nothing works!!!', 'it works but only on wifi', 'yes but only some photos'])(
    '"%s" is never taken as fixed',
    async (text) => {
      const { say } = await atFixedPrompt();
      const keys = (await say(text)).map((r) => r.messageKey);
      expect(keys).not.toContain('playbook.wrapUp');
      expect(keys).not.toContain('help');
      expect(keys).not.toContain('cancel.done');
    },
    30_000,
  );

  it('plain commands still work inside a question', async () => {
    const stop = await atFixedPrompt();
    expect((await stop.say('cancel')).map((r) => r.messageKey)).toContain('cancel.done');
    const help = await atFixedPrompt();
    // Help at a step is about that step's prompt.
    expect((await help.say('help')).map((r) => r.messageKey)).toEqual(['step.help', 'fixed.question']);
  }, 30_000);
});

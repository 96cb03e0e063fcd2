/**
 * Messages at a step's question that are not answers (tester round 3, items 1, 3, 4, 9 and 10),
 * in the tester's own words through the whole bot (createRuntime, the real recogniser and content):
 * a correction that starts with "no" but names another problem, being stuck on the step, "one sec",
 * a question the bot can't answer, and "oops, wrong button".
 */
import { TestAdapter, type Activity } from 'botbuilder';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import type { TroubleshootingRecord } from '../../src/dialogs/troubleshootingRecord';
import { buildSummary } from '../../src/handoff/handoffSummary';
import { useRealBot } from '../helpers/realBot';
import { realContent } from './helpers';
import { goesOnChoice } from '../helpers/goesOn';

const bot = useRealBot('not-answers');
const content = realContent();
let n = 0;

/** A reply's channelData.resync with its text. */
type Reply = ResyncChannelData & { text: string };
type Say = (text: string) => Promise<Reply[]>;

const keys = (replies: Reply[]) => replies.map((r) => r.messageKey);
const last = (replies: Reply[]) => replies[replies.length - 1];

/** A personal conversation on the `test` channel with the real bot (as realBot's, with the texts). */
function conversation(id: string): Say {
  const adapter = new TestAdapter((context) => bot.runtime.bot.run(context), {
    channelId: 'test',
    conversation: { id, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: `user-${id}`, name: 'User' },
    recipient: { id: 'bot', name: 'Resync' },
  });
  adapter.onTurnError = (context, error) => bot.runtime.bot.onTurnError(context, error);
  return async (text) => {
    await adapter.receiveActivity({ type: 'message', text });
    return adapter.activeQueue.splice(0).map((a: Partial<Activity>) => ({ ...(a.channelData as { resync: ResyncChannelData }).resync, text: a.text ?? '' }));
  };
}

/** The number of a choice id in a prompt's buttons. */
function pick(prompt: Reply, choiceId: string): string {
  const i = prompt.choices?.indexOf(choiceId) ?? -1;
  if (i < 0) throw new Error(`no choice ${choiceId} in ${JSON.stringify(prompt)}`);
  return String(i + 1);
}

interface Conversation {
  id: string;
  say: Say;
  /** The replies to the last message sent while getting there. */
  at: Reply[];
}

/**
 * A new conversation that starts with `first`, then answers "No, still not" at "Did that fix it?"
 * and each step question with its "continue" choice until `stepId` asks `messageKey`.
 */
async function reach(first: string, stepId: string, messageKey: 'step.question' | 'fixed.question'): Promise<Conversation> {
  const id = `not-answers-${++n}`;
  const say = conversation(id);
  let replies = await say(first);
  for (let i = 0; i < 12; i++) {
    const p = last(replies);
    if (p.stepId === stepId && p.messageKey === messageKey) return { id, say, at: replies };
    if (p.messageKey === 'fixed.question') replies = await say(pick(p, 'not-fixed'));
    else if (p.messageKey === 'step.question') {
      const step = content.steps[p.stepId!]!;
      replies = await say(String(step.question!.choices.indexOf(goesOnChoice(step.question!.choices)) + 1));
    } else throw new Error(`unexpected ${p.messageKey} on the way to ${stepId}`);
  }
  throw new Error(`never reached ${stepId} ${messageKey}`);
}

async function recordOf(conversation: string): Promise<TroubleshootingRecord> {
  const key = `test/conversations/${conversation}/`;
  const stored = await bot.runtime.storage.read([key]);
  return (stored[key] as { troubleshooting: TroubleshootingRecord }).troubleshooting;
}

describe('item 1: a correction that starts with "no" and names another problem', () => {
  it('"no, sorry, it\'s actually my photos that aren\'t syncing" at the Apple Account question offers the switch, no sign-out', async () => {
    const c = await reach('my contacts are not syncing on my iphone', 'apple-id', 'step.question');
    const replies = await c.say("no, sorry, it's actually my photos that aren't syncing");
    expect(keys(replies)).toEqual(['switch.offer']);
    expect(replies.some((r) => r.messageKey === 'step.instructions')).toBe(false);
    const started = await c.say(pick(replies[0], 'switch'));
    expect(started.some((r) => r.playbook === 'photos-not-syncing')).toBe(true);
    expect((await recordOf(c.id)).intent).toBe('photos-not-syncing');
  }, 30_000);

  it('"actually no it\'s my calendar" at "Did that fix it?" after the Mac sign-out offers the switch; "no, keep going" asks again, nothing recorded', async () => {
    const c = await reach('contacts not syncing on my mac', 'apple-id', 'step.question');
    const signOut = await c.say(pick(last(c.at), 'different'));
    expect(last(signOut)).toMatchObject({ messageKey: 'fixed.question', stepId: 'apple-id' });
    const before = (await recordOf(c.id)).steps.length;
    const offer = await c.say("actually no it's my calendar");
    expect(keys(offer)).toEqual(['switch.offer']);
    expect(offer[0].choices).toEqual(['switch', 'stay']);
    const stay = await c.say(pick(offer[0], 'stay'));
    expect(last(stay)).toMatchObject({ messageKey: 'fixed.question', stepId: 'apple-id' });
    expect((await recordOf(c.id)).steps.length).toBe(before);
  }, 30_000);

  it('a plain "no", or "no" with the choice\'s own words, still answers', async () => {
    for (const text of ['no', 'no, they use different ones', 'nope, different accounts']) {
      const c = await reach('contacts not syncing on my iphone', 'apple-id', 'step.question');
      expect(keys(await c.say(text))).toEqual(['step.instructions', 'fixed.question']);
    }
  }, 60_000);
});

describe('items 3 and 9: stuck on the step gets help, never a goodbye or "didn\'t catch that"', () => {
  it.each([
    "I can't find See All, where is it?",
    "what's See All?",
    "it's all greyed out",
    "I can't find it",
    "can't find that setting",
    "I don't have that option",
    "it's greyed out",
    "I don't see my name at the top",
    'how do I do that?',
  ])('"%s" at "Did that fix it?" after the toggles step: menus differ, the step again, a person, the same question', async (text) => {
    const c = await reach('my contacts are not syncing on my iphone', 'service-toggles', 'fixed.question');
    const question = last(c.at);
    const replies = await c.say(text);
    expect(keys(replies)).toEqual(['stuck.intro', 'step.instructions', 'stuck.person', 'fixed.question']);
    expect(replies.every((r) => r.stepId === 'service-toggles')).toBe(true);
    expect(last(replies).choices).toEqual(question.choices);
    expect((await recordOf(c.id)).steps.map((s) => s.outcome)).not.toContain('user-left');
  }, 30_000);

  it('repeats the step\'s own text for this device, and never counts as a miss', async () => {
    const c = await reach('my contacts are not syncing on my iphone', 'service-toggles', 'fixed.question');
    const shown = c.at.find((r) => r.messageKey === 'step.instructions' && r.stepId === 'service-toggles')!;
    expect(shown.text).toContain('See All');
    for (const text of ["I can't find it", "it's greyed out", 'how do I do that?']) {
      const replies = await c.say(text);
      const again = replies.find((r) => r.messageKey === 'step.instructions')!;
      // The step's own text, without its title (shown once already).
      expect(shown.text.endsWith(again.text)).toBe(true);
      expect(again.text).toContain('See All');
    }
    // Three stuck messages in a row, then a real miss: the first miss, not the hint or the way out.
    expect(keys(await c.say('purple elephant'))).toEqual(['answer.notUnderstood', 'fixed.question']);
  }, 30_000);

  it('at a step\'s own question too ("I can\'t find it" at the Apple Account question), with that step\'s text', async () => {
    const c = await reach('contacts not syncing on my iphone', 'apple-id', 'step.question');
    const replies = await c.say("I can't find it");
    expect(keys(replies)).toEqual(['stuck.intro', 'step.instructions', 'stuck.person', 'step.question']);
    expect(last(replies)).toMatchObject({ stepId: 'apple-id', choices: last(c.at).choices });
  }, 30_000);

  it('"I can\'t find my photos" names a problem, not a step: not the stuck help', async () => {
    const c = await reach('my contacts are not syncing on my iphone', 'service-toggles', 'fixed.question');
    expect(keys(await c.say("I can't find my photos"))).not.toContain('stuck.intro');
  }, 30_000);
});

describe('item 9: "one sec" keeps the question pending', () => {
  it.each(['wait', 'one sec', 'give me a minute', 'let me check', 'brb', 'still checking', 'ok, one sec'])('"%s": take your time, with the same buttons', async (text) => {
    const c = await reach('my contacts are not syncing on my iphone', 'service-toggles', 'fixed.question');
    const replies = await c.say(text);
    expect(keys(replies)).toEqual(['wait.ack']);
    expect(replies[0]).toMatchObject({ stepId: 'service-toggles', choices: last(c.at).choices });
  }, 30_000);

  it('waiting three times is no miss, and the answer after it is taken', async () => {
    const c = await reach('my contacts are not syncing on my iphone', 'service-toggles', 'fixed.question');
    for (const text of ['one sec', 'still checking', 'give me a minute']) expect(keys(await c.say(text))).toEqual(['wait.ack']);
    expect(keys(await c.say('purple elephant'))).toEqual(['answer.notUnderstood', 'fixed.question']);
    const next = await c.say(pick(last(c.at), 'not-fixed'));
    expect(next.some((r) => r.stepId === 'network')).toBe(true);
  }, 30_000);
});

describe('item 4: a question the bot can\'t answer never moves the playbook on', () => {
  // Since questions.yaml, a question one of its entries covers gets that answer instead of "a person can".
  it.each([
    ['will I lose my contacts if I sign out?', 'question.losing-data'],
    ['how long does a backup take?', 'question.cantAnswer'],
    ['do you need my apple id?', 'question.cantAnswer'],
    ['do I need to type my apple id password somewhere?', 'question.cantAnswer'],
  ])('"%s" at "Did that fix it?" after the sign-out: %s, the same question again', async (text, answer) => {
    const c = await reach('contacts not syncing on my iphone', 'apple-id', 'step.question');
    const question = last(await c.say(pick(last(c.at), 'different')));
    const before = await recordOf(c.id);
    const replies = await c.say(text);
    expect(keys(replies)).toEqual([answer, 'fixed.question']);
    expect(last(replies)).toMatchObject({ messageKey: 'fixed.question', stepId: 'apple-id', choices: question.choices });
    const after = await recordOf(c.id);
    expect(after.steps).toEqual(before.steps);
    expect(after.intent).toBe('contacts-not-syncing');
  }, 30_000);

  it('"how much does 200gb cost?" at the storage question is not "didn\'t catch that"', async () => {
    const c = await reach('my contacts are not syncing on my iphone', 'storage', 'step.question');
    const replies = await c.say('how much does 200gb cost?');
    // Where the plans and their local prices are shown (the question's howTo, round 7), then the question again.
    expect(keys(replies)).toEqual(['step.howTo', 'step.question']);
    expect(last(replies).stepId).toBe('storage');
  }, 30_000);

  it('a question that is a known command or the status still works', async () => {
    const c = await reach('contacts not syncing on my iphone', 'apple-id', 'step.question');
    const status = await c.say('is icloud down?');
    expect(keys(status)).toContain('status.asideResume');
    expect(keys(status)).not.toContain('question.cantAnswer');
    const person = await c.say('can I talk to a person?');
    expect(person.some((r) => r.stepId === 'contact-support')).toBe(true);
  }, 30_000);
});

describe('item 10: a wrong tap can be undone right after', () => {
  it('"oops wrong button, I meant the same account" after "No, they use different ones": back to that question, taken as the same account', async () => {
    const c = await reach('contacts not syncing on my ipad', 'apple-id', 'step.question');
    const signOut = await c.say(pick(last(c.at), 'different'));
    expect(keys(signOut)).toEqual(['step.instructions', 'fixed.question']);
    const replies = await c.say('oops wrong button, I meant the same account');
    expect(replies[0]).toMatchObject({ messageKey: 'undo.done', stepId: 'apple-id' });
    // The same-account text (the sign-in check), not the sign-out instructions again.
    const instructions = replies.find((r) => r.messageKey === 'step.instructions')!;
    expect(instructions.text).not.toContain('Sign Out');
    expect(signOut[0].text).toContain('Sign Out');
    expect(last(replies)).toMatchObject({ messageKey: 'fixed.question', stepId: 'apple-id' });
  }, 30_000);

  it.each(['go back', 'undo', 'oops wrong button'])('"%s" after a wrong answer: the question and its buttons again', async (text) => {
    const c = await reach('contacts not syncing on my ipad', 'apple-id', 'step.question');
    const question = last(c.at);
    await c.say(pick(question, 'different'));
    const replies = await c.say(text);
    expect(keys(replies)).toEqual(['undo.done', 'step.question']);
    expect(last(replies)).toMatchObject({ stepId: 'apple-id', choices: question.choices });
    // Answered right this time.
    expect(keys(await c.say(pick(question, 'same')))).toEqual(['step.instructions', 'fixed.question']);
  }, 30_000);

  it('a wrong "No, still not" is not recorded: the agent summary does not list the step', async () => {
    const c = await reach('contacts not syncing on my iphone', 'service-toggles', 'fixed.question');
    const question = last(c.at);
    const before = (await recordOf(c.id)).steps.length;
    const moved = await c.say(pick(question, 'not-fixed'));
    expect(moved.some((r) => r.stepId === 'network')).toBe(true);
    expect((await recordOf(c.id)).steps.map((s) => s.step)).toContain('service-toggles');
    const replies = await c.say('oops, wrong button');
    expect(replies[0]).toMatchObject({ messageKey: 'undo.done', stepId: 'service-toggles' });
    expect(last(replies)).toMatchObject({ messageKey: 'fixed.question', stepId: 'service-toggles', choices: question.choices });
    const record = await recordOf(c.id);
    expect(record.steps.length).toBe(before);
    expect(buildSummary({ record }).steps.map((s) => s.step)).not.toContain('service-toggles');
    // "Yes, it's syncing" is then taken for this step.
    const fixed = await c.say(pick(question, 'fixed'));
    expect(keys(fixed)).toContain('playbook.wrapUp');
    expect((await recordOf(c.id)).steps.pop()).toMatchObject({ step: 'service-toggles', outcome: 'fixed' });
  }, 30_000);

  it('"oops, it works now" after a wrong "No, still not": that step fixed it', async () => {
    const c = await reach('contacts not syncing on my iphone', 'service-toggles', 'fixed.question');
    await c.say(pick(last(c.at), 'not-fixed'));
    const replies = await c.say('oops, it works now');
    expect(keys(replies).slice(0, 2)).toEqual(['undo.done', 'playbook.wrapUp']);
    const steps = (await recordOf(c.id)).steps.filter((s) => s.step === 'service-toggles' || s.step === 'network');
    expect(steps.map((s) => `${s.step}:${s.outcome}`)).toEqual(['service-toggles:fixed']);
  }, 30_000);

  it('only one level back, and only right after the answer', async () => {
    const c = await reach('contacts not syncing on my iphone', 'apple-id', 'step.question');
    await c.say(pick(last(c.at), 'different'));
    expect(keys(await c.say('go back'))).toEqual(['undo.done', 'step.question']);
    // Nothing left to undo: not "back" again.
    expect(keys(await c.say('go back'))).not.toContain('undo.done');
  }, 30_000);
});

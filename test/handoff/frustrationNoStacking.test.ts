/**
 * The frustration offer never leaves two questions open at once: when the bot's answer only asks
 * the open question again, the offer takes the re-prompt's place (the question is still above and
 * still waiting); when the answer asks something new, that question stands and no offer is made.
 */
import { MemoryStorage } from 'botbuilder';
import { HUB_CHOICES, HUB_KEYS, type ConversationDoc } from '../../src/handoff/hubService';
import type { Reply } from '../dialogs/helpers';
import { AGENT_A, hubHarness, replyKeys } from './hubHarness';

const FRUSTRATED = 'this is useless, NOTHING WORKS!!';

/** The replies of a turn that ask something (a prompt waits for an answer). */
function questions(replies: Reply[]): Reply[] {
  return replies.filter((r) => r.activity.inputHint === 'expectingInput');
}

async function atStepQuestion(storage = new MemoryStorage()) {
  const h = hubHarness({ storage });
  await h.hub.agentSeen(AGENT_A);
  const p = h.person('c1');
  const first = await p.say('photos-not-syncing on my iphone');
  const open = questions(first);
  expect(open).toHaveLength(1);
  expect(open[0].resync?.messageKey).toBe('step.question');
  return { h, p, open: open[0] };
}

describe('frustration offer and the open question', () => {
  it('a re-prompt is replaced by the offer: one question in the turn, and no "didn\'t catch that" before it', async () => {
    const { p } = await atStepQuestion();
    const r = await p.say(FRUSTRATED);
    expect(questions(r).map((q) => q.resync?.messageKey)).toEqual(['handoff.frustration.offer']);
    expect(replyKeys(r)).not.toContain('step.question');
    expect(replyKeys(r)).toEqual(['handoff.frustration.offer']);
  });

  it('"Keep trying" leaves the step question waiting: its button still answers it', async () => {
    const { p, open } = await atStepQuestion();
    await p.say(FRUSTRATED);
    expect(replyKeys(await p.say('Keep trying'))).toEqual(['handoff.frustration.keepTrying']);
    const choice = open.resync!.choices![0];
    const answered = await p.say({ text: '1', value: { resyncChoice: choice } });
    expect(replyKeys(answered)).not.toContain('answer.notUnderstood');
    expect(replyKeys(answered)).not.toContain('handoff.frustration.offer');
    expect(answered.length).toBeGreaterThan(0);
  });

  it('an answer that moves on to a new question gets no offer on top; the next re-prompt gets it', async () => {
    const { p } = await atStepQuestion();
    // Frustrated, but an answer ("yes" picks the step's first choice): the next question stands alone.
    const moved = await p.say('yes!! this is useless');
    expect(questions(moved).map((q) => q.resync?.messageKey)).toEqual(['fixed.question']);
    expect(replyKeys(moved)).not.toContain('handoff.frustration.offer');
    // Nothing new asked this time: the offer replaces the re-prompt of "Did that fix it?".
    const again = await p.say('ugh, this is useless!!!');
    expect(questions(again).map((q) => q.resync?.messageKey)).toEqual(['handoff.frustration.offer']);
    expect(replyKeys(again)).not.toContain('fixed.question');
  });

  it('no offer under a question asked in words ("Is there anything else that isn\'t syncing?" after a fix)', async () => {
    const { p, open } = await atStepQuestion();
    const fixQuestion = await p.say({ text: '1', value: { resyncChoice: open.resync!.choices![0] } });
    expect(questions(fixQuestion).map((q) => q.resync?.messageKey)).toEqual(['fixed.question']);
    const fixed = await p.say('yes it works now, finally!! this was so useless');
    expect(replyKeys(fixed).slice(-1)).toEqual(['wrapUp.more']);
    expect(replyKeys(fixed)).not.toContain('handoff.frustration.offer');
  });

  it('never two questions in one turn over a frustrated conversation', async () => {
    const { p } = await atStepQuestion();
    for (const text of [FRUSTRATED, 'Keep trying', 'still not working!!', 'this is pointless', 'useless!!!', 'i give up', 'NOTHING WORKS']) {
      expect(questions(await p.say(text)).length).toBeLessThanOrEqual(1);
    }
  });

  it('the open question is kept in storage: another instance on the same storage replaces the re-prompt too', async () => {
    const storage = new MemoryStorage();
    await atStepQuestion(storage);
    const doc = (await storage.read([HUB_KEYS.conversation('c1')]))[HUB_KEYS.conversation('c1')] as ConversationDoc & Record<string, unknown>;
    expect(doc.openPrompt).toMatch(/^step\.question\|/);
    const other = hubHarness({ storage });
    const r = await other.person('c1').say(FRUSTRATED);
    expect(questions(r).map((q) => q.resync?.messageKey)).toEqual(['handoff.frustration.offer']);
    expect(questions(r)[0].resync?.choices).toEqual([HUB_CHOICES.talkToPerson, HUB_CHOICES.keepTrying]);
  });

  it('the held re-prompt is sent after all when no offer follows (a calm message gets the question again)', async () => {
    const { p, open } = await atStepQuestion();
    const r = await p.say('which one do you mean');
    expect(questions(r).map((q) => q.resync?.messageKey)).toEqual([open.resync?.messageKey]);
  });
});

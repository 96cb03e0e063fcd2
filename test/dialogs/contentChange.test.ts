/**
 * A playbook edited while a conversation is in it: carry on by step id when the step still exists,
 * otherwise restart the playbook with a short note; a removed playbook starts over. Never crashes.
 */
import { MemoryStorage } from 'botbuilder';
import { PlaybookDialog } from '../../src/dialogs/playbookDialog';
import { editContent, harness, keys, last, pick, realContent, record } from './helpers';

const content = realContent();
const playbook = Object.values(content.playbooks).find((p) => content.steps[p.steps[1]]?.question && p.steps.length > 3)!;
const questionStep = playbook.steps[1];

/** A conversation waiting at the "did that fix it?" prompt of the playbook's second step. */
async function inFlow() {
  const storage = new MemoryStorage();
  const h = harness({ storage });
  const replies = await h.say(`${playbook.intent} on my iphone`);
  const step = content.steps[questionStep];
  const atFixed = await h.say(pick(replies, step.question!.choices.find((c) => c.action === 'continue')!.id));
  expect(last(atFixed).resync).toMatchObject({ messageKey: 'fixed.question', stepId: questionStep });
  return { storage };
}

describe('content changes mid-conversation', () => {
  it('the dialog version is the content hash, not id:stepCount', () => {
    const edited = editContent(content, (c) => {
      c.steps[questionStep].title = c.steps[questionStep].title + ' (edited)';
    });
    const before = new PlaybookDialog(content.playbooks[playbook.id], undefined as never).getVersion();
    const after = new PlaybookDialog(edited.playbooks[playbook.id], undefined as never).getVersion();
    expect(edited.playbooks[playbook.id].steps.length).toBe(playbook.steps.length);
    expect(after).not.toBe(before);
  });

  it('an edited step that still exists: the answer counts and the flow goes on, no note', async () => {
    const { storage } = await inFlow();
    const edited = editContent(content, (c) => {
      c.steps[questionStep].instructions = { all: 'New wording for {device}.' };
    });
    const h2 = harness({ storage, content: edited });
    const replies = await h2.say('2'); // "No, still not"
    expect(keys(replies)).not.toContain('playbook.changed');
    expect(replies[0].resync?.stepId).toBe(playbook.steps[2]);
    const rec = await record(h2);
    expect(rec.steps[rec.steps.length - 1]).toMatchObject({ step: questionStep, outcome: 'not-fixed' });
  });

  it('steps reordered: continues at the same step id in its new place', async () => {
    const { storage } = await inFlow();
    const edited = editContent(content, (c) => {
      const pb = c.playbooks[playbook.id];
      // Move the current step one later.
      const [a, b] = [pb.steps[1], pb.steps[2]];
      pb.steps[1] = b;
      pb.steps[2] = a;
    });
    const h2 = harness({ storage, content: edited });
    const replies = await h2.say('2');
    expect(keys(replies)).not.toContain('playbook.changed');
    expect(replies[0].resync?.stepId).toBe(edited.playbooks[playbook.id].steps[3]);
  });

  it('the current step removed: restarts the playbook with a note', async () => {
    const { storage } = await inFlow();
    const edited = editContent(content, (c) => {
      const pb = c.playbooks[playbook.id];
      pb.steps = pb.steps.filter((s) => s !== questionStep);
    });
    const h2 = harness({ storage, content: edited });
    const replies = await h2.say('2');
    expect(replies[0].resync?.messageKey).toBe('playbook.changed');
    expect(replies[0].text).toContain(playbook.title);
    expect(replies.slice(1).some((r) => r.resync?.stepId === edited.playbooks[playbook.id].steps[0])).toBe(true);
  });

  it('the question removed from the current step: shows the step again without crashing', async () => {
    const storage = new MemoryStorage();
    const h = harness({ storage });
    await h.say(`${playbook.intent} on my iphone`); // waiting at the question
    const edited = editContent(content, (c) => {
      delete c.steps[questionStep].question;
    });
    const h2 = harness({ storage, content: edited });
    const replies = await h2.say('1');
    expect(keys(replies)).toEqual(['step.instructions', 'fixed.question']);
    expect(last(replies).resync?.stepId).toBe(questionStep);
  });

  it('the whole playbook removed: the conversation starts over', async () => {
    const { storage } = await inFlow();
    const edited = editContent(content, (c) => {
      delete c.playbooks[playbook.id];
    });
    const h2 = harness({ storage, content: edited });
    expect(keys(await h2.say('hello'))).toEqual(['greeting']);
    expect(h2.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});

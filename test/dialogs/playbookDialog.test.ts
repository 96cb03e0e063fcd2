/**
 * Every playbook of the real content, driven through the whole bot with a keyword recogniser:
 * fixed at each step, and every step failing until contact support. Assertions use step ids and
 * message keys from channelData.resync, never wording.
 */
import type { Content } from '../../src/content/loadContent';
import type { Step } from '../../src/content/playbookSchema';
import { editContent, harness, keys, last, pick, realContent, record, type BotHarness, type Reply } from './helpers';
import { goesOnChoice } from '../helpers/goesOn';

const content = realContent();
/** Playbooks that end at the handoff step (not the status-only answer, tested in statusPlaybook.test.ts). */
const playbooks = Object.values(content.playbooks).filter((p) => p.handoff !== false);
const askDevices = content.devices.filter((d) => d.ask).map((d) => d.id);


/** The first question choice that goes on to the instructions. */
function continueChoice(step: Step): string {
  const c = step.question ? goesOnChoice(step.question.choices) : undefined;
  if (!c) throw new Error(`step ${step.id} has no continue choice`);
  return c.id;
}

/**
 * Answers prompts until the bot stops asking: at `fixAt` (a step id) says it is fixed, elsewhere
 * that it is not. Returns the step ids seen, in order, and every reply.
 */
async function walk(h: BotHarness, first: Reply[], fixAt?: string): Promise<{ steps: string[]; replies: Reply[] }> {
  const steps: string[] = [];
  const all: Reply[] = [...first];
  let replies = first;
  for (let turn = 0; turn < 40; turn++) {
    for (const r of replies) if (r.resync?.stepId && steps[steps.length - 1] !== r.resync.stepId) steps.push(r.resync.stepId);
    const prompt = last(replies);
    const key = prompt.resync?.messageKey;
    const stepId = prompt.resync?.stepId ?? '';
    let answer: string;
    if (key === 'step.question') {
      const step = content.steps[stepId];
      answer = pick(replies, continueChoice(step));
    } else if (key === 'fixed.question') {
      answer = pick(replies, stepId === fixAt ? 'fixed' : 'not-fixed');
    } else if (key === 'status.pauseQuestion') {
      answer = pick(replies, 'continue');
    } else if (key === 'step.elsewhere') {
      // The service does not exist on this device: carry on with the first device offered, where
      // the steps start again.
      answer = '1';
      steps.length = 0;
    } else {
      return { steps, replies: all };
    }
    replies = await h.say(answer);
    all.push(...replies);
  }
  throw new Error('conversation did not end');
}

/** Steps that show instructions and ask "did that fix it?" for this platform (not skipped). */
function askingSteps(content: Content, playbookId: string): string[] {
  return content.playbooks[playbookId].steps.filter((id) => content.steps[id].kind === 'instruction');
}

describe.each(playbooks.map((p) => [p.id, p] as const))('playbook %s', (id, playbook) => {
  const handoffStep = playbook.steps[playbook.steps.length - 1];

  it.each(askDevices)('every step fails on %s: it goes through the steps in order and ends at the handoff step', async (device) => {
    const h = harness();
    const first = await h.say(`${playbook.intent} on my ${device}`);
    expect(first[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: id });
    const { steps, replies } = await walk(h, first);
    // Steps appear in the playbook's order; skipped ones may be missing, none are invented.
    const order = steps.map((s) => playbook.steps.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const end = last(replies);
    expect(end.resync).toMatchObject({ step: `${id}/${handoffStep}`, messageKey: 'step.instructions' });
    const rec = await record(h);
    expect(rec.intent).toBe(playbook.intent);
    const movedTo = replies.find((r) => r.resync?.messageKey === 'step.elsewhere')?.resync?.choices?.[0];
    expect(rec.device).toBe(movedTo ?? device);
    expect(rec.steps.map((s) => s.step)).toEqual(playbook.steps);
    expect(rec.steps[rec.steps.length - 1].outcome).toBe('support-options');
    expect(rec.steps.some((s) => s.outcome === 'fixed')).toBe(false);
    expect(rec.steps.every((s) => s.playbook === id && s.at === '2026-03-10T15:30:00.000Z')).toBe(true);
  });

});

const fixCases = playbooks.flatMap((p) => askingSteps(content, p.id).map((s) => [p.id, s] as const));

describe.each(fixCases)('playbook %s fixed at step %s', (id, stepId) => {
  const playbook = content.playbooks[id];
  it('wraps up and stops there', async () => {
    // The first device the step applies to (a step may be `skip` on some platforms).
    for (const device of askDevices) {
      const h = harness();
      const first = await h.say(`${playbook.intent} on my ${device}`);
      const { steps, replies } = await walk(h, first, stepId);
      const rec = await record(h);
      const visited = rec.steps.map((s) => s.step);
      if (rec.steps.find((s) => s.step === stepId)?.outcome === 'skipped') continue;
      expect(steps[steps.length - 1]).toBe(stepId);
      expect(keys(replies).slice(-2)).toEqual(['playbook.wrapUp', 'wrapUp.more']);
      expect(replies[replies.length - 2].resync?.step).toBe(`${id}/${stepId}`);
      expect(rec.steps[rec.steps.length - 1]).toMatchObject({ step: stepId, outcome: 'fixed' });
      expect(visited).toEqual(playbook.steps.slice(0, playbook.steps.indexOf(stepId) + 1));
      return;
    }
    throw new Error(`step ${stepId} is skipped on every device`);
  });
});

describe('answers to "Did that fix it?"', () => {
  /** Reaches the first fixed? prompt of the photos playbook on an iPhone. */
  async function atFixedPrompt(): Promise<{ h: BotHarness; stepId: string }> {
    const h = harness();
    const pb = Object.values(content.playbooks).find((p) => p.steps.some((s) => content.steps[s].question))!;
    let replies = await h.say(`${pb.intent} on my iphone`);
    while (last(replies).resync?.messageKey !== 'fixed.question') {
      const p = last(replies);
      if (p.resync?.messageKey === 'step.question') replies = await h.say(pick(replies, continueChoice(content.steps[p.resync.stepId!])));
      else throw new Error(`unexpected ${p.resync?.messageKey}`);
    }
    return { h, stepId: last(replies).resync!.stepId! };
  }

  const yes = content.messages['fixed.yes'] as string;
  const no = content.messages['fixed.no'] as string;
  it.each([
    ['yep', 'fixed'],
    ['it works now', 'fixed'],
    ['1', 'fixed'],
    [yes, 'fixed'],
    ['nope still broken', 'not-fixed'],
    ['2', 'not-fixed'],
    [no, 'not-fixed'],
  ])('"%s" means %s', async (answer, outcome) => {
    const { h, stepId } = await atFixedPrompt();
    const replies = await h.say(answer);
    const rec = await record(h);
    expect(rec.steps[rec.steps.length - 1]).toMatchObject({ step: stepId, outcome });
    if (outcome === 'fixed') expect(keys(replies)).toContain('playbook.wrapUp');
    else expect(replies.some((r) => r.resync?.stepId && r.resync.stepId !== stepId)).toBe(true);
  });

  it('"3" gives the contact-support options and keeps the place (the step shown is recorded as tried, not left)', async () => {
    const { h, stepId } = await atFixedPrompt();
    const before = (await record(h)).steps.length;
    const replies = await h.say('3');
    expect(last(replies).resync?.stepId).toBe('contact-support');
    const rec = await record(h);
    expect(rec.steps.slice(before)).toEqual([
      expect.objectContaining({ step: stepId, outcome: 'not-fixed' }),
      expect.objectContaining({ step: 'contact-support', outcome: 'support-options' }),
    ]);
  });

  it('a card button value is understood', async () => {
    const { h } = await atFixedPrompt();
    const replies = await h.say({ value: { resyncChoice: 'fixed' } });
    expect(keys(replies)).toContain('playbook.wrapUp');
  });

  it('keeps the first problem utterance, device and service in the record', async () => {
    const { h } = await atFixedPrompt();
    const rec = await record(h);
    expect(rec.firstUtterance).toMatch(/on my iphone$/);
    expect(rec.device).toBe('iphone');
  });
});

describe('question branches and platform skips', () => {
  const pb = Object.values(content.playbooks).find((p) => p.steps.includes('storage') && p.steps.indexOf('storage') > 0 && content.steps[p.steps[1]].question)!;
  /** Content where the first question step's choices and texts are edited. */
  async function atFirstQuestion(edit?: (c: Content) => void) {
    const c = edit ? editContent(content, edit) : content;
    const h = harness({ content: c });
    const replies = await h.say(`${pb.intent} on my iphone`);
    expect(last(replies).resync?.messageKey).toBe('step.question');
    return { h, replies, stepId: last(replies).resync!.stepId!, c };
  }

  it('a choice with action skip moves on without instructions (outcome skipped)', async () => {
    const { h, replies, stepId } = await atFirstQuestion((c) => {
      c.steps[pb.steps[1]].question!.choices[1].action = 'skip';
    });
    const choice = content.steps[stepId].question!.choices[1].id;
    const next = await h.say(pick(replies, choice));
    expect(next.every((r) => r.resync?.stepId !== stepId)).toBe(true);
    expect((await record(h)).steps.pop()).toMatchObject({ step: stepId, outcome: 'skipped' });
  });

  it('a choice with action fixed wraps up at once', async () => {
    const { h, replies, stepId } = await atFirstQuestion((c) => {
      c.steps[pb.steps[1]].question!.choices[0].action = 'fixed';
    });
    const next = await h.say(pick(replies, content.steps[stepId].question!.choices[0].id));
    expect(keys(next)).toEqual(['playbook.wrapUp', 'wrapUp.more']);
    expect((await record(h)).steps.pop()).toMatchObject({ step: stepId, outcome: 'fixed' });
  });

  it("a choice's own instructions replace the step's", async () => {
    const { h, replies, stepId } = await atFirstQuestion((c) => {
      c.steps[pb.steps[1]].question!.choices[0].instructions = { ios: 'Choice text for {device}.' };
    });
    const next = await h.say(pick(replies, content.steps[stepId].question!.choices[0].id));
    expect(next[0]).toMatchObject({ text: 'Choice text for iPhone.', resync: { messageKey: 'step.instructions', stepId } });
  });

  it("service overrides replace the step's text for that service", async () => {
    const stepId = pb.steps[1];
    const { h, replies } = await atFirstQuestion((c) => {
      c.steps[stepId].services = { [pb.service ?? c.services[0].id]: { ios: 'Service text.' } };
      c.playbooks[pb.id].service = pb.service ?? c.services[0].id;
    });
    const notSure = content.steps[stepId].question!.choices.find((x) => !x.instructions && x.action === 'continue')!;
    const next = await h.say(pick(replies, notSure.id));
    expect(next[0].text).toBe('Service text.');
  });

  it('a step whose text for the platform is skip is passed over (outcome skipped)', async () => {
    const target = pb.steps[2];
    const c = editContent(content, (x) => {
      x.steps[target].instructions = { ...x.steps[target].instructions, ios: 'skip' };
      if (x.steps[target].question) x.steps[target].question!.text = { all: x.steps[target].question!.text.all ?? 'Q?', ios: 'skip' };
    });
    const h = harness({ content: c });
    const first = await h.say(`${pb.intent} on my iphone`);
    const { steps } = await walk(h, first);
    expect(steps).not.toContain(target);
    expect((await record(h)).steps.find((s) => s.step === target)?.outcome).toBe('skipped');
  });
});

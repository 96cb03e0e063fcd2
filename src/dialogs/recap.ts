/**
 * "What have we tried so far?" (messages.yaml `synonyms.recap`): the checks gone through in this
 * conversation, from the troubleshooting record, in the person's words (messages.yaml `recap.*`),
 * grouped by problem, and where we are now. The agent gets the same record as a summary
 * (src/handoff/handoffSummary.ts); this is the person's view of it. Pure: reads the engine's
 * content and messages, never sends.
 */
import { lastOutcomes } from '../handoff/handoffSummary';
import { isOnlyPhrase, mentionsPhrase } from './answers';
import type { Engine } from './engine';
import type { MessageKey } from './messages';
import type { StepRecord, TroubleshootingRecord } from './troubleshootingRecord';

/** True when the message asks what has been tried so far ("what have we tried?", "recap please"). */
export function asksForRecap(engine: Engine, text: string): boolean {
  const m = engine.messages;
  return mentionsPhrase(m.list('synonyms.recap'), text, true) || isOnlyPhrase(m.list('synonyms.recapAlone'), m.list('synonyms.acknowledge'), text);
}

/** Where the conversation is now: the problem (playbook id), the device (id) and the step (id), when known. */
export interface RecapPlace {
  playbookId?: string;
  device?: string;
  stepId?: string;
}

/** One step of the record in the person's words (`earlier`: an earlier problem went through it), or undefined for outcomes that say nothing tried (left, handed over). */
function stepLine(engine: Engine, step: StepRecord, earlier: boolean): string | undefined {
  const content = engine.content.steps[step.step];
  const title = content?.title ?? step.step;
  const answer = step.answer ? content?.question?.choices.find((c) => c.id === step.answer)?.title : undefined;
  const say = (key: MessageKey, vars: Record<string, string> = {}) => engine.messages.text(key, { step: title, ...vars });
  if (step.outcome === 'skipped' && !answer && earlier) return say('recap.checkedEarlier');
  // The status check is skipped only when the feed could not be read: never "done" then.
  if (content?.kind === 'status') return say(step.outcome === 'skipped' ? 'recap.statusUnavailable' : 'recap.status');
  switch (step.outcome) {
    case 'fixed':
      return say('recap.fixed');
    case 'partly-fixed':
      return say('recap.partly');
    case 'not-fixed':
      return answer ? say('recap.triedAnswered', { answer }) : say('recap.tried');
    case 'skipped':
      return answer ? say('recap.checked', { answer }) : say('recap.skipped');
    default:
      return undefined;
  }
}

/**
 * The recap's text, or undefined when the record holds no step at all (nothing to recap). Each
 * problem's steps under a line naming it (and the device, for the one under way), then the step now
 * under way, when there is one.
 */
export function recapText(engine: Engine, record: TroubleshootingRecord, place: RecapPlace): string | undefined {
  const steps = lastOutcomes(record.steps).filter((s) => !(s.playbook === place.playbookId && s.step === place.stepId));
  const blocks: string[] = [];
  const problems = [...new Set(steps.map((s) => s.playbook))];
  for (const playbookId of problems) {
    // A step skipped here because an earlier problem went through it ("checked earlier"), not by the person.
    const seenBefore = new Set(steps.filter((s) => problems.indexOf(s.playbook) < problems.indexOf(playbookId)).map((s) => s.step));
    const said = steps
      .filter((s) => s.playbook === playbookId)
      .map((s) => stepLine(engine, s, seenBefore.has(s.step)))
      .filter((l): l is string => l !== undefined);
    if (said.length === 0) continue;
    const problem = engine.content.playbooks[playbookId]?.title ?? playbookId;
    const device = playbookId === place.playbookId ? engine.device(place.device)?.label : undefined;
    const intro = device ? engine.messages.text('recap.introDevice', { problem, device }) : engine.messages.text('recap.intro', { problem });
    blocks.push(`${intro}\n\n${said.map((l) => `- ${l}`).join('\n')}`);
  }
  const now = place.stepId ? engine.content.steps[place.stepId]?.title : undefined;
  if (blocks.length === 0) return now ? engine.messages.text('recap.nothingYet', { step: now }) : undefined;
  if (now) blocks.push(engine.messages.text('recap.now', { step: now }));
  return blocks.join('\n\n');
}

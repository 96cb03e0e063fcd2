import { InputHints, type Activity } from 'botbuilder';
import { CHOICE_VALUE_KEY, type PromptChoice } from '../../src/dialogs/answers';
import { adaptiveCard, adaptiveCardBody, promptActivity, renderForTeams, resyncData, textActivity, TEAMS_PRIMARY_BUTTONS } from '../../src/dialogs/cards';
import { adaptiveCardOf } from './teamsHarness';

const choices = (n: number): PromptChoice[] => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, title: `Choice ${i}`, synonyms: [] }));

describe('Adaptive Cards for Teams', () => {
  it('a bold first paragraph becomes a heading, other paragraphs wrap; a lone bold line stays text', () => {
    expect(adaptiveCardBody('**Restart**\n\nHold the button.\n- one\n- two\n\nThen try again.')).toEqual([
      { type: 'TextBlock', text: 'Restart', weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: 'Hold the button.\n- one\n- two', wrap: true, spacing: 'Medium' },
      { type: 'TextBlock', text: 'Then try again.', wrap: true, spacing: 'Medium' },
    ]);
    expect(adaptiveCardBody('**Just this**')).toEqual([{ type: 'TextBlock', text: '**Just this**', wrap: true }]);
  });

  it('buttons beyond the primary ones go to the overflow menu; the fallback text numbers every choice', () => {
    const card = adaptiveCard('Which one?', choices(TEAMS_PRIMARY_BUTTONS + 2)) as { actions: { mode?: string; data: Record<string, string> }[]; fallbackText: string };
    expect(card.actions.filter((a) => a.mode === 'secondary')).toHaveLength(2);
    expect(card.actions.slice(0, TEAMS_PRIMARY_BUTTONS).every((a) => a.mode === undefined)).toBe(true);
    expect(card.actions.map((a) => a.data[CHOICE_VALUE_KEY])).toEqual(choices(TEAMS_PRIMARY_BUTTONS + 2).map((c) => c.id));
    expect(card.fallbackText).toContain(`${TEAMS_PRIMARY_BUTTONS + 2}. Choice ${TEAMS_PRIMARY_BUTTONS + 1}`);
  });

  it('msteams prompts are Adaptive Cards; other channels keep hero cards or numbered text', () => {
    const data = resyncData('fixed.question', { playbook: 'p', stepId: 's' }, choices(3));
    const teams = promptActivity('msteams', 'Did that fix it?', choices(3), data);
    expect(adaptiveCardOf(teams)).toBeDefined();
    expect(teams.inputHint).toBe(InputHints.ExpectingInput);
    expect((teams.channelData as { resync: unknown }).resync).toEqual(data);
    expect(promptActivity('webchat', 'Did that fix it?', choices(3), data).attachments![0].contentType).toBe('application/vnd.microsoft.card.hero');
    expect(promptActivity('sms', 'Did that fix it?', choices(3), data).attachments ?? []).toHaveLength(0);
  });

  it('renderForTeams turns step instructions into a card and leaves other messages alone', () => {
    const instructions = textActivity('**Check storage**\n\nOpen Settings.', resyncData('step.instructions', { playbook: 'p', stepId: 's' }));
    const card = renderForTeams(instructions);
    expect(card.text).toBeUndefined();
    expect(adaptiveCardOf(card)!.body.map((b) => b.text)).toEqual(['Check storage', 'Open Settings.']);
    expect(card.summary).toBe('Check storage');
    expect(card.channelData).toEqual(instructions.channelData);

    const plain = textActivity('Hello', resyncData('greeting'));
    expect(renderForTeams(plain)).toBe(plain);
    const untagged: Partial<Activity> = { type: 'message', text: 'x' };
    expect(renderForTeams(untagged)).toBe(untagged);
  });
});

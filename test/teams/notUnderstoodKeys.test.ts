/**
 * A pressed Teams card keeps its buttons when the bot's answer to the press was a "not
 * understood" reply of any kind: the Teams layer reads the dialogs' one list (NOT_UNDERSTOOD_KEYS,
 * src/dialogs/messages.ts), so a reply added there ("Let's take one device at a time…",
 * "There's no option 4 here…") is known here too without a second list to keep in step.
 */
import { TestAdapter, type Activity } from 'botbuilder';
import type { ResyncBotApp } from '../../src/app/types';
import { CHOICE_VALUE_KEY } from '../../src/dialogs/answers';
import { resyncData, textActivity, TEAMS_ANSWER_KEY, TEAMS_PROMPT_KEY } from '../../src/dialogs/cards';
import { NOT_UNDERSTOOD_KEYS } from '../../src/dialogs/messages';
import { silentLogger } from '../../src/logging/logger';
import { createTeamsAwareBot } from '../../src/teams/teamsAwareBot';
import { realContent } from '../dialogs/helpers';
import { cardSubmit, personalMessage } from './teamsHarness';

const content = realContent();

/** The Teams layer around a bot that answers every message with one reply of `key`. */
function layerAround(key: string) {
  const bot: ResyncBotApp = {
    run: async (context) => {
      await context.sendActivity(textActivity(`reply ${key}`, resyncData(key)));
    },
    onTurnError: async () => undefined,
  };
  const teams = createTeamsAwareBot(bot, { content, logger: silentLogger });
  const adapter = new TestAdapter((context) => teams.run(context));
  const update = jest.spyOn(adapter, 'updateActivity').mockResolvedValue(undefined);
  return { adapter, update };
}

function press(): Partial<Activity> {
  const value = { [CHOICE_VALUE_KEY]: 'all', [TEAMS_ANSWER_KEY]: 'All of them', [TEAMS_PROMPT_KEY]: 'Which device is giving you trouble?' };
  return { ...cardSubmit(value, personalMessage('')), replyToId: 'card-activity-1' };
}

describe('the Teams layer and the replies that mean "not understood"', () => {
  // answer.unclearDevice and answer.outOfRange were missing from the layer's own old list.
  it.each([...NOT_UNDERSTOOD_KEYS, 'notUnderstood'])('after "%s" the pressed card keeps its buttons', async (key) => {
    const { adapter, update } = layerAround(key);
    await adapter.receiveActivity(press());
    expect(update).not.toHaveBeenCalled();
  });

  it('an understood press (any other reply) is replaced by its answered form', async () => {
    const { adapter, update } = layerAround('step.instructions');
    await adapter.receiveActivity(press());
    expect(update).toHaveBeenCalledTimes(1);
    expect(update.mock.calls[0][1].id).toBe('card-activity-1');
  });
});

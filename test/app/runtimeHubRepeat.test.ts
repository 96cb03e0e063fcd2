/**
 * createRuntime hands the engine's messages (synonyms.repeat, synonyms.help) to the agent hub, so
 * "what was that again?" at a hub offer shows the offer again in the assembled bot, not only in the
 * hub's own harness. Without that wiring the phrase reached the bot and got its start-of-chat answer.
 */
import { useRealBot } from '../helpers/realBot';

const bot = useRealBot('hub-repeat');

describe('the assembled runtime: repeat at the offer of a person', () => {
  it('"what was that again?" after "talk to a person" (no agent accounts) shows the same offer with the same buttons', async () => {
    const say = bot.conversation('hub-repeat-1');
    await say('my contacts stopped syncing on my iphone');
    const offer = await say('talk to a person');
    const last = offer[offer.length - 1];
    expect(last.messageKey).toMatch(/^handoff\./);
    const again = await say('what was that again?');
    expect(again.map((r) => r.messageKey)).toEqual([last.messageKey]);
    expect(again[0].choices).toEqual(last.choices);
  });
});

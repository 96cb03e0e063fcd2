/**
 * "Did you mean …?" with one problem offered (and "Something else") is a yes/no question too:
 * "sí" / "yes" picks the problem, keeping the device the first message named; "nope" is
 * "something else". The tester's Spanish message, through the real recogniser and content.
 */
import { useRealBot } from '../helpers/realBot';

const bot = useRealBot('did-you-mean-one');
const FIRST = 'hola, mis contactos no se sincronizan en el mac';

async function atOneChoiceMenu(id: string) {
  const say = bot.conversation(id);
  const replies = await say(FIRST);
  const menu = replies[replies.length - 1]!;
  expect(menu.messageKey).toBe('didYouMean');
  expect(menu.choices).toEqual(['intent:contacts-not-syncing', 'something-else']);
  return say;
}

describe('a one-problem "Did you mean"', () => {
  it.each(['sí', 'yes', 'yep'])('"%s" starts that problem on the device already named', async (answer) => {
    const say = await atOneChoiceMenu(`dym-one-${answer}`);
    const replies = await say(answer);
    expect(replies.some((r) => r.playbook === 'contacts-not-syncing' && r.messageKey === 'playbook.intro')).toBe(true);
    expect(replies.map((r) => r.messageKey)).not.toContain('device.question');
  });

  it('"nope" asks for it in other words', async () => {
    const say = await atOneChoiceMenu('dym-one-nope');
    expect((await say('nope')).map((r) => r.messageKey)).toEqual(['didYouMean.somethingElse']);
  });
});

/**
 * The catch-all playbook (`general: true`, "iCloud not syncing") is not where a message goes that
 * names one service with a playbook of its own, and a complaint the recogniser cannot place ("it
 * doesn't work") gets the problem list, not "Sorry, I didn't get that". Real recogniser and content;
 * asserts what happens, never what the classifier scored.
 */
import { useRealBot } from '../helpers/realBot';

const bot = useRealBot('general-named');

describe('a general complaint that names one service starts that service\'s playbook', () => {
  it.each([
    ['📸 not syncing', 'photos-not-syncing'],
    ["my icloud drive isnt syncing on my ipad", 'drive-not-syncing'],
  ])('%s → %s, with no "Did you mean"', async (text, playbook) => {
    const say = bot.conversation(`gn-${playbook}`);
    const replies = await say(text);
    expect(replies.map((r) => r.messageKey)).not.toContain('didYouMean');
    expect(replies.some((r) => r.playbook === playbook)).toBe(true);
  });

  it('a service without a playbook of its own (Messages) stays with the general playbook', async () => {
    const say = bot.conversation('gn-messages');
    const replies = await say('messages not syncing on my mac');
    expect(replies.some((r) => r.playbook === 'sync-not-working')).toBe(true);
  });

  it('a vague complaint with no service stays general', async () => {
    const say = bot.conversation('gn-vague');
    const replies = await say('my icloud is broken');
    expect(replies.some((r) => r.playbook === 'sync-not-working')).toBe(true);
  });
});

describe('a complaint the recogniser does not place', () => {
  it.each(["it doesn't work", 'nothing works anymore', "it still won't go"])('"%s" gets the list of problems', async (text) => {
    const say = bot.conversation(`gn-complaint-${text.length}`);
    const replies = await say(text);
    const last = replies[replies.length - 1]!;
    expect(replies.map((r) => r.messageKey)).not.toContain('notUnderstood');
    expect(replies.map((r) => r.messageKey)).not.toContain('goodbye');
    expect(last.choices?.length ?? 0).toBeGreaterThan(1);
  });
});

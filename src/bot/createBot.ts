// PLACEHOLDER until the dialog engine lands (issue 4): greets, helps, admits it does not understand.
import { ActivityHandler } from 'botbuilder';
import type { BotDeps } from '../app/types';

export function createBot(deps: BotDeps): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const r = deps.recognizer.recognize(context.activity.text ?? '');
    if (/^\s*(hi|hello|hey)\b/i.test(context.activity.text ?? '') || r.intent === 'greeting') {
      await context.sendActivity('Hi! I am Resync. Tell me what is not syncing with iCloud.');
    } else if (r.intent === 'help') {
      await context.sendActivity('I help get iCloud syncing working again.');
    } else {
      await context.sendActivity("Sorry, I didn't understand that yet.");
    }
    await next();
  });
  return bot;
}

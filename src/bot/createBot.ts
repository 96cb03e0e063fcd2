// PLACEHOLDER until the dialog engine lands (issue 4): greets, helps, admits it does not understand.
import { ActivityHandler } from 'botbuilder';
import type { BotDeps, ResyncBotApp } from '../app/types';

export function createBot(deps: BotDeps): ResyncBotApp {
  const handler = new ActivityHandler();
  handler.onMessage(async (context, next) => {
    const r = deps.recognizer.recognize(context.activity.text ?? '');
    if (/^\s*(hi|hello|hey)\b/i.test(context.activity.text ?? '') || r.intent === 'greeting') {
      await context.sendActivity('Hi! I am Resync. Tell me what is not syncing with iCloud.');
    } else {
      await context.sendActivity("Sorry, I didn't understand that yet.");
    }
    await next();
  });
  return {
    run: (context) => handler.run(context),
    onTurnError: async (context, error) => {
      deps.logger.error('turn failed', { conversationId: context.activity.conversation?.id, error });
      await context.sendActivity('Sorry, something went wrong on my side. Please try again.');
    },
  };
}

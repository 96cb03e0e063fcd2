/** Small bots for CLI tests: they echo what they got and offer buttons of every kind. */
import { ActivityHandler, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { ResyncBotApp } from '../../src/app/types';

export interface Received {
  type: string;
  text?: string;
  value?: unknown;
  channelId: string;
  conversationId: string;
}

/** Offers a hero card (imBack + postBack), an Adaptive Card (Action.Submit) and suggested actions. */
export function buttonBot(received: Received[] = []): ResyncBotApp & { errors: unknown[] } {
  const handler = new ActivityHandler();
  const errors: unknown[] = [];
  const record = (context: TurnContext) =>
    received.push({
      type: context.activity.type,
      text: context.activity.text,
      value: context.activity.value,
      channelId: context.activity.channelId,
      conversationId: context.activity.conversation.id,
    });
  handler.onConversationUpdate(async (context, next) => {
    record(context);
    await context.sendActivity(MessageFactory.text('welcome', undefined, 'expectingInput'));
    await next();
  });
  handler.onMessage(async (context, next) => {
    record(context);
    if (context.activity.text === 'boom') throw new Error('kaboom');
    if (context.activity.text === 'nothing') return next();
    await context.sendActivities([
      { type: 'typing' },
      { type: 'delay', value: 5 },
      {
        type: 'message',
        text: `got ${context.activity.text ?? ''}`,
        channelData: { resync: { step: 'check-switch' } },
        attachments: [
          CardFactory.heroCard('Which device?', undefined, [
            { type: 'imBack', title: 'iPhone', value: 'my iphone' },
            { type: 'postBack', title: 'Mac', value: { device: 'mac' } },
            { type: 'openUrl', title: 'Apple status', value: 'https://www.apple.com/support/systemstatus/' },
          ]),
        ],
      },
      {
        type: 'message',
        attachments: [
          CardFactory.adaptiveCard({
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'TextBlock', text: 'Did that fix it?' },
              { type: 'FactSet', facts: [{ title: 'Step', value: '2 of 5' }] },
            ],
            actions: [
              { type: 'Action.Submit', title: 'Yes, fixed', data: { answer: 'yes' } },
              { type: 'Action.Submit', title: 'Still broken', data: { answer: 'no' } },
            ],
          }),
        ],
        suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Talk to a person', value: 'agent please' }] },
      },
      { type: 'event', name: 'resync.handoff', value: { reason: 'test' } },
    ]);
    await next();
  });
  return {
    errors,
    run: (context) => handler.run(context),
    onTurnError: async (context, error) => {
      errors.push(error);
      await context.sendActivity('sorry, that went wrong');
    },
  };
}

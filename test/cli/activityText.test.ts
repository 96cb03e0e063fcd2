import { activityRecord, buttonsOf, renderActivity } from '../../src/cli/activityText';

const hero = {
  contentType: 'application/vnd.microsoft.card.hero',
  content: { title: 'Pick one', text: 'Which device?', buttons: [{ type: 'imBack', title: 'iPad', value: 'ipad' }] },
};
const adaptive = {
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: {
    type: 'AdaptiveCard',
    body: [
      { type: 'Container', items: [{ type: 'TextBlock', text: 'Open Settings' }] },
      { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'Image', url: 'x', altText: 'switch' }] }] },
      { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Done', data: { done: true } }] },
    ],
    actions: [
      { type: 'Action.OpenUrl', title: 'Guide', url: 'https://support.apple.com/' },
      { type: 'Action.Submit', title: 'Teams style', data: { msteams: { type: 'imBack', value: 'teams text' } } },
      { type: 'Action.ShowCard', title: 'More', card: {} },
    ],
  },
};

describe('renderActivity', () => {
  it('prints text, card content and numbered buttons from the given number', () => {
    const r = renderActivity({ type: 'message', text: 'line one\nline two', attachments: [hero, adaptive] }, 3);
    expect(r.lines).toEqual([
      'line one',
      'line two',
      'Pick one',
      'Which device?',
      '  [3] iPad',
      'Open Settings',
      '[image: switch]',
      '  [4] Done',
      '  [5] Guide <https://support.apple.com/>',
      '  [6] Teams style',
    ]);
    expect(r.buttons[0].reply).toEqual({ text: 'ipad' });
    expect(r.buttons[1].reply).toEqual({ text: 'Done', value: { done: true } });
    expect(r.buttons[2].reply).toBeUndefined();
    expect(r.buttons[3].reply).toEqual({ text: 'teams text' });
  });

  it('puts suggested actions after the cards', () => {
    const buttons = buttonsOf({
      type: 'message',
      attachments: [hero],
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }] },
    });
    expect(buttons.map((b) => b.title)).toEqual(['iPad', 'Yes']);
  });

  it('shows nothing for typing and delay, a marker for events', () => {
    expect(renderActivity({ type: 'typing' }, 1).lines).toEqual([]);
    expect(renderActivity({ type: 'delay', value: 100 }, 1).lines).toEqual([]);
    expect(renderActivity({ type: 'event', name: 'handoff.initiate' }, 1).lines).toEqual(['(event: handoff.initiate)']);
  });
});

describe('activityRecord', () => {
  it('has type, text, suggested action titles, attachment types, step and event', () => {
    const record = activityRecord(
      {
        type: 'message',
        text: 'hi',
        attachments: [hero],
        suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }] },
        channelData: { resync: { step: 'restart-device' } },
      },
      1,
    );
    expect(record).toEqual({
      type: 'message',
      text: 'hi',
      suggestedActions: ['Yes'],
      attachments: ['application/vnd.microsoft.card.hero'],
      buttons: [
        { n: 1, title: 'iPad' },
        { n: 2, title: 'Yes' },
      ],
      step: 'restart-device',
      event: null,
      inputHint: null,
    });
  });

  it('names events and leaves step null without channel data', () => {
    expect(activityRecord({ type: 'event', name: 'resync.status' }, 1)).toMatchObject({ type: 'event', event: 'resync.status', step: null, text: null });
  });

  it('numbers only answerable buttons, keeping their place', () => {
    const record = activityRecord({ type: 'message', attachments: [adaptive] }, 1);
    expect(record.buttons).toEqual([
      { n: 1, title: 'Done' },
      { n: 3, title: 'Teams style' },
    ]);
  });
});

import { renderActivity } from '../../src/cli/activityText';
import { ANSI, markdownLine, PLAIN } from '../../src/cli/terminalMarkdown';

describe('markdownLine', () => {
  it.each([
    ['Open **Settings › [your name]** and tap **Sign Out**.', 'Open Settings › [your name] and tap Sign Out.'],
    ['- Then sign in at the top of __Settings__.', '• Then sign in at the top of Settings.'],
    ['* a bullet with *italics* inside', '• a bullet with italics inside'],
    ['1. First step', '1. First step'],
    ['## A heading ##', 'A heading'],
    ['See [Apple status](https://www.apple.com/support/systemstatus/).', 'See Apple status <https://www.apple.com/support/systemstatus/>.'],
    ['[https://icloud.com](https://icloud.com)', '<https://icloud.com>'],
    ['Type `**not bold**` exactly', 'Type **not bold** exactly'],
    ['2 \\* 3 = 6 and \\_keep\\_ these', '2 * 3 = 6 and _keep_ these'],
    ['snake_case_names and 5*4*3 stay', 'snake_case_names and 5*4*3 stay'],
    ['<b>markup</b> is left as text', '<b>markup</b> is left as text'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(markdownLine(input, PLAIN)).toBe(expected);
  });

  it('uses ANSI bold only when asked', () => {
    expect(markdownLine('tap **Sign Out**', ANSI)).toBe('tap \u001b[1mSign Out\u001b[22m');
    expect(markdownLine('tap **Sign Out**')).toBe('tap Sign Out');
  });

  it('never throws on odd text', () => {
    for (const text of ['**', '****', '[', '[]()', '`', '\\', '_'.repeat(10_000), '*a'.repeat(5_000), '😀 **😀**']) {
      expect(typeof markdownLine(text)).toBe('string');
    }
    expect(markdownLine('😀 **😀**')).toBe('😀 😀');
  });
});

describe('renderActivity with Markdown', () => {
  it('renders the text and card text but leaves button titles and numbers alone', () => {
    const r = renderActivity(
      {
        type: 'message',
        text: 'Open **iCloud for Windows**\n\n- Check **Photos**',
        attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { text: 'Did **that** help?', buttons: [{ type: 'imBack', title: '**Yes**', value: 'yes' }] } }],
      },
      1,
    );
    expect(r.lines).toEqual(['Open iCloud for Windows', '• Check Photos', 'Did that help?', '  [1] **Yes**']);
  });
});

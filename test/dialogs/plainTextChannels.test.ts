/**
 * Markdown only where the channel renders it (exploratory test report item 17): Web Chat, Direct
 * Line, Teams and the Emulator get the texts as written; SMS, e-mail and any unknown channel id get
 * plain text (no `**`, links as "text (url)").
 */
import { plainText, promptActivity, rendersMarkdown, resyncData, textActivity } from '../../src/dialogs/cards';
import { harness, last, realContent } from './helpers';

const content = realContent();
const photos = Object.values(content.playbooks).find((p) => p.service === 'photos')!;

describe('plainText', () => {
  it.each([
    ['**Check your Apple Account sign-in**', 'Check your Apple Account sign-in'],
    ['Open *Settings › [your name] › iCloud* and tap __Sign Out__.', 'Open Settings › [your name] › iCloud and tap Sign Out.'],
    ['Reset it at [iforgot.apple.com](https://iforgot.apple.com).', 'Reset it at iforgot.apple.com (https://iforgot.apple.com).'],
    ['See [https://support.apple.com](https://support.apple.com) or <https://getsupport.apple.com>', 'See https://support.apple.com or https://getsupport.apple.com'],
    ['* one\n+ two\n- three\n1. four', '- one\n- two\n- three\n1. four'],
    ['## Heading ##', 'Heading'],
    ['Type `icloud.com/photos` in _Safari_', 'Type icloud.com/photos in Safari'],
    ['2 \\* 3 is not \\*\\*bold\\*\\*', '2 * 3 is not **bold**'],
    ['file_name_here and snake_case stay', 'file_name_here and snake_case stay'],
    ['https://example.com/a_b_c stays whole', 'https://example.com/a_b_c stays whole'],
    ['5 * 4 * 3 keeps its stars', '5 * 4 * 3 keeps its stars'],
  ])('%j → %j', (markdown, plain) => {
    expect(plainText(markdown)).toBe(plain);
  });

  it('leaves no Markdown markers in any step text of the real content', () => {
    const texts: string[] = [];
    for (const step of Object.values(content.steps)) {
      for (const t of Object.values(step.instructions ?? {})) if (t) texts.push(t);
      for (const svc of Object.values(step.services ?? {})) for (const t of [...Object.values(svc), ...Object.values(svc.devices ?? {})]) if (typeof t === 'string') texts.push(t);
      for (const t of Object.values(step.question?.text ?? {})) if (t) texts.push(t);
    }
    expect(texts.length).toBeGreaterThan(20);
    for (const t of texts) {
      const plain = plainText(t);
      expect(plain).not.toMatch(/\*\*|\]\(|(^|\s)\*\S[^*\n]*\*(\s|[.,:;!?]|$)/m);
    }
  });
});

describe('which channels get Markdown', () => {
  it.each(['webchat', 'directline', 'msteams', 'emulator', 'test'])('%s renders it', (channel) => {
    expect(rendersMarkdown(channel)).toBe(true);
    expect(textActivity('**Bold**', resyncData('x'), channel).text).toBe('**Bold**');
  });

  it.each(['sms', 'email', 'slack', 'telegram', 'some-new-channel'])('%s gets plain text, also in prompts and button titles', (channel) => {
    expect(rendersMarkdown(channel)).toBe(false);
    expect(textActivity('**Bold**', resyncData('x'), channel).text).toBe('Bold');
    const prompt = promptActivity(channel, '**Title**\n\nPick *one*', [{ id: 'a', title: '*A*', synonyms: [] }], resyncData('q'));
    const shown = prompt.text ?? JSON.stringify(prompt.attachments);
    expect(shown).not.toContain('*');
    expect(shown).toContain('Pick one');
  });

  it('without a channel id the text is left as it is (callers that render later)', () => {
    expect(textActivity('**Bold**', resyncData('x')).text).toBe('**Bold**');
  });
});

describe('a conversation on a plain-text channel', () => {
  it('sms: step titles and instructions arrive without Markdown; webchat keeps it', async () => {
    const sms = harness({ channelId: 'sms' });
    const smsReplies = await sms.say(`${photos.intent} on my iphone`);
    const webchat = harness({ channelId: 'webchat' });
    const webReplies = await webchat.say(`${photos.intent} on my iphone`);
    const stepText = (rs: typeof smsReplies) => rs.filter((r) => r.resync?.stepId && r.resync.messageKey.startsWith('step.')).map((r) => r.text || JSON.stringify(r.activity.attachments));
    const smsSteps = stepText(smsReplies);
    const webSteps = stepText(webReplies);
    expect(smsSteps.length).toBeGreaterThan(0);
    expect(webSteps.join('\n')).toContain('**');
    expect(smsSteps.join('\n')).not.toContain('**');
    expect(last(smsReplies).resync?.messageKey).toBe(last(webReplies).resync?.messageKey);
  });
});

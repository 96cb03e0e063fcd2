/** dialogs/handoff.yaml: the real file loads; broken ones fail naming the file, line and field. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ContentError } from '../../src/content/problems';
import { HANDOFF_MESSAGES, HandoffText, checkHandoffMessages, loadHandoffMessages } from '../../src/handoff/handoffMessages';
import { makeTempDir } from '../helpers/tempDir';

function validMap(): Record<string, string | string[]> {
  return Object.fromEntries(Object.keys(HANDOFF_MESSAGES).map((k) => [k, `text for ${k}`]));
}

describe('handoff messages', () => {
  it('the real dialogs/handoff.yaml has every key, with allowed placeholders only', () => {
    const messages = loadHandoffMessages('dialogs');
    const text = new HandoffText(messages);
    expect(text.text('agentJoined', { agent: 'Alice' })).toContain('Alice');
    expect(text.text('waiting', { position: 3, minutes: 15 })).toMatch(/3[\s\S]*15/);
    expect(text.list('synonyms.cancel')).toContain('cancel');
  });

  it('reports a missing key, an unknown key and an unknown placeholder', () => {
    const map = validMap();
    delete map.agentJoined;
    map.extra = 'not used';
    map.waiting = 'You are {place} in line';
    const { messages, problems } = checkHandoffMessages({ version: 1, messages: map }, 'dialogs/handoff.yaml');
    expect(messages).toBeUndefined();
    const text = problems.map((p) => `${p.field}: ${p.message}`);
    expect(text).toEqual(
      expect.arrayContaining([
        expect.stringContaining("missing key 'agentJoined'"),
        expect.stringMatching(/^messages\.extra: unknown key/),
        expect.stringMatching(/^messages\.waiting: unknown placeholder \{place\}/),
      ]),
    );
  });

  it('rejects a wrong shape (schema)', () => {
    const { problems } = checkHandoffMessages({ version: 2, messages: { waiting: 3 } }, 'x.yaml');
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['version', 'messages.waiting']));
  });

  it('a broken file stops loading with the file and line', () => {
    const tmp = makeTempDir();
    try {
      writeFileSync(path.join(tmp.dir, 'handoff.yaml'), 'version: 1\nmessages:\n  waiting: "{nope}"\n');
      let error: unknown;
      try {
        loadHandoffMessages(tmp.dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ContentError);
      const problems = (error as ContentError).problems;
      expect(problems.find((p) => p.field === 'messages.waiting')).toMatchObject({ line: 3, file: path.join(tmp.dir, 'handoff.yaml') });
    } finally {
      tmp.remove();
    }
  });
});

/**
 * The two once-per-conversation notices while the person waits for or talks with a person from
 * the support team (the hub's escalation is queued or active), through the whole runtime (the real
 * recogniser, the hub as the bot's gate, the redacting transcript logger):
 * - no "I only speak English": the words go to that person, who may read them; the flag stays
 *   unset, so the line comes once the bot reads the person's words again;
 * - "I hid the password or code" still comes (same wording: the person from the support team only
 *   sees the marker), and the secret reaches neither the agent's view, nor the transcript.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { createRuntime, type Runtime } from '../../src/app/runtime';
import { STATE_KEYS } from '../../src/bot/createBot';
import { ManualClock } from '../../src/clock';
import { parseConfig } from '../../src/config/config';
import type { ResyncChannelData } from '../../src/dialogs/cards';
import { activityLanguage } from '../../src/dialogs/languageNotice';
import { Messages } from '../../src/dialogs/messages';
import { silentLogger } from '../../src/logging/logger';
import { testAccounts } from '../agent/consoleServer';
import { RecordingMessenger } from '../handoff/hubHarness';
import { ALL_CLEAR, FixtureStatusFeed, NOW, realContent } from '../dialogs/helpers';
import { personalChat } from '../helpers/realBot';

const ENGLISH_ONLY = 'language.englishOnly';
const SECRET_HIDDEN = 'privacy.secretHidden';
const ALICE = { id: 'alice', name: 'Alice' };
const FRENCH = 'Bonjour, est-ce que vous pouvez me dire pourquoi mes photos ne sont pas sur le Mac ?';
const FRENCH_WITH_CODE = 'Bonjour, le code de vérification est 483920';
const messages = new Messages(realContent().messages);

let dataDir = '';
let runtime: Runtime;
const messenger = new RecordingMessenger();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'resync-live-notices-'));
  const config = parseConfig({ STORAGE: 'memory', DATA_DIR: dataDir, LOG_LEVEL: 'silent', AGENT_ACCOUNTS: await testAccounts() });
  runtime = await createRuntime(config, { logger: silentLogger, statusFeed: new FixtureStatusFeed(ALL_CLEAR), clock: new ManualClock(NOW), messenger });
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function conversation(id: string) {
  const chat = personalChat(runtime.bot, id, runtime.transcriptLogger);
  /** The message keys of the turn's replies. */
  return async (text: string): Promise<string[]> =>
    (await chat(text)).map((a: Partial<Activity>) => (a.channelData as { resync?: ResyncChannelData } | undefined)?.resync?.messageKey ?? '?');
}

async function queuedFor(id: string): Promise<(text: string) => Promise<string[]>> {
  const say = conversation(id);
  await runtime.hub.agentSeen(ALICE);
  await say("Photos aren't syncing on my iPhone");
  await say('talk to a person');
  expect((await runtime.hub.get(id))?.state).toBe('queued');
  return say;
}

async function conversationFlags(id: string): Promise<Record<string, unknown>> {
  const key = `test/conversations/${id}/`;
  return ((await runtime.storage.read([key]))[key] ?? {}) as Record<string, unknown>;
}

it('waiting for a person: no "English only"; the words are passed on', async () => {
  // The message is one the bot would answer with the notice.
  expect(activityLanguage(messages, { type: 'message', text: FRENCH })).toBe('fr');
  const id = 'live-waiting';
  const say = await queuedFor(id);
  const replies = await say(FRENCH);
  expect(replies).not.toContain(ENGLISH_ONLY);
  expect(replies).toContain('handoff.waiting.ack');
  expect((await runtime.hub.get(id))?.messages.map((m) => m.text)).toContain(FRENCH);
  expect((await conversationFlags(id))[STATE_KEYS.languageNotice]).not.toBe(true);
}, 60_000);

it('with an agent: no "English only", the hidden-secret notice, and the secret never reaches the agent or the transcript', async () => {
  expect(activityLanguage(messages, { type: 'message', text: FRENCH_WITH_CODE })).toBe('fr');
  const id = 'live-active';
  const say = await queuedFor(id);
  expect(await runtime.hub.accept(id, ALICE)).toBe('accepted');

  expect(await say(FRENCH)).toEqual([]);
  const withCode = await say(FRENCH_WITH_CODE);
  expect(withCode).toEqual([SECRET_HIDDEN]);
  // The full notice once per conversation, with an agent too; after that a short reminder each time.
  expect(await say('encore: 483920')).toEqual(['privacy.secretHiddenAgain']);

  const agentSees = await runtime.hub.messagesSince(id);
  const fromPerson = agentSees.filter((m) => m.from === 'user').map((m) => m.text);
  expect(fromPerson).toContain(FRENCH);
  expect(fromPerson).toContain('Bonjour, le code de vérification est [redacted code]');
  expect(JSON.stringify(agentSees)).not.toContain('483920');
  expect(JSON.stringify(await runtime.hub.transcript(id))).not.toContain('483920');
  await runtime.transcriptLogger.flush();
  const stored = JSON.stringify((await runtime.transcripts.getTranscriptActivities('test', id)).items);
  expect(stored).toContain('[redacted code]');
  expect(stored).not.toContain('483920');
  expect(JSON.stringify(messenger.sent)).not.toContain('483920');

  // The chat ends: the bot reads the person's words again, and now says it only speaks English.
  await runtime.hub.close(id, ALICE);
  const after = await say(FRENCH);
  expect(after[0]).toBe(ENGLISH_ONLY);
  expect((await conversationFlags(id))[STATE_KEYS.languageNotice]).toBe(true);
}, 60_000);

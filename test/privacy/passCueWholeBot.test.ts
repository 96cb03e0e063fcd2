/**
 * Tester round 8, item 1, in the tester's words through the whole bot (createRuntime, the real
 * recogniser and content, no agent accounts as in the tester's runs): a password typed as
 * `pass: hunter22x` is hidden from everything stored (conversation state, the hub's documents,
 * the ticket an agent reads) and from the transcript, and the person is told once.
 * - r8h H01: at a step question.
 * - r8h H03: inside the message left for the support team, with an address (the address is taken
 *   as the contact, the ticket text has both hidden).
 * - r8g G11: at "How can we reach you?", with the address.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { createRuntime, type Runtime } from '../../src/app/runtime';
import { ManualClock } from '../../src/clock';
import { parseConfig } from '../../src/config/config';
import { silentLogger } from '../../src/logging/logger';
import { MemoryClosableStorage } from '../../src/storage/memoryClosableStorage';
import { ALL_CLEAR, FixtureStatusFeed, NOW } from '../dialogs/helpers';
import { personalChat, resyncOf, textOf } from '../helpers/realBot';

const SECRET = 'hunter22x';
const NOTICE = 'privacy.secretHidden';

let dataDir = '';
let runtime: Runtime;
/** Everything the runtime stored, as the memory store holds it (key → JSON). */
const memory: Record<string, string> = {};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'resync-pass-cue-'));
  const config = parseConfig({ STORAGE: 'memory', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  runtime = await createRuntime(config, {
    logger: silentLogger,
    storage: new MemoryClosableStorage(memory),
    statusFeed: new FixtureStatusFeed(ALL_CLEAR),
    clock: new ManualClock(NOW),
  });
}, 300_000);

afterAll(async () => {
  await runtime?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A conversation on the `test` channel, logged through the runtime's redacting transcript logger. */
function chat(id: string): (text: string) => Promise<Array<Partial<Activity>>> {
  return personalChat(runtime.bot, id, runtime.transcriptLogger);
}

const keysOf = (replies: Array<Partial<Activity>>): string[] => replies.map((a) => resyncOf(a)?.messageKey ?? '?');

async function transcriptOf(id: string): Promise<string> {
  await runtime.transcriptLogger.flush();
  return JSON.stringify((await runtime.transcripts.getTranscriptActivities('test', id)).items);
}

/** Everything stored for this conversation and by the hub (tickets, queue, its conversation documents). */
const storedText = (): string => Object.values(memory).join('\n');

async function ticketOf(id: string) {
  const page = await runtime.hub.tickets();
  const ticket = page.tickets.find((t) => t.conversationId === id);
  expect(ticket).toBeDefined();
  return ticket!;
}

/** Up to the hub's "Please type your message…" (no agent accounts: Leave a message / Cancel). */
async function atMessagePrompt(say: (text: string) => Promise<Array<Partial<Activity>>>): Promise<void> {
  await say('backup not working on iphone');
  const offer = await say('talk to a person');
  expect(keysOf(offer)).toContain('handoff.noAccounts');
  expect(keysOf(await say('leave a message'))).toEqual(['handoff.leaveMessage.prompt']);
}

describe('tester round 8, item 1: "pass: <password>" through the whole bot', () => {
  it('H01: at a step question the password is hidden from state and transcript, and the person is told', async () => {
    const id = 'r8-h01';
    const say = chat(id);
    const first = await say('backup not working on iphone');
    expect(keysOf(first)).toContain('step.question');
    expect(storedText()).not.toContain(SECRET);

    const replies = await say('pass: hunter22x');
    expect(keysOf(replies)[0]).toBe(NOTICE);
    expect(keysOf(replies).filter((k) => k === NOTICE)).toHaveLength(1);
    expect(replies.map(textOf).join('\n')).not.toContain(SECRET);

    const transcript = await transcriptOf(id);
    expect(transcript).toContain('pass: [redacted password]');
    expect(transcript).not.toContain(SECRET);
    expect(storedText()).not.toContain(SECRET);
  }, 60_000);

  it('H03: in a left message with the Apple ID address, the ticket an agent reads has both hidden', async () => {
    const id = 'r8-h03';
    const say = chat(id);
    await atMessagePrompt(say);
    const saved = await say('backup fails, apple id sam@example.com pass: hunter22x');
    expect(keysOf(saved)).toContain(NOTICE);
    expect(keysOf(saved)).toContain('handoff.leaveMessage.savedFound');

    const ticket = await ticketOf(id);
    expect(ticket.message).toBe('backup fails, apple id [redacted email] pass: [redacted password]');
    expect(ticket.contact).toBe('sam@example.com'); // the address the person gave to be reached at
    expect(JSON.stringify(ticket)).not.toContain(SECRET);
    expect(await transcriptOf(id)).not.toContain(SECRET);
    expect(storedText()).not.toContain(SECRET);
  }, 60_000);

  it('G11: at "How can we reach you?" the address is the contact and the password is nowhere', async () => {
    const id = 'r8-g11';
    const say = chat(id);
    await atMessagePrompt(say);
    expect(keysOf(await say('backup fails every night'))).toContain('handoff.leaveMessage.contact');
    const saved = await say('my email is sam@example.com pass: hunter22x');
    expect(keysOf(saved)).toContain(NOTICE);

    const ticket = await ticketOf(id);
    expect(ticket.message).toBe('backup fails every night');
    expect(ticket.contact).toBe('sam@example.com');
    const transcript = await transcriptOf(id);
    expect(transcript).toContain('pass: [redacted password]');
    expect(transcript).not.toContain(SECRET);
    expect(storedText()).not.toContain(SECRET);
  }, 60_000);

  it('ordinary "pass" talk at a step question is stored as typed and gets no notice', async () => {
    const id = 'r8-pass-ordinary';
    const say = chat(id);
    await say('backup not working on iphone');
    const replies = await say("it won't pass verification");
    expect(keysOf(replies)).not.toContain(NOTICE);
    expect(await transcriptOf(id)).toContain("it won't pass verification");
  }, 60_000);
});

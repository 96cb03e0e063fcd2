import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActivityTypes, TestAdapter, TranscriptLoggerMiddleware, type Activity, type TranscriptLogger, type TurnContext } from 'botbuilder';
import { RedactingTranscriptLogger } from '../../src/transcript/redactingTranscriptLogger';
import { SqliteTranscriptStore } from '../../src/transcript/sqliteTranscriptStore';
import { createMemoryTranscriptStore } from '../../src/transcript/memoryTranscriptStore';

/** A tiny echo bot: what the user says comes back, so secrets go out as well as in. */
async function echo(context: TurnContext): Promise<void> {
  if (context.activity.type === ActivityTypes.Message) {
    await context.sendActivity(`You said: ${context.activity.text}`);
  }
}

/** Secrets typed by a person, and the raw strings that must never reach the disk. */
const SECRET_MESSAGES = [
  'my apple id password is hunter2!',
  'the code is 482 913',
  'charge it to 4111 1111 1111 1111',
  'my email is jane.doe@example.com',
  'call me on +44 7700 900123',
  '654321',
];
const RAW_SECRETS = ['hunter2', '482 913', '4111 1111 1111 1111', 'jane.doe@example.com', '7700 900123', '654321'];
/** Other spellings of the same secrets, also looked for. */
const OTHER_FORMS = ['4111111111111111', '482913', 'jane.doe', '7700900123'];

function allBytes(dir: string): Buffer {
  return Buffer.concat(fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f))));
}

function findSecrets(bytes: Buffer, secrets: string[] = [...RAW_SECRETS, ...OTHER_FORMS]): string[] {
  // Check UTF-8 and UTF-16LE, the two encodings SQLite can use for text.
  return secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le')));
}

async function converse(logger: TranscriptLogger, messages: string[]): Promise<void> {
  const adapter = new TestAdapter(echo);
  adapter.use(new TranscriptLoggerMiddleware(logger));
  for (const m of messages) {
    await adapter.send(m).assertReply(`You said: ${m}`);
  }
}

describe('RedactingTranscriptLogger with TranscriptLoggerMiddleware and a TestAdapter', () => {
  let dir: string;
  let store: SqliteTranscriptStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resync-transcript-'));
    store = new SqliteTranscriptStore({ path: path.join(dir, 'transcripts.db'), pageSize: 4 });
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores every activity in and out, in order, paged', async () => {
    const logger = new RedactingTranscriptLogger(store);
    const messages = ['hi', 'my photos are not syncing', 'on my iPhone 15', 'iOS 18.2', 'thanks'];
    await converse(logger, messages);
    await logger.flush();

    const all: Activity[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await store.getTranscriptActivities('test', 'Convo1', token);
      all.push(...page.items);
      token = page.continuationToken;
      pages++;
    } while (token);

    expect(pages).toBe(3); // 10 activities, 4 a page
    expect(all.map((a) => [a.from.id, a.text])).toEqual(
      messages.flatMap((m) => [
        ['user1', m],
        ['bot', `You said: ${m}`],
      ]),
    );
    expect((await store.listTranscripts('test')).items.map((t) => t.id)).toEqual(['Convo1']);
  });

  it('leaves no raw secret anywhere in the database files (main file and WAL)', async () => {
    const logger = new RedactingTranscriptLogger(store);
    await converse(logger, SECRET_MESSAGES);
    await logger.flush();

    // Before a checkpoint the rows live in the -wal file; after it, in the main file.
    expect(fs.readdirSync(dir).some((f) => f.endsWith('-wal'))).toBe(true);
    expect(findSecrets(allBytes(dir))).toEqual([]);
    store.checkpoint();
    expect(findSecrets(allBytes(dir))).toEqual([]);

    const { items } = await store.getTranscriptActivities('test', 'Convo1');
    expect(items).toHaveLength(4); // first page; the rest is further on
    expect(items[0].text).toBe('my apple id password is [redacted password]');
    expect(items[1].text).toBe('You said: my apple id password is [redacted password]');
    expect(items[2].text).toBe('the code is [redacted code]');

    // A reply that quotes a bare code back is caught through the secrets of the same turn.
    const last = await store.getTranscriptActivities('test', 'Convo1', '10');
    expect(last.items.map((a) => a.text)).toEqual(['[redacted code]', 'You said: [redacted code]']);
  });

  it('the byte search would find the secrets if they had been stored (control)', async () => {
    await converse(store, SECRET_MESSAGES); // the store directly, no redaction
    store.checkpoint();
    expect(findSecrets(allBytes(dir), RAW_SECRETS)).toEqual(RAW_SECRETS);
  });

  it('deleted transcripts leave no trace in the file (secure delete)', async () => {
    await converse(store, ['my password is hunter2']);
    await store.deleteTranscript('test', 'Convo1');
    store.checkpoint();
    expect(allBytes(dir).includes(Buffer.from('hunter2'))).toBe(false);
  });

  it('writes in order even when the store is slow and reports failures without content', async () => {
    const written: string[] = [];
    const slowStore: TranscriptLogger = {
      logActivity: async (a: Activity) => {
        await new Promise((r) => setTimeout(r, a.text === 'first' ? 20 : 1));
        if (a.text === 'boom') throw new Error('disk full');
        written.push(a.text as string);
      },
    };
    const errors: Array<{ message: string; activity: unknown }> = [];
    const logger = new RedactingTranscriptLogger(slowStore, {
      onError: (e, activity) => errors.push({ message: (e as Error).message, activity }),
    });
    const base = { type: 'message', channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } };
    void logger.logActivity({ ...base, id: '1', text: 'first' } as Activity);
    void logger.logActivity({ ...base, id: '2', text: 'boom' } as Activity);
    void logger.logActivity({ ...base, id: '3', text: 'code 123456' } as Activity);
    await logger.flush();
    expect(written).toEqual(['first', 'code [redacted code]']);
    expect(errors).toEqual([{ message: 'disk full', activity: { id: '2', type: 'message', conversationId: 'c' } }]);
  });

  it('rejects the write when no error handler is given', async () => {
    const failing: TranscriptLogger = { logActivity: async () => Promise.reject(new Error('nope')) };
    const logger = new RedactingTranscriptLogger(failing);
    await expect(logger.logActivity({ type: 'message', text: 'x' } as Activity)).rejects.toThrow('nope');
    await expect(logger.flush()).resolves.toBeUndefined();
  });

  it('redacts before a memory store too', async () => {
    const memory = createMemoryTranscriptStore();
    const logger = new RedactingTranscriptLogger(memory);
    await converse(logger, ['password: Tr0ub4dor&3']);
    await logger.flush();
    const { items } = await memory.getTranscriptActivities('test', 'Convo1');
    expect(items.map((a) => a.text)).toEqual(['password: [redacted password]', 'You said: password: [redacted password]']);
    await memory.close();
  });
});

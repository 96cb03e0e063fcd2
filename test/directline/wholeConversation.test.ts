/**
 * A whole troubleshooting conversation as the web page has it: the built-in Direct Line endpoint over
 * HTTP, the real Bot Framework adapter path, the real recogniser trained from intents/, SQLite state.
 * The person describes the problem once, then answers every "did that fix it?" with "No, still not" and each
 * step question with the answer that goes on in the playbook's order (test/helpers/goesOn.ts);
 * the bot must walk the playbook's steps in its order and end at the handoff step.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { parse } from 'yaml';
import { buttonsOf } from '../../src/cli/activityText';
import { loadRecognizer } from '../../src/nlu';
import { goesOnChoice } from '../helpers/goesOn';
import { jsonRequest, startTestServer, type TestServer } from '../helpers/testServer';

jest.setTimeout(60_000);

const DL = '/v3/directline';
const REPO = path.resolve(__dirname, '../..');
const USER = 'person-1';

/** The title of the answer to a step's question that goes on in the playbook's order (storage's "full" leaves it). */
function goesOnTitle(stepId: string | undefined): string | undefined {
  if (!stepId) return undefined;
  const file = path.join(REPO, 'dialogs/steps', `${stepId.split('/')[1]}.yaml`);
  let step: { question?: { choices: { id: string; title: string; action: string; ifNotFixedStep?: string }[] } };
  try {
    step = parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  return step.question ? goesOnChoice(step.question.choices).title : undefined;
}

function stepOf(activity: Partial<Activity>): string | undefined {
  return (activity.channelData as { resync?: { step?: string } } | undefined)?.resync?.step;
}

describe('a whole conversation through the Direct Line endpoint', () => {
  let server: TestServer;
  let conversationId: string;
  let token: string;

  beforeAll(async () => {
    const recognizer = await loadRecognizer({ intentsDir: path.join(REPO, 'intents') });
    server = await startTestServer({ runtime: { recognizer } });
    const started = await jsonRequest(`${server.url}${DL}/conversations`, { method: 'POST', body: { user: { id: USER } } });
    expect(started.status).toBe(201);
    ({ conversationId, token } = started.body);
  });
  afterAll(() => server?.dispose());

  async function say(text: string): Promise<Partial<Activity>[]> {
    const posted = await jsonRequest(`${server.url}${DL}/conversations/${conversationId}/activities`, {
      token,
      body: { type: 'message', text, from: { id: USER } },
    });
    expect(posted.status).toBe(200);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const read = await jsonRequest(`${server.url}${DL}/conversations/${conversationId}/activities?watermark=0`, { token });
      const replies = (read.body.activities as Partial<Activity>[]).filter((a) => a.type === 'message' && a.replyToId === posted.body.id);
      if (replies.length > 0 && replies[replies.length - 1]!.inputHint !== 'ignoringInput') return replies;
      if (Date.now() > deadline) throw new Error(`no reply to "${text}"`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('walks the contacts playbook in the guide order and ends at contact-support', async () => {
    const playbook = parse(readFileSync(path.join(REPO, 'dialogs/playbooks/contacts-not-syncing.yaml'), 'utf8')) as { steps: string[] };
    const visited: string[] = [];
    let last: Partial<Activity> | undefined;
    let replies = await say("my contacts won't sync on my iPhone");
    for (let turn = 0; turn < 30; turn++) {
      for (const r of replies) {
        const step = stepOf(r);
        if (step && visited[visited.length - 1] !== step) visited.push(step);
        last = r;
      }
      if (visited[visited.length - 1]?.endsWith('/contact-support')) break;
      const buttons = buttonsOf(replies[replies.length - 1] ?? {});
      const notFixed = buttons.find((b) => /still not/i.test(b.title));
      const goesOn = goesOnTitle(visited[visited.length - 1]);
      const onward = buttons.find((b) => b.title === goesOn);
      const answer = (notFixed ?? onward ?? buttons[0])?.reply?.text;
      if (!answer) throw new Error(`expected buttons after step ${visited[visited.length - 1]}: ${JSON.stringify(replies.map((r) => [r.text, stepOf(r), r.attachments?.length]))}`);
      replies = await say(answer);
    }
    expect(visited.every((s) => s.startsWith('contacts-not-syncing/'))).toBe(true);
    const ids = visited.map((s) => s.split('/')[1]!);
    // In the playbook's order, from its first step to its last, none repeated.
    expect(ids[0]).toBe(playbook.steps[0]);
    expect(ids[ids.length - 1]).toBe(playbook.steps[playbook.steps.length - 1]);
    const positions = ids.map((id) => playbook.steps.indexOf(id));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    // The handoff step hands over to the agent hub (no agent signed in here: it says so and offers choices).
    expect((last?.channelData as { resync?: { messageKey?: string } }).resync?.messageKey).toMatch(/^handoff\./);
    expect(buttonsOf(last ?? {}).length).toBeGreaterThan(0);
  });
});

/**
 * Nothing a person typed is kept raw in conversation state: the first utterance and the words of a
 * problem offered as a switch are redacted before they are stored.
 */
import { harness, last, pick, realContent, record } from './helpers';

const content = realContent();
const signIn = content.playbooks['sign-in-problem'];
const contacts = content.playbooks['contacts-not-syncing'];
const SECRETS = ['Hunter2!xyz', 'jane.doe@example.com'];

async function conversationState(h: ReturnType<typeof harness>): Promise<string> {
  const data = await h.storage.read(['test/conversations/conv-1/']);
  return JSON.stringify(data);
}

describe('what the playbook keeps in state', () => {
  it('a pasted password and email in the first message are stored redacted', async () => {
    const h = harness();
    await h.say(`i cant sign in ${signIn.intent} on my mac, my apple id is jane.doe@example.com and password is Hunter2!xyz`);
    const rec = await record(h);
    expect(rec.firstUtterance).toContain(signIn.intent);
    expect(rec.firstUtterance).toMatch(/\[redacted/);
    const state = await conversationState(h);
    for (const secret of SECRETS) expect(state).not.toContain(secret);
  });

  it('a different problem mentioned with a password is offered with its words redacted', async () => {
    const h = harness();
    const replies = await h.say(`${signIn.intent} on my mac`);
    expect(last(replies).resync?.choices?.length).toBeGreaterThan(0);
    const offer = await h.say(`actually ${contacts.intent}, password is Hunter2!xyz, mail jane.doe@example.com`);
    expect(last(offer).resync?.messageKey).toBe('switch.offer');
    let state = await conversationState(h);
    for (const secret of SECRETS) expect(state).not.toContain(secret);
    await h.say(pick(offer, 'switch'));
    state = await conversationState(h);
    for (const secret of SECRETS) expect(state).not.toContain(secret);
  });
});

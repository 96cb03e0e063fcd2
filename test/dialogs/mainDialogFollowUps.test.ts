/**
 * The main dialog's follow-ups (exploratory test report items 5, 6, 13, 14): what it keeps of the
 * person's words, the answer to "Is there anything else that isn't syncing?", two devices in one
 * message, and "start over". Driven through the whole bot with the keyword recogniser; asserts
 * message keys, choice ids and stored state, never wording.
 */
import { answerUntilFixedQuestion, continueChoice, harness, keys, last, pick, realContent, record, type BotHarness, type Reply } from './helpers';

const content = realContent();
const problems = Object.values(content.playbooks);
const photos = problems.find((p) => p.service === 'photos')!;
const signIn = problems.find((p) => p.intent === 'sign-in-problem') ?? problems[0];
const problemChoices = problems.map((p) => `intent:${p.intent}`).sort();


/** Starts the photos playbook on an iPhone and answers until the first "Did that fix it?". */
async function atFixedPrompt(h: BotHarness): Promise<Reply[]> {
  return (await answerUntilFixedQuestion(h, content, `${photos.intent} on my iphone`)).replies;
}

/** Runs the photos playbook to "it's fixed" and returns the replies ending in "anything else?". */
async function fixedAndAskedForMore(h: BotHarness): Promise<Reply[]> {
  await atFixedPrompt(h);
  const done = await h.say({ value: { resyncChoice: 'fixed' } });
  expect(keys(done).slice(-2)).toEqual(['playbook.wrapUp', 'wrapUp.more']);
  return done;
}

/** Everything stored for the conversation, as one string (state is JSON in storage). */
async function storedConversation(h: BotHarness): Promise<string> {
  const key = 'test/conversations/conv-1/';
  return JSON.stringify(await h.storage.read([key]));
}

describe('nothing the person typed is stored raw (item 5)', () => {
  const secretMessage = `${signIn.intent} on my mac, my apple id is jane.doe@example.com and password is Hunter2!xyz`;

  it('the first utterance handed to the playbook is redacted before it reaches conversation state', async () => {
    const h = harness();
    const replies = await h.say(secretMessage);
    // The playbook starts (after the once-per-conversation note that a password was hidden).
    expect(replies.find((r) => r.resync?.messageKey === 'playbook.intro')?.resync).toMatchObject({ playbook: signIn.id });
    const stored = await storedConversation(h);
    expect(stored).not.toContain('jane.doe@example.com');
    expect(stored).not.toContain('Hunter2!xyz');
    const rec = await record(h);
    expect(rec.firstUtterance).toContain('[redacted email]');
    expect(rec.firstUtterance).toContain('[redacted password]');
    expect(rec.firstUtterance).toContain(signIn.intent);
  });

  it('a problem waiting for "which device?" is kept redacted too', async () => {
    const h = harness();
    const replies = await h.say(`${photos.intent} on my iphone and my mac, password is Hunter2!xyz`);
    expect(last(replies).resync?.messageKey).toBe('device.which');
    expect(await storedConversation(h)).not.toContain('Hunter2!xyz');
    await h.say('mac');
    expect(await storedConversation(h)).not.toContain('Hunter2!xyz');
    expect((await record(h)).firstUtterance).toContain('[redacted password]');
  });
});

describe('"Is there anything else that isn\'t syncing?" (item 6)', () => {
  it.each(['no', 'nope', 'no thanks', "that's all", 'no thats all', 'No, that is all. Nothing else'])('"%s" ends politely with the goodbye', async (answer) => {
    const h = harness();
    await fixedAndAskedForMore(h);
    expect(keys(await h.say(answer))).toEqual(['goodbye']);
    // The question is answered: another "no" is no longer read against it.
    expect(keys(await h.say('no'))).not.toEqual(['goodbye']);
  });

  it.each(['yes', 'yeah', 'yes, something else'])('"%s" asks what, with a button per problem', async (answer) => {
    const h = harness();
    await fixedAndAskedForMore(h);
    const replies = await h.say(answer);
    expect(keys(replies)).toEqual(['more.question']);
    expect([...last(replies).resync!.choices!].sort()).toEqual(problemChoices);
    // A button starts that problem.
    const contacts = problems.find((p) => p.service === 'contacts')!;
    const started = await h.say(pick(replies, `intent:${contacts.intent}`));
    // After "I'll skip what we already checked" when the fix came from a check that applies here too.
    const intro = started.findIndex((r) => r.resync?.messageKey === 'playbook.intro');
    expect(started.slice(0, intro).every((r) => r.resync?.messageKey === 'more.skipping')).toBe(true);
    expect(started[intro].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: contacts.id });
  });

  it('naming a new problem straight away starts it ("yes, <problem> on my mac")', async () => {
    const h = harness();
    await fixedAndAskedForMore(h);
    const notes = problems.find((p) => p.service === 'notes')!;
    const replies = await h.say(`yes, ${notes.intent} on my mac`);
    expect(replies[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: notes.id });
  });

  it('a bare number is no answer to it (the question has no buttons)', async () => {
    const h = harness();
    await fixedAndAskedForMore(h);
    expect(keys(await h.say('1'))).toEqual(['notUnderstood']);
  });

  it('"no" with nothing asked is not a goodbye (the memory is of the question actually asked)', async () => {
    const h = harness();
    expect(keys(await h.say('no'))).toEqual(['notUnderstood']);
  });

  it('"no" after a playbook that ended without being fixed is not read as "nothing else"', async () => {
    const h = harness();
    await atFixedPrompt(h);
    // Talk to a person: the playbook ends at the handoff step, it did not ask "anything else?".
    await h.say({ value: { resyncChoice: 'agent' } });
    expect(keys(await h.say('no'))).not.toEqual(['goodbye']);
  });
});

describe('two devices in one message (item 13)', () => {
  it('asks which device has the problem, with a button for each device named, then starts there', async () => {
    const h = harness();
    const replies = await h.say(`${photos.intent}: different on my iphone and my mac`);
    expect(keys(replies)).toEqual(['device.which']);
    expect(last(replies).resync?.choices).toEqual(['iphone', 'mac']);
    const started = await h.say(pick(replies, 'mac'));
    expect(started[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: photos.id });
    expect(keys(started)).not.toContain('device.question');
    const rec = await record(h);
    expect(rec.device).toBe('mac');
    expect(rec.intent).toBe(photos.intent);
  });

  it('the answer may name the device, even one not offered ("actually my ipad")', async () => {
    const h = harness();
    await h.say(`${photos.intent} on my iphone and my mac`);
    const started = await h.say('actually my ipad');
    expect(started[0].resync?.messageKey).toBe('playbook.intro');
    expect((await record(h)).device).toBe('ipad');
  });

  it('a playbook that does not depend on the device (askDevice: false) starts without the question', async () => {
    const deviceFree = problems.find((p) => p.askDevice === false)!;
    expect(deviceFree).toBeDefined();
    const h = harness();
    const replies = await h.say(`${deviceFree.intent} on my iphone and my mac`);
    expect(replies[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: deviceFree.id });
    expect(keys(replies)).not.toContain('device.which');
  });

  it('the same device named twice is one device: no question', async () => {
    const h = harness();
    const replies = await h.say(`${photos.intent} on my iphone, yes the iphone`);
    expect(replies[0].resync?.messageKey).toBe('playbook.intro');
    expect((await record(h)).device).toBe('iphone');
  });

  it('not understood: asks again with the devices named, then how to pick one; never starts on the first button (tester round 8)', async () => {
    const h = harness();
    await h.say(`${photos.intent} on my iphone and my mac`);
    expect(keys(await h.say('blah'))).toEqual(['answer.notUnderstood', 'device.which']);
    expect(keys(await h.say('blah'))).toEqual(['answer.unclearDevice', 'device.which']);
    const started = await h.say('mac');
    expect(keys(started)).toContain('playbook.intro');
    expect(keys(started)).not.toContain('device.question');
    expect((await record(h)).device).toBe('mac');
  });

  it('another request instead of an answer is handled as usual (cancel stops)', async () => {
    const h = harness();
    await h.say(`${photos.intent} on my iphone and my mac`);
    expect(keys(await h.say('cancel'))).toEqual(['cancel.done']);
    expect(keys(await h.say('mac'))).not.toContain('playbook.intro');
  });
});

describe('"start over" (item 14)', () => {
  it('mid-playbook: clears the troubleshooting and asks at once what is not syncing, with a button per problem', async () => {
    const h = harness();
    await atFixedPrompt(h);
    expect((await record(h)).steps.length).toBeGreaterThan(0);
    const replies = await h.say('start over');
    expect(last(replies).resync?.messageKey).toBe('startOver.question');
    expect([...last(replies).resync!.choices!].sort()).toEqual(problemChoices);
    const rec = await record(h);
    expect(rec.steps).toEqual([]);
    expect(rec.intent).toBeUndefined();
    expect(rec.firstUtterance).toBeUndefined();
    // The buttons work: a number picks a problem, which starts from its beginning.
    const contacts = problems.find((p) => p.service === 'contacts')!;
    const started = await h.say(pick(replies, `intent:${contacts.intent}`));
    expect(started[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: contacts.id });
    expect((await record(h)).intent).toBe(contacts.intent);
  });

  it('mid-playbook: typing the new problem instead of picking a button starts it', async () => {
    const h = harness();
    await atFixedPrompt(h);
    await h.say('start over');
    const notes = problems.find((p) => p.service === 'notes')!;
    const started = await h.say(`${notes.intent} on my mac`);
    expect(started[0].resync).toMatchObject({ messageKey: 'playbook.intro', playbook: notes.id });
  });

  it('a bare number is not "start over"', async () => {
    const h = harness();
    expect(keys(await h.say('1'))).toEqual(['notUnderstood']);
  });

  it('with nothing going on it asks what is not syncing', async () => {
    const h = harness();
    const replies = await h.say('start over');
    expect(keys(replies)).toEqual(['startOver.question']);
    expect([...last(replies).resync!.choices!].sort()).toEqual(problemChoices);
  });

  it('at "which device?" it starts over too', async () => {
    const h = harness();
    await h.say(`${photos.intent} on my iphone and my mac`);
    expect(keys(await h.say('start over'))).toEqual(['startOver.question']);
  });

  it('"cancel" still only stops', async () => {
    const h = harness();
    await atFixedPrompt(h);
    const replies = await h.say('cancel');
    expect(keys(replies)).toEqual(['cancel.done']);
    // Stopped: the next "no" is not an answer to anything, and the flow is gone.
    expect(keys(await h.say('2'))).toEqual(['notUnderstood']);
  });
});

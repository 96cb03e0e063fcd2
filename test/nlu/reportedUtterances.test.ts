/**
 * Messages from the exploratory test report, recognised by the recogniser trained on the real
 * intents/. None of these sentences is a training utterance: they check that the training data
 * teaches the right boundary (a device restart is not "cancel", "nothing works" is not "goodbye",
 * Messages/Mail/Passwords/Safari problems are sync problems, an Android phone is the "other" device).
 */
import path from 'node:path';
import { loadRecognizerWithInfo, type IntentData } from '../../src/nlu';
import type { Recognition, Recognizer } from '../../src/nlu/recognizer';

const REAL_INTENTS = path.join(__dirname, '..', '..', 'intents');

let recognizer: Recognizer;
let data: IntentData;

beforeAll(async () => {
  const loaded = await loadRecognizerWithInfo({ intentsDir: REAL_INTENTS });
  recognizer = loaded.recognizer;
  data = loaded.data;
});

function handlerOf(r: Recognition): string {
  return data.intents.find((i) => i.id === r.intent)?.handler ?? 'none';
}

function normalised(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

describe('the report sentences are not training utterances', () => {
  it('none of the sentences that had a wrong answer is trained on (they would prove nothing)', () => {
    const trained = new Set(data.intents.flatMap((i) => i.utterances.map(normalised)));
    const all = [...notCancel, ...notGoodbye, ...services.map(([t]) => t), ...otherDevices, ...statusOfOne.map(([t]) => t), ...notStatus, ...windowsDevices, ...worksNow];
    expect(all.filter((t) => trained.has(normalised(t)))).toEqual([]);
  });
});

// Said at "Did that fix it?" after the restart step: about the device, not about the chat.
const notCancel = [
  'restarted it, still not syncing',
  'did the restart, no luck',
  'restart didnt help',
  'stopped and restarted, same problem',
  'restart',
  'I restarted my iphone twice and nothing changed',
];
// Ways to stop or start over that must keep working (some are training utterances).
const stillCancel = ['start over', 'restart the chat', 'cancel', "let's start again", 'stop', 'can we restart this conversation'];

describe('a device restart is not a request to stop the chat', () => {
  it.each(notCancel)('"%s" is not cancel', (text) => {
    expect(handlerOf(recognizer.recognize(text))).not.toBe('cancel');
  });
  it.each(stillCancel)('"%s" still cancels', (text) => {
    const r = recognizer.recognize(text);
    expect(handlerOf(r)).toBe('cancel');
    expect(r.ambiguous).toBe(false);
  });
});

// Said at "Did that fix it?": none of these says the problem is solved.
const notGoodbye = ['nothing works!!!', 'still nothing', 'it works but only on wifi', 'later', 'ok done that', 'not sure', 'this is ridiculous', 'nope still nothing works'];
const stillGoodbye = ['thanks bye', 'it works now', 'that fixed it', 'bye', 'all working again, thanks'];

describe('"nothing works" is not "it works now"', () => {
  it.each(notGoodbye)('"%s" is not goodbye', (text) => {
    expect(handlerOf(recognizer.recognize(text))).not.toBe('goodbye');
  });
  it.each(stillGoodbye)('"%s" is still goodbye', (text) => {
    expect(handlerOf(recognizer.recognize(text))).toBe('goodbye');
  });
});

// Services without an intent of their own: the general sync playbook, told which service it is.
const services: [string, string][] = [
  ['my messages arent syncing between my iphone and mac', 'messages'],
  ['passwords not syncing keychain', 'keychain'],
  ['icloud mail not receiving emails', 'mail'],
  ['safari bookmarks not syncing', 'safari'],
  ['my reading list in safari is not the same on my ipad', 'safari'],
  ['imessage history missing on my new mac', 'messages'],
];

describe('Messages, Mail, Passwords and Safari problems are understood', () => {
  it.each(services)('"%s" starts the sync playbook for %s, without asking "did you mean"', (text, service) => {
    const r = recognizer.recognize(text);
    expect(r.intent).toBe('sync-not-working');
    expect(r.ambiguous).toBe(false);
    expect(r.entities.filter((e) => e.type === 'service').map((e) => e.value)).toContain(service);
  });
});

const otherDevices = ['my android phone', 'its a samsung galaxy', 'on my chromebook', 'google pixel'];

describe('non-Apple devices are the "other" device', () => {
  it.each(otherDevices)('"%s" names the other device', (text) => {
    const devices = recognizer.recognize(text).entities.filter((e) => e.type === 'device');
    expect(devices.map((e) => e.value)).toEqual(['other']);
  });
});

// Second report: "is photos down" started the photos playbook (and asked for a device) instead of
// checking Apple's status for Photos.
const statusOfOne: [string, string][] = [
  ['is photos down', 'photos'],
  ['is icloud photos down?', 'photos'],
  ['is icloud drive down', 'drive'],
  ['are icloud notes down?', 'notes'],
];

describe('a status question about one service is a status question, with the service named', () => {
  it.each(statusOfOne)('"%s" asks for the status of %s', (text, service) => {
    const r = recognizer.recognize(text);
    expect(r.intent).toBe('service-status');
    expect(r.ambiguous).toBe(false);
    expect(r.entities.filter((e) => e.type === 'service').map((e) => e.value)).toEqual([service]);
  });
  it('the same service named with a sync problem still starts its playbook', () => {
    expect(recognizer.recognize('my icloud photos are not uploading from my iphone').intent).toBe('photos-not-syncing');
    expect(recognizer.recognize('icloud drive folders not updating on my mac').intent).toBe('drive-not-syncing');
  });
});

// "is anyone there" checks someone is listening: an opening, not "is iCloud down?".
const notStatus = ['is anyone there', 'hello, anyone there?'];

describe('checking someone is there is a greeting', () => {
  it.each(notStatus)('"%s" is a greeting', (text) => {
    expect(handlerOf(recognizer.recognize(text))).toBe('greeting');
  });
});

// Windows laptops by brand name are the Windows device (iCloud for Windows).
const windowsDevices = ['surface laptop', 'its a microsoft surface pro', 'on my dell laptop', 'lenovo thinkpad'];

describe('Windows laptops by name are the windows device', () => {
  it.each(windowsDevices)('"%s" names the windows device', (text) => {
    const devices = recognizer.recognize(text).entities.filter((e) => e.type === 'device');
    expect(devices.map((e) => e.value)).toEqual(['windows']);
  });
  it('"service" is not a Surface', () => {
    expect(recognizer.recognize('is the service down').entities.filter((e) => e.type === 'device')).toEqual([]);
  });
});

// "It's working now" in the ways the second report used: fixed, not a sync problem, not cancel.
const worksNow = ['its syncing now', "never mind it's working now", 'all good now, thanks'];

describe('"it\'s syncing now" says the problem is solved', () => {
  it.each(worksNow)('"%s" is goodbye, without asking which was meant', (text) => {
    const r = recognizer.recognize(text);
    expect(handlerOf(r)).toBe('goodbye');
    expect(r.ambiguous).toBe(false);
  });
});

/**
 * Device words (src/dialogs/main/deviceWords.ts): "my phone" (an iPhone or an Android phone), "my
 * laptop" (a Mac or a PC), "the website" (iCloud.com), read from messages.yaml; and which devices a
 * first message names with them for a playbook. Real content; asserts decisions, never wording.
 */
import { deviceFromWords, deviceWordGroups, deviceWordsIn, devicesWithWords, unfixablePlatforms } from '../../../src/dialogs/main/deviceWords';
import { editContent, realContent } from '../helpers';
import { testEngine } from './engineForTests';

const { engine } = testEngine();
const devicesOf = (text: string) => deviceWordsIn(engine, text).map((g) => g.devices);

describe('deviceWordsIn', () => {
  it('every group of the content names devices that exist, and has words', () => {
    const entries = engine.messages.list('synonyms.deviceWords');
    expect(entries.length).toBeGreaterThan(0);
    expect(deviceWordGroups(engine)).toHaveLength(entries.length);
  });

  it('"my phone" is an iPhone or an Android phone; "the website" is iCloud.com; "my laptop" a Mac or a PC', () => {
    expect(devicesOf('calendar not syncing on my phone')).toEqual([['iphone', 'other']]);
    expect(devicesOf('its on the website')).toEqual([['web']]);
    expect(devicesOf('notes missing on my laptop')).toEqual([['mac', 'windows']]);
  });

  it('words that hold "phone" or "mobile" but name no device in trouble are not read', () => {
    expect(devicesOf('the code goes to my old phone')).toEqual([]);
    expect(devicesOf('my phone number changed')).toEqual([]);
    expect(devicesOf('photos not syncing over mobile data')).toEqual([]);
    expect(devicesOf('not on my phone')).toEqual([]);
  });

  it('a group naming a device that does not exist is left out', () => {
    const content = editContent(realContent(), (c) => {
      c.messages['synonyms.deviceWords'] = ['toaster iphone: kitchen thing', 'iphone: mobile'];
    });
    const e = testEngine(content).engine;
    expect(deviceWordGroups(e).map((g) => g.devices)).toEqual([['iphone']]);
  });
});

describe('deviceFromWords at a device question', () => {
  it('the one device of the words that is offered, else a word that names one device', () => {
    expect(deviceFromWords(engine, 'its on the website', ['web', 'iphone'])).toBe('web');
    expect(deviceFromWords(engine, 'my phone', ['web', 'iphone'])).toBe('iphone');
    expect(deviceFromWords(engine, 'the website', ['iphone', 'mac'])).toBe('web');
  });

  it('words that still name two offered devices, or none, pick nothing', () => {
    expect(deviceFromWords(engine, 'my phone', ['iphone', 'other'])).toBeUndefined();
    expect(deviceFromWords(engine, 'my laptop', ['iphone', 'web'])).toBeUndefined();
    expect(deviceFromWords(engine, 'no', ['iphone', 'web'])).toBeUndefined();
  });
});

describe('devicesWithWords in a first message', () => {
  const photos = 'photos-not-syncing';
  const notes = 'notes-not-syncing';

  it('Photos can\'t be fixed on iCloud.com (service-toggles unavailableOn)', () => {
    expect(unfixablePlatforms(engine, photos, 'photos')).toContain('web');
    expect(unfixablePlatforms(engine, notes, 'notes')).not.toContain('web');
  });

  it('"photos from my phone dont show up on icloud.com": the iPhone, the browser left out', () => {
    expect(devicesWithWords(engine, photos, 'photos', 'photos from my phone dont show up on icloud.com', ['web'], [])).toEqual({ devices: ['iphone'], left: ['web', 'other'] });
  });

  it('"my phone" alone: asked which phone', () => {
    const out = devicesWithWords(engine, notes, 'notes', 'notes not syncing on my phone', [], []);
    expect(out.devices).toEqual([]);
    expect(out.ask).toEqual({ word: 'phone', devices: ['iphone', 'other'] });
  });

  it('a phone named for sure, or ruled out, leaves nothing to ask', () => {
    expect(devicesWithWords(engine, notes, 'notes', 'notes not syncing on my phone, an iphone 15', ['iphone'], [])).toEqual({ devices: ['iphone'], left: [] });
    expect(devicesWithWords(engine, notes, 'notes', 'notes not syncing on my phone', [], ['other'])).toEqual({ devices: ['iphone'], left: [] });
  });

  it('"the website" alone is iCloud.com', () => {
    expect(devicesWithWords(engine, notes, 'notes', 'notes are wrong on the website', [], [])).toEqual({ devices: ['web'], left: [] });
  });
});

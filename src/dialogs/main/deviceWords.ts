/**
 * Words that name a device without saying which one ("my phone": an iPhone or an Android phone;
 * "my laptop": a Mac or a Windows PC), and words the recogniser leaves out that name one device
 * ("the website": iCloud.com). The recogniser's device entities leave such words out on purpose
 * (intents/entities.yaml); the dialogs read them here, from messages.yaml `synonyms.deviceWords`
 * ("<device id> <device id>: word, word", the first word naming the group in "Which phone is it?"),
 * as whole words and not negated, after the phrases of `synonyms.deviceWordsNot` are taken out
 * ("phone number", "old phone": not the device in trouble). Pure: no state, no sending.
 */
import { holdsPhrase, mentionsPhrase, normalise, occurrences } from '../answers';
import type { Engine } from '../engine';

/** One group of device words named in a message: its first word and the device ids it can mean. */
export interface DeviceWord {
  word: string;
  devices: string[];
}

/** The groups of messages.yaml `synonyms.deviceWords` whose devices all exist, with their words. */
export function deviceWordGroups(engine: Engine): { word: string; words: string[]; devices: string[] }[] {
  return engine.messages.list('synonyms.deviceWords').flatMap((entry) => {
    const at = entry.indexOf(':');
    if (at <= 0) return [];
    const devices = entry.slice(0, at).trim().split(/[\s,]+/).filter((id) => id !== '');
    const words = entry
      .slice(at + 1)
      .split(',')
      .map((w) => w.trim())
      .filter((w) => w !== '');
    if (words.length === 0 || devices.length === 0 || devices.some((id) => engine.device(id)?.id !== id)) return [];
    return [{ word: words[0], words, devices }];
  });
}

/** The text without the phrases that hold a device word but name no device in trouble ("phone number"). */
function withoutNotDevice(engine: Engine, text: string): string {
  let t = ` ${normalise(text)} `;
  for (const phrase of engine.messages.list('synonyms.deviceWordsNot')) {
    const p = normalise(phrase);
    if (p) t = t.split(` ${p} `).join(' ');
  }
  return t.trim();
}

/** The groups of device words a message names (as whole words, not negated), in content order. */
export function deviceWordsIn(engine: Engine, text: string): DeviceWord[] {
  const t = withoutNotDevice(engine, text);
  if (!t) return [];
  return deviceWordGroups(engine)
    .filter((g) => mentionsPhrase(g.words, t, true))
    .map((g) => ({ word: g.word, devices: [...g.devices] }));
}

/**
 * The device a message names with such words among `offered` (the buttons of a device question):
 * the one device of a group that is offered ("the website" at "[iCloud.com] [iPhone]", "my phone"
 * there too), else a group's only device ("the website" when it was not offered). Undefined when
 * the words name none, or more than one.
 */
export function deviceFromWords(engine: Engine, text: string, offered: readonly string[]): string | undefined {
  const picks = new Set<string>();
  for (const group of deviceWordsIn(engine, text)) {
    const among = group.devices.filter((id) => offered.includes(id));
    if (among.length === 1) picks.add(among[0]);
    else if (among.length === 0 && group.devices.length === 1) picks.add(group.devices[0]);
    else if (among.length > 1) return undefined;
  }
  return picks.size === 1 ? [...picks][0] : undefined;
}

/**
 * The platforms where a playbook's service can't be fixed: a step of the playbook lists the service
 * `unavailableOn` there (Photos on iCloud.com, which only shows what the devices uploaded).
 */
export function unfixablePlatforms(engine: Engine, playbookId: string, service: string | undefined): string[] {
  const playbook = engine.content.playbooks[playbookId];
  if (!playbook || !service) return [];
  return playbook.steps.flatMap((id) => engine.content.steps[id]?.unavailableOn?.[service] ?? []);
}

/**
 * The devices a first message names for a playbook about a service, with its device words: the
 * devices the recogniser found (`named`) and, for each group of words none of whose devices is
 * named ("my phone" beside "icloud.com"), the group's devices. With two or more, the ones where the
 * service can't be fixed (`unfixablePlatforms`) are left out while one the message named for sure,
 * or a device a word can only mean, remains: "photos from my phone dont show up on icloud.com"
 * is the iPhone's problem, and so is "i uploaded photos on icloud.com but they dont appear on my
 * iphone". Devices that share one platform with its own device (Android and iCloud.com: the web) count
 * as that one. `ask` is the group to ask about ("Which phone is it?") when words alone
 * name two or more devices; `left` the devices left out for that reason.
 */
export function devicesWithWords(
  engine: Engine,
  playbookId: string,
  service: string | undefined,
  text: string,
  named: readonly string[],
  ruledOut: readonly string[],
): { devices: string[]; ask?: DeviceWord; left: string[]; from?: string } {
  const groups = deviceWordsIn(engine, text)
    .map((g) => ({ ...g, devices: g.devices.filter((id) => !ruledOut.includes(id)) }))
    .filter((g) => g.devices.length > 0 && !g.devices.some((id) => named.includes(id)));
  const devices = [...named];
  for (const g of groups) for (const id of g.devices) if (!devices.includes(id)) devices.push(id);
  const unfixable = unfixablePlatforms(engine, playbookId, service);
  const fixable = devices.filter((id) => !unfixable.includes(engine.device(id)?.platform ?? ''));
  if (named.length > 0 && fixable.length > 0 && fixable.length < devices.length) {
    return { devices: fixable, left: devices.filter((id) => !fixable.includes(id)) };
  }
  // "photos i take on my iphone dont show up on my mac": the Mac is the one missing them, so nobody is asked which.
  const missing = devices.length > 1 ? deviceMissingData(engine, text, devices) : undefined;
  if (missing !== undefined) return { devices: [missing], left: [], from: devices.find((id) => id !== missing) };
  if (named.length === 0 && groups.length === 1 && groups[0].devices.length > 1) return { devices: [], ask: groups[0], left: [] };
  // "i cant log in to icloud on my android phone browser": the browser on that phone. Devices on one platform get the
  // same steps, so when one of them is the platform's own device (iCloud.com for the web) nobody is asked which.
  // Two devices of their own on one platform (an iPhone and an iPad) are still asked about.
  const platforms = new Set<string | undefined>(devices.map((id) => engine.device(id)?.platform));
  const own = devices.find((id) => platforms.size === 1 && platforms.has(id));
  if (devices.length > 1 && own !== undefined) return { devices: [own], left: [] };
  return { devices, left: [] };
}

/** Most words between a direction phrase and the device it points at ("dont show up on my new mac"). */
const DIRECTION_GAP = 2;

/** Most words from one device to the next in "iphone to mac", "my iphone over to my new mac". */
const TOWARDS_SPAN = 6;

/** Where each of `devices` is named in a message: word positions in its normalised words. */
function devicePlaces(engine: Engine, text: string, devices: readonly string[]): { words: string[]; places: { device: string; at: number }[] } {
  const words = normalise(text).split(' ').filter(Boolean);
  const places: { device: string; at: number }[] = [];
  for (const e of engine.recognizer.recognize(text).entities) {
    if (e.type !== 'device') continue;
    const device = engine.device(e.value)?.id;
    if (device === undefined || !devices.includes(device)) continue;
    places.push({ device, at: normalise(text.slice(0, Math.max(0, e.start))).split(' ').filter(Boolean).length });
  }
  // Device words ("the website", "my laptop") that mean one of `devices` there.
  for (const group of deviceWordGroups(engine)) {
    const among = group.devices.filter((id) => devices.includes(id));
    if (among.length !== 1) continue;
    for (const w of group.words) {
      const phrase = normalise(w).split(' ').filter(Boolean);
      if (phrase.length > 0) for (const at of occurrences(words, phrase)) places.push({ device: among[0], at });
    }
  }
  return { words, places };
}

/** True when one of `phrases` ends at most DIRECTION_GAP words before word `at`. */
function phraseLeadsTo(phrases: readonly string[], words: readonly string[], at: number): boolean {
  return phrases.some((phrase) => {
    const p = normalise(phrase).split(' ').filter(Boolean);
    if (p.length === 0) return false;
    // An occurrence that ends 0 to DIRECTION_GAP words before `at`.
    return occurrences(words, p).some((from) => at - (from + p.length) >= 0 && at - (from + p.length) <= DIRECTION_GAP);
  });
}

/**
 * Of two or more devices a message names, the one it says is missing the data: the device after a
 * phrase of messages.yaml `synonyms.missingOn` ("dont show up on my mac", "never show on my iphone"),
 * else the one a `synonyms.syncedTo` word points at, named after another ("iphone to mac"), else, of
 * two devices, the one that is not after a phrase of `synonyms.madeOn` ("i take on my iphone", "from
 * my mac"). Undefined when the words do not say, say it of more than one, or turn
 * round (`synonyms.otherWay`: "but not the other way").
 */
export function deviceMissingData(engine: Engine, text: string, devices: readonly string[]): string | undefined {
  // "from my mac to my ipad but not the other way": the words turn round, so they don't say (asked).
  // Whole words, negated or not ("but not the other way" is the very case).
  if (holdsPhrase(engine.messages.list('synonyms.otherWay'), text)) return undefined;
  const { words, places } = devicePlaces(engine, text, devices);
  const missing = new Set(places.filter((p) => phraseLeadsTo(engine.messages.list('synonyms.missingOn'), words, p.at)).map((p) => p.device));
  if (missing.size === 1) return [...missing][0];
  if (missing.size > 1) return undefined;
  // "notes not syncing iphone to mac": the device a `synonyms.syncedTo` word points at, after another one.
  const towards = new Set(places.filter((p) => phraseLeadsTo(engine.messages.list('synonyms.syncedTo'), words, p.at) && places.some((o) => o.device !== p.device && o.at < p.at && p.at - o.at <= TOWARDS_SPAN)).map((p) => p.device));
  if (towards.size === 1) return [...towards][0];
  if (towards.size > 1) return undefined;
  const made = new Set(places.filter((p) => phraseLeadsTo(engine.messages.list('synonyms.madeOn'), words, p.at)).map((p) => p.device));
  const others = devices.filter((id) => !made.has(id));
  return made.size === 1 && others.length === 1 ? others[0] : undefined;
}

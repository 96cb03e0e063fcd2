/**
 * Precision on the project's own words: the redactor leaves every training and held-out utterance
 * in intents/ as it is (but for the ones that really are secrets), and never takes the bot's own
 * texts in dialogs/ for a password or a code. Transcripts store the bot's replies redacted too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadIntents } from '../../src/nlu/trainingData';
import { redactText } from '../../src/privacy/redact';

const ROOT = path.resolve(__dirname, '..', '..');

/** Utterances in intents/ that are secrets on purpose (the out-of-scope examples of a typed code). */
const SECRET_UTTERANCES = new Set(['123456']);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

const changed = (texts: string[]): string[] => texts.filter((t) => redactText(t).text !== t);

describe('the redactor on intents/', () => {
  const intents = loadIntents(path.join(ROOT, 'intents')).intents;
  const training = intents.flatMap((i) => i.utterances);
  const heldOut = intents.flatMap((i) => i.heldOut);

  it('has utterances to check', () => {
    expect(training.length).toBeGreaterThan(500);
    expect(heldOut.length).toBeGreaterThan(100);
  });

  it('changes no training utterance but the ones that are secrets', () => {
    expect(changed(training).filter((t) => !SECRET_UTTERANCES.has(t))).toEqual([]);
  });

  it('changes no held-out utterance but the ones that are secrets', () => {
    expect(changed(heldOut).filter((t) => !SECRET_UTTERANCES.has(t))).toEqual([]);
  });

  it('does redact the utterances listed as secrets (the list is not stale)', () => {
    for (const secret of SECRET_UTTERANCES) {
      expect(training.concat(heldOut)).toContain(secret);
      expect(redactText(secret).text).not.toContain(secret);
    }
  });
});

describe('the redactor on the bot texts in dialogs/', () => {
  const texts = yamlFiles(path.join(ROOT, 'dialogs')).flatMap((file) => strings(parse(readFileSync(file, 'utf8'))));

  it('has texts to check', () => {
    expect(texts.length).toBeGreaterThan(300);
  });

  it('finds no password, code, card or IBAN in them', () => {
    const wrong = texts
      .map((t) => ({ t, kinds: redactText(t).redactions.map((r) => r.kind) }))
      .filter(({ kinds }) => kinds.some((k) => k !== 'email' && k !== 'phone'));
    expect(wrong).toEqual([]);
  });

  it('redacts only the example address and number that show the format', () => {
    // "for example name@example.com or +44 20 7946 0000": reserved example values, harmless either way.
    const examples = changed(texts).filter((t) => !/@example\.(?:com|org)\b|\b7946\b/.test(t));
    expect(examples).toEqual([]);
  });
});

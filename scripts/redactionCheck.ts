/**
 * Redaction precision check: how many ordinary sentences the redactor changes.
 *
 *   npm run build && node dist/scripts/redactionCheck.js [--show] [--answers] [<benchmark-dir>]
 *
 * Always counts the training and held-out utterances in intents/ and every text in dialogs/ (the
 * bot's own words, which are redacted too when transcripts are stored). With <benchmark-dir> (a
 * folder with braun2017/ and clinc150/, e.g. /work/shared/nlu-benchmarks) it also counts the
 * public intent corpora read from there (never copied); --answers adds the AskUbuntu and
 * WebApplications answers (HTML, tags removed), which are full of commands, paths and versions.
 * --show prints every changed text before and after. Not part of `npm test`.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadIntents } from '../src/nlu/trainingData';
import { redactText } from '../src/privacy/redact';

interface Corpus {
  name: string;
  texts: string[];
}

function yamlStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => yamlStrings(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => yamlStrings(v, out));
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

function repoCorpora(root: string): Corpus[] {
  const intents = loadIntents(path.join(root, 'intents')).intents;
  const dialogTexts: string[] = [];
  for (const file of yamlFiles(path.join(root, 'dialogs'))) yamlStrings(parse(readFileSync(file, 'utf8')), dialogTexts);
  return [
    { name: 'intents/ training utterances', texts: intents.flatMap((i) => i.utterances) },
    { name: 'intents/ held-out utterances', texts: intents.flatMap((i) => i.heldOut) },
    { name: 'dialogs/ texts (bot replies)', texts: dialogTexts },
  ];
}

function stripHtml(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function benchmarkCorpora(dir: string, answers: boolean): Corpus[] {
  const corpora: Corpus[] = [];
  const braun = path.join(dir, 'braun2017');
  if (existsSync(braun)) {
    for (const file of readdirSync(braun).filter((f) => f.endsWith('.json')).sort()) {
      const data = JSON.parse(readFileSync(path.join(braun, file), 'utf8')) as { sentences: Array<{ text: string; answer?: { text?: string } }> };
      corpora.push({ name: `braun2017/${file}`, texts: data.sentences.map((s) => s.text) });
      if (answers) {
        const texts = data.sentences.flatMap((s) => (s.answer?.text ? stripHtml(s.answer.text).split(/\n+/).filter((l) => l.trim()) : []));
        if (texts.length) corpora.push({ name: `braun2017/${file} answers (lines)`, texts });
      }
    }
  }
  const clinc = path.join(dir, 'clinc150', 'data_full.json');
  if (existsSync(clinc)) {
    const data = JSON.parse(readFileSync(clinc, 'utf8')) as Record<string, Array<[string, string]>>;
    corpora.push({ name: 'clinc150/data_full.json (all splits)', texts: Object.values(data).flatMap((items) => items.map(([text]) => text)) });
  }
  if (corpora.length === 0) throw new Error(`redactionCheck: no braun2017/ or clinc150/ in ${dir}`);
  return corpora;
}

function main(argv: string[]): void {
  const show = argv.includes('--show');
  const answers = argv.includes('--answers');
  const dirs = argv.filter((a) => !a.startsWith('--'));
  const root = path.resolve(__dirname, '..', '..');
  const corpora = [...repoCorpora(existsSync(path.join(root, 'intents')) ? root : process.cwd())];
  for (const dir of dirs) corpora.push(...benchmarkCorpora(dir, answers));
  let total = 0;
  let changedTotal = 0;
  for (const corpus of corpora) {
    const changed = corpus.texts.map((t) => [t, redactText(t).text] as const).filter(([t, r]) => t !== r);
    total += corpus.texts.length;
    changedTotal += changed.length;
    console.log(`${corpus.name}: ${changed.length} of ${corpus.texts.length} changed`);
    if (show) for (const [before, after] of changed) console.log(`    ${before}\n  → ${after}`);
  }
  console.log(`all: ${changedTotal} of ${total} changed (${((100 * changedTotal) / Math.max(total, 1)).toFixed(2)}%)`);
}

main(process.argv.slice(2));

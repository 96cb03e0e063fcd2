import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  choicesOn,
  devicesFileSchema,
  messagesFileSchema,
  OPTIONAL_STEP_MESSAGES,
  PLATFORMS,
  playbookSchema,
  servicesFileSchema,
  questionsFileSchema,
  type KnownQuestion,
  stepSchema,
  type Device,
  type Playbook,
  type Service,
  type Step,
} from './playbookSchema';
import { ContentError, type ContentProblem } from './problems';
import { checkWithSchema, fieldPath, readYamlFile, type YamlFile } from './yamlFile';
import { ENGINE_MESSAGES, placeholdersIn, type MessageValue } from '../dialogs/messages';
import { STEP_KIND_MESSAGES, STEP_PLACEHOLDERS } from '../dialogs/stepMessages';

/** What the engine needs to know about an intent (from intents/<id>.yaml). */
export interface IntentRef {
  id: string;
  handler: string;
  /** The intent's file, for problems that point at it. */
  file?: string;
  /** 1-based line of its `handler:` in that file. */
  line?: number;
}

export interface CheckDialogsOptions {
  /**
   * Ids (file names) of intent files that failed to parse: a playbook naming one is not reported
   * as naming an unknown intent (the intent file's own problems are).
   */
  failedIntents?: Iterable<string>;
}

export interface LoadedPlaybook extends Playbook {
  /** Hash of the playbook and every step it uses: changes whenever the content a user sees changes. */
  contentVersion: string;
  file: string;
}

/** The validated troubleshooting content the engine runs on. */
export interface Content {
  devices: Device[];
  services: Service[];
  /** Status-feed names checked for every service. */
  alwaysCheck: string[];
  messages: Record<string, MessageValue>;
  steps: Record<string, Step>;
  playbooks: Record<string, LoadedPlaybook>;
  intents: IntentRef[];
  /** Side questions with a sure answer (questions.yaml; none when the file is absent). */
  questions: KnownQuestion[];
}

export interface CheckResult {
  content: Content | null;
  problems: ContentProblem[];
}

function listYaml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
}

/** A playbook's content version: a hash of the playbook and every step it uses. */
export function contentHash(playbook: Playbook, steps: Step[]): string {
  return createHash('sha256').update(JSON.stringify({ playbook, steps })).digest('hex').slice(0, 16);
}

/** Every text of a step with the field path it sits at. */
function stepTexts(step: Step): { field: (string | number)[]; text: string; extra: readonly string[] }[] {
  const out: { field: (string | number)[]; text: string; extra: readonly string[] }[] = [];
  const addPlatformTexts = (obj: Record<string, unknown> | undefined, base: (string | number)[]) => {
    for (const [k, v] of Object.entries(obj ?? {})) {
      if (typeof v === 'string') out.push({ field: [...base, k], text: v, extra: [] });
      // A service's or a choice's texts for one device (`devices`).
      else if (k === 'devices' && v && typeof v === 'object') addPlatformTexts(v as Record<string, unknown>, [...base, k]);
    }
  };
  addPlatformTexts(step.instructions, ['instructions']);
  if (step.question) {
    addPlatformTexts(step.question.text, ['question', 'text']);
    step.question.choices.forEach((c, i) => {
      out.push({ field: ['question', 'choices', i, 'title'], text: c.title, extra: [] });
      addPlatformTexts(c.instructions, ['question', 'choices', i, 'instructions']);
      if (c.saidFirst) out.push({ field: ['question', 'choices', i, 'saidFirst', 'say'], text: c.saidFirst.say, extra: [] });
    });
  }
  for (const [svc, o] of Object.entries(step.services)) addPlatformTexts(o, ['services', svc]);
  for (const [k, v] of Object.entries(step.messages)) out.push({ field: ['messages', k], text: v, extra: stepMessagePlaceholders(step.kind, k) ?? [] });
  return out;
}

/**
 * A question's platform-limited choices (`onlyOn`): on every platform where the question is asked
 * (its text is not `skip`) at least two choices must be left, and a choice's own instructions for a
 * platform it is not offered on would never be read.
 */
function checkOnlyOn(step: Step, report: (field: (string | number)[], message: string) => void): void {
  const question = step.question;
  if (!question || !question.choices.some((c) => c.onlyOn)) return;
  question.choices.forEach((c, i) => {
    if (!c.onlyOn) return;
    for (const p of PLATFORMS) {
      if (c.instructions?.[p] !== undefined && !c.onlyOn.includes(p)) {
        report(['question', 'choices', i, 'instructions', p], `never shown: choice '${c.id}' is only offered on ${c.onlyOn.join(', ')}`);
      }
    }
  });
  for (const p of PLATFORMS) {
    const asked = question.text[p] ?? question.text.all;
    if (asked === undefined || asked === 'skip') continue;
    const offered = choicesOn(step, p).map((c) => `'${c.id}'`);
    if (offered.length < 2) {
      report(['question', 'choices'], `on platform '${p}' the question would offer ${offered.length === 0 ? 'no choice' : `only ${offered[0]}`}; a question needs at least 2 choices on every platform it is asked on (see onlyOn)`);
    }
  }
}

/** The extra placeholders of a step message key, or undefined when the kind has no such message. */
function stepMessagePlaceholders(kind: Step['kind'], key: string): readonly string[] | undefined {
  return STEP_KIND_MESSAGES[kind][key] ?? OPTIONAL_STEP_MESSAGES[kind][key];
}

/**
 * A top-level `key: value` of a file that failed to parse, read from its text ("which step or
 * intent was that file?"), so references to it are not reported as missing.
 */
function scalarInText(file: string, key: string): string | undefined {
  try {
    return new RegExp(`^${key}:[ \\t]*["']?([a-z0-9-]+)["']?[ \\t]*(?:#.*)?$`, 'm').exec(readFileSync(path.resolve(file), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Reads and checks everything in `dialogsDir` against the schemas and across files.
 * `intents` is the list of intents (id and handler) from intents/; null when intents/ could not be
 * read, which skips the checks against it (its own problems are reported by checkIntents).
 *
 * Every problem comes out in one run: a file with problems is still checked against the others as
 * far as it parsed (its unknown fields dropped, else its valid top-level fields), and a reference
 * to a file that exists but has problems is not reported as missing.
 */
export function checkDialogs(dialogsDir: string, intents: readonly IntentRef[] | null, options: CheckDialogsOptions = {}): CheckResult {
  const problems: ContentProblem[] = [];
  const rel = (...parts: string[]) => path.join(dialogsDir, ...parts);
  const read = (file: string): YamlFile | null => {
    const r = readYamlFile(path.resolve(file), file);
    problems.push(...r.problems);
    return r.yaml;
  };
  /** Some file in dialogs/ has problems of its own: the whole-content checks ("no handoff step") would only follow from them. */
  let someFileFailed = false;
  const parse = <S extends Parameters<typeof checkWithSchema>[1]>(yaml: YamlFile, schema: S) => {
    const r = checkWithSchema(yaml, schema);
    problems.push(...r.problems);
    if (r.problems.length > 0) someFileFailed = true;
    return r;
  };
  const problem = (yaml: YamlFile | null, file: string, field: (string | number)[], message: string) => {
    problems.push({ file, line: yaml?.lineOf(field), field: fieldPath(field), message });
  };

  // devices.yaml
  let devices: Device[] = [];
  const devicesFile = rel('devices.yaml');
  const devicesYaml = read(devicesFile);
  if (devicesYaml) {
    const r = parse(devicesYaml, devicesFileSchema);
    if (r.usable) {
      devices = r.usable.devices;
      const seen = new Set<string>();
      devices.forEach((d, i) => {
        if (seen.has(d.id)) problem(devicesYaml, devicesFile, ['devices', i, 'id'], `duplicate device id '${d.id}'`);
        seen.add(d.id);
      });
      if (!devices.some((d) => d.ask)) problem(devicesYaml, devicesFile, ['devices'], 'no device has ask: true, so the bot cannot ask which device');
    }
  }

  // services.yaml
  let services: Service[] = [];
  let alwaysCheck: string[] = [];
  const servicesFile = rel('services.yaml');
  const servicesYaml = read(servicesFile);
  if (servicesYaml) {
    const r = parse(servicesYaml, servicesFileSchema);
    if (r.usable) {
      services = r.usable.services;
      alwaysCheck = r.usable.alwaysCheck;
      const seen = new Set<string>();
      services.forEach((s, i) => {
        if (seen.has(s.id)) problem(servicesYaml, servicesFile, ['services', i, 'id'], `duplicate service id '${s.id}'`);
        seen.add(s.id);
        for (const name of placeholdersIn(s.howToTell ?? '')) {
          if (!(STEP_PLACEHOLDERS as readonly string[]).includes(name)) problem(servicesYaml, servicesFile, ['services', i, 'howToTell'], `unknown placeholder {${name}}`);
        }
      });
    }
  }
  const serviceIds = new Set(services.map((s) => s.id));

  // questions.yaml (optional)
  let questions: KnownQuestion[] = [];
  const questionsFile = rel('questions.yaml');
  const questionsYaml = existsSync(questionsFile) ? read(questionsFile) : null;
  if (questionsYaml) {
    const r = parse(questionsYaml, questionsFileSchema);
    if (r.usable) {
      questions = r.usable.questions;
      const ids = new Set<string>();
      const askedBy = new Map<string, string>();
      questions.forEach((q, i) => {
        if (ids.has(q.id)) problem(questionsYaml, questionsFile, ['questions', i, 'id'], `duplicate question id '${q.id}'`);
        ids.add(q.id);
        q.whenAsked.forEach((phrase, j) => {
          const key = phrase.toLowerCase().replace(/\s+/g, ' ');
          const other = askedBy.get(key);
          if (other !== undefined && other !== q.id) problem(questionsYaml, questionsFile, ['questions', i, 'whenAsked', j], `'${phrase}' is also in whenAsked of question '${other}'`);
          askedBy.set(key, q.id);
        });
        for (const [platform, said] of Object.entries(q.answer)) {
          for (const name of placeholdersIn(said ?? '')) problem(questionsYaml, questionsFile, ['questions', i, 'answer', platform], `unknown placeholder {${name}} (answers are said as written)`);
        }
      });
    }
  }

  // messages.yaml
  let messages: Record<string, MessageValue> = {};
  const messagesFile = rel('messages.yaml');
  const messagesYaml = read(messagesFile);
  if (messagesYaml) {
    const r = parse(messagesYaml, messagesFileSchema);
    // A wrong `version` does not stop the checks of the messages themselves.
    const usable = r.usable?.messages ?? (r.broken.has('messages') ? undefined : r.fields.messages);
    if (usable) {
      messages = usable;
      for (const [key, allowed] of Object.entries(ENGINE_MESSAGES) as [string, readonly string[]][]) {
        if (messages[key] === undefined) problem(messagesYaml, messagesFile, ['messages'], `missing message '${key}' (the engine uses it)`);
        else checkPlaceholders(messagesYaml, messagesFile, ['messages', key], messages[key], allowed);
      }
      for (const key of Object.keys(messages)) {
        if (!(key in ENGINE_MESSAGES)) problem(messagesYaml, messagesFile, ['messages', key], `unknown message key '${key}' (not used by the engine)`);
      }
    }
  }

  function checkPlaceholders(yaml: YamlFile, file: string, field: (string | number)[], value: MessageValue, allowed: readonly string[]) {
    const texts = Array.isArray(value) ? value : [value];
    texts.forEach((t, i) => {
      for (const name of placeholdersIn(t)) {
        if (!allowed.includes(name) && !(STEP_PLACEHOLDERS as readonly string[]).includes(name)) {
          problem(yaml, file, Array.isArray(value) ? [...field, i] : field, `unknown placeholder {${name}}`);
        }
      }
    });
  }

  // steps/
  const steps: Record<string, Step> = {};
  const stepFiles: Record<string, { yaml: YamlFile; file: string }> = {};
  // A file whose name matches its id wins a duplicate id; the other file is the one reported.
  /**
   * Ids of step files that failed to parse or their schema (the file name, and the id written in
   * it): already reported, so not "unknown" where they are used.
   */
  const invalidSteps = new Set<string>();
  const parsedSteps: { name: string; file: string; yaml: YamlFile; step: Step }[] = [];
  for (const name of listYaml(rel('steps'))) {
    const file = rel('steps', name);
    const yaml = read(file);
    if (!yaml) {
      someFileFailed = true;
      invalidSteps.add(path.parse(name).name);
      const id = scalarInText(file, 'id');
      if (id) invalidSteps.add(id);
      continue;
    }
    const r = parse(yaml, stepSchema);
    // Unknown fields aside (reported above), a step is checked as usual.
    if (r.usable) parsedSteps.push({ name, file, yaml, step: r.usable });
    else {
      invalidSteps.add(path.parse(name).name);
      if (r.fields.id) invalidSteps.add(r.fields.id);
      else if (yaml.data && typeof (yaml.data as { id?: unknown }).id === 'string') invalidSteps.add((yaml.data as { id: string }).id);
    }
  }
  parsedSteps.sort((a, b) => Number(path.parse(a.name).name !== a.step.id) - Number(path.parse(b.name).name !== b.step.id));
  for (const { name, file, yaml, step } of parsedSteps) {
    if (steps[step.id]) {
      problem(yaml, file, ['id'], `duplicate step id '${step.id}' (also in ${stepFiles[step.id].file})`);
      continue;
    }
    if (path.parse(name).name !== step.id) problem(yaml, file, ['id'], `step id '${step.id}' does not match the file name`);
    steps[step.id] = step;
    stepFiles[step.id] = { yaml, file };
    for (const t of stepTexts(step)) checkPlaceholders(yaml, file, t.field, t.text, t.extra);
    for (const svc of Object.keys(step.services)) {
      if (!serviceIds.has(svc) && services.length > 0) problem(yaml, file, ['services', svc], `unknown service id '${svc}' (not in services.yaml)`);
    }
    // Texts for one device: the device must exist.
    const deviceTexts: { field: (string | number)[]; ids: string[] }[] = [
      ...Object.entries(step.services).map(([svc, o]) => ({ field: ['services', svc, 'devices'], ids: Object.keys(o.devices ?? {}) })),
      ...(step.question?.choices ?? []).map((c, i) => ({ field: ['question', 'choices', i, 'instructions', 'devices'], ids: Object.keys(c.instructions?.devices ?? {}) })),
    ];
    for (const { field, ids } of deviceTexts) {
      for (const d of ids) if (devices.length > 0 && !devices.some((x) => x.id === d)) problem(yaml, file, [...field, d], `unknown device id '${d}' (not in devices.yaml)`);
    }
    const needed = STEP_KIND_MESSAGES[step.kind];
    for (const key of Object.keys(needed)) {
      if (step.messages[key] === undefined) problem(yaml, file, ['messages'], `missing message '${key}' (a ${step.kind} step needs it)`);
    }
    for (const [svc, platforms] of Object.entries(step.unavailableOn ?? {})) {
      if (!serviceIds.has(svc) && services.length > 0) problem(yaml, file, ['unavailableOn', svc], `unknown service id '${svc}' (not in services.yaml)`);
      for (const platform of platforms) {
        const said = step.services[svc]?.[platform] ?? step.services[svc]?.all ?? step.instructions[platform] ?? step.instructions.all;
        if (said === undefined || said === 'skip') {
          problem(yaml, file, ['unavailableOn', svc], `'${svc}' is unavailable on '${platform}', so the step needs a text for it there that says so (not skip)`);
        }
      }
      for (const key of ['elsewhereQuestion', 'elsewhereStop', 'elsewhereStopped']) {
        if (step.messages[key] === undefined) problem(yaml, file, ['messages'], `missing message '${key}' (unavailableOn needs it)`);
      }
    }
    if (step.question) {
      const seen = new Set<string>();
      step.question.choices.forEach((c, i) => {
        if (seen.has(c.id)) problem(yaml, file, ['question', 'choices', i, 'id'], `duplicate choice id '${c.id}'`);
        seen.add(c.id);
        // Nobody says a step fixed the problem before the step is shown.
        if (c.saidFirst && c.action === 'fixed') problem(yaml, file, ['question', 'choices', i, 'saidFirst'], `choice '${c.id}' ends the playbook as fixed; a first message cannot give that answer`);
        if (c.ifNotFixedStep !== undefined && c.action !== 'continue') problem(yaml, file, ['question', 'choices', i, 'ifNotFixedStep'], `choice '${c.id}' has no instructions and "Did that fix it?" to follow (action '${c.action}')`);
      });
      checkOnlyOn(step, (field, message) => problem(yaml, file, field, message));
    }
  }
  // A choice's ifNotFixedStep names an instruction step without a question of its own.
  for (const step of Object.values(steps)) {
    step.question?.choices.forEach((c, i) => {
      if (c.ifNotFixedStep === undefined) return;
      const { yaml, file } = stepFiles[step.id];
      const target = steps[c.ifNotFixedStep];
      if (!target && invalidSteps.has(c.ifNotFixedStep)) return;
      if (!target) problem(yaml, file, ['question', 'choices', i, 'ifNotFixedStep'], `unknown step id '${c.ifNotFixedStep}' (no ${rel('steps', c.ifNotFixedStep + '.yaml')})`);
      else if (target.kind !== 'instruction' || target.question || target.id === step.id) problem(yaml, file, ['question', 'choices', i, 'ifNotFixedStep'], `step '${target.id}' must be another instruction step without a question`);
    });
  }
  if (Object.keys(steps).length === 0 && invalidSteps.size === 0 && !problems.some((p) => p.file.startsWith(rel('steps')))) {
    problems.push({ file: rel('steps'), field: '', message: 'no steps found' });
  }

  // playbooks/
  const intentById = new Map((intents ?? []).map((i) => [i.id, i]));
  const failedIntents = new Set(options.failedIntents ?? []);
  const playbooks: Record<string, LoadedPlaybook> = {};
  const playbookByIntent = new Map<string, string>();
  /** Intents named by playbook files that failed to parse: their "no playbook" would only follow from it. */
  const intentsOfBrokenPlaybooks = new Set<string>();
  for (const name of listYaml(rel('playbooks'))) {
    const file = rel('playbooks', name);
    const yaml = read(file);
    if (!yaml) {
      someFileFailed = true;
      for (const key of ['intent', 'id']) {
        const value = scalarInText(file, key);
        if (value) intentsOfBrokenPlaybooks.add(value);
      }
      intentsOfBrokenPlaybooks.add(path.parse(name).name);
      continue;
    }
    const r = parse(yaml, playbookSchema);
    // With problems, the checks below still run on every field that is valid on its own.
    const pb: Partial<Playbook> = r.usable ?? r.fields;
    const ok = (...keys: (keyof Playbook)[]) => keys.every((k) => !r.broken.has(k));
    if (!r.usable) {
      const raw = (yaml.data ?? {}) as { intent?: unknown };
      if (typeof raw.intent === 'string') intentsOfBrokenPlaybooks.add(raw.intent);
      intentsOfBrokenPlaybooks.add(path.parse(name).name);
    }
    if (pb.id !== undefined) {
      if (playbooks[pb.id]) {
        problem(yaml, file, ['id'], `duplicate playbook id '${pb.id}' (also in ${playbooks[pb.id].file})`);
        continue;
      }
      if (path.parse(name).name !== pb.id) problem(yaml, file, ['id'], `playbook id '${pb.id}' does not match the file name`);
    }
    if (pb.intent !== undefined) {
      const intent = intentById.get(pb.intent);
      if (!intents || failedIntents.has(pb.intent)) {
        // intents/ unreadable, or this intent's file has problems of its own: nothing to check against
      } else if (!intent) problem(yaml, file, ['intent'], `unknown intent '${pb.intent}' (no intents/${pb.intent}.yaml)`);
      else if (intent.handler !== 'playbook') problem(yaml, file, ['intent'], `intent '${pb.intent}' has handler '${intent.handler}', not 'playbook'`);
      const other = playbookByIntent.get(pb.intent);
      if (other) problem(yaml, file, ['intent'], `intent '${pb.intent}' already has playbook '${other}'`);
      else playbookByIntent.set(pb.intent, pb.id ?? path.parse(name).name);
    }
    if (pb.service && !serviceIds.has(pb.service) && services.length > 0) problem(yaml, file, ['service'], `unknown service id '${pb.service}' (not in services.yaml)`);
    const used: Step[] = [];
    const pbSteps = pb.steps ?? [];
    const seenSteps = new Set<string>();
    pbSteps.forEach((sid, i) => {
      const step = steps[sid];
      if (seenSteps.has(sid)) problem(yaml, file, ['steps', i], `step '${sid}' is listed twice`);
      seenSteps.add(sid);
      if (!step) {
        if (invalidSteps.has(sid)) return;
        problem(yaml, file, ['steps', i], `unknown step id '${sid}' (no ${rel('steps', sid + '.yaml')})`);
        return;
      }
      used.push(step);
      if (step.kind === 'handoff' && i !== pbSteps.length - 1) problem(yaml, file, ['steps', i], `handoff step '${sid}' must be the last step`);
      if (i >= 2) {
        const prev = steps[pbSteps[i - 1]];
        if (prev && prev.order >= step.order) {
          problem(yaml, file, ['steps', i], `step '${sid}' (order ${step.order}) comes after '${prev.id}' (order ${prev.order}): keep the guide's order`);
        }
      }
    });
    const last = steps[pbSteps[pbSteps.length - 1]];
    if (!ok('handoff')) {
      // `handoff` is itself wrong: which end is right is unknown
    } else if (pb.handoff === false) {
      pbSteps.forEach((sid, i) => {
        if (steps[sid]?.kind === 'handoff') problem(yaml, file, ['steps', i], `handoff step '${sid}' in a playbook with handoff: false`);
      });
    } else if (last && last.kind !== 'handoff') {
      problem(yaml, file, ['steps', pbSteps.length - 1], `the last step must be a handoff step, '${last.id}' is kind '${last.kind}'`);
    }
    for (const [sid, options] of Object.entries(pb.stepOptions ?? {})) {
      const at = ['stepOptions', sid];
      const step = steps[sid];
      if (!ok('steps')) break;
      if (!pbSteps.includes(sid)) {
        problem(yaml, file, at, `step '${sid}' is not one of this playbook's steps`);
        continue;
      }
      if (!step) continue;
      if (options.answer !== undefined) {
        if (!step.question) problem(yaml, file, [...at, 'answer'], `step '${sid}' has no question to answer`);
        else {
          const choice = step.question.choices.find((c) => c.id === options.answer);
          if (!choice) problem(yaml, file, [...at, 'answer'], `unknown choice '${options.answer}' (step '${sid}' has ${step.question.choices.map((c) => c.id).join(', ')})`);
          else if (choice.onlyOn) {
            problem(yaml, file, [...at, 'answer'], `choice '${choice.id}' of step '${sid}' is only offered on ${choice.onlyOn.join(', ')}; a playbook's answer must be a choice of every platform`);
          }
        }
      }
      if (options.answerFromUtterance) {
        if (!step.question) problem(yaml, file, [...at, 'answerFromUtterance'], `step '${sid}' has no question to answer`);
        else if (options.answer !== undefined) problem(yaml, file, [...at, 'answerFromUtterance'], `step '${sid}' already has a fixed answer; answerFromUtterance would never be used`);
      }
      if (options.statusScope !== undefined && step.kind !== 'status') problem(yaml, file, [...at, 'statusScope'], `statusScope is for status steps; '${sid}' is kind '${step.kind}'`);
      for (const [key, value] of Object.entries(options.messages ?? {})) {
        const extra = stepMessagePlaceholders(step.kind, key);
        if (extra === undefined) {
          problem(yaml, file, [...at, 'messages', key], `unknown message '${key}' for a ${step.kind} step`);
          continue;
        }
        for (const name of placeholdersIn(value)) {
          if (!extra.includes(name) && !(STEP_PLACEHOLDERS as readonly string[]).includes(name)) problem(yaml, file, [...at, 'messages', key], `unknown placeholder {${name}}`);
        }
      }
    }
    for (const [key, value] of [['intro', pb.intro], ['wrapUp', pb.wrapUp]] as const) {
      for (const t of placeholdersIn(value ?? '')) {
        if (!(STEP_PLACEHOLDERS as readonly string[]).includes(t)) problem(yaml, file, [key], `unknown placeholder {${t}}`);
      }
    }
    const said: [(string | number)[], string][] = [
      ...(pb.whenSaid ?? []).map((w, i): [(string | number)[], string] => [['whenSaid', i, 'say'], w.say]),
      ...(pb.firstWhen ? [[['firstWhen', 'say'], pb.firstWhen.say] as [(string | number)[], string]] : []),
    ];
    for (const [at, value] of said) {
      for (const t of placeholdersIn(value)) {
        if (!(STEP_PLACEHOLDERS as readonly string[]).includes(t)) problem(yaml, file, at, `unknown placeholder {${t}}`);
      }
    }
    if (r.usable) playbooks[r.usable.id] = { ...r.usable, file, contentVersion: contentHash(r.usable, used) };
  }
  for (const intent of intents ?? []) {
    if (intent.handler === 'playbook' && !playbookByIntent.has(intent.id) && !intentsOfBrokenPlaybooks.has(intent.id)) {
      problems.push({
        file: intent.file ?? rel('playbooks'),
        line: intent.line,
        field: 'handler',
        message: `intent '${intent.id}' has handler 'playbook' but no playbook in ${rel('playbooks')} has intent: ${intent.id}`,
      });
    }
  }
  if (!someFileFailed && Object.keys(playbooks).length > 0 && !Object.values(steps).some((s) => s.kind === 'handoff')) {
    problems.push({ file: rel('steps'), field: 'kind', message: 'no handoff step: talking to a person needs one' });
  }

  if (problems.length > 0) return { content: null, problems };
  return { content: { devices, services, alwaysCheck, messages, steps, playbooks, intents: [...(intents ?? [])], questions }, problems };
}

/** Loads the content or throws ContentError naming every problem (file, line, field). */
export function loadContent(dialogsDir: string, intents: readonly IntentRef[]): Content {
  const { content, problems } = checkDialogs(dialogsDir, intents);
  if (!content) throw new ContentError(problems);
  return content;
}

import { z } from 'zod';

/**
 * Schemas for the troubleshooting content in `dialogs/`.
 *
 *   dialogs/devices.yaml      the devices people can have, their labels, and which instruction
 *                             variant ("platform") each one reads
 *   dialogs/services.yaml     the iCloud services, their labels and Apple status-feed names
 *   dialogs/messages.yaml     every sentence the engine says that is not part of a step
 *   dialogs/steps/<id>.yaml   one troubleshooting step of the guide, instructions per platform
 *   dialogs/playbooks/<id>.yaml  one playbook per problem intent: the ordered step ids
 *   dialogs/questions.yaml    side questions with a short, sure answer ("does Optimise Storage
 *                             matter?"), answered at any point instead of "a person can answer that"
 *
 * Text may contain placeholders in braces, filled by the engine: {device} (device label),
 * {service} (service label), {statusPage} (status page URL), and the ones a message documents.
 */

export const SCHEMA_VERSION = 1;

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case id like "photos-not-syncing"');
const text = z.string().trim().min(1, 'must not be empty');

/** The instruction variants a step must provide (or `all` for one text that fits every platform). */
export const PLATFORMS = ['ios', 'mac', 'windows', 'web', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];

/**
 * Text per platform. Either `all` (one text for every platform), or a text for each platform in
 * PLATFORMS; a platform may be `skip` when the step does not apply there. `all` may be combined
 * with per-platform overrides.
 */
export const platformTextSchema = z
  .object({
    all: text.optional(),
    ios: z.union([text, z.literal('skip')]).optional(),
    mac: z.union([text, z.literal('skip')]).optional(),
    windows: z.union([text, z.literal('skip')]).optional(),
    web: z.union([text, z.literal('skip')]).optional(),
    other: z.union([text, z.literal('skip')]).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.all !== undefined) return;
    for (const p of PLATFORMS) {
      if (v[p] === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [p], message: `missing text for platform '${p}' (or give 'all')` });
    }
  });
export type PlatformText = z.infer<typeof platformTextSchema>;

/** Per-service overrides of a step's instructions: partial, falling back to the step's own text. */
export const serviceOverrideSchema = z
  .object({
    /**
     * A text for one device (devices.yaml id) in place of its platform's: an Android phone reads the
     * web platform's texts, and only it needs the Android part ("An Android phone can't sync iCloud
     * Contacts by itself…"), not someone at icloud.com in a computer's browser.
     */
    devices: z.record(z.string(), text).optional(),
    all: text.optional(),
    ios: z.union([text, z.literal('skip')]).optional(),
    mac: z.union([text, z.literal('skip')]).optional(),
    windows: z.union([text, z.literal('skip')]).optional(),
    web: z.union([text, z.literal('skip')]).optional(),
    other: z.union([text, z.literal('skip')]).optional(),
  })
  .strict();
export type ServiceOverride = z.infer<typeof serviceOverrideSchema>;

/** A platform name in a list (`onlyOn`, `unavailableOn`): an unknown name says which ones exist. */
const platformName = z.enum(PLATFORMS, {
  errorMap: (issue, ctx) =>
    issue.code === z.ZodIssueCode.invalid_enum_value
      ? { message: `unknown platform '${String(issue.received)}' (platforms: ${PLATFORMS.join(', ')}; devices.yaml says which device reads which)` }
      : { message: ctx.defaultError },
});

/**
 * Phrases looked for in the message that started a playbook (whole words, not negated), and the
 * line said when one is there. Used two ways by a playbook:
 * - `whenSaid`: said first, after the intro and before the first step ("all my photos disappeared …
 *   are they gone forever??" hears where deleted photos are kept);
 * - `firstWhen`: this playbook goes first when a message that starts another one holds a phrase, as
 *   the cause to fix before the other problem can be ("I can't sign in to iCloud on my iPad and now
 *   none of my photos are there" starts with signing in); `say` explains why, after this playbook's
 *   intro, and {service} is the other problem's service.
 * And by a step question's choice, `saidFirst`: the first message already gives that answer.
 */
export const phraseLineSchema = z
  .object({
    phrases: z.array(text).min(1, 'list at least one phrase'),
    say: text,
  })
  .strict();
export type PhraseLine = z.infer<typeof phraseLineSchema>;

/**
 * A playbook's own wording of "Did that fix it?" and its two answers, where "syncing" does not fit
 * (sign-in: "Can you sign in now?" / "Yes, I'm in" / "No, I still can't"). Without it the engine's
 * messages.yaml `fixed.*` texts are used. `again` is the short question asked when a "yes" only
 * said the step was done ("yes I checked"): messages.yaml `fixed.afterDone` by default.
 * `yesSynonyms` / `noSynonyms`: this question's own ways of answering in words.
 */
export const fixedQuestionSchema = z
  .object({
    text,
    yes: text.max(40, 'button titles must be at most 40 characters'),
    no: text.max(40, 'button titles must be at most 40 characters'),
    again: text,
    /** Words that also answer yes here ("I'm in now" at "Can you sign in now?"), beyond messages.yaml's yes and "it works" phrases. */
    yesSynonyms: z.array(text).optional(),
    /** Words that also answer no here ("it said the code was incorrect"), beyond messages.yaml's no and "not fixed" phrases. */
    noSynonyms: z.array(text).optional(),
  })
  .strict();
export type FixedQuestion = z.infer<typeof fixedQuestionSchema>;

export const choiceSchema = z
  .object({
    id,
    title: text.max(40, 'button titles must be at most 40 characters'),
    /** Extra words that also pick this choice when typed. */
    synonyms: z.array(text).default([]),
    /**
     * The platforms this choice is offered on (default: every platform). Elsewhere the bot neither
     * shows it, numbers it nor takes its words as this answer ("Cable (Ethernet)" is for a Mac or a
     * PC, not an iPhone).
     */
    onlyOn: z
      .array(platformName)
      .min(1, 'list at least one platform, or leave onlyOn out to offer the choice everywhere')
      .superRefine((list, ctx) => {
        list.forEach((p, i) => {
          if (list.indexOf(p) !== i) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: `platform '${p}' is listed twice` });
        });
      })
      .optional(),
    /**
     * continue: show the step's instructions (or this choice's own `instructions`) and ask if fixed;
     * skip: this step does not apply, move on (outcome "skipped");
     * fixed: the problem is solved (wrap up).
     */
    action: z.enum(['continue', 'skip', 'fixed']).default('continue'),
    instructions: serviceOverrideSchema.optional(),
    /**
     * What "No" at "Did that fix it?" after this choice's instructions leads to: `handoff` goes
     * straight to the playbook's handoff step (a locked account only Apple can unlock: no point in
     * network, restart and update checks first). Default: the next step. A playbook without a
     * handoff step goes on to the next step.
     */
    /**
     * The answer is about the person's account, not one device ("Yes, the same account"): once given
     * in a conversation, a later problem on any device does not ask the question again; the choice is
     * taken (its instructions come, for the device of the moment) with messages.yaml
     * `playbook.answeredEarlier`. A start over forgets it.
     */
    holdsEverywhere: z.literal(true).optional(),
    ifNotFixed: z.enum(['next', 'handoff']).optional(),
    /**
     * A step of dialogs/steps/ (an instruction step without a question) shown when the answer to
     * "Did that fix it?" after this choice's instructions is "No", whether or not the playbook lists
     * it: "still full" after the storage tips gets the deeper storage help (`storage-space`), not
     * the next unrelated check. `ifNotFixed` then applies to that step's "No". When the playbook
     * lists the step itself (storage-full), the playbook's own order applies and neither field does.
     */
    ifNotFixedStep: id.optional(),
    /**
     * This choice's own "Did that fix it?" (and buttons), asked after its instructions and its
     * `ifNotFixedStep` ("Does iCloud show enough free space now?" after "it's full"). It wins over
     * the playbook's own `fixedQuestion` ("Has it stopped asking?" after "it keeps asking for my password").
     */
    fixedQuestion: fixedQuestionSchema.optional(),
    /**
     * The message that started a playbook already gives this answer when it holds one of `phrases`
     * (whole words, not negated, clause by clause): "storage is fine" (a `skip` choice: the step is
     * skipped) or "my storage is full" (a `continue` choice: its instructions come without the
     * question). `say` is said after the intro to show it was heard. Not for `fixed` choices, and
     * never where the playbook fixes the answer itself (`stepOptions.<step>.answer`).
     */
    saidFirst: phraseLineSchema.optional(),
    /**
     * Read at "Did that fix it?" after this choice's instructions: a message holding one of
     * `phrases` (whole words, not negated) gets `say`; `then: handoff` then goes to the playbook's
     * handoff step (Apple's support options and a person), and a later "No" at this step goes there
     * too. "I don't have my old phone anymore" after the two-factor text: account recovery, not
     * "can't find that menu".
     */
    whenSaid: phraseLineSchema.extend({ then: z.enum(['handoff']).optional() }).strict().optional(),
  })
  .strict();

export const stepSchema = z
  .object({
    version: z.literal(SCHEMA_VERSION),
    id,
    /** Position in the guide's order (1 = system status … 8 = contact support); playbooks keep it. */
    order: z.number().int().min(1),
    title: text,
    /**
     * instruction: show instructions, ask whether it fixed the problem.
     * status: check Apple's status feed for the service, report it, pause on an outage.
     * handoff: offer a human (the end of every playbook).
     */
    kind: z.enum(['instruction', 'status', 'handoff']).default('instruction'),
    /** Optional question asked first; the answer branches the step. */
    question: z
      .object({
        text: platformTextSchema,
        choices: z.array(choiceSchema).min(2, 'a question needs at least 2 choices').max(6, 'at most 6 choices'),
        /**
         * How to find the answer ("how do I check that?" at the question: messages.yaml
         * `synonyms.howToCheck`), per platform (partial; `all` for every platform); then the
         * question again. Without it such a message is read as before (stuck help).
         */
        howTo: serviceOverrideSchema.optional(),
      })
      .strict()
      .optional(),
    instructions: platformTextSchema,
    /** Service-specific instruction overrides, keyed by service id from services.yaml. */
    services: z.record(id, serviceOverrideSchema).default({}),
    /** Messages used by `status` and `handoff` steps; keys documented in dialogs/README.md. */
    messages: z.record(z.string(), text).default({}),
    /**
     * Phrases that, in the message that started a playbook ("I've restarted twice already and updated
     * Windows"), say the person already did this step: matched as whole words, not negated ("I
     * haven't restarted" does not count). The step is then skipped, and one line names the steps
     * skipped (messages.yaml `playbook.alreadyDone`).
     */
    alreadyDone: z.array(text).optional(),
    /**
     * Services that do not exist on some platforms (service id → platforms). This step's text for
     * them says so; then, instead of going on with device checks that cannot help, the bot offers
     * to carry on with a device where the service exists, or to stop (messages `elsewhereQuestion`,
     * `elsewhereStop`, `elsewhereStopped`).
     */
    unavailableOn: z.record(id, z.array(platformName).min(1)).optional(),
  })
  .strict();
export type Step = z.infer<typeof stepSchema>;
export type Choice = z.infer<typeof choiceSchema>;

/** True when a question's choice is offered on this platform (no `onlyOn`: everywhere). */
export function choiceOffered(choice: Pick<Choice, 'onlyOn'>, platform: Platform): boolean {
  return choice.onlyOn === undefined || choice.onlyOn.includes(platform);
}

/** The choices of a step's question offered on a platform, in content order (none without a question). */
export function choicesOn(step: Pick<Step, 'question'>, platform: Platform): Choice[] {
  return (step.question?.choices ?? []).filter((c) => choiceOffered(c, platform));
}

/**
 * Step messages a step may give besides the ones its kind needs (src/dialogs/stepMessages.ts),
 * with the extra placeholders of each. The engine falls back when one is missing.
 */
export const OPTIONAL_STEP_MESSAGES: Record<'instruction' | 'status' | 'handoff', Record<string, readonly string[]>> = {
  instruction: { elsewhereQuestion: [], elsewhereStop: [], elsewhereStopped: [] },
  status: {
    /** An event without a start time (instead of `eventLine`). */
    eventLineNoStart: ['serviceName', 'statusType', 'usersAffected', 'message'],
  },
  handoff: {},
};

/** How one playbook uses one of its steps. */
export const stepOptionsSchema = z
  .object({
    /**
     * The answer this playbook already implies to the step's question (a choice id): the question
     * is not asked and the step goes on as if it had been picked. Example: `storage-full` answers
     * "Does iCloud say your storage is full?" with `full`.
     */
    answer: id.optional(),
    /**
     * true: when there is no fixed `answer`, the person's first message for this playbook ("i forgot
     * my apple id password") is matched against the step's choices, exactly and then loosely
     * (negation-aware, as answers are); one clear match of a `continue` choice is taken as the
     * answer, so the question is not asked. No match or a tie: the question is asked as usual.
     */
    answerFromUtterance: z.boolean().optional(),
    /**
     * Status steps: `service` (the default) reports events of the playbook's service and
     * services.yaml `alwaysCheck`; `all` reports every active event of every iCloud service in
     * services.yaml (the named service's first).
     */
    statusScope: z.enum(['service', 'all']).optional(),
    /** This playbook's own wording for some of the step's `messages`. */
    messages: z.record(z.string(), text).optional(),
  })
  .strict();
export type StepOptions = z.infer<typeof stepOptionsSchema>;


export const playbookSchema = z
  .object({
    version: z.literal(SCHEMA_VERSION),
    id,
    /** The intent this playbook handles (an id from intents/). */
    intent: id,
    title: text,
    /** The service this problem is about (id from services.yaml), if the intent names one. */
    service: id.optional(),
    /**
     * true: the catch-all for sync problems whatever the data. A message it gets that names one
     * service with a playbook of its own ("📸 not syncing") starts that playbook instead.
     */
    general: z.boolean().optional(),
    /** Said once when the playbook starts. */
    intro: text,
    /** Step ids from dialogs/steps/, in the guide's order; must end with the handoff step (unless `handoff: false`). */
    steps: z.array(id).min(1, 'a playbook needs at least one step'),
    /** Said when a step fixed the problem. */
    wrapUp: text,
    /**
     * false: the steps do not depend on the device, so the bot does not ask which one it is
     * (the status-only "Is iCloud down?"). Default true.
     */
    askDevice: z.boolean().optional(),
    /**
     * false: the playbook ends after its last step without the handoff step (it answers a
     * question rather than fixing something). Default true: the last step must be the handoff step.
     */
    handoff: z.boolean().optional(),
    /** Per step id (one of `steps`): how this playbook uses that step. */
    stepOptions: z.record(id, stepOptionsSchema).optional(),
    /** This playbook's own "Did that fix it?" and answer buttons (default: messages.yaml `fixed.*`). */
    fixedQuestion: fixedQuestionSchema.optional(),
    /** Lines said first when the message that started the playbook holds their phrases (phraseLineSchema). */
    whenSaid: z.array(phraseLineSchema).optional(),
    /**
     * Phrases that say this problem is NOT the case ("my storage isn't full", "not full"): a
     * message holding one (whole words, not negated) is never offered as a switch to this playbook,
     * whatever the recogniser reads in it.
     */
    notWhen: z.array(text).optional(),
    /** This playbook goes first when a message starting another one says these (firstWhenSchema). */
    firstWhen: phraseLineSchema.optional(),
  })
  .strict();
export type Playbook = z.infer<typeof playbookSchema>;

export const deviceSchema = z
  .object({
    id,
    label: text,
    platform: z.enum(PLATFORMS),
    /** Offered as a button when the bot asks which device. */
    ask: z.boolean().default(false),
  })
  .strict();

export const devicesFileSchema = z
  .object({ version: z.literal(SCHEMA_VERSION), devices: z.array(deviceSchema).min(1) })
  .strict();
export type Device = z.infer<typeof deviceSchema>;

export const serviceSchema = z
  .object({
    id,
    label: text,
    /** Service names in Apple's status feed that cover this service. */
    statusNames: z.array(text).min(1),
    /**
     * How the person can see for themselves that this service syncs ("how can I tell?", "is it
     * syncing now?" at "Did that fix it?"); {device} and {service} may be used. Without it,
     * messages.yaml `fixed.howToTell` is said.
     */
    howToTell: text.optional(),
  })
  .strict();

export const servicesFileSchema = z
  .object({
    version: z.literal(SCHEMA_VERSION),
    /** Status-feed names checked whatever the service (for example "iCloud Account & Sign In"). */
    alwaysCheck: z.array(text).default([]),
    services: z.array(serviceSchema).min(1),
  })
  .strict();
export type Service = z.infer<typeof serviceSchema>;

/**
 * A side question the bot can answer wherever it is asked ("will I lose my photos if I sign
 * out?"): a question (ending in "?" or opening with `synonyms.questionStart`) holding one of
 * `whenAsked` as whole words gets `answer`, the text for the device being talked about or `all`.
 */
export const knownQuestionSchema = z
  .object({
    id,
    whenAsked: z.array(text).min(1),
    /**
     * Answered when the phrase comes in a statement too, not only in a question ("google photos not
     * syncing", "my whatsapp backup is stuck"): for what is not iCloud's, said before any playbook starts.
     */
    statements: z.boolean().optional(),
    answer: z
      .object({ all: text, ios: text.optional(), mac: text.optional(), windows: text.optional(), web: text.optional(), other: text.optional() })
      .strict(),
  })
  .strict();
export type KnownQuestion = z.infer<typeof knownQuestionSchema>;

export const questionsFileSchema = z
  .object({ version: z.literal(SCHEMA_VERSION), questions: z.array(knownQuestionSchema) })
  .strict();

/** messages.yaml: a flat map of message keys to text (or a list of texts to vary). */
export const messagesFileSchema = z
  .object({
    version: z.literal(SCHEMA_VERSION),
    messages: z.record(z.string().regex(/^[a-z][a-zA-Z0-9.-]*$/), z.union([text, z.array(text).min(1)])),
  })
  .strict();

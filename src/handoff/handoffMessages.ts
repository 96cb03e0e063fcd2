/**
 * The hub's wording, from dialogs/handoff.yaml: zod-checked, every key the hub uses required,
 * placeholders checked against the ones each key may use. Problems name the file, line and field.
 */
import path from 'node:path';
import { z } from 'zod';
import { ContentError, type ContentProblem } from '../content/problems';
import { readYamlFile, fieldPath } from '../content/yamlFile';
import { fill, placeholdersIn, type Vars } from '../dialogs/messages';

/** Every key the hub says, with the placeholders it may contain. */
export const HANDOFF_MESSAGES = {
  waiting: ['position', 'minutes'],
  'waiting.ack': ['position'],
  'waiting.stillQueued': ['position'],
  'waiting.noEstimate': ['position'],
  // A message typed after a long time in the queue: the place, and leaving a message instead (once)
  'waiting.longAck': ['position', 'minutes'],
  noAgent: [],
  noAccounts: [],
  // No agent accounts, and the checks ran out (the person asked for nobody): a message offered, no "sorry, nobody"
  'noAccounts.endOfChecks': [],
  longWait: ['position', 'minutes'],
  'offer.declined': [],
  'offer.declinedResume': [],
  'offer.unclear': ['options'],
  'offer.goodbye': [],
  // "talk to a person" again at the offer: why nobody can take it now and what each button does
  'offer.personNoAgent': [],
  'offer.personNoAccounts': [],
  'offer.personLongWait': ['position', 'minutes'],
  // Free text typed at the offer, taken as the message to leave
  'offer.asMessage': [],
  // "help" at an offer: what each button shown does ({options}: one line each, below), then the offer again
  'offer.help': ['options'],
  'offer.help.wait': [],
  'offer.help.tryAgain': [],
  'offer.help.leaveMessage': [],
  'offer.help.cancel': [],
  'offer.help.noThanks': [],
  // "help" while waiting in the queue: the place, what typing does, what each button does ({options})
  'waiting.help': ['position', 'options'],
  'waiting.help.cancel': [],
  'choice.wait': [],
  'choice.leaveMessage': [],
  'choice.cancel': [],
  'choice.tryAgain': [],
  'choice.noThanks': [],
  cancelled: [],
  cancelledResume: [],
  agentJoined: ['agent'],
  agentMessage: ['agent', 'text'],
  agentRequeued: ['agent', 'position'],
  agentLeft: ['agent', 'position'],
  cancelledStartOver: [],
  personEnded: ['agent'],
  agentClosed: ['agent'],
  'status.accepted': [],
  'status.failed': [],
  'status.completed': [],
  'leaveMessage.prompt': [],
  'leaveMessage.contact': [],
  'leaveMessage.contactInvalid': [],
  'leaveMessage.saved': ['ticket', 'contact'],
  'leaveMessage.cancelled': [],
  // "talk to a person" typed where the message or the address is asked for: why a message is the way now
  'leaveMessage.personAsked': [],
  // "what have we tried?" at "How can we reach you?": it goes with the message; the question again
  'leaveMessage.contactTried': [],
  'leaveMessage.promptTried': [],
  'leaveMessage.howLong': [],
  'leaveMessage.added': ['ticket', 'contact'],
  'leaveMessage.addedFound': ['ticket', 'contact'],
  'leaveMessage.addedHeading': ['at'],
  'leaveMessage.addedKnown': ['ticket', 'contact'],
  'leaveMessage.promptAdd': ['ticket'],
  'offer.howLong.noAccounts': [],
  'offer.howLong.noAgent': [],
  'offer.howLong.longWait': ['position', 'minutes'],
  // "thanks" right after a message was saved
  'leaveMessage.thanks': [],
  'leaveMessage.help': [],
  'leaveMessage.contactHelp': [],
  'leaveMessage.goodbye': [],
  // In leave-a-message: a message that was only a hidden card number, password or code, and a greeting after a long silence
  'leaveMessage.onlyHidden': [],
  // An email address or phone number typed alone as the message: taken as the contact, the message
  // asked for; then saved with that address
  'leaveMessage.contactFirst': ['contact'],
  'leaveMessage.savedGiven': ['ticket', 'contact'],
  'leaveMessage.welcomeBack': [],
  // The message held an email address or phone number: saved with it, the address confirmed
  // (and correctable); "or" joins two addresses found
  'leaveMessage.savedFound': ['ticket', 'contact'],
  'leaveMessage.contactOr': [],
  'leaveMessage.contactCorrect': [],
  'leaveMessage.contactChanged': ['contact'],
  'leaveMessage.contactConfirmed': ['contact'],
  'leaveMessage.contactKept': ['contact'],
  // "hello? any news?" in a conversation where a message was left
  'leaveMessage.received': ['ticket', 'contact'],
  // Between the first options and the last in offer.unclear's {options} ("Wait anyway, Leave a message or Cancel")
  'offer.optionsOr': [],
  // Lines the hub writes into the live chat the agent console shows (never said to the person)
  'console.agentJoined': ['agent'],
  'console.agentClosed': ['agent'],
  'console.agentRequeued': ['agent'],
  'console.agentLeft': ['agent'],
  'console.personEnded': [],
  'synonyms.endChat': [],
  'console.stoppedWaiting': [],
  'console.stoppedWaitingForMessage': [],
  'console.statusAccepted': [],
  'console.statusFailed': [],
  'console.statusFailedReason': ['reason'],
  'console.statusCompleted': [],
  // An attachment the person sent while queued or in a live chat, as the agent sees it
  'console.attachment': ['name'],
  'console.attachmentUnnamed': [],
  'frustration.offer': [],
  // No agent accounts: the offer promises no live chat
  'frustration.offerNoLive': [],
  'choice.talkToPerson': [],
  'choice.keepTrying': [],
  'frustration.keepTrying': [],
  'synonyms.cancel': [],
  'synonyms.wait': [],
  'synonyms.leaveMessage': [],
  'synonyms.yes': [],
  'synonyms.no': [],
  'synonyms.goodbye': [],
  'synonyms.help': [],
  // Asking for a person, at the offer of one
  'synonyms.person': [],
  // Commands and small talk: never the problem in the agent's summary
  'synonyms.command': [],
  // Carrying on with the bot ("ok lets keep going then"): never a message to leave, nor the problem
  'synonyms.carryOn': [],
  // Something the person did ("ok restarted it"): kept for the agent summary even when short
  'synonyms.didSomething': [],
  'synonyms.unsure': [],
  'synonyms.greeting': [],
  // Words around a cancel that change nothing ("actually never mind", "ok cancel then")
  'synonyms.filler': [],
  // "no thanks" at "Please type your message…": no message after all
  'synonyms.declineMessage': [],
  // Asking after a message left ("any news?")
  'synonyms.news': [],
  'synonyms.howLong': [],
  'synonyms.askAboutChoice': [],
  // The address found in the message is not the one to use
  'synonyms.wrongContact': [],
  // At the address found in a message: it is the right one (besides synonyms.yes)
  'synonyms.rightContact': [],
} as const satisfies Record<string, readonly string[]>;

export type HandoffMessageKey = keyof typeof HANDOFF_MESSAGES;
export type HandoffMessages = Readonly<Record<HandoffMessageKey, string | readonly string[]>>;

const messageValue = z.union([z.string().trim().min(1, 'must not be empty'), z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'must have at least one variant')]);

export const handoffFileSchema = z
  .object({
    version: z.literal(1),
    messages: z.record(messageValue),
  })
  .strict();

export const HANDOFF_FILE = 'handoff.yaml';

/** Checks parsed handoff.yaml data; returns the messages or the problems (file, line, field). */
export function checkHandoffMessages(data: unknown, file: string, lineOf: (p: readonly (string | number)[]) => number | undefined = () => undefined): { messages?: HandoffMessages; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const add = (p: (string | number)[], message: string) => problems.push({ file, line: lineOf(p), field: fieldPath(p), message });
  const parsed = handoffFileSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(issue.path, issue.message);
    return { problems };
  }
  const map = parsed.data.messages;
  for (const [key, allowed] of Object.entries(HANDOFF_MESSAGES)) {
    const value = map[key];
    if (value === undefined) {
      add(['messages'], `missing key '${key}'`);
      continue;
    }
    const variants = Array.isArray(value) ? value : [value];
    variants.forEach((text, i) => {
      for (const name of placeholdersIn(text)) {
        if (!(allowed as readonly string[]).includes(name)) {
          add(Array.isArray(value) ? ['messages', key, i] : ['messages', key], `unknown placeholder {${name}} (allowed: ${allowed.length ? allowed.map((a) => `{${a}}`).join(', ') : 'none'})`);
        }
      }
    });
  }
  for (const key of Object.keys(map)) {
    if (!(key in HANDOFF_MESSAGES)) add(['messages', key], `unknown key '${key}' (the hub does not use it)`);
  }
  return problems.length ? { problems } : { messages: map as HandoffMessages, problems };
}

/** Reads and checks `<dialogsDir>/handoff.yaml`; never throws. */
export function checkHandoffFile(dialogsDir: string): { messages?: HandoffMessages; problems: ContentProblem[] } {
  const absolute = path.resolve(dialogsDir, HANDOFF_FILE);
  const file = path.join(dialogsDir, HANDOFF_FILE);
  const { yaml, problems } = readYamlFile(absolute, file);
  if (!yaml) return { problems };
  return checkHandoffMessages(yaml.data, file, yaml.lineOf);
}

/** Reads `<dialogsDir>/handoff.yaml`; throws ContentError listing every problem. */
export function loadHandoffMessages(dialogsDir: string): HandoffMessages {
  const checked = checkHandoffFile(dialogsDir);
  if (!checked.messages) throw new ContentError(checked.problems);
  return checked.messages;
}

/** Picks a variant (lists vary) and fills placeholders. */
export class HandoffText {
  constructor(
    private readonly map: HandoffMessages,
    private readonly random: () => number = Math.random,
  ) {}

  text(key: HandoffMessageKey, vars: Vars = {}): string {
    const value = this.map[key];
    if (value === undefined) throw new Error(`handoff.yaml has no key '${key}'`);
    const chosen = typeof value === 'string' ? value : value[Math.min(value.length - 1, Math.floor(this.random() * value.length))];
    return fill(chosen, vars);
  }

  list(key: HandoffMessageKey): string[] {
    const value = this.map[key];
    if (value === undefined) return [];
    return typeof value === 'string' ? [value] : [...value];
  }
}

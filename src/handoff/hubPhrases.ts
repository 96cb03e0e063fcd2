/**
 * How the hub reads what a person typed and which buttons it offers, all from the wording in
 * dialogs/handoff.yaml (`synonyms.*`, `choice.*`): cancel, help, "no thanks", "that's wrong",
 * "any news?", greetings, the answer to an offer, the address in a text. Pure: no storage, no turn.
 */
import type { Escalation } from './agentHub';
import { readContact } from './contactAddress';
import { HUB_CHOICES } from './hubDocuments';
import type { HandoffMessageKey, HandoffText } from './handoffMessages';
import { readOfferAnswer, type OfferAnswer } from './offerAnswer';
import { isOnlyPhrase, matchChoice, mentionsPhrase, normalise, opensWithPhrase, type PromptChoice } from '../dialogs/answers';
import type { Messages } from '../dialogs/messages';

/** Longest text in which a phrase of synonyms.repeat inside it still asks to see something again. */
const REPEAT_WORDS_MAX = 8;

/** handoff.yaml's line explaining each of the hub's buttons (offer.help's and waiting.help's {options}). */
const CHOICE_HELP: Readonly<Record<string, HandoffMessageKey>> = {
  [HUB_CHOICES.wait]: 'offer.help.wait',
  [HUB_CHOICES.tryAgain]: 'offer.help.tryAgain',
  [HUB_CHOICES.leaveMessage]: 'offer.help.leaveMessage',
  [HUB_CHOICES.cancel]: 'offer.help.cancel',
  [HUB_CHOICES.noThanks]: 'offer.help.noThanks',
};

/** What a person typed (or the value a button sent). */
export interface PersonInput {
  text: string;
  value?: unknown;
}

export class HubPhrases {
  constructor(
    private readonly text: HandoffText,
    /** False when no agent account exists: nobody can ever take a live chat (no "Wait anyway"). */
    private readonly agentsConfigured: boolean,
    /** The engine's wording (messages.yaml): its synonyms.repeat and synonyms.help; none when absent. */
    private readonly engine?: Messages,
  ) {}

  /**
   * "what was that again?", "can you say that again", "repeat" (messages.yaml synonyms.repeat, the
   * dialogs' own list): alone, or inside a text of at most REPEAT_WORDS_MAX words, not negated.
   * A longer text at an offer is more likely a message to pass on ("tried one more time, still broken").
   * With `alone`, only the phrase on its own (after filler words) counts.
   */
  asksToRepeat(input: PersonInput, alone = false): boolean {
    if (input.value !== undefined || !this.engine) return false;
    const phrases = this.engine.list('synonyms.repeat');
    // `alone`: where a message is expected, only the phrase itself ("what was that again?", "ok repeat").
    if (alone) return isOnlyPhrase(phrases, this.text.list('synonyms.filler'), input.text);
    const short = normalise(input.text).split(' ').length <= REPEAT_WORDS_MAX;
    return mentionsPhrase(phrases, input.text, short);
  }

  /**
   * "help", "ok help", "what do i do" on its own (handoff.yaml synonyms.help and messages.yaml
   * synonyms.help, after filler words such as "ok", "so"): help with what is on screen.
   */
  asksForHelp(input: PersonInput): boolean {
    if (input.value !== undefined) return false;
    const phrases = [...this.text.list('synonyms.help'), ...(this.engine?.list('synonyms.help') ?? [])];
    return isOnlyPhrase(phrases, this.text.list('synonyms.filler'), input.text);
  }

  /**
   * "how long does that take?", "when will they get back to me?" (synonyms.howLong, in a text of at
   * most 12 words). `asked`: only said as a question (a question mark, or opening with how, when or what).
   */
  asksHowLong(input: PersonInput, asked = false): boolean {
    if (input.value !== undefined) return false;
    const words = normalise(input.text).split(' ').length;
    if (asked && !/\?\s*$/u.test(input.text.trim()) && !/^(how|when|what|whats)\b/u.test(normalise(input.text))) return false;
    return words <= 12 && mentionsPhrase(this.text.list('synonyms.howLong'), input.text, true);
  }

  /** "what does leave a message do?", "what happens if i wait": a question about the offer's buttons, not a pick. */
  asksAboutChoice(input: PersonInput, choices: readonly PromptChoice[]): boolean {
    if (input.value !== undefined || !opensWithPhrase(this.text.list('synonyms.askAboutChoice'), input.text)) return false;
    return matchChoice(choices, input, 'loose') !== undefined || /\b(?:button|buttons|option|options|choice|choices)\b/.test(normalise(input.text));
  }

  /** "end chat", "back to the bot", "cancel" alone during a live chat (synonyms.endChat, after filler words). */
  endsChat(input: PersonInput): boolean {
    if (input.value !== undefined) return false;
    return isOnlyPhrase(this.text.list('synonyms.endChat'), this.text.list('synonyms.filler'), input.text);
  }

  /** One line per button shown, saying what it does ("• Leave a message: …"), for offer.help / waiting.help. */
  choiceHelp(choices: readonly PromptChoice[], cancelKey: HandoffMessageKey = 'offer.help.cancel'): string {
    return choices
      .map((c) => (c.id === HUB_CHOICES.cancel ? cancelKey : CHOICE_HELP[c.id]))
      .filter((k): k is HandoffMessageKey => k !== undefined)
      .map((k) => `• ${this.text.text(k)}`)
      .join('\n');
  }

  /** The contact address in the person's own text (whole, or inside a sentence); two or more joined by "or". */
  contactIn(text: string): string | undefined {
    return readContact(text, this.contactJoiner());
  }

  /** " or " between two addresses found in one text. */
  contactJoiner(): string {
    return ` ${this.text.text('leaveMessage.contactOr')} `;
  }

  choice(id: string, titleKey: HandoffMessageKey, synonymKeys: HandoffMessageKey[] = []): PromptChoice {
    return { id, title: this.text.text(titleKey), synonyms: synonymKeys.flatMap((k) => this.text.list(k)) };
  }

  /** The one "Cancel" button offered while a person waits, leaves a message or gives a contact. */
  cancelChoices(): PromptChoice[] {
    return [this.choice(HUB_CHOICES.cancel, 'choice.cancel', ['synonyms.cancel'])];
  }

  /** The buttons while queued: Cancel, and Leave a message once that was offered (a long wait). */
  queueChoices(withLeave: boolean): PromptChoice[] {
    const leave = this.choice(HUB_CHOICES.leaveMessage, 'choice.leaveMessage', ['synonyms.leaveMessage']);
    return withLeave ? [leave, ...this.cancelChoices()] : this.cancelChoices();
  }

  /**
   * The buttons of an offer. Without agent accounts nobody can ever take a live chat, so there is
   * no "Wait anyway" / "Try again": only leaving a message or not.
   */
  offerChoices(mode: 'offer' | 'failed' | 'frustration'): PromptChoice[] {
    if (mode === 'frustration') return [this.choice(HUB_CHOICES.talkToPerson, 'choice.talkToPerson'), this.choice(HUB_CHOICES.keepTrying, 'choice.keepTrying')];
    const first = mode === 'offer' ? this.choice(HUB_CHOICES.wait, 'choice.wait', ['synonyms.wait']) : this.choice(HUB_CHOICES.tryAgain, 'choice.tryAgain', ['synonyms.wait']);
    const last = mode === 'offer' ? this.choice(HUB_CHOICES.cancel, 'choice.cancel', ['synonyms.cancel']) : this.choice(HUB_CHOICES.noThanks, 'choice.noThanks', ['synonyms.cancel']);
    const leave = this.choice(HUB_CHOICES.leaveMessage, 'choice.leaveMessage', ['synonyms.leaveMessage']);
    return this.agentsConfigured ? [first, leave, last] : [leave, last];
  }

  /** "Wait anyway, Leave a message or Cancel" for offer.unclear. */
  optionList(choices: PromptChoice[]): string {
    const titles = choices.map((c) => c.title);
    return titles.length <= 1 ? titles.join('') : `${titles.slice(0, -1).join(', ')} ${this.text.text('offer.optionsOr')} ${titles[titles.length - 1]}`;
  }

  readAnswer(choices: PromptChoice[], input: PersonInput, positive: string[]): OfferAnswer {
    const phrases = { yes: this.text.list('synonyms.yes'), no: this.text.list('synonyms.no'), goodbye: this.text.list('synonyms.goodbye'), unsure: this.text.list('synonyms.unsure') };
    return readOfferAnswer(choices, input, phrases, positive);
  }

  /**
   * Which queue button a message picks: the buttons on screen (numbers and phrases count on those),
   * and before the offer "leave a message" typed as the button says it (a bare "message" or "call
   * me" then is for the person from the support team); around them, filler words change nothing.
   */
  queueChoice(escalation: Escalation, input: PersonInput): string | undefined {
    const plain = { ...input, text: this.withoutFiller(input.text) };
    const offered = escalation.leaveMessageOffered === true;
    const shown = matchChoice(this.queueChoices(offered), plain, 'exact');
    if (shown !== undefined || offered) return shown;
    return matchChoice([{ id: HUB_CHOICES.leaveMessage, title: this.text.text('choice.leaveMessage'), synonyms: [] }], { text: plain.text }, 'exact');
  }

  /**
   * "talk to a person", "can I speak to a person please": a request for a person, typed alone or,
   * for a phrase of two words or more, inside a short sentence (synonyms.person), not negated.
   */
  asksForPerson(input: PersonInput): boolean {
    if (input.value !== undefined) return false;
    const phrases = this.text.list('synonyms.person');
    const plain = this.withoutFiller(input.text);
    if (matchChoice([{ id: 'person', title: '', synonyms: phrases }], { text: plain }, 'exact') === 'person') return true;
    if (normalise(input.text).split(' ').length > 8) return false;
    const longer = phrases.filter((p) => normalise(p).includes(' '));
    return matchChoice([{ id: 'person', title: '', synonyms: longer }], { text: input.text }, 'loose') === 'person';
  }

  /**
   * A line that says nothing about the problem: a command ("start over"), a request for a person,
   * small talk, a yes or no, a hesitation (synonyms.command, person, yes, no, goodbye, greeting,
   * unsure, help), carrying on ("ok lets keep going then", synonyms.carryOn, inside a sentence,
   * not negated), or no letters at all. Never kept as the problem in the agent's summary.
   */
  isNotProblem(text: string): boolean {
    const said = normalise(text);
    if (!/\p{L}/u.test(said)) return true;
    if (this.asksForPerson({ text })) return true;
    const keys = ['synonyms.command', 'synonyms.yes', 'synonyms.no', 'synonyms.goodbye', 'synonyms.greeting', 'synonyms.unsure', 'synonyms.help', 'synonyms.cancel'] as const;
    const phrases = keys.flatMap((k) => this.text.list(k));
    const hit = (t: string) => matchChoice([{ id: 'not', title: '', synonyms: phrases }], { text: t }, 'exact') === 'not';
    if (hit(said) || hit(this.withoutFiller(text))) return true;
    return matchChoice([{ id: 'carryOn', title: '', synonyms: this.text.list('synonyms.carryOn') }], { text }, 'loose') === 'carryOn';
  }

  /**
   * A line that describes the problem, for the agent summary: four words or more with letters, or
   * shorter when it says what the person did ("ok restarted it": synonyms.didSomething, not negated);
   * not a command, a request for a person, small talk, a yes or no or a hesitation.
   */
  describesProblem(text: string): boolean {
    const words = normalise(text).split(' ').filter((w) => /\p{L}/u.test(w));
    const did = words.length < 4 && mentionsPhrase(this.text.list('synonyms.didSomething'), text, true);
    // "nope still broken": short, but the problem said again (messages.yaml synonyms.notFixed, synonyms.stoppedAgain).
    const again = words.length < 4 && this.engine !== undefined && mentionsPhrase([...this.engine.list('synonyms.notFixed'), ...this.engine.list('synonyms.stoppedAgain')], text, true);
    return (words.length >= 4 || did || again) && !this.isNotProblem(text);
  }

  /**
   * Free text at an offer that reads as something to pass on ("my photos since tuesday are
   * missing"): three words or more, not a question, not a request for help, a greeting or a command.
   */
  looksLikeMessage(input: PersonInput): boolean {
    if (input.value !== undefined) return false;
    const text = input.text.trim();
    if (/\?\s*$/u.test(text)) return false;
    const words = normalise(text).split(' ').filter((w) => /\p{L}/u.test(w));
    if (words.length < 3) return false;
    return !this.isHelp(input) && !this.isGreeting(text) && !this.isNotProblem(text);
  }

  /** "thanks", "ok cheers" on its own (messages.yaml synonyms.thanks, after its synonyms.acknowledge lead words). */
  isThanks(input: PersonInput): boolean {
    if (input.value !== undefined || !this.engine) return false;
    return isOnlyPhrase(this.engine.list('synonyms.thanks'), this.engine.list('synonyms.acknowledge'), input.text);
  }

  /**
   * "start over", "ok start again" (messages.yaml synonyms.startOver, after filler words), alone or
   * inside a short text ("actually never mind, lets start over"), not negated.
   */
  asksToStartOver(input: PersonInput): boolean {
    if (input.value !== undefined || !this.engine) return false;
    const phrases = this.engine.list('synonyms.startOver');
    // A bare number is a button of the prompt on screen, never "start over" (matchChoice reads numbers as places).
    if (/^\s*\d+\s*$/.test(input.text)) return false;
    if (matchChoice([{ id: 'start-over', title: '', synonyms: phrases }], { text: this.withoutFiller(input.text) }, 'exact') === 'start-over') return true;
    return normalise(input.text).split(' ').length <= REPEAT_WORDS_MAX && mentionsPhrase(phrases.filter((p) => normalise(p).includes(' ')), input.text, true);
  }

  /**
   * "go back" (messages.yaml synonyms.undo, alone after acknowledgements) or "what have we tried?"
   * (synonyms.recap anywhere, synonyms.recapAlone alone) where a message or an address is asked for:
   * words for the dialogs, never the message itself.
   */
  asksForTheChecks(input: PersonInput): boolean {
    if (input.value !== undefined || !this.engine) return false;
    const text = this.withoutFiller(input.text);
    return isOnlyPhrase(this.engine.list('synonyms.undo'), this.engine.list('synonyms.acknowledge'), text) || this.asksForRecapWords(input);
  }

  /** "what have we tried?" (synonyms.recap anywhere, synonyms.recapAlone alone). */
  asksForRecapWords(input: PersonInput): boolean {
    if (input.value !== undefined || !this.engine) return false;
    const text = this.withoutFiller(input.text);
    return mentionsPhrase(this.engine.list('synonyms.recap'), text, true) || isOnlyPhrase(this.engine.list('synonyms.recapAlone'), this.engine.list('synonyms.acknowledge'), text);
  }

  isHelp(input: PersonInput): boolean {
    return matchChoice([{ id: 'help', title: '', synonyms: this.text.list('synonyms.help') }], input, 'exact') === 'help';
  }

  isCancel(input: PersonInput): boolean {
    return matchChoice(this.cancelChoices(), { ...input, text: this.withoutFiller(input.text) }, 'exact') === HUB_CHOICES.cancel;
  }

  /**
   * "no thanks", "actually no thanks" at "Please type your message…": no message after all
   * (synonyms.declineMessage), read before the filler words ("no", "thanks") are taken off.
   */
  isDecline(input: PersonInput): boolean {
    if (input.value !== undefined) return false;
    const decline = [{ id: 'decline', title: '', synonyms: this.text.list('synonyms.declineMessage') }];
    const filler = this.text.list('synonyms.filler').map(normalise).filter(Boolean);
    let words = normalise(input.text);
    for (let changed = true; changed; ) {
      if (matchChoice(decline, { text: words }, 'exact') === 'decline') return true;
      changed = false;
      for (const f of filler) {
        if (words.startsWith(`${f} `)) {
          words = words.slice(f.length + 1);
          changed = true;
          break;
        }
      }
    }
    return false;
  }

  /** The text's first clause ("forget it, I'll call Apple") is a cancel on its own. */
  cancelFirst(text: string): boolean {
    const first = text.split(/[,;:.!?]|\s[-–—]\s/)[0] ?? '';
    return first.trim().length > 0 && first.trim() !== text.trim() && this.isCancel({ text: first });
  }

  /**
   * The text without the words around it that change nothing (synonyms.filler: "actually never
   * mind" is "never mind", "ok cancel then" is "cancel"); the text as it was when nothing else is left.
   */
  withoutFiller(text: string): string {
    const filler = this.text.list('synonyms.filler').map(normalise).filter(Boolean);
    let words = normalise(text);
    for (let changed = true; changed; ) {
      changed = false;
      for (const f of filler) {
        if (words.startsWith(`${f} `)) {
          words = words.slice(f.length + 1);
          changed = true;
        } else if (words.endsWith(` ${f}`)) {
          words = words.slice(0, -f.length - 1);
          changed = true;
        }
      }
    }
    return words || text;
  }

  isRightContact(input: PersonInput): boolean {
    const right = [{ id: 'right', title: '', synonyms: [...this.text.list('synonyms.rightContact'), ...this.text.list('synonyms.yes')] }];
    return matchChoice(right, { text: this.withoutFiller(input.text) }, 'exact') === 'right';
  }

  isWrongContact(input: PersonInput): boolean {
    const wrong = [{ id: 'wrong', title: '', synonyms: this.text.list('synonyms.wrongContact') }];
    return matchChoice(wrong, { text: this.withoutFiller(input.text) }, 'exact') === 'wrong';
  }

  /** "hello?", "anyone there?" alone (not an "ok" or a "hmm"). */
  isGreeting(text: string): boolean {
    return matchChoice([{ id: 'greeting', title: '', synonyms: this.text.list('synonyms.greeting') }], { text }, 'exact') === 'greeting';
  }

  /** "any news?", "hello? any news?", "hi, any update": a question after a message left, greeting or not. */
  asksForNews(text: string): boolean {
    const news = [{ id: 'news', title: '', synonyms: this.text.list('synonyms.news') }];
    const said = normalise(text);
    if (!said) return false;
    if (matchChoice(news, { text: said }, 'exact')) return true;
    for (const greeting of this.text.list('synonyms.greeting').map(normalise)) {
      if (greeting && said.startsWith(`${greeting} `) && matchChoice(news, { text: said.slice(greeting.length + 1) }, 'exact')) return true;
    }
    return false;
  }

  /** A greeting, a yes/ok or a hesitation alone ("hello?", "anyone there?", "ok"): not a message to pass on. */
  onlyGreeting(input: { text: string }): boolean {
    if (/^\s*\d+\s*$/.test(input.text)) return false;
    const phrases = (['synonyms.greeting', 'synonyms.yes', 'synonyms.unsure'] as const).flatMap((k) => this.text.list(k));
    return matchChoice([{ id: 'greeting', title: '', synonyms: phrases }], { text: input.text }, 'exact') !== undefined;
  }
}

/**
 * Everything the engine says that is not part of a step comes from dialogs/messages.yaml.
 * ENGINE_MESSAGES lists every key the engine uses and the placeholders each may contain; the
 * content validator checks messages.yaml against it, so a missing key fails at start-up.
 */
import { normalise } from './answers';

export const ENGINE_MESSAGES = {
  // Conversation
  welcome: [],
  greeting: [],
  help: [],
  goodbye: [],
  // A second goodbye straight after the first
  'goodbye.again': [],
  // A goodbye said with a negation at the top level ("it doesn't work"): what isn't syncing?
  'problem.vague': [],
  'cancel.done': [],
  'error.apology': [],
  // Said once per conversation when a password or code was hidden from what the person typed
  'privacy.secretHidden': [],
  // ...and each time after that, shorter
  'privacy.secretHiddenAgain': [],
  // Said once per conversation when a card or bank account number was hidden from what the person typed
  'privacy.paymentHidden': [],
  // Not understood / did you mean
  notUnderstood: [],
  'notUnderstood.offer': [],
  didYouMean: [],
  'didYouMean.somethingElse': [],
  // A plain yes at a list that is no yes/no question (the problem list, "Did you mean …?"): which one?
  'menu.whichOne': [],
  'choice.somethingElse': [],
  'choice.agent': [],
  'answer.notUnderstood': [],
  // Inside a question: a non-answer ("ok", "not sure"), and the hint after two misses in a row
  'answer.unclear': [],
  // The same at a question of another kind: which device ("idk", "all of them" at "Which device is
  // giving you trouble?"; answer.unclear is written for "is it syncing?")
  'answer.unclearDevice': [],
  // A non-answer at a step's question ("ok" at "same Apple Account?"), and the words read there as a hedged yes or "not sure"
  'answer.unclearQuestion': [],
  'synonyms.hedgedYes': [],
  'synonyms.dontKnow': [],
  // Words right before a device named mid-way that say it isn't owned ("i dont have a mac")
  'synonyms.notOwned': [],
  // Words at a device question that name no one device ("everything", "all of them")
  'synonyms.allDevices': [],
  // Words of other languages that name a problem of the list ("Kontakte"), one entry per playbook:
  // "<playbook id>: word, word" (src/dialogs/main/menus.ts problemWordsByPlaybook)
  'synonyms.problemWords': [],
  'answer.hint': ['choices'],
  // Still not understood after the hint (the third miss in a row): a way out of the question
  'answer.stuck': [],
  'answer.stuckRetry': [],
  'answer.stuckHelp': [],
  'answer.stuckStop': [],
  // The problem being worked on, said again at a step: we're on it (then the step's prompt again)
  'answer.sameProblem': ['problem'],
  // "one sec", "let me check" at a question: take your time (with the question's buttons); no miss
  'wait.ack': [],
  'synonyms.wait': [],
  // Stuck on the step ("I can't find it", "what's See All?"): menus differ, the step again, a person offered
  'stuck.intro': [],
  'stuck.person': [],
  'synonyms.stuck': [],
  // At a step's question or "Did that fix it?": "what was that again?" (synonyms.repeat) gets step.repeat and the step
  // again; "thanks ill try later" (synonyms.later) gets step.paused (the place is kept); "help" gets step.help (help
  // for this prompt, not the start-of-chat help); "how do i check that?" (synonyms.howToCheck) the question's howTo
  'step.repeat': [],
  'synonyms.repeat': [],
  'step.paused': [],
  'synonyms.later': [],
  // "how do i see storage?": another step's howTo; "what should i delete?": the step's text again (step.textAnswers first)
  'synonyms.howToSee': [],
  'synonyms.aboutStep': [],
  'step.textAnswers': [],
  'step.help': [],
  'synonyms.howToCheck': [],
  // "is it syncing now?" at "Did that fix it?": services.yaml `howToTell` (or fixed.howToTell), then the question again
  'synonyms.isItSyncing': [],
  'fixed.howToTell': ['device', 'service'],
  // "not sure", "i dont know yet" at "Did that fix it?" (synonyms.dontKnow, synonyms.notSyncedYet): this, then the howToTell
  'synonyms.notSyncedYet': [],
  'fixed.notSureYet': [],
  // "ive done all this already" at a step: sorry, and on to the next check (tried, or skipped at its question)
  'step.doneBefore': [],
  'synonyms.doneBefore': [],
  // A price asked: the question's howTo only when it speaks of prices (synonyms.priceTopic)
  'synonyms.askPrice': [],
  'synonyms.priceTopic': [],
  'synonyms.stuckAbout': [],
  // A question the bot can't answer ("will I lose my contacts if I sign out?"): a person can, then the question again
  // "yes, 50gb free" at "Did that fix it?": the fact noted, then the question again (this line first)
  'fixed.yesWithFact': [],
  'question.cantAnswer': [],
  // After a questions.yaml answer at the top level (no question pending): how to go on
  'question.answeredTopLevel': [],
  'synonyms.questionStart': [],
  // A sentence saying a problem is over ("got full twice this year", "last year, which got sorted"): not the problem now
  'synonyms.pastProblem': [],
  // "Side note: …": words holding a service word that name no service
  'synonyms.notAService': [],
  // "how do i stop that": the verb after these is asked about, never a command
  'synonyms.askHowTo': [],
  // A hedge opening a message ("I think wifi?"): a tentative answer, not a question for a person
  'synonyms.hedge': [],
  // A clause of the first message that only wonders ("not sure if the storage is full") says nothing
  'synonyms.doubt': [],
  // Things a check may be done to that are not the person's device ("I tried restarting the router")
  'synonyms.notTheDevice': [],
  // Words after which a first message says when the trouble began, not what was tried ("stopped
  // syncing after I restarted my iphone"), and words that make it a fix tried anyway ("still", "even after")
  'synonyms.onset': [],
  'synonyms.stayedAfter': [],
  // "oops wrong button", "go back" right after an answer: back to that question ({step}: its title)
  // A `holdsEverywhere` answer given for an earlier problem ("Yes, the same account"): not asked again ({answer}: its title)
  'playbook.answeredEarlier': ['answer'],
  'undo.done': ['step'],
  // ...and when there is nothing to go back to (the last message answered nothing, or this is the first question)
  'undo.nothing': [],
  // ...at the top level, with no question open
  'undo.nothingTopLevel': [],
  'synonyms.undo': [],
  // "what have we tried so far?" (synonyms.recap): the checks gone through, per problem (recap.intro, or
  // recap.introDevice for the one under way), one line per step by its outcome, then where we are (recap.now);
  // recap.nothingYet when no check is behind us yet
  'synonyms.recap': [],
  'synonyms.recapAlone': [],
  // A goodbye at "Did that fix it?" holding one of these ("it worked", "worked!") is the fix, not a person leaving
  'synonyms.worked': [],
  // A button title of the previous prompt typed again (a double click) where it answers nothing
  'answer.stale': [],
  // "skip this step", "next" at a step's question or "Did that fix it?": that step skipped, the next one
  'synonyms.skip': [],
  'step.skipped': [],
  // "wait actually its my calendar not contacts" at a step: words that say the problem is corrected, and the line before the switch ({problem}: the corrected one)
  'synonyms.correction': [],
  'switch.corrected': ['problem'],
  // Of several services named, one whose clause says it works ("photos sync fine but contacts don't") is no problem
  'synonyms.serviceFine': [],
  'recap.intro': ['problem'],
  'recap.introDevice': ['problem', 'device'],
  'recap.status': ['step'],
  'recap.statusUnavailable': ['step'],
  'recap.fixed': ['step'],
  'recap.partly': ['step'],
  'recap.tried': ['step'],
  'recap.triedAnswered': ['step', 'answer'],
  'recap.checked': ['step', 'answer'],
  'recap.skipped': ['step'],
  'recap.checkedEarlier': ['step'],
  'recap.now': ['step'],
  'recap.nothingYet': ['step'],
  // ...and at the top level or the main dialog's own questions, when the record holds no check at all
  'recap.none': [],
  // A recognised cancel that was not typed as a command: stop here? (yes / no)
  'cancel.confirm': [],
  'cancel.confirmYes': [],
  'cancel.confirmNo': [],
  'cancel.declined': [],
  // Device
  'device.question': [],
  'device.changed': ['device'],
  // Only a device named at the top level ("mac", "my iphone"): what isn't syncing on it?
  'device.whatProblem': ['device'],
  // Two different devices named in the first message: which one has the problem?
  'device.which': [],
  // A device word that names no one device ("my phone"): which one, with that word ("Which phone is it?")
  'device.whichOf': ['word'],
  // The message named the service with a device where it can't be fixed (iCloud.com for Photos) and one where it can: started there
  'device.startedWhereFixable': ['device', 'service'],
  // Two devices named with direction words: started on the one missing the data ({other}: the one it comes from)
  'device.startedWhereMissing': ['device', 'other'],
  // "Which device?" still not answered after asking again: the first device the message named
  'device.startFirst': ['device'],
  // Words that name a device without saying which ("<device id> <device id>: word, word"), and phrases holding them that name no device in trouble
  'synonyms.deviceWords': [],
  'synonyms.deviceWordsNot': [],
  // "i dont get any code on my iphone": where the code should show up, not a device change; "the code says wrong": code.refused
  'synonyms.codeOn': [],
  'device.codeOn': ['device', 'named'],
  'synonyms.codeRefused': [],
  'code.refused': [],
  // "X i take on A dont show up on B": B is missing the data (the device after a missingOn phrase; else not after a madeOn one)
  'synonyms.missingOn': [],
  // "notes not syncing iphone to mac": of two devices named one after the other, the one these words point at is missing the data
  'synonyms.syncedTo': [],
  'synonyms.madeOn': [],
  'synonyms.otherWay': [],
  // Mid-way, devices named without one clear device ("my iPad and my Mac", "not the iPhone"): which one?
  'device.whichNow': [],
  // ...and the answer is the device already being worked on
  'device.unchanged': ['device'],
  // "ipad" alone at a step while we're on the iPad already, and the words that may stand before it ("my ipad")
  'device.already': ['device'],
  'synonyms.deviceOnly': [],
  // A returning person's remembered device, not named in this conversation: confirmed with one tap
  'device.again': ['device'],
  'device.againYes': [],
  'device.againOther': [],
  // At the device question, words that answer a later question ("the code never comes"): kept for it
  'device.noted': [],
  // A device correction at "anything else?" after a fix: the same problem on that device
  'device.reopened': ['device', 'problem'],
  // "Start over": the troubleshooting is cleared and we ask again what isn't syncing
  'startOver.question': [],
  // After "Is there anything else that isn't syncing?": "yes" asks what
  'more.question': [],
  // The next problem on the same device: the checks already done there are skipped (titles in {steps})
  'more.skipping': ['device', 'steps'],
  // The first message said some steps were done already ("I've restarted twice"): skipped (titles in {steps}; steps' alreadyDone)
  'playbook.alreadyDone': ['steps'],
  // ...and the steps it only said the trouble began after ("stopped syncing after I restarted"): kept, worth doing again
  'playbook.startedAfter': ['steps'],
  // One message naming several problems: we start with the first named, the others ({others}: their titles) come next
  'queue.noted': ['problem', 'others'],
  // The first problem ended: the next one named in the same message, offered (yes / not now)
  'queue.offer': ['problem'],
  // Another problem said mid-way as an addition ("my contacts too": synonyms.too): noted, it comes next
  'queue.later': ['problem'],
  'synonyms.too': [],
  'queue.yes': [],
  'queue.notNow': [],
  // "Not now": the waiting problems ({problems}: their titles) are dropped, and a goodbye
  'queue.declined': ['problems'],
  // "Did that fix it?"
  'fixed.question': [],
  'fixed.yes': [],
  'fixed.no': [],
  'fixed.agent': [],
  // A partial fix ("yes, but only some photos"): glad part came back, then the next check (not fixed)
  'fixed.partly': [],
  // "It was already on", "already checked that" at "Did that fix it?": that setting was fine, so not the cause; the next check
  'fixed.alreadyFine': [],
  'synonyms.alreadyFine': [],
  'wrapUp.more': [],
  // A non-answer ("ok", "not sure") at "anything else?": the question again, saying what each answer does
  'more.askAgain': [],
  // Switching to another problem mid-flow
  'switch.offer': ['problem'],
  'switch.yes': [],
  'switch.no': [],
  'switch.declined': [],
  // Content changed under a running conversation
  'playbook.changed': ['problem'],
  // "Still not working" soon after a playbook was left without a fix: it carries on where it stopped
  'playbook.resumed': ['problem'],
  // Back from a live chat / "continue": carry on with the playbook handed off mid-way? And "continue" with nothing to carry on with
  'carryOn.offer': ['problem', 'device'],
  'carryOn.offerNoDevice': ['problem'],
  'carryOn.yes': [],
  'carryOn.other': [],
  'carryOn.no': [],
  'carryOn.nothing': [],
  // After a fix, "it stopped again" / "only some came back": the same problem from the next check
  'playbook.reopened': ['problem'],
  'playbook.reopenedPartly': ['problem'],
  // A message at a pending question after a long silence: welcome back, where things stood, the question
  'welcomeBack': ['problem', 'device', 'step'],
  'welcomeBack.noDevice': ['problem'],
  // The same for a greeting soon after the last message ("hello?", "hi again" at a question)
  'welcomeBack.soon': ['problem', 'device', 'step'],
  'welcomeBack.soonNoDevice': ['problem'],
  // Goodbye or thanks in the middle of a playbook (not fixed, not pretending it is)
  'playbook.goodbye': [],
  // Service label when none is known
  'service.generic': [],
  // Status events without a start time
  'status.sinceUnknown': [],
  // "Is iCloud Mail down?" when only other services have events (said before the list)
  'status.namedServiceFine': ['service'],
  // "Is iCloud down?" asked mid-way: the status feed read again, then the pending question again.
  // {checkedAt} is the time of the check, with its zone ("15:30 UTC").
  'status.asideOutage': ['checkedAt'],
  'status.asideEvent': ['serviceName', 'statusType', 'since', 'usersAffected', 'message'],
  'status.asideEventNoStart': ['serviceName', 'statusType', 'usersAffected', 'message'],
  'status.asideAllClear': ['checkedAt'],
  'status.asideUnavailable': [],
  'status.asideResume': [],
  // After a stop at an outage, "when will it be fixed?": no time from Apple, the status page, the device checks offered
  'outage.whenFixed': ['statusPage'],
  'outage.checksYes': [],
  'outage.checksNo': [],
  'outage.waiting': ['statusPage'],
  // After a stop at an outage, "is it working now?" (synonyms.isItBack): the feed read again; cleared: "Is it syncing now?"
  'synonyms.isItBack': [],
  'outage.backNow': ['service'],
  'outage.backYes': [],
  'outage.backNo': [],
  'outage.backGlad': [],
  // Back after a stop at an outage that Apple still lists: said so, and the device checks or wait offered again
  'outage.stillListed': ['service'],
  // "ok so is it or not?" after a status check: the status read again
  'synonyms.isItOrNot': [],
  'synonyms.whenFixed': [],
  // At the outage pause ("Continue anyway / Stop"): "should i wait?", "what do i do" get the honest answer, then the buttons
  'outage.pauseAdvice': [],
  'synonyms.shouldWait': [],
  // ...and "can we check my settings anyway" is "Continue anyway"
  'synonyms.checkAnyway': [],
  // ..."ill check later", "ok ill wait" are "Stop"; "what now" gets the advice without "Yes:"; "how long will it last?" gets pauseWhen
  'synonyms.outageStop': [],
  'synonyms.whatNow': [],
  'outage.pauseAdviceOpen': [],
  'outage.pauseWhen': ['statusPage'],
  // "still not working, is it apple?": Apple's status checked again, as "is iCloud down?"
  'synonyms.isItApple': [],
  // Free-text answers (lists of phrases, not said)
  'synonyms.yes': [],
  'synonyms.no': [],
  'synonyms.fixed': [],
  'synonyms.notFixed': [],
  // "what was it?" after a fix: the check it came back at ({step}: its title)
  'fixed.whatFixedIt': ['step'],
  'synonyms.whatFixedIt': [],
  // Soon after a fix, the same problem back ("actually no it stopped again", "wrong button, it's not syncing"): picked up again
  'synonyms.stoppedAgain': [],
  // Words that make an answer a partial fix ("some", "half", "mostly"), and phrases holding one
  // that say nothing of the sort ("for some reason", "a few minutes")
  'synonyms.partly': [],
  'synonyms.partlyExcept': [],
  // With a partial qualifier at a step's question, these make it a partial fix ("some notes came back")
  'synonyms.cameBack': [],
  // Words right before a device that make it a clear statement of the device ("it's on my iPad"), not one named in passing
  'synonyms.deviceStatement': [],
  // Words in a device's clause that say that device is fine, or has the problem as well ("my Mac shows them fine")
  'synonyms.deviceAside': [],
  // A device asked for ("can we do the mac instead?"): a device change, not a question for a person
  'synonyms.deviceRequest': [],
  // Storage amounts at a step's question ("4 GB of 200 GB used", "3% free"): the words that say a number is
  // used or free, and the words that then pick the nearly-full or the plenty answer
  'synonyms.amountUsed': [],
  'synonyms.amountFree': [],
  'synonyms.amountFull': [],
  'synonyms.amountRoom': [],
  // A step's question answered only with "I checked that as well" (synonyms.checked): what did it show? (same buttons)
  'question.afterDone': [],
  'synonyms.checked': [],
  // Inside a question: non-answers, and commands typed as such (src/dialogs/interruptibleDialog.ts)
  'synonyms.unclear': [],
  'synonyms.carryOn': [],
  'synonyms.carryOnWith': [],
  'synonyms.stop': [],
  'synonyms.help': [],
  'synonyms.person': [],
  'synonyms.personAnywhere': [],
  'synonyms.startOver': [],
  'synonyms.nothingElse': [],
  'synonyms.somethingElse': [],
  // Words that take up the next waiting problem besides a yes ("sure", "go ahead"), and that decline it ("not now", "later")
  'synonyms.goAhead': [],
  'synonyms.notNow': [],
  // "Did that fix it?" answered "yes" with only the step done ("yes I checked", "it's on"): asked once more
  'fixed.afterDone': [],
  // After a yes to a case's own question that is not the syncing ("Yes, there's room now" in the photos checks)
  'fixed.caseSolved': ['service'],
  'synonyms.stepDone': [],
  // A thanks alone inside a question ("thanks", "ok, cheers"): politeness, then the question again
  'thanks.welcome': [],
  'synonyms.thanks': [],
  'synonyms.acknowledge': [],
  // Words that make a goodbye at the top level a complaint ("it doesn't work")
  'synonyms.negation': [],
  // Words that make a goodbye a goodbye even when the message also says a step was done
  'synonyms.bye': [],
  // A bare number that picks no button ("7" with three)
  'answer.outOfRange': ['number', 'count'],
  // A message clearly not in English (src/dialogs/languageNotice.ts): said once per conversation.
  // stopWords.en: English words that rule that out; the others: common words of each language.
  'language.englishOnly': [],
  'stopWords.en': [],
  'stopWords.fr': [],
  'stopWords.de': [],
  'stopWords.es': [],
  'stopWords.it': [],
  'stopWords.pt': [],
  'stopWords.nl': [],
} as const satisfies Record<string, readonly string[]>;

export type MessageKey = keyof typeof ENGINE_MESSAGES;

/**
 * The lines that only say an answer was not understood (a miss at a question). When the agent
 * hub's frustration offer takes the place of the question asked again, these go with it: the
 * offer alone answers an angry message, not "didn't catch that" first.
 */
// answer.sameProblem ("We're on it", the problem said again at a step's question: "nothing works!!") is one too.
export const NOT_UNDERSTOOD_KEYS: readonly MessageKey[] = ['answer.notUnderstood', 'answer.unclear', 'answer.unclearDevice', 'answer.unclearQuestion', 'answer.hint', 'answer.outOfRange', 'answer.sameProblem'];
export type MessageValue = string | string[];
export type Vars = Record<string, string | number | undefined>;

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

/** Placeholders used in a text, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** Fills {name} placeholders; unknown ones are left as they are (the validator catches them). */
export function fill(text: string, vars: Vars): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

/**
 * Reads messages.yaml content: picks a variant (lists vary) and fills placeholders. One instance
 * per content load: the phrase lists it hands out (`list`, `normalisedList`) are built once, on
 * first use, and kept on the instance (no copy, no normalising per answer; nothing in the process).
 */
export class Messages {
  private readonly lists = new Map<string, readonly string[]>();
  private readonly normalised = new Map<string, readonly string[]>();

  constructor(
    private readonly map: Readonly<Record<string, MessageValue>>,
    private readonly random: () => number = Math.random,
  ) {}

  has(key: string): boolean {
    return this.map[key] !== undefined;
  }

  text(key: MessageKey, vars: Vars = {}): string {
    const value = this.map[key];
    if (value === undefined) throw new Error(`messages.yaml has no key '${key}'`);
    const chosen = Array.isArray(value) ? value[Math.min(value.length - 1, Math.floor(this.random() * value.length))] : value;
    return fill(chosen, vars);
  }

  /**
   * All variants of a key (for phrase lists such as synonyms): the same frozen array on every call
   * (typed mutable for the PromptChoice synonyms it fills; writing to it throws).
   */
  list(key: MessageKey): string[] {
    let out = this.lists.get(key);
    if (out === undefined) {
      const value = this.map[key];
      out = Object.freeze(value === undefined ? [] : Array.isArray(value) ? [...value] : [value]);
      this.lists.set(key, out);
    }
    return out as string[];
  }

  /**
   * The phrases of a list as answers.ts `normalise` reads them ("I've restarted" → "ive restarted"),
   * empty ones left out: normalised once per content load, for matching many answers against.
   */
  normalisedList(key: MessageKey): readonly string[] {
    let out = this.normalised.get(key);
    if (out === undefined) {
      out = Object.freeze(this.list(key).map(normalise).filter((p) => p !== ''));
      this.normalised.set(key, out);
    }
    return out;
  }
}

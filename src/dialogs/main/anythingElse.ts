/**
 * Reading the answer to "Is there anything else that isn't syncing?" (asked at the end of a fixed
 * playbook, or by the hub after a live chat), as the step questions read theirs (answers.ts).
 */
import type { Recognition } from '../../nlu/recognizer';
import { mentionsPhrase, negatedChoice, type PromptChoice, type UserInput } from '../answers';
import type { Engine } from '../engine';
import { namedProblems } from '../problemQueue';
import { phraseChoice } from './phraseChoice';

/** Answers to "Is there anything else that isn't syncing?". */
const MORE = { yes: 'more-yes', no: 'more-no' } as const;

/** An unclear answer to "anything else?" gets the question again this many times, then is routed as usual. */
const MORE_REASKS = 1;

/**
 * `no` ("no" / "that's all": the goodbye), `yes` (ask what), `askAgain` (a non-answer: "not sure",
 * "no idea", "ok", or one that only negates a phrase, while `asked` is under MORE_REASKS), or
 * undefined: a message naming a problem ("yes, my notes too") or anything else is routed as usual.
 * A phrase only counts when it is not negated.
 */
export function readAnythingElse(engine: Engine, input: UserInput, recognize: () => Recognition, asked: number): 'no' | 'yes' | 'askAgain' | undefined {
  const messages = engine.messages;
  const choices: PromptChoice[] = [
    { id: MORE.no, title: '', synonyms: [...messages.list('synonyms.no'), ...messages.list('synonyms.nothingElse')] },
    { id: MORE.yes, title: '', synonyms: [...messages.list('synonyms.yes'), ...messages.list('synonyms.somethingElse')] },
  ];
  const unclearPhrases = messages.list('synonyms.unclear');
  let picked = phraseChoice(choices, input, 'exact');
  let unclear = picked === undefined && mentionsPhrase(unclearPhrases, input.text, false);
  if (picked === undefined && !unclear) {
    const r = recognize();
    if (engine.handlerOf(r.intent) === 'playbook' && (!r.ambiguous || namedProblems(engine, r).length > 1)) return undefined;
    picked = phraseChoice(choices, input, 'loose');
    unclear = picked === undefined && (mentionsPhrase(unclearPhrases, input.text, true) || negatedChoice(choices, input) !== undefined);
  }
  if (picked === MORE.no) return 'no';
  if (picked === MORE.yes) return 'yes';
  if (unclear && asked < MORE_REASKS) return 'askAgain';
  return undefined;
}

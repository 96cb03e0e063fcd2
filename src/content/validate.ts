import { checkHandoffFile } from '../handoff/handoffMessages';
import { checkIntents } from '../nlu/trainingData';
import { checkDialogs, type Content, type IntentRef } from './loadContent';
import { ContentError, type ContentProblem } from './problems';

export interface ContentDirs {
  intentsDir: string;
  dialogsDir: string;
}

export interface IntentRefs {
  /** Every intent (id, handler, file), or null when intents/ has problems. */
  intents: IntentRef[] | null;
  /**
   * The intents whose files passed their schema, even when intents/ has other problems, for the
   * checks against dialogs/; null when intents/ cannot be read at all.
   */
  checkable: IntentRef[] | null;
  /** Ids (file names) of the intent files that failed to parse: references to them are not reported again. */
  failed: string[];
  problems: ContentProblem[];
}

/** The intents (id, handler, file) of intents/, or null and its problems. */
export function readIntentRefs(intentsDir: string): IntentRefs {
  const { data, problems, parsed, failedFiles } = checkIntents(intentsDir);
  const refs = parsed.map(({ intent, handlerLine }) => ({ id: intent.id, handler: intent.handler, file: intent.file, line: handlerLine }));
  const missing = problems.length > 0 && parsed.length === 0 && failedFiles.length === 0;
  return { intents: data ? refs : null, checkable: missing ? null : refs, failed: failedFiles, problems };
}

/** Every problem and, when there is none, the content: one pass over intents/ and dialogs/. */
function checkAll(dirs: ContentDirs): { content: Content | null; problems: ContentProblem[] } {
  const intents = readIntentRefs(dirs.intentsDir);
  const dialogs = checkDialogs(dirs.dialogsDir, intents.checkable, { failedIntents: intents.failed });
  const handoff = checkHandoffFile(dirs.dialogsDir);
  const problems = [...intents.problems, ...dialogs.problems, ...handoff.problems];
  return { content: problems.length === 0 ? dialogs.content : null, problems };
}

/**
 * Every problem in intents/ and dialogs/ (including the hub's handoff.yaml), each naming file, line
 * and field. Empty = valid. A file with problems is still checked against the others as far as it
 * parsed, so one run lists everything.
 */
export function validateAll(dirs: ContentDirs): ContentProblem[] {
  return checkAll(dirs).problems;
}

/** The content of valid intents/ and dialogs/; otherwise throws ContentError with the list `validateAll` gives. */
export function loadAllContent(dirs: ContentDirs): Content {
  const { content, problems } = checkAll(dirs);
  if (!content) throw new ContentError(problems);
  return content;
}

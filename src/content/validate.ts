import { checkHandoffFile } from '../handoff/handoffMessages';
import { checkIntents } from '../nlu/trainingData';
import { checkDialogs, type IntentRef } from './loadContent';
import type { ContentProblem } from './problems';

export interface ContentDirs {
  intentsDir: string;
  dialogsDir: string;
}

/** The intents (id, handler, file) of intents/, or null and its problems. */
export function readIntentRefs(intentsDir: string): { intents: IntentRef[] | null; problems: ContentProblem[] } {
  const { data, problems } = checkIntents(intentsDir);
  return { intents: data ? data.intents.map((i) => ({ id: i.id, handler: i.handler, file: i.file })) : null, problems };
}

/** Every problem in intents/ and dialogs/ (including the hub's handoff.yaml), each naming file, line and field. Empty = valid. */
export function validateAll(dirs: ContentDirs): ContentProblem[] {
  const intents = readIntentRefs(dirs.intentsDir);
  const dialogs = checkDialogs(dirs.dialogsDir, intents.intents);
  const handoff = checkHandoffFile(dirs.dialogsDir);
  return [...intents.problems, ...dialogs.problems, ...handoff.problems];
}

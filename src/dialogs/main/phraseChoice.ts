/** Reading a choice at the main dialog's questions that are shown without buttons. */
import { matchChoice, type PromptChoice, type UserInput } from '../answers';

/**
 * A choice picked by its phrases only: for questions shown without buttons, where a bare number
 * ("1") names no choice and must not pick one by position.
 */
export function phraseChoice(choices: readonly PromptChoice[], input: UserInput, mode: 'exact' | 'loose'): string | undefined {
  if (/^\s*\d+\s*$/.test(input.text)) return undefined;
  return matchChoice(choices, input, mode);
}

import { validateAll } from '../../src/content/validate';
import { formatProblem } from '../../src/content/problems';

describe('validateAll on the real content', () => {
  it('finds no problem in intents/ and dialogs/', () => {
    const problems = validateAll({ intentsDir: 'intents', dialogsDir: 'dialogs' });
    expect(problems.map(formatProblem)).toEqual([]);
  });
});

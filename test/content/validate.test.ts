import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateAll } from '../../src/content/validate';
import { formatProblem } from '../../src/content/problems';

describe('validateAll on the real content', () => {
  it('finds no problem in intents/ and dialogs/', () => {
    const problems = validateAll({ intentsDir: 'intents', dialogsDir: 'dialogs' });
    expect(problems.map(formatProblem)).toEqual([]);
  });
});

describe('validateAll covers the hub wording in dialogs/handoff.yaml', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'resync-validate-'));
    cpSync('dialogs', dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file and the key when a required message is missing', () => {
    const file = path.join(dir, 'handoff.yaml');
    const text = readFileSync(file, 'utf8').replace(/^\s*agentJoined:.*$/m, '');
    writeFileSync(file, text);
    const problems = validateAll({ intentsDir: 'intents', dialogsDir: dir });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.file.endsWith('handoff.yaml'))).toBe(true);
    expect(problems.map(formatProblem).join('\n')).toMatch(/agentJoined/);
  });

  it('reports a missing handoff.yaml instead of throwing', () => {
    rmSync(path.join(dir, 'handoff.yaml'));
    const problems = validateAll({ intentsDir: 'intents', dialogsDir: dir });
    expect(problems.map(formatProblem).join('\n')).toMatch(/handoff\.yaml: cannot read file/);
  });
});

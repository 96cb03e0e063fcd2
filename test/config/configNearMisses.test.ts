/**
 * Tester round 7, items 1 and 9: settings that are typed wrong or only half set never leave
 * /api/messages open without a word, and a malformed connection string names the variable.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import {
  connectionStringProblem,
  dotEnvKeysLoaded,
  localModeWarning,
  nearMissOf,
  parseConfig,
  unknownKeyWarnings,
} from '../../src/config/config';
import { makeTempDir } from '../helpers/tempDir';
import { problemsOf } from './problemsOf';

const APP_ID = '11111111-2222-3333-4444-555555555555';

describe('near misses of known keys', () => {
  it.each([
    ['MicrosoftAppID', 'MicrosoftAppId'],
    ['MICROSOFT_APP_PASSWORD', 'MicrosoftAppPassword'],
    ['microsoftapptenantid', 'MicrosoftAppTenantId'],
    ['MicrosoftAppPasword', 'MicrosoftAppPassword'],
    ['LOGLEVEL', 'LOG_LEVEL'],
    ['DATA_DRI', 'DATA_DIR'],
    ['Port', 'PORT'],
  ])('takes %s for %s', (typed, meant) => {
    expect(nearMissOf(typed)).toBe(meant);
  });

  it.each(['PATH', 'HOME', 'HOSTNAME', 'PWD', 'NODE_ENV', 'LANG', 'TERM', 'SHELL', 'USER', 'PORT', 'MicrosoftAppId'])('leaves %s alone', (key) => {
    expect(nearMissOf(key)).toBeUndefined();
  });

  it('refuses to start when the app id is only there under a wrong name, naming both keys and never the value', () => {
    const problems = problemsOf({ MicrosoftAppID: APP_ID, MICROSOFT_APP_PASSWORD: 'SuperSecret123' });
    expect(problems.join('\n')).toMatch(/^MicrosoftAppID: .*did you mean MicrosoftAppId\?/m);
    expect(problems.join('\n')).toMatch(/^MICROSOFT_APP_PASSWORD: .*did you mean MicrosoftAppPassword\?/m);
    expect(problems.join('\n')).toContain('without authentication');
    expect(problems.join('\n')).not.toContain(APP_ID);
    expect(problems.join('\n')).not.toContain('SuperSecret123');
  });

  it('only warns about a near miss when the real key is also set', () => {
    const env = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppID: APP_ID };
    expect(() => parseConfig(env)).not.toThrow();
    const warnings = unknownKeyWarnings(env);
    expect(warnings).toEqual([{ key: 'MicrosoftAppID', message: expect.stringContaining('did you mean MicrosoftAppId?') }]);
    expect(JSON.stringify(warnings)).not.toContain(APP_ID);
  });

  it('warns about a near miss of any other key, and about unknown keys in .env, never with values', () => {
    const env = { LOGLEVEL: 'debug', PATH: '/usr/bin', MY_OWN_THING: 'private-value', EMBED_ORIGNS: 'https://x.example' };
    const warnings = unknownKeyWarnings(env, ['MY_OWN_THING']);
    expect(warnings.map((w) => w.key).sort()).toEqual(['EMBED_ORIGNS', 'LOGLEVEL', 'MY_OWN_THING']);
    expect(warnings.find((w) => w.key === 'MY_OWN_THING')!.message).toContain('.env');
    const text = JSON.stringify(warnings);
    expect(text).not.toContain('private-value');
    expect(text).not.toContain('https://x.example');
  });
});

describe('authentication half set', () => {
  it.each(['MicrosoftAppPassword', 'MicrosoftAppTenantId'])('is an error when %s is set without MicrosoftAppId', (key) => {
    const problems = problemsOf({ [key]: 'SuperSecret123' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${key}: is set but MicrosoftAppId is not`));
    expect(problems[0]).not.toContain('SuperSecret123');
  });

  it('says once that local mode has no authentication, and nothing with an app id', () => {
    expect(localModeWarning(parseConfig({}))).toMatch(/no MicrosoftAppId: .*without authentication/);
    expect(localModeWarning(parseConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' }))).toBeUndefined();
  });
});

describe('.env keys', () => {
  it('reports the keys the file holds', () => {
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, '.env');
    writeFileSync(file, 'RESYNC_TEST_NEAR=1\nMicrosoftAppID=\n');
    const env: NodeJS.ProcessEnv = {};
    try {
      expect(dotEnvKeysLoaded(file, env)?.sort()).toEqual(['MicrosoftAppID', 'RESYNC_TEST_NEAR']);
      expect(env.RESYNC_TEST_NEAR).toBe('1');
      expect(dotEnvKeysLoaded(path.join(tmp.dir, 'none'), env)).toBeUndefined();
    } finally {
      tmp.remove();
    }
  });
});

describe('AZURE_STORAGE_CONNECTION_STRING', () => {
  it('names the variable for a malformed string and never prints it', () => {
    const value = 'AccountKey=c2VjcmV0LWtleS12YWx1ZQ==;garbage';
    const problems = problemsOf({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AZURE_STORAGE_CONNECTION_STRING: not a valid connection string \(part 2 of 2 is not Name=Value\)$/);
    expect(problems[0]).not.toContain('c2VjcmV0');
  });

  it.each([
    ['UseDevelopmentStorage=true', undefined],
    ['DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5==;EndpointSuffix=core.windows.net', undefined],
    ['DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;', undefined],
    ['BlobEndpoint=https://acct.blob.core.windows.net;SharedAccessSignature=sv=2022&sig=abc', undefined],
    ['AccountName=acct', 'it needs AccountKey or SharedAccessSignature'],
    ['AccountKey=a2V5==', 'it needs AccountName or BlobEndpoint'],
    ['BlobEndpoint=not a url;AccountKey=x', 'BlobEndpoint must be an http(s) URL'],
  ])('judges %s', (value, problem) => {
    expect(connectionStringProblem(value)).toBe(problem);
  });
});

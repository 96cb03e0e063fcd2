import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { ConfigError, isAuthenticated, loadDotEnv, parseConfig, sqliteFile } from '../../src/config/config';
import { makeTempDir } from '../helpers/tempDir';
import { problemsOf } from './problemsOf';

const APP_ID = '00000000-1111-2222-3333-444444444444';

describe('parseConfig', () => {
  it('gives a working local configuration for an empty environment', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', STORAGE: 'sqlite', DATA_DIR: './data', LOG_LEVEL: 'info', MicrosoftAppType: 'MultiTenant' });
    expect(config.MicrosoftAppId).toBeUndefined();
    expect(isAuthenticated(config)).toBe(false);
  });

  it('treats empty and blank strings as not set', () => {
    const config = parseConfig({ MicrosoftAppId: '', MicrosoftAppPassword: '  ', DIRECT_LINE_SECRET: '', SQLITE_FILE: '' });
    expect(config.MicrosoftAppId).toBeUndefined();
    expect(config.MicrosoftAppPassword).toBeUndefined();
    expect(config.DIRECT_LINE_SECRET).toBeUndefined();
    expect(config.SQLITE_FILE).toBeUndefined();
  });

  it('coerces numbers and accepts a full authenticated configuration', () => {
    const config = parseConfig({ PORT: '8080', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pw', STATUS_CACHE_SECONDS: '0' });
    expect(config.PORT).toBe(8080);
    expect(config.STATUS_CACHE_SECONDS).toBe(0);
    expect(isAuthenticated(config)).toBe(true);
  });

  it.each([
    ['PORT', { PORT: 'abc' }, /^PORT: must be a number/],
    ['PORT', { PORT: '70000' }, /^PORT: must be between 0 and 65535/],
    ['PORT', { PORT: '80.5' }, /^PORT: must be a whole number/],
    ['STORAGE', { STORAGE: 'redis' }, /^STORAGE: .*'sqlite'/],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, /^LOG_LEVEL: /],
    ['MicrosoftAppId', { MicrosoftAppId: 'not-a-guid', MicrosoftAppPassword: 'x' }, /^MicrosoftAppId: must be a GUID/],
    ['MicrosoftAppPassword', { MicrosoftAppId: APP_ID }, /^MicrosoftAppPassword: is required when MicrosoftAppId is set/],
    ['MicrosoftAppTenantId', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }, /^MicrosoftAppTenantId: is required/],
    ['AZURE_STORAGE_CONNECTION_STRING', { STORAGE: 'blob' }, /^AZURE_STORAGE_CONNECTION_STRING: is required when STORAGE=blob/],
    ['AZURE_STORAGE_CONTAINER', { AZURE_STORAGE_CONTAINER: 'Bad_Name' }, /^AZURE_STORAGE_CONTAINER: must be a valid blob container name/],
    ['PUBLIC_URL', { PUBLIC_URL: 'example.com' }, /^PUBLIC_URL: must start with http/],
    ['DIRECT_LINE_ENDPOINT', { DIRECT_LINE_ENDPOINT: 'nope' }, /^DIRECT_LINE_ENDPOINT: must be a URL/],
    ['STATUS_FEED_TIMEOUT_MS', { STATUS_FEED_TIMEOUT_MS: '5' }, /^STATUS_FEED_TIMEOUT_MS: must be at least 100/],
    ['HOST', { HOST: '' }, /^HOST: must not be empty/],
  ])('reports one line naming %s', (_key, env, pattern) => {
    const problems = problemsOf(env as Record<string, string>);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(pattern);
  });

  it('reports every problem at once, one line each', () => {
    const problems = problemsOf({ PORT: '-1', LOG_LEVEL: 'loud', STORAGE: 'floppy' });
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'STORAGE']);
    const error = (() => {
      try {
        parseConfig({ PORT: '-1', LOG_LEVEL: 'loud' });
      } catch (e) {
        return e as ConfigError;
      }
      return undefined;
    })();
    expect(error?.message.split('\n')).toHaveLength(3);
  });

  it('shows the offending value, but never for secrets', () => {
    expect(problemsOf({ PORT: 'abc' })[0]).toContain('(got "abc")');
    const secretProblems = problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: '', DIRECT_LINE_SECRET: 's3cr3t-value', PORT: 'x' });
    expect(secretProblems.join('\n')).not.toContain('s3cr3t-value');
  });
});

describe('sqliteFile', () => {
  it('defaults to DATA_DIR/resync.sqlite and honours SQLITE_FILE', () => {
    expect(sqliteFile(parseConfig({ DATA_DIR: '/tmp/x' }))).toBe(path.resolve('/tmp/x/resync.sqlite'));
    expect(sqliteFile(parseConfig({ DATA_DIR: '/tmp/x', SQLITE_FILE: '/var/lib/r.db' }))).toBe(path.resolve('/var/lib/r.db'));
  });
});

describe('loadDotEnv', () => {
  it('loads a .env file without overriding the real environment', () => {
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, '.env');
    writeFileSync(file, 'RESYNC_TEST_FROM_FILE=file\nRESYNC_TEST_ALREADY_SET=file\n');
    process.env.RESYNC_TEST_ALREADY_SET = 'env';
    try {
      expect(loadDotEnv(file)).toBe(true);
      expect(process.env.RESYNC_TEST_FROM_FILE).toBe('file');
      expect(process.env.RESYNC_TEST_ALREADY_SET).toBe('env');
      expect(loadDotEnv(path.join(tmp.dir, 'missing.env'))).toBe(false);
    } finally {
      delete process.env.RESYNC_TEST_FROM_FILE;
      delete process.env.RESYNC_TEST_ALREADY_SET;
      tmp.remove();
    }
  });
});

import { parseConfig, ConfigError } from '../../src/config/config';
import { startTestServer, type TestServer } from '../helpers/testServer';

async function get(url: string) {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('embedding the chat page in other sites', () => {
  describe('without EMBED_ORIGINS', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.dispose());

    it('forbids framing the page', async () => {
      const page = await get(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    });

    it('serves the launcher script loadable from other origins', async () => {
      const script = await get(`${server.url}/embed.js`);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(script.text).toContain('resync-launcher');
    });
  });

  describe('with EMBED_ORIGINS', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ env: { EMBED_ORIGINS: 'https://www.example.com, http://localhost:8080' } });
    });
    afterAll(() => server.dispose());

    it('lets exactly those origins frame the page', async () => {
      const page = await get(`${server.url}/`);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'self' https://www.example.com http://localhost:8080");
      expect(page.headers.get('x-frame-options')).toBeNull();
      // Other responses still refuse to be framed.
      const health = await get(`${server.url}/healthz`);
      expect(health.headers.get('x-frame-options')).toBe('DENY');
    });
  });

  it('rejects EMBED_ORIGINS entries that are not origins, naming the key', () => {
    expect(() => parseConfig({ EMBED_ORIGINS: 'https://ok.example.com,https://bad.example.com/path' })).toThrow(ConfigError);
    let problems: string[] = [];
    try {
      parseConfig({ EMBED_ORIGINS: "https://x.example.com 'unsafe-inline'" });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems.join('\n')).toMatch(/^EMBED_ORIGINS: must be origins/m);
  });
});

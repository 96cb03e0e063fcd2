import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { runTeamsPackage } from '../../scripts/teamsPackage';
import { loadRecognizer } from '../../src/nlu';
import { AppPackageError, buildAppPackage, checkAppId, renderManifest } from '../../src/teams/appPackage';
import { zipFiles } from '../../src/teams/zipFile';
import { makeTempDir } from '../helpers/tempDir';
import { realContent } from '../dialogs/helpers';

const ROOT = path.resolve(__dirname, '../..');
const APP_DIR = path.join(ROOT, 'appPackage');
const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

/** Reads a ZIP's central directory and inflates every entry (independent of the writer). */
function readZip(zip: Buffer): Map<string, Buffer> {
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(endAt).toBeGreaterThan(0);
  const count = zip.readUInt16LE(endAt + 10);
  let at = zip.readUInt32LE(endAt + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + size);
    const data = method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
    expect(zlib.crc32(data) >>> 0).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

interface Png {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  /** RGBA rows (only for 8-bit RGBA). */
  pixels?: Buffer;
}

/** Parses a PNG: signature, chunk CRCs, IHDR, and (for 8-bit RGBA) the unfiltered pixels. */
function readPng(data: Buffer): Png {
  expect([...data.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let header: Png | undefined;
  const idat: Buffer[] = [];
  for (;;) {
    const length = data.readUInt32BE(at);
    const type = data.subarray(at + 4, at + 8).toString('ascii');
    const body = data.subarray(at + 8, at + 8 + length);
    expect(zlib.crc32(data.subarray(at + 4, at + 8 + length)) >>> 0).toBe(data.readUInt32BE(at + 8 + length));
    if (type === 'IHDR') header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8], colorType: body[9] };
    if (type === 'IDAT') idat.push(body);
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (!header) throw new Error('no IHDR');
  if (header.bitDepth === 8 && header.colorType === 6) {
    const raw = zlib.inflateSync(Buffer.concat(idat));
    const stride = header.width * 4;
    const out = Buffer.alloc(stride * header.height);
    for (let y = 0; y < header.height; y++) {
      const filter = raw[y * (stride + 1)];
      for (let x = 0; x < stride; x++) {
        const v = raw[y * (stride + 1) + 1 + x];
        const a = x >= 4 ? out[y * stride + x - 4] : 0;
        const b = y > 0 ? out[(y - 1) * stride + x] : 0;
        const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
        const p = a + b - c;
        const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
        const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
        if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
        out[y * stride + x] = (v + predictor) & 0xff;
      }
    }
    header.pixels = out;
  }
  return header;
}

const template = readFileSync(path.join(APP_DIR, 'manifest.json'), 'utf8');

describe('manifest.json', () => {
  const manifest = renderManifest(template, { MicrosoftAppId: APP_ID, version: '1.2.3', PUBLIC_URL: 'https://resync.example.org' }) as Record<string, any>;

  it('is on schema v1.22 and has every required field', () => {
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.22');
    for (const key of ['manifestVersion', 'version', 'id', 'developer', 'name', 'description', 'icons', 'accentColor']) expect(manifest).toHaveProperty(key);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.id).toBe(APP_ID);
    for (const key of ['name', 'websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[key]).toBeTruthy();
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[key]).toMatch(/^https:\/\/resync\.example\.org\//);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.accentColor).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(manifest.icons).toEqual({ outline: 'outline.png', color: 'color.png' });
  });

  it('declares the bot with the app id in personal, team and group chat, with help, start over and talk to a person', () => {
    expect(manifest.bots).toHaveLength(1);
    const bot = manifest.bots[0];
    expect(bot.botId).toBe(APP_ID);
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    const commands = bot.commandLists.flatMap((l: { commands: { title: string; description: string }[] }) => l.commands);
    expect(commands.map((c: { title: string }) => c.title)).toEqual(['help', 'start over', 'talk to a person']);
    for (const c of commands) expect(c.description.length).toBeGreaterThan(0);
  });

  it('its commands are understood by the real recogniser as help, cancel and agent', async () => {
    const loaded = await loadRecognizer({ intentsDir: path.join(ROOT, 'intents') });
    const content = realContent();
    const handlerOf = (intent: string) => content.intents.find((i) => i.id === intent)?.handler;
    const bot = manifest.bots[0];
    const titles: string[] = bot.commandLists[0].commands.map((c: { title: string }) => c.title);
    expect(titles.map((t) => handlerOf(loaded.recognize(t).intent))).toEqual(['help', 'cancel', 'agent']);
  });

  it('a placeholder the packager does not know is an error, and values are JSON-escaped', () => {
    expect(() => renderManifest('{"id": "{{Nope}}"}', { MicrosoftAppId: APP_ID, version: '1.0.0', PUBLIC_URL: 'https://x' })).toThrow(AppPackageError);
    expect(renderManifest('{"u": "{{PUBLIC_URL}}"}', { MicrosoftAppId: APP_ID, version: '1.0.0', PUBLIC_URL: 'https://x/"q' })).toEqual({ u: 'https://x/"q' });
  });
});

describe('icons', () => {
  it('color.png is a 192×192 opaque colour image', () => {
    const png = readPng(readFileSync(path.join(APP_DIR, 'color.png')));
    expect([png.width, png.height]).toEqual([192, 192]);
    const px = png.pixels!;
    const colours = new Set<string>();
    let seeThrough = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] !== 255) seeThrough++;
      colours.add(`${px[i]},${px[i + 1]},${px[i + 2]}`);
    }
    expect(seeThrough).toBe(0);
    expect(colours.size).toBeGreaterThan(2); // a symbol on a background, anti-aliased
    // Not grey: the background is a colour.
    expect(px[0] !== px[1] || px[1] !== px[2]).toBe(true);
  });

  it('outline.png is 32×32, white on transparent only', () => {
    const png = readPng(readFileSync(path.join(APP_DIR, 'outline.png')));
    expect([png.width, png.height]).toEqual([32, 32]);
    const px = png.pixels!;
    let transparent = 0;
    let opaque = 0;
    let notWhite = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] === 0) transparent++;
      else if (px[i] !== 255 || px[i + 1] !== 255 || px[i + 2] !== 255) notWhite++;
      if (px[i + 3] === 255) opaque++;
    }
    expect(notWhite).toBe(0);
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(opaque).toBeGreaterThan(32 * 32 * 0.1);
    // Corners are transparent (no background).
    expect(px[3]).toBe(0);
    expect(px[px.length - 1]).toBe(0);
  });
});

describe('teams:package', () => {
  const temp = makeTempDir('resync-teams-');
  afterAll(() => temp.remove());
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, o: (l: string) => out.push(l), e: (l: string) => err.push(l) };
  };

  /** A copy of the repository bits the packager reads, so a .env can be placed beside them. */
  function fakeRoot(name: string, dotEnv?: string): string {
    const root = path.join(temp.dir, name);
    cpSync(APP_DIR, path.join(root, 'appPackage'), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
    if (dotEnv !== undefined) writeFileSync(path.join(root, '.env'), dotEnv);
    return root;
  }

  it('writes a zip holding the three files, with the app id filled in from the environment', () => {
    const root = fakeRoot('env');
    const t = io();
    const code = runTeamsPackage(['out/app.zip'], { MicrosoftAppId: APP_ID.toUpperCase(), PUBLIC_URL: 'https://bot.example.net/' }, root, t.o, t.e);
    expect(code).toBe(0);
    expect(t.err).toEqual([]);
    const files = readZip(readFileSync(path.join(root, 'out/app.zip')));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.version).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(manifest.developer.websiteUrl).toBe('https://bot.example.net/');
    expect(JSON.stringify(manifest)).not.toContain('{{');
    expect(files.get('color.png')!.equals(readFileSync(path.join(APP_DIR, 'color.png')))).toBe(true);
    expect(files.get('outline.png')!.equals(readFileSync(path.join(APP_DIR, 'outline.png')))).toBe(true);
    expect(t.out.join('\n')).toContain(path.join(root, 'out/app.zip'));
  });

  it('reads the app id from .env and warns when PUBLIC_URL is not https', () => {
    const root = fakeRoot('dotenv', `# bot\nMicrosoftAppId=${APP_ID}\nPUBLIC_URL=http://localhost:3978\n`);
    const t = io();
    expect(runTeamsPackage([], {}, root, t.o, t.e)).toBe(0);
    const zipPath = path.join(root, 'dist/teams/resync-teams.zip');
    const manifest = JSON.parse(readZip(readFileSync(zipPath)).get('manifest.json')!.toString('utf8'));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.developer.privacyUrl).toMatch(/^https:\/\//);
    expect(t.err.join('\n')).toMatch(/warning: PUBLIC_URL .*not an https address/);
    // The system unzip agrees the archive is sound, when there is one.
    if (existsSync('/usr/bin/unzip')) expect(execFileSync('/usr/bin/unzip', ['-t', zipPath]).toString()).toContain('No errors detected');
  });

  it.each([
    ['missing', {}, /MicrosoftAppId is not set/],
    ['empty', { MicrosoftAppId: '' }, /MicrosoftAppId is not set/],
    ['not a GUID', { MicrosoftAppId: 'my-bot' }, /MicrosoftAppId must be a GUID .*"my-bot"/],
    ['a GUID with extra characters', { MicrosoftAppId: `${APP_ID}0` }, /must be a GUID/],
  ])('refuses when the app id is %s: exit 1, one clear line, no file', (name, env, message) => {
    const root = fakeRoot(`bad-${name.replace(/\W+/g, '-')}`);
    const t = io();
    expect(runTeamsPackage([], env as NodeJS.ProcessEnv, root, t.o, t.e)).toBe(1);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toMatch(message);
    expect(t.out).toEqual([]);
    expect(existsSync(path.join(root, 'dist/teams/resync-teams.zip'))).toBe(false);
  });

  it('checkAppId and buildAppPackage agree with the script', () => {
    expect(checkAppId(` ${APP_ID.toUpperCase()} `)).toBe(APP_ID);
    expect(() => buildAppPackage({ dir: APP_DIR, appId: undefined, version: '1.0.0' })).toThrow(AppPackageError);
    expect(() => buildAppPackage({ dir: APP_DIR, appId: APP_ID, version: 'v1' })).toThrow(/MAJOR.MINOR.PATCH/);
  });
});

describe('zipFiles', () => {
  it('round-trips entries, including empty and binary ones, and rejects unsafe or duplicate names', () => {
    const entries = [
      { name: 'a.txt', data: Buffer.from('hello '.repeat(100)) },
      { name: 'empty', data: Buffer.alloc(0) },
      { name: 'dir/bin', data: Buffer.from([0, 255, 1, 254, 2]) },
    ];
    const files = readZip(zipFiles(entries));
    for (const e of entries) expect(files.get(e.name)!.equals(e.data)).toBe(true);
    expect(() => zipFiles([{ name: '../x', data: Buffer.alloc(1) }])).toThrow(/invalid entry name/);
    expect(() => zipFiles([{ name: '/x', data: Buffer.alloc(1) }])).toThrow(/invalid entry name/);
    expect(() => zipFiles([entries[0], entries[0]])).toThrow(/duplicate/);
    // Same input, same bytes.
    expect(zipFiles(entries).equals(zipFiles(entries))).toBe(true);
  });
});

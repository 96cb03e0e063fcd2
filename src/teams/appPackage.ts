/**
 * The Teams app package: appPackage/manifest.json (a template with {{MicrosoftAppId}},
 * {{version}} and {{PUBLIC_URL}}) and the two icons, zipped flat as Teams expects. The app id
 * comes from configuration; without a GUID there is no package.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipFiles } from './zipFile';

export const MANIFEST_FILE = 'manifest.json';
export const COLOR_ICON = 'color.png';
export const OUTLINE_ICON = 'outline.png';
export const PACKAGE_FILES = [MANIFEST_FILE, COLOR_ICON, OUTLINE_ICON] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;
/** Used for the developer pages when PUBLIC_URL is not an https address (a warning says so). */
export const PLACEHOLDER_URL = 'https://localhost';

/** A problem that stops packaging; the message is meant for the person running the command. */
export class AppPackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppPackageError';
  }
}

/** The app id as a lower-case GUID, or an AppPackageError saying what to set. */
export function checkAppId(appId: string | undefined): string {
  const id = appId?.trim();
  if (!id) {
    throw new AppPackageError(
      'MicrosoftAppId is not set. Put the Application (client) ID of your Azure Bot registration in .env or the environment (MicrosoftAppId=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) and run again.',
    );
  }
  if (!GUID.test(id)) throw new AppPackageError(`MicrosoftAppId must be a GUID such as 00000000-0000-0000-0000-000000000000 (got "${id}").`);
  return id.toLowerCase();
}

export interface ManifestValues {
  MicrosoftAppId: string;
  version: string;
  PUBLIC_URL: string;
}

/** Fills the template's {{tokens}} (JSON-escaped) and parses it; an unknown token is an error. */
export function renderManifest(template: string, values: ManifestValues): Record<string, unknown> {
  const filled = template.replace(TOKEN, (_whole, name: string) => {
    const value = (values as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) throw new AppPackageError(`${MANIFEST_FILE} uses an unknown placeholder {{${name}}}`);
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(filled) as Record<string, unknown>;
}

export interface AppPackageInput {
  /** Folder holding manifest.json, color.png and outline.png. */
  dir: string;
  appId: string | undefined;
  /** The bot's public base URL; https ones become the developer pages. */
  publicUrl?: string;
  /** The app version (semver), e.g. package.json's. */
  version: string;
}

export interface AppPackage {
  zip: Buffer;
  manifest: Record<string, unknown>;
  warnings: string[];
}

export function buildAppPackage(input: AppPackageInput): AppPackage {
  const appId = checkAppId(input.appId);
  if (!/^\d+\.\d+\.\d+$/.test(input.version)) throw new AppPackageError(`the app version must be MAJOR.MINOR.PATCH (got "${input.version}")`);
  const warnings: string[] = [];
  let publicUrl = input.publicUrl?.trim().replace(/\/+$/, '');
  if (!publicUrl || !/^https:\/\//i.test(publicUrl)) {
    warnings.push(
      `PUBLIC_URL is ${publicUrl ? `"${publicUrl}", not an https address` : 'not set'}; the manifest's developer pages point at ${PLACEHOLDER_URL}. Set PUBLIC_URL to the bot's public https address (or edit appPackage/${MANIFEST_FILE}) before publishing.`,
    );
    publicUrl = PLACEHOLDER_URL;
  }
  const template = readFileSync(path.join(input.dir, MANIFEST_FILE), 'utf8');
  const manifest = renderManifest(template, { MicrosoftAppId: appId, version: input.version, PUBLIC_URL: publicUrl });
  const zip = zipFiles([
    { name: MANIFEST_FILE, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: COLOR_ICON, data: readFileSync(path.join(input.dir, COLOR_ICON)) },
    { name: OUTLINE_ICON, data: readFileSync(path.join(input.dir, OUTLINE_ICON)) },
  ]);
  return { zip, manifest, warnings };
}

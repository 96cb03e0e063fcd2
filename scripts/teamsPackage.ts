/**
 * `npm run teams:package`: writes the Teams app package (manifest.json with the bot's app id,
 * color.png, outline.png) to dist/teams/resync-teams.zip, or to the path given as the first
 * argument. Reads MicrosoftAppId and PUBLIC_URL from the environment or .env; refuses with exit
 * code 1 when the app id is missing or not a GUID.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDotEnv } from '../src/config/config';
import { AppPackageError, buildAppPackage } from '../src/teams/appPackage';

export function runTeamsPackage(argv: string[], env: NodeJS.ProcessEnv, root: string, out: (line: string) => void, err: (line: string) => void): number {
  loadDotEnv(path.join(root, '.env'), env);
  const target = path.resolve(root, argv[0] ?? path.join('dist', 'teams', 'resync-teams.zip'));
  try {
    const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
    const pkg = buildAppPackage({ dir: path.join(root, 'appPackage'), appId: env.MicrosoftAppId, publicUrl: env.PUBLIC_URL, version });
    for (const w of pkg.warnings) err(`warning: ${w}`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, pkg.zip);
    out(`Teams app package written: ${target} (app id ${String(pkg.manifest.id)}, version ${version})`);
    out('Upload it in Teams (Apps > Manage your apps > Upload an app) or in the Teams admin center; see docs/teams.md.');
    return 0;
  } catch (e) {
    if (e instanceof AppPackageError) {
      err(`teams:package: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  // dist/scripts/teamsPackage.js → the repository root is two levels up.
  const root = path.resolve(__dirname, '..', '..');
  process.exitCode = runTeamsPackage(process.argv.slice(2), process.env, root, (l) => process.stdout.write(`${l}\n`), (l) => process.stderr.write(`${l}\n`));
}

import { existsSync } from 'node:fs';
import path from 'node:path';

/** Walks up from `start` until `relative` exists below a directory; returns that full path. */
function findUp(start: string, relative: string): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The `web/` folder of this project (works from src/ under ts-jest and from dist/). */
export function defaultWebDir(): string {
  return findUp(__dirname, path.join('web', 'index.html')) ? path.dirname(findUp(__dirname, path.join('web', 'index.html')) as string) : path.resolve('web');
}

/** Web Chat's self-contained bundle inside node_modules (served locally, never from a CDN). */
export function defaultWebChatBundle(): string {
  const relative = path.join('node_modules', 'botframework-webchat', 'dist', 'webchat.js');
  return findUp(__dirname, relative) ?? path.resolve(relative);
}

import path from 'node:path';
import { parseConfig } from '../../src/config/config';
import { createRuntime, type Runtime, type RuntimeOverrides } from '../../src/app/runtime';
import { NONE_INTENT, type Recognizer } from '../../src/nlu/recognizer';
import type { StatusFeed } from '../../src/status/statusFeed';
import { silentLogger } from '../../src/logging/logger';
import { createServer, type ResyncServer, type ServerOptions } from '../../src/server/createServer';
import { makeTempDir } from './tempDir';

/** A recogniser that understands nothing (the placeholder bot still greets on "hi"). */
export const stubRecognizer: Recognizer = {
  intents: [],
  recognize: (text: string) => ({ text, intent: NONE_INTENT, confidence: 0, alternatives: [], entities: [], ambiguous: false }),
};

/** A status feed that never touches the network. */
export const offlineStatusFeed: StatusFeed = {
  getStatus: async () => ({ ok: false, reason: 'unreachable', detail: 'offline in tests' }),
};

export interface TestServer {
  url: string;
  runtime: Runtime;
  app: ResyncServer;
  dataDir: string;
  /** Stops the server and closes the runtime (storage). Keeps the data directory. */
  stop(): Promise<void>;
  /** stop() and delete the data directory (unless it was passed in). */
  dispose(): Promise<void>;
}

export interface TestServerOptions {
  /** Extra environment for parseConfig (DATA_DIR defaults to a fresh temp dir). */
  env?: Record<string, string>;
  /** Reuse a data directory (e.g. to restart on the same SQLite file). */
  dataDir?: string;
  runtime?: RuntimeOverrides;
  server?: ServerOptions;
  /** Port to listen on (default: an ephemeral one). */
  port?: number;
  /** Replace parts of the runtime after it is built (e.g. a slow bot). */
  patchRuntime?: (runtime: Runtime) => Runtime;
}

/** Builds a runtime (createRuntime with offline fakes) and a server on an ephemeral loopback port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const temp = options.dataDir ? undefined : makeTempDir('resync-server-');
  const dataDir = options.dataDir ?? (temp as { dir: string }).dir;
  const config = parseConfig({
    DATA_DIR: dataDir,
    INTENTS_DIR: path.resolve(__dirname, '../../intents'),
    DIALOGS_DIR: path.resolve(__dirname, '../../dialogs'),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  let runtime = await createRuntime(config, {
    recognizer: stubRecognizer,
    statusFeed: offlineStatusFeed,
    logger: silentLogger,
    ...options.runtime,
  });
  if (options.patchRuntime) runtime = options.patchRuntime(runtime);
  const app = createServer(runtime, options.server);
  const url = await app.listen(options.port ?? 0, '127.0.0.1');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.shutdown(5000);
    await runtime.close();
  };
  return {
    url,
    runtime,
    app,
    dataDir,
    stop,
    dispose: async () => {
      await stop();
      temp?.remove();
    },
  };
}

/** fetch + JSON for tests. */
export async function jsonRequest(
  url: string,
  init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (init.rawBody !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await fetch(url, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

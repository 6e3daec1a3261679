import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/web/package-root.js';
import { freePort, waitFor200 } from './http.js';

export interface AtozProcess {
  url: string;
  /** The server's process id (its memory: /proc/<pid>/status). */
  pid: number;
  /** Milliseconds from spawn to the first 200 of `firstPath`. */
  coldStartMs: number;
  /**
   * Where the cold start went, from the "ready in N ms" line main.ts prints:
   * booting Node and loading modules, then createAtoz() (database, warm-up),
   * then rendering the first page. Null when the line was not seen.
   */
  phases: { loadMs: number; startupMs: number; firstPageMs: number } | null;
  stop(): Promise<void>;
}

/**
 * Starts the built server (dist/src/main.js) the way `npm start` does, as its
 * own process, on an existing database given by `env` (ATOZ_DATA_DIR or
 * DATABASE_URL), and times how long until `firstPath` answers 200.
 */
export async function startAtoz(env: Record<string, string>, firstPath: string, nodeArgs: string[] = []): Promise<AtozProcess> {
  const port = await freePort();
  const root = packageRoot();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ready: { at: number; startupMs: number } | undefined;
  child.stdout?.on('data', (d) => {
    output += d;
    const m = /ready in (\d+) ms/.exec(output);
    if (m && !ready) ready = { at: performance.now() - started, startupMs: Number(m[1]) };
  });
  child.stderr?.on('data', (d) => (output += d));
  let alive = true;
  child.on('exit', () => (alive = false));
  const url = `http://127.0.0.1:${port}`;
  let coldStartMs: number;
  try {
    coldStartMs = await waitFor200(url + firstPath, started, 30_000, () => alive);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`atoz did not start: ${(error as Error).message}\n${output}`);
  }
  return {
    url,
    pid: child.pid!,
    coldStartMs,
    phases: ready ? { loadMs: ready.at - ready.startupMs, startupMs: ready.startupMs, firstPageMs: coldStartMs - ready.at } : null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!alive) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

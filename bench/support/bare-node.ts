import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor200 } from './http.js';
import type { StaticServer } from './nginx.js';

/** The whole server: node:http answering every request with one buffer and fixed headers. */
const SCRIPT = `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const body = readFileSync(process.env.BARE_BODY);
const headers = JSON.parse(process.env.BARE_HEADERS);
if (process.env.BARE_ASYNC_CONTEXT === '1') {
  // As hono/jsx leaves the process after its first render: an AsyncLocalStorage that has run once.
  const { AsyncLocalStorage } = await import('node:async_hooks');
  new AsyncLocalStorage().run(new WeakMap(), () => {});
}
createServer((req, res) => { res.writeHead(200, headers); res.end(req.method === 'HEAD' ? undefined : body); })
  .listen(Number(process.env.BARE_PORT), '127.0.0.1');
`;

/**
 * Node's own ceiling, for context: a bare node:http server in its own process
 * sending the same bytes with the same headers as atoz, with no framework and
 * no logic. How close atoz gets to it says how much the app itself costs.
 * With `asyncContext`, an AsyncLocalStorage has run once, as hono/jsx makes
 * one run every render: on Node 20 that turns on async hooks for every
 * request and promise of the process (Node 24 carries the context without
 * hooks), a cost atoz pays without using the context.
 */
export async function startBareNode(body: Buffer, headers: Record<string, string>, options: { asyncContext?: boolean } = {}): Promise<StaticServer> {
  const dir = mkdtempSync(join(tmpdir(), 'atoz-bare-'));
  writeFileSync(join(dir, 'body'), body);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    env: { PATH: process.env.PATH ?? '', BARE_BODY: join(dir, 'body'), BARE_HEADERS: JSON.stringify(headers), BARE_PORT: String(port), BARE_ASYNC_CONTEXT: options.asyncContext ? '1' : '0' },
    stdio: 'ignore',
  });
  let alive = true;
  child.on('exit', () => (alive = false));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(url + '/', performance.now(), 10_000, () => alive);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    description: options.asyncContext ? 'bare node:http with an AsyncLocalStorage in use, one process' : 'bare node:http, one process',
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (!alive) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

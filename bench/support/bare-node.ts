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
createServer((req, res) => { res.writeHead(200, headers); res.end(req.method === 'HEAD' ? undefined : body); })
  .listen(Number(process.env.BARE_PORT), '127.0.0.1');
`;

/**
 * Node's own ceiling, for context: a bare node:http server in its own process
 * sending the same bytes with the same headers as atoz, with no framework and
 * no logic. How close atoz gets to it says how much the app itself costs.
 */
export async function startBareNode(body: Buffer, headers: Record<string, string>): Promise<StaticServer> {
  const dir = mkdtempSync(join(tmpdir(), 'atoz-bare-'));
  writeFileSync(join(dir, 'body'), body);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    env: { PATH: process.env.PATH ?? '', BARE_BODY: join(dir, 'body'), BARE_HEADERS: JSON.stringify(headers), BARE_PORT: String(port) },
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
    description: 'bare node:http, one process',
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

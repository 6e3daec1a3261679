import { request } from 'node:http';
import { createServer } from 'node:net';

/** A TCP port nobody listens on right now (asks the OS, then lets go). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Fetched {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET over a fresh connection, without following redirects or decoding bodies. */
export function get(url: string, headers: Record<string, string> = {}, timeoutMs = 2000): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { connection: 'close', ...headers }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

/** Polls `url` until it answers 200; returns the milliseconds since `since` (performance.now()). */
export async function waitFor200(url: string, since: number, limitMs = 30_000, isAlive: () => boolean = () => true): Promise<number> {
  for (;;) {
    try {
      const res = await get(url, {}, 1000);
      if (res.status === 200) return performance.now() - since;
    } catch {
      // Not listening yet.
    }
    if (!isAlive()) throw new Error(`the server exited before ${url} answered`);
    if (performance.now() - since > limitMs) throw new Error(`${url} did not answer 200 within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

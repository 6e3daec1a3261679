import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor200 } from './http.js';

export interface StaticServer {
  url: string;
  /** What the configuration chose, for the report. */
  description: string;
  stop(): Promise<void>;
}

/**
 * Debian's nginx (nginx-light) serving `files` from a temporary root, as the
 * yardstick for atoz's cached pages. One worker process: atoz serves from one
 * Node.js thread, so one nginx worker compares one core with one core (on this
 * 2-core machine wrk needs the other core). gzip_static serves the same
 * precompressed bytes atoz sends, so both sides do the same work per request.
 */
export async function startNginx(files: Record<string, Buffer>, workers: number | 'auto' = 1): Promise<StaticServer> {
  // Its own folder, readable by the unprivileged worker user (mkdtemp makes 0700 folders).
  const dir = mkdtempSync(join(tmpdir(), 'atoz-nginx-'));
  chmodSync(dir, 0o755);
  const root = join(dir, 'root');
  mkdirSync(root, { recursive: true, mode: 0o755 });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(root, name), body);
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
master_process on;
worker_processes ${workers};
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { text/html html; }
  default_type application/octet-stream;
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  server {
    listen 127.0.0.1:${port};
    root ${root};
    gzip_static on;
    etag on;
  }
}
`,
  );
  const child: ChildProcess = spawn('nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  let alive = true;
  child.on('exit', () => (alive = false));
  const first = Object.keys(files)[0]!;
  try {
    await waitFor200(`http://127.0.0.1:${port}/${first}`, performance.now(), 10_000, () => alive);
  } catch (error) {
    // SIGTERM, not SIGKILL: the master must take its workers down with it.
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start: ${(error as Error).message}\n${stderr}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    description: `nginx ${workers} worker${workers === 1 ? '' : 's'}, gzip_static on, access_log off`,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (!alive) return done();
        child.once('exit', done);
        child.kill('SIGQUIT'); // graceful: finish, then exit
      }),
  };
}

/**
 * Debian's nginx serving a published folder (npm run atoz -- publish) with the
 * configuration publish writes (src/publishing/nginx-config.ts), one worker,
 * access log off like startNginx.
 */
export async function startNginxOnFolder(folder: string, firstPath: string): Promise<StaticServer> {
  const { nginxConfig } = await import('../../src/publishing/nginx-config.js');
  const dir = mkdtempSync(join(tmpdir(), 'atoz-nginx-folder-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  writeFileSync(
    conf,
    nginxConfig({
      root: folder,
      listen: `127.0.0.1:${port}`,
      preamble: `daemon off;\nmaster_process on;\nworker_processes 1;\npid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'error.log')} warn;\n`,
    }).replace('  sendfile on;', `  sendfile on;\n  tcp_nopush on;\n  keepalive_requests 1000000;\n  access_log off;\n  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}`),
  );
  const child: ChildProcess = spawn('nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  let alive = true;
  child.on('exit', () => (alive = false));
  try {
    await waitFor200(`http://127.0.0.1:${port}${firstPath}`, performance.now(), 10_000, () => alive);
  } catch (error) {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start on ${folder}: ${(error as Error).message}\n${stderr}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    description: 'nginx 1 worker, the configuration `publish` writes (gzip_static, types, headers), access_log off',
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (!alive) return done();
        child.once('exit', done);
        child.kill('SIGQUIT');
      }),
  };
}

import cluster from 'node:cluster';
import { createAtoz } from './app.js';
import { type Config, ConfigError, configWarnings, loadConfig } from './config.js';

/**
 * `npm start`: serve the directory, creating and filling the database on
 * first start. With ATOZ_PROCESSES > 1, a primary prepares the database once
 * and forks that many HTTP processes sharing the port (the kernel spreads
 * connections; SCHED_NONE avoids funnelling every connection through the
 * primary). Background jobs run in the first process only.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  if (cluster.isPrimary) for (const warning of configWarnings(config)) console.warn(`atoz: warning: ${warning}`);
  if (config.processes > 1 && cluster.isPrimary) return startPrimary(config, started);
  await serveOne(config, started);
}

async function serveOne(config: Config, started: number): Promise<void> {
  const atoz = await createAtoz(config);
  const server = atoz.serve({ port: config.port, hostname: config.host }, (info) => {
    const ms = Math.round(performance.now() - started);
    const who = cluster.isWorker ? ` (process ${cluster.worker?.id})` : '';
    console.log(`atoz is serving ${atoz.database.location} on http://${config.host === '0.0.0.0' ? 'localhost' : info.address}:${info.port}${who} (ready in ${ms} ms)`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${config.port} is already in use: set PORT to another port.` : `Server error: ${error.message}`);
    process.exit(1);
  });
  const shutdown = () => {
    server.close();
    atoz.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function startPrimary(config: Config, started: number): Promise<void> {
  // Migrate and import once, here, so the HTTP processes start on a ready database.
  const prepared = await createAtoz({ ...config, worker: false });
  await prepared.close();
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  const jobsEnv = config.worker ? '1' : '0';
  const envFor = (index: number) => ({ ATOZ_WORKER: index === 0 ? jobsEnv : '0', ATOZ_PROCESS_INDEX: String(index) });
  let stopping = false;
  const indexOf = new Map<number, number>();
  const fork = (index: number) => indexOf.set(cluster.fork(envFor(index)).id, index);
  for (let i = 0; i < config.processes; i++) fork(i);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // A crashed process is replaced in the same role (the job worker stays single).
    console.error(`atoz process ${worker.id} exited (${signal ?? code}); starting a replacement`);
    fork(indexOf.get(worker.id) ?? 1);
    indexOf.delete(worker.id);
  });
  const shutdown = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  console.log(`atoz primary prepared ${prepared.database.location} in ${Math.round(performance.now() - started)} ms; starting ${config.processes} processes`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || (error instanceof Error && error.name === 'ContentSyntaxError')) {
    console.error(`atoz could not start: ${error.message}`);
  } else {
    console.error('atoz could not start:', error);
  }
  process.exit(1);
});

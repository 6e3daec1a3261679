import { createAtoz } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/** `npm start`: serve the directory, creating and filling the database on first start. */
async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const atoz = await createAtoz(config);
  const server = atoz.serve({ port: config.port, hostname: config.host }, (info) => {
    const ms = Math.round(performance.now() - started);
    console.log(`atoz is serving ${atoz.database.location} on http://${config.host === '0.0.0.0' ? 'localhost' : info.address}:${info.port} (ready in ${ms} ms)`);
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

main().catch((error: unknown) => {
  if (error instanceof ConfigError || (error instanceof Error && error.name === 'ContentSyntaxError')) {
    console.error(`atoz could not start: ${error.message}`);
  } else {
    console.error('atoz could not start:', error);
  }
  process.exit(1);
});

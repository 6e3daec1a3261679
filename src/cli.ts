import { ConfigError } from './config.js';
import { type CliCommand, UsageError } from './cli/command.js';

/**
 * `npm run atoz -- <command> [options]`. Each command lives in its own file
 * under src/cli/ and is loaded only when called; add yours to this table.
 */
const commands: Record<string, () => Promise<CliCommand>> = {
  backup: async () => (await import('./cli/backup.js')).backupCommand,
  'copy-database': async () => (await import('./cli/copy-database.js')).copyDatabaseCommand,
  'export-data': async () => (await import('./cli/export-data.js')).exportDataCommand,
  import: async () => (await import('./cli/import.js')).importCommand,
  jobs: async () => (await import('./cli/jobs.js')).jobsCommand,
  messages: async () => (await import('./cli/messages.js')).messagesCommand,
  offline: async () => (await import('./cli/offline.js')).offlineCommand,
  publish: async () => (await import('./cli/publish.js')).publishCommand,
  restore: async () => (await import('./cli/restore.js')).restoreCommand,
  search: async () => (await import('./cli/search.js')).searchCommand,
  user: async () => (await import('./cli/user.js')).userCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const wanted = args[0] && commands[args[0]] ? await commands[args[0]]!() : undefined;
    if (wanted) {
      console.log(`${wanted.summary}\n\nUsage: npm run atoz -- ${wanted.usage}`);
      return 0;
    }
    await printCommandList();
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`atoz: unknown command "${name}".`);
    await printCommandList();
    return 2;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: npm run atoz -- ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`atoz ${name}: ${error.message}\n\nUsage: npm run atoz -- ${command.usage}`);
      return 2;
    }
    // Operator mistakes and refusals are explained in words; anything else is a bug and keeps its stack.
    if (error instanceof ConfigError) {
      console.error(`atoz ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

async function printCommandList(): Promise<void> {
  const lines = await Promise.all(Object.entries(commands).map(async ([n, load]) => `  ${n.padEnd(16)} ${(await load()).summary}`));
  console.error(`Usage: npm run atoz -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nnpm run atoz -- help <command> shows a command's options.`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('atoz: unexpected error:', error);
    process.exitCode = 1;
  },
);

import { type ParseArgsConfig, parseArgs } from 'node:util';

/** One `npm run atoz -- <name> …` command, in its own file under src/cli/, listed in src/cli.ts. */
export interface CliCommand {
  /** One line for the command list. */
  summary: string;
  /** How to call it, with its options, shown by `help <command>` and on a usage error. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

/** The command line was wrong: the message and the command's usage are printed, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Every command's arguments through node:util parseArgs (strict: an unknown
 * option or a missing value is refused), its complaints as UsageError.
 */
export function parseCommandLine<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

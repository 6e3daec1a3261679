import { describe, expect, it } from 'vitest';
import { UsageError, parseCommandLine } from './command.js';
import { backupCommand } from './backup.js';
import { importCommand } from './import.js';
import { jobsCommand } from './jobs.js';
import { messagesCommand } from './messages.js';
import { restoreCommand } from './restore.js';
import { searchCommand } from './search.js';

describe('parseCommandLine', () => {
  it('reads options and positionals', () => {
    const { values, positionals } = parseCommandLine(['--to', 'b', 'rebuild', '--dry-run'], { to: { type: 'string' }, 'dry-run': { type: 'boolean' } }, true);
    expect(values).toEqual({ to: 'b', 'dry-run': true });
    expect(positionals).toEqual(['rebuild']);
  });

  it('refuses unknown options, missing values and unexpected words as usage errors', () => {
    expect(() => parseCommandLine(['--form', 'a'], { from: { type: 'string' } })).toThrow(UsageError);
    expect(() => parseCommandLine(['--from'], { from: { type: 'string' } })).toThrow(/--from/);
    expect(() => parseCommandLine(['stray'], { from: { type: 'string' } })).toThrow(UsageError);
  });
});

describe('commands refuse a wrong command line before touching any database', () => {
  it.each([
    ['import', importCommand, ['one', 'two']],
    ['import', importCommand, ['--force']],
    ['jobs', jobsCommand, ['run', '--now']],
    ['jobs', jobsCommand, ['start']],
    ['search', searchCommand, ['rebuild', '--all']],
    ['backup', backupCommand, ['--to', 'x.sqlite']],
    ['restore', restoreCommand, ['x.sqlite', 'y.sqlite']],
    ['messages', messagesCommand, ['export', 'out', '--force']],
  ] as const)('%s %j', async (_name, command, args) => {
    await expect(command.run([...args])).rejects.toBeInstanceOf(UsageError);
  });
});

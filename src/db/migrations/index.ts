import type { Migration } from 'kysely';
import * as directory from './0001_directory.js';

/**
 * Every migration, in order. Each domain adds its own file here
 * (NNNN_domain.ts); names sort, so keep the numeric prefix.
 */
export const migrations: Record<string, Migration> = {
  '0001_directory': directory,
};

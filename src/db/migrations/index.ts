import type { Migration } from 'kysely';
import * as directory from './0001_directory.js';
import * as search from './0002_search.js';
import * as jobs from './0003_jobs.js';
import * as accounts from './0004_accounts.js';
import * as editing from './0005_editing.js';
import * as citations from './0006_citations.js';
import * as rateLimits from './0008_rate_limits.js';
import * as saveKeys from './0009_save_keys.js';
import * as mail from './0010_mail.js';
import * as mailFollowing from './0011_mail_following.js';
import * as news from './0012_news.js';

/**
 * Every migration, in order. Each domain adds its own file here
 * (NNNN_domain.ts); names sort, so keep the numeric prefix.
 */
export const migrations: Record<string, Migration> = {
  '0001_directory': directory,
  '0002_search': search,
  '0003_jobs': jobs,
  '0004_accounts': accounts,
  '0005_editing': editing,
  '0006_citations': citations,
  '0008_rate_limits': rateLimits,
  '0009_save_keys': saveKeys,
  '0010_mail': mail,
  '0011_mail_following': mailFollowing,
  '0012_news': news,
};

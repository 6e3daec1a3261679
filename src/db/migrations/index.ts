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
import * as sortTitles from './0013_sort_titles.js';
import * as editorSafetyNets from './0014_editor_safety_nets.js';
import * as translations from './0016_translations.js';
import * as evidence from './0017_evidence.js';
import * as community from './0018_community.js';
import * as moderation from './0019_moderation.js';
import * as feedbackGlossary from './0020_feedback_glossary.js';
import * as searchLanguages from './0021_search_languages.js';
import * as stories from './0023_stories.js';
import * as glossaryLanguages from './0024_glossary_languages.js';
import * as searchRecords from './0025_search_records.js';
import * as searchDocumentCounts from './0026_search_document_counts.js';
import * as searchIdSpans from './0027_search_id_spans.js';

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
  '0013_sort_titles': sortTitles,
  '0014_editor_safety_nets': editorSafetyNets,
  '0016_translations': translations,
  '0017_evidence': evidence,
  '0018_community': community,
  '0019_moderation': moderation,
  '0020_feedback_glossary': feedbackGlossary,
  '0021_search_languages': searchLanguages,
  '0023_stories': stories,
  '0024_glossary_languages': glossaryLanguages,
  '0025_search_records': searchRecords,
  '0026_search_document_counts': searchDocumentCounts,
  '0027_search_id_spans': searchIdSpans,
};

/** Search: the index (SQLite FTS5 or PostgreSQL tsvector), kept in step with every page save; results page and type-ahead. */
import type { Domain, DomainKernel } from '../domain.js';
import { withDatabaseLock } from '../db/startup-lock.js';
import { searchRoutes } from './routes.js';
import { type Search, createSearch } from './search.js';

export interface SearchDomain extends Domain {
  search: Search;
}

export function createSearchDomain(kernel: DomainKernel): SearchDomain {
  const search = createSearch(kernel.db);
  return {
    name: 'search',
    search,
    routes: searchRoutes({ search, pages: kernel.pages, trustProxy: kernel.config.trustProxy, suggestLimiter: kernel.rateLimits.suggest, sources: () => kernel.contributions.searchSources() }),
    indexers: [search.indexer],
    // A database that had pages before search existed gets its index once (locked like the first import).
    start: () => withDatabaseLock(kernel.database, 'atoz.search-index', () => search.ensureBuilt()),
  };
}

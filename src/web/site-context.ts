import type { SiteSettings } from '../site/settings.js';

/** What every page's frame needs: the organisation, where the site lives, its asset URLs. */
export interface SiteContext {
  settings: SiteSettings;
  /** Absolute base URL without trailing slash, for canonical and Open Graph URLs. */
  baseUrl: string;
  /** Fingerprinted asset paths (immutable caching). */
  assets: { css: string; js: string; /** The search box's type-ahead (public/search.js). */ searchJs: string };
}

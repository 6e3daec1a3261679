import type { Lang } from '../i18n/languages.js';
import type { Localizer } from '../i18n/localizer.js';
import type { SiteSettings } from '../site/settings.js';

/** What every page's frame needs: the organisation, where the site lives, its asset URLs, and the reader's language. */
export interface SiteContext {
  settings: SiteSettings;
  /** Absolute base URL without trailing slash, for canonical and Open Graph URLs. */
  baseUrl: string;
  /** Fingerprinted asset paths (immutable caching). */
  assets: { css: string; js: string; /** The search box's type-ahead (public/search.js). */ searchJs: string; icon: string };
  /** The language of this page's interface. */
  lang: Lang;
  /** Messages, dates, numbers and addresses in that language. */
  i18n: Localizer;
  /** The same for another language (the language switcher speaks each language in its own words). */
  i18nIn(lang: Lang): Localizer;
  /** A term the directory has, shown as the search box's example (a page title readers can find). */
  searchExample?: string;
}

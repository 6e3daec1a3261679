import type { Child } from 'hono/jsx';
import type { SiteContext } from './site-context.js';
import type { CurrentUser } from '../accounts/context.js';
import { UserBar } from '../accounts/views/user-bar.js';
import { LANGS, LANGUAGES, type Lang, SOURCE_LANG, langAttributes, pathIn } from '../i18n/languages.js';
import { isolated, settingsLang } from './in-lang.js';
import { webText } from './messages/index.js';

export interface Crumb {
  label: string;
  href: string;
  /** The language of the label when it is content (a page title), not interface words. */
  lang?: Lang;
}

export interface LayoutProps {
  site: SiteContext;
  /** Page title without the organisation name. */
  title: string;
  /** Meta description and Open Graph description. */
  description?: string;
  /** Site path of this page (for canonical and og:url); omit on error pages. */
  path?: string;
  breadcrumbs?: Crumb[];
  /** schema.org JSON-LD object for this page. */
  jsonLd?: Record<string, unknown>;
  /** schema.org type of the JSON-LD made for pages without their own (WebPage, CollectionPage, AboutPage…). */
  schemaType?: string;
  /** Ask search engines not to index (error pages, search results). */
  noindex?: boolean;
  /** Search box content, when the page is a search result. */
  query?: string;
  /** False on a page that has its own search form (/search): one search box per page, not two alike. */
  headerSearch?: boolean;
  /** More skip links after "Skip to main content" (the search results), by fragment. */
  skipLinks?: ReadonlyArray<{ href: string; label: string }>;
  /** The signed-in person (per-user pages only, never cached ones): shows the account bar. */
  user?: CurrentUser | null | undefined;
  /** CSRF token for the account bar's sign-out form (c.get('csrfToken')). */
  csrfToken?: string | undefined;
  /** Extra deferred scripts for this page only, by fingerprinted URL (the editor's live preview). */
  scripts?: string[] | undefined;
  /**
   * Languages this page's content exists in (hreflang alternates, and the
   * canonical address); default every language, for pages that are all
   * interface (home, indexes). A topic page lists its published translations.
   */
  languages?: readonly Lang[];
  /** Feeds of this page's news, advertised as <link rel="alternate"> (absolute addresses). */
  feeds?: readonly FeedLink[];
  children: Child;
}

/** One feed a page advertises to feed readers. */
export interface FeedLink {
  type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
  title: string;
  href: string;
}

/** JSON inside <script> must never close the element early. */
function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The frame of every page: skip link, header with search and languages, breadcrumb, main, footer. */
export function Layout(props: LayoutProps) {
  const { site, title } = props;
  const s = site.settings;
  const t = site.i18n.text(webText);
  const fullTitle = title === s.organisation ? title : t('titleWithSite', { title, organisation: s.organisation });
  const languages = props.languages ?? LANGS;
  // A page not translated into this language points search engines at the English original.
  const canonicalLang = languages.includes(site.lang) ? site.lang : SOURCE_LANG;
  const canonical = props.path === undefined ? undefined : site.baseUrl + pathIn(canonicalLang, props.path);
  const description = props.description || s.description;
  // Every indexable page says what it is and whose site it belongs to; error pages say nothing.
  const jsonLd =
    props.jsonLd ??
    (canonical
      ? {
          '@context': 'https://schema.org',
          '@type': props.schemaType ?? 'WebPage',
          name: title,
          url: canonical,
          inLanguage: site.lang,
          isPartOf: { '@type': 'WebSite', name: s.organisation, url: `${site.baseUrl}/` },
        }
      : undefined);
  return (
    <html lang={site.lang} dir={site.i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {description ? <meta name="description" content={description} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        {canonical ? <link rel="canonical" href={canonical} /> : null}
        {props.path !== undefined && !props.noindex ? <Alternates site={site} path={props.path} languages={languages} /> : null}
        {props.feeds?.map((feed) => <link rel="alternate" type={feed.type} title={feed.title} href={feed.href} />)}
        <meta property="og:type" content="article" />
        <meta property="og:site_name" content={s.organisation} />
        <meta property="og:title" content={title} />
        <meta property="og:locale" content={site.lang} />
        {description ? <meta property="og:description" content={description} /> : null}
        {canonical ? <meta property="og:url" content={canonical} /> : null}
        <link rel="icon" href={site.assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={site.assets.css} />
        <script src={site.assets.js} defer></script>
        <script src={site.assets.searchJs} defer></script>
        {props.scripts?.map((src) => <script src={src} defer></script>)}
        {jsonLd ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: safeJson(jsonLd) }}></script> : null}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('skipToMain')}
        </a>
        {props.skipLinks?.map((link) => (
          <a class="skip-link" href={link.href}>
            {link.label}
          </a>
        ))}
        {props.user ? <UserBar site={site} user={props.user} csrfToken={props.csrfToken ?? ''} /> : null}
        <header class="site-header">
          <div class="wrap header-inner">
            <a class="brand" href={site.i18n.path('/')} {...settingsLang(site)}>
              {s.organisation}
            </a>
            {props.headerSearch === false ? null : (
            <form class="search-form" role="search" action={site.i18n.path('/search')} method="get">
              <label for="site-search" class="visually-hidden">
                {t('searchLabel')}
              </label>
              <input id="site-search" name="q" type="search" value={props.query ?? ''} maxlength={200} autocomplete="off" placeholder={site.searchExample ? t('searchPlaceholder', { example: site.searchExample }) : t('searchPlaceholderPlain')} {...suggestAttributes(site)} />
              <button type="submit">{t('searchButton')}</button>
            </form>
            )}
            {props.path !== undefined ? <LanguageSwitcher site={site} path={props.path} languages={languages} /> : null}
          </div>
          <nav class="site-nav" aria-label={t('siteSections')}>
            <ul class="wrap">
              {s.sections.map((item) => (
                <li>
                  <NavItem site={site} item={item} />
                </li>
              ))}
            </ul>
          </nav>
        </header>
        {props.breadcrumbs && props.breadcrumbs.length ? <Breadcrumbs site={site} crumbs={props.breadcrumbs} /> : null}
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <SiteFooter site={site} />
      </body>
    </html>
  );
}

/** What public/search.js needs to suggest pages in the reader's language: where to ask, and the list's name. */
export function suggestAttributes(site: SiteContext): Record<string, string> {
  return { 'data-suggest-url': site.i18n.path('/api/search/suggest'), 'data-suggestions-label': site.i18n.text(webText)('searchSuggestions') };
}

/** A configured link in the reader's language when it is a site path; other addresses as they are. */
function localHref(site: SiteContext, href: string): string {
  return href.startsWith('/') && !href.startsWith('//') ? site.i18n.path(href) : href;
}

/** hreflang alternates: every language the page's content exists in, and x-default (English). Reciprocal by construction. */
function Alternates({ site, path, languages }: { site: SiteContext; path: string; languages: readonly Lang[] }) {
  return (
    <>
      {languages.map((lang) => {
        // What public/site.js offers a reader whose browser prefers this language, in that language.
        const theirs = site.i18nIn(lang).text(webText);
        return lang === site.lang ? (
          <link rel="alternate" hreflang={lang} href={site.baseUrl + pathIn(lang, path)} />
        ) : (
          <link rel="alternate" hreflang={lang} href={site.baseUrl + pathIn(lang, path)} data-suggestion={theirs('languageSuggestion')} data-dismiss={theirs('languageSuggestionDismiss')} data-name={LANGUAGES[lang].nativeName} data-dir={LANGUAGES[lang].dir} />
        );
      })}
      <link rel="alternate" hreflang="x-default" href={site.baseUrl + path} />
    </>
  );
}

/**
 * The same page in every interface language; works without JavaScript (a
 * disclosure). A language the page's content is not translated into still
 * gets a link (the interface is), marked as not translated yet.
 */
function LanguageSwitcher({ site, path, languages }: { site: SiteContext; path: string; languages: readonly Lang[] }) {
  const t = site.i18n.text(webText);
  return (
    <details class="language-switcher">
      <summary>
        <span class="visually-hidden">{t('languages')}: </span>
        {LANGUAGES[site.lang].nativeName}
      </summary>
      <ul>
        {LANGS.map((lang) => {
          const name = LANGUAGES[lang].nativeName;
          return (
            <li>
              {lang === site.lang ? (
                <a href={pathIn(lang, path)} lang={lang} aria-current="page">
                  {t('languageCurrent', { language: name })}
                </a>
              ) : (
                <a href={pathIn(lang, path)} lang={lang} hreflang={lang}>
                  {languages.includes(lang) ? name : t('languageNotTranslated', { language: name })}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function Breadcrumbs({ site, crumbs }: { site: SiteContext; crumbs: Crumb[] }) {
  return (
    <nav class="breadcrumbs wrap" aria-label={site.i18n.text(webText)('breadcrumb')}>
      <ol>
        {crumbs.map((c, i) =>
          i === crumbs.length - 1 ? (
            <li>
              <a href={localHref(site, c.href)} aria-current="page" {...(c.lang ? langAttributes(site.lang, c.lang) : {})}>
                {c.label}
              </a>
            </li>
          ) : (
            <li>
              <a href={localHref(site, c.href)} {...(c.lang ? langAttributes(site.lang, c.lang) : {})}>
                {c.label}
              </a>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

function SiteFooter({ site }: { site: SiteContext }) {
  const s = site.settings;
  const t = site.i18n.text(webText);
  const path = site.i18n.path;
  return (
    <footer class="site-footer">
      <div class="wrap footer-grid">
        <section aria-labelledby="footer-about">
          {/* Named apart from the home page's hero, which carries the organisation's name alone. */}
          <h2 id="footer-about">{t('footerAboutHeading', { organisation: isolated(site, s.organisation) })}</h2>
          {s.description ? <p {...settingsLang(site)}>{s.description}</p> : null}
          <p>
            <a href={path('/about')}>{t('footerAbout')}</a> · <a href={path('/disclaimer')}>{t('footerDisclaimer')}</a> · <a href={path('/editorial-policy')}>{t('footerEditorialPolicy')}</a> · <a href={path('/glossary')}>{t('footerGlossary')}</a>
          </p>
        </section>
        <section aria-labelledby="footer-contact">
          <h2 id="footer-contact">{t('footerContact')}</h2>
          <ul class="plain">
            <li>{t.rich('footerEmail', { email: s.contactEmail, link: (chunks) => <a href={`mailto:${s.contactEmail}`}>{chunks}</a> })}</li>
            {s.hotlines.map((h) => (
              <li>
                {settingsLang(site).lang ? <span {...settingsLang(site)}>{h.label}:</span> : `${h.label}:`}{' '}
                {/* A phone number reads left to right in every language ("+1 555 0100", never "0100 555 1+"). */}
                <a href={`tel:${h.number.replace(/[^+\d]/g, '')}`} dir="ltr">
                  {h.number}
                </a>
              </li>
            ))}
            {s.address ? <li {...settingsLang(site)}>{s.address}</li> : null}
            <li>
              <a href={path('/contact')}>{t('footerAllWays')}</a>
            </li>
          </ul>
        </section>
        <section aria-labelledby="footer-sections">
          <h2 id="footer-sections">{t('footerSections')}</h2>
          <ul class="plain">
            {s.sections.map((item) => (
              <li>
                <NavItem site={site} item={item} />
              </li>
            ))}
            <li>
              <a href={path('/directory/a-z')}>{t('footerAz')}</a>
            </li>
            <li>
              <a href={path('/bibliography')}>{t('footerBibliography')}</a>
            </li>
            {s.donateUrl ? (
              <li>
                <a href={s.donateUrl}>{t('footerDonate')}</a>
              </li>
            ) : null}
          </ul>
        </section>
      </div>
      {s.copyright ? (
        <p class="wrap copyright" {...settingsLang(site)}>
          {s.copyright}
        </p>
      ) : null}
    </footer>
  );
}

/** A navigation link in the reader's language when the settings give one, else in the settings' language (marked so). */
function NavItem({ site, item }: { site: SiteContext; item: SiteContext['settings']['sections'][number] }) {
  const translated = item.labels[site.lang];
  return (
    <a href={localHref(site, item.href)} {...(translated ? {} : settingsLang(site))}>
      {translated ?? item.label}
    </a>
  );
}

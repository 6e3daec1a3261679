import type { Child } from 'hono/jsx';
import type { SiteContext } from './site-context.js';
import type { CurrentUser } from '../accounts/context.js';
import { UserBar } from '../accounts/views/user-bar.js';

export interface Crumb {
  label: string;
  href: string;
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
  /** The signed-in person (per-user pages only, never cached ones): shows the account bar. */
  user?: CurrentUser | null | undefined;
  /** CSRF token for the account bar's sign-out form (c.get('csrfToken')). */
  csrfToken?: string | undefined;
  /** Extra deferred scripts for this page only, by fingerprinted URL (the editor's live preview). */
  scripts?: string[] | undefined;
  children: Child;
}

/** JSON inside <script> must never close the element early. */
function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The frame of every page: skip link, header with search, breadcrumb, main, footer. */
export function Layout(props: LayoutProps) {
  const { site, title } = props;
  const s = site.settings;
  const fullTitle = title === s.organisation ? title : `${title} – ${s.organisation}`;
  const canonical = props.path === undefined ? undefined : site.baseUrl + props.path;
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
          inLanguage: s.language,
          isPartOf: { '@type': 'WebSite', name: s.organisation, url: `${site.baseUrl}/` },
        }
      : undefined);
  return (
    <html lang={s.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {description ? <meta name="description" content={description} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        {canonical ? <link rel="canonical" href={canonical} /> : null}
        <meta property="og:type" content="article" />
        <meta property="og:site_name" content={s.organisation} />
        <meta property="og:title" content={title} />
        {description ? <meta property="og:description" content={description} /> : null}
        {canonical ? <meta property="og:url" content={canonical} /> : null}
        <link rel="stylesheet" href={site.assets.css} />
        <script src={site.assets.js} defer></script>
        <script src={site.assets.searchJs} defer></script>
        {props.scripts?.map((src) => <script src={src} defer></script>)}
        {jsonLd ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: safeJson(jsonLd) }}></script> : null}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        {props.user ? <UserBar user={props.user} csrfToken={props.csrfToken ?? ''} /> : null}
        <header class="site-header">
          <div class="wrap header-inner">
            <a class="brand" href="/">
              {s.organisation}
            </a>
            <form class="search-form" role="search" action="/search" method="get">
              <label for="site-search" class="visually-hidden">
                Search the directory
              </label>
              <input id="site-search" name="q" type="search" value={props.query ?? ''} maxlength={200} autocomplete="off" placeholder="Search, e.g. Raynaud's" />
              <button type="submit">Search</button>
            </form>
          </div>
          <nav class="site-nav" aria-label="Site sections">
            <ul class="wrap">
              {s.sections.map((item) => (
                <li>
                  <a href={item.href}>{item.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        {props.breadcrumbs && props.breadcrumbs.length ? <Breadcrumbs crumbs={props.breadcrumbs} /> : null}
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <SiteFooter site={site} />
      </body>
    </html>
  );
}

function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav class="breadcrumbs wrap" aria-label="Breadcrumb">
      <ol>
        {crumbs.map((c, i) =>
          i === crumbs.length - 1 ? (
            <li>
              <a href={c.href} aria-current="page">
                {c.label}
              </a>
            </li>
          ) : (
            <li>
              <a href={c.href}>{c.label}</a>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

function SiteFooter({ site }: { site: SiteContext }) {
  const s = site.settings;
  return (
    <footer class="site-footer">
      <div class="wrap footer-grid">
        <section aria-labelledby="footer-about">
          <h2 id="footer-about">{s.organisation}</h2>
          {s.description ? <p>{s.description}</p> : null}
          <p>
            <a href="/about">About us</a> · <a href="/disclaimer">Medical disclaimer</a>
          </p>
        </section>
        <section aria-labelledby="footer-contact">
          <h2 id="footer-contact">Contact</h2>
          <ul class="plain">
            <li>
              E-mail: <a href={`mailto:${s.contactEmail}`}>{s.contactEmail}</a>
            </li>
            {s.hotlines.map((h) => (
              <li>
                {h.label}: <a href={`tel:${h.number.replace(/[^+\d]/g, '')}`}>{h.number}</a>
              </li>
            ))}
            {s.address ? <li>{s.address}</li> : null}
            <li>
              <a href="/contact">All the ways to reach us</a>
            </li>
          </ul>
        </section>
        <section aria-labelledby="footer-sections">
          <h2 id="footer-sections">Sections</h2>
          <ul class="plain">
            {s.sections.map((item) => (
              <li>
                <a href={item.href}>{item.label}</a>
              </li>
            ))}
            <li>
              <a href="/directory/a-z">A–Z of topics</a>
            </li>
            <li>
              <a href="/bibliography">Bibliography</a>
            </li>
            {s.donateUrl ? (
              <li>
                <a href={s.donateUrl}>Donate</a>
              </li>
            ) : null}
          </ul>
        </section>
      </div>
      {s.copyright ? <p class="wrap copyright">{s.copyright}</p> : null}
    </footer>
  );
}

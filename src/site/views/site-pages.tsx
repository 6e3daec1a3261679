import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { TreeNode } from '../../directory/tree.js';
import type { RequestProblem } from '../../web/guards.js';
import { type Lang, SOURCE_LANG, langAttributes } from '../../i18n/languages.js';
import { InLang, isolated, settingsLang } from '../../web/in-lang.js';
import { Layout, suggestAttributes } from '../../web/layout.js';
import { webText } from '../../web/messages/index.js';
import type { SiteContext } from '../../web/site-context.js';
import { siteText } from '../messages/index.js';

const telHref = (number: string) => `tel:${number.replace(/[^+\d]/g, '')}`;

/** The front door: who we are, where to start reading, how to reach us. */
export function HomePage({ site, topLevel, pageCount }: { site: SiteContext; topLevel: TreeNode[]; pageCount: number }) {
  const s = site.settings;
  const t = site.i18n.text(siteText);
  const path = site.i18n.path;
  const hotline = s.hotlines[0];
  const jsonLd = { '@context': 'https://schema.org', '@type': 'WebSite', name: s.organisation, url: `${site.baseUrl}/`, description: s.description || undefined };
  const mail = (chunks: Child[]) => <a href={`mailto:${s.contactEmail}`}>{chunks}</a>;
  return (
    <Layout
      site={site}
      title={s.organisation}
      path="/"
      jsonLd={jsonLd}
    >
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title" {...settingsLang(site)}>
          {s.organisation}
        </h1>
        {s.tagline ? (
          <p class="lead" {...settingsLang(site)}>
            {s.tagline}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="start-title">
        <h2 id="start-title">{t('startReading')}</h2>
        <ul class="card-list cards-grid">
          {topLevel.map((n) => (
            <li>
              <a href={path(`/directory/${n.slug}`)}>
                <InLang site={site}>{n.title}</InLang>
              </a>
              {n.summary ? <p {...langAttributes(site.lang)}>{n.summary}</p> : null}
            </li>
          ))}
          <li>
            <a href={path('/directory')} {...settingsLang(site)}>
              {s.directoryTitle}
            </a>
            <p>{t('directoryCard', { count: pageCount })}</p>
          </li>
          <li>
            <a href={path('/directory/a-z')}>{t('azCard')}</a>
            <p>{t('azCardText')}</p>
          </li>
        </ul>
      </section>
      <section aria-labelledby="help-title" class="panel">
        <h2 id="help-title">{t('talkTitle')}</h2>
        <p>
          {hotline
            ? t.rich('talkEmailPhone', {
                email: s.contactEmail,
                mail,
                hotline: isolated(site, hotline.label.toLowerCase()),
                number: hotline.number,
                phone: (chunks: Child[]) => (
                  <a href={telHref(hotline.number)} dir="ltr">
                    {chunks}
                  </a>
                ),
              })
            : t.rich('talkEmail', { email: s.contactEmail, mail })}{' '}
          {t.rich('talkSupport', { link: (chunks: Child[]) => <a href={path('/support')}>{chunks}</a> })}
        </p>
      </section>
    </Layout>
  );
}

/** A page whose text comes from site settings (about, disclaimer, support). */
export function TextPage({ site, title, path, html, written = true }: { site: SiteContext; title: string; path: string; html: string; /** False when the settings have no text and html says so in the reader's language. */ written?: boolean }) {
  return (
    <Layout site={site} title={title} path={path} schemaType={path === '/about' ? 'AboutPage' : 'WebPage'} breadcrumbs={[{ label: site.i18n.text(webText)('crumbHome'), href: '/' }, { label: title, href: path }]}>
      <h1>{title}</h1>
      <div class="prose" {...(written ? settingsLang(site) : {})}>
        {raw(html)}
      </div>
    </Layout>
  );
}

export function ContactPage({ site, html }: { site: SiteContext; html: string }) {
  const s = site.settings;
  const t = site.i18n.text(siteText);
  return (
    <Layout site={site} title={t('contactTitle')} path="/contact" schemaType="ContactPage" breadcrumbs={[{ label: site.i18n.text(webText)('crumbHome'), href: '/' }, { label: t('contactTitle'), href: '/contact' }]}>
      <h1>{t('contactTitle')}</h1>
      {html ? (
        <div class="prose" {...settingsLang(site)}>
          {raw(html)}
        </div>
      ) : null}
      <dl class="contact-list">
        <div>
          <dt>{t('contactEmail')}</dt>
          <dd>
            <a href={`mailto:${s.contactEmail}`}>{s.contactEmail}</a>
          </dd>
        </div>
        {s.hotlines.map((h) => (
          <div>
            <dt {...settingsLang(site)}>{h.label}</dt>
            <dd>
              <a href={telHref(h.number)} dir="ltr">
                {h.number}
              </a>
            </dd>
          </div>
        ))}
        {s.address ? (
          <div>
            <dt>{t('contactPost')}</dt>
            <dd {...settingsLang(site)}>{s.address}</dd>
          </div>
        ) : null}
      </dl>
    </Layout>
  );
}

/** Not found: say so plainly and offer the ways back in. */
/**
 * The 404 page: what search makes of the address ("Did you mean"), a search
 * box holding the address in words (the page's one search box), and ways to browse.
 */
export function NotFoundPage({ site, suggestion, words = '' }: { site: SiteContext; suggestion?: { title: string; href: string; lang?: Lang } | undefined; words?: string }) {
  const t = site.i18n.text(webText);
  const path = site.i18n.path;
  return (
    <Layout site={site} title={t('notFoundTitle')} noindex headerSearch={false}>
      <h1>{t('notFoundTitle')}</h1>
      <p class="lead">{t('notFoundLead')}</p>
      {suggestion ? (
        <p class="did-you-mean">{t.rich('notFoundDidYouMean', { title: isolated(site, suggestion.title), link: (chunks: Child[]) => <a href={path(suggestion.href)} {...langAttributes(site.lang, suggestion.lang ?? SOURCE_LANG)}>{chunks}</a> })}</p>
      ) : null}
      <form class="search-page-form" role="search" method="get" action={path('/search')} aria-label={t('searchLabel')}>
        <label for="not-found-q">{t('notFoundSearch')}</label>
        <div class="search-field-wrap">
          <input id="not-found-q" name="q" type="search" value={words} maxlength={200} autocomplete="off" spellcheck={false} data-search-suggest="" {...suggestAttributes(site)} />
          <button type="submit" class="button">
            {t('searchButton')}
          </button>
        </div>
      </form>
      <ul>
        <li>{t.rich('notFoundBrowse', { directory: site.settings.directoryTitle, link: (chunks: Child[]) => <a href={path('/directory')}>{chunks}</a> })}</li>
        <li>{t.rich('notFoundAz', { link: (chunks: Child[]) => <a href={path('/directory/a-z')}>{chunks}</a> })}</li>
      </ul>
    </Layout>
  );
}

/** What the request guards (src/web/guards.ts) found wrong with a request, said in the reader's language. */
export function requestProblemText(site: SiteContext, problem: RequestProblem): string {
  const t = site.i18n.text(webText);
  switch (problem.kind) {
    case 'too-long':
      return t('problemTooLong');
    case 'method':
      return t('problemMethod', { method: problem.method });
    case 'encoding':
      return t('problemEncoding');
    case 'unreadable-form':
      return t('problemUnreadableForm');
  }
}

/** A request we cannot make sense of (bad encoding, odd method). */
/** A request atoz cannot answer: a problem the request guards found, or a sentence from the route that refused it. */
export function BadRequestPage({ site, problem, message }: { site: SiteContext } & ({ problem: RequestProblem; message?: undefined } | { message: string; problem?: undefined })) {
  const t = site.i18n.text(webText);
  return (
    <Layout site={site} title={t('badRequestTitle')} noindex>
      <h1>{t('badRequestTitle')}</h1>
      <p class="lead">{message ?? requestProblemText(site, problem!)}</p>
      <p>
        {t.rich('badRequestBack', {
          name: site.settings.directoryTitle,
          home: (chunks: Child[]) => <a href={site.i18n.path('/')}>{chunks}</a>,
          directory: (chunks: Child[]) => <a href={site.i18n.path('/directory')}>{chunks}</a>,
        })}
      </p>
    </Layout>
  );
}

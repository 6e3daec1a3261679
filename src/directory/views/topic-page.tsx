import { raw } from 'hono/html';
import { BibliographyDownloads } from '../../citations/views/downloads.js';
import { StudyTypeBadge } from '../../citations/views/evidence.js';
import type { Child } from 'hono/jsx';
import type { CurrentUser } from '../../accounts/context.js';
import { type FeedLink, Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { type TopicPresentation, digestSourceAnchor } from '../presenter.js';
import type { EntryView, SectionView } from '../queries.js';
import { directoryText } from '../messages/index.js';
import { PageLink } from './page-link.js';
import { MedicalCodes } from './medical-codes.js';
import { Disclosures } from './disclosures.js';
import { InLang, InLangBlock, settingsLang } from '../../web/in-lang.js';
import { type Lang, SOURCE_LANG, langAttributes } from '../../i18n/languages.js';
import { FollowLink } from '../../mail/views/follow-pages.js';
import { FeedbackPrompt } from '../../feedback/views/prompt.js';

/** Per-request extras for signed-in editors; cached reader pages never have them. */
export interface TopicPageEditing {
  user: CurrentUser;
  csrfToken: string;
  /** The "Edit this page" bar, shown above the article. */
  toolbar: Child;
}

/** The topic's news (src/news/): the latest items naming it or a page under it, and its feeds. */
export interface TopicPageNews {
  /** "Latest news on this topic"; null when there is none. */
  section: Child | null;
  feeds: FeedLink[];
}

/** A directory page: byline, generated contents, sections, latest news, references, what links here. */
export function TopicPage({ site, view, editing, news, stories, evidence }: { site: SiteContext; view: TopicPresentation; editing?: TopicPageEditing; news?: TopicPageNews | undefined; stories?: Child | null | undefined; evidence?: Child }) {
  const { page } = view;
  const t = site.i18n.text(directoryText);
  return (
    <Layout
      site={site}
      title={page.title}
      description={page.summary}
      path={view.path}
      languages={view.languages}
      breadcrumbs={view.breadcrumbs}
      jsonLd={view.jsonLd}
      user={editing?.user}
      csrfToken={editing?.csrfToken}
      feeds={news?.feeds}
    >
      {editing?.toolbar}
      <TopicArticle view={view} news={news?.section} stories={stories} evidence={evidence} afterContent={<UrgentHelp site={site} />} />
      <div class="page-actions">
        <FollowLink site={site} slug={page.slug} />
        {/* Shown by public/site.js: without JavaScript a button could not print. */}
        <button type="button" class="button secondary print-button" data-print="" hidden>
          {t('printPage')}
        </button>
      </div>
      <FeedbackPrompt site={site} slug={page.slug} />
      <nav class="pager" aria-label={t('pager')}>
        {view.previous ? (
          <a class="pager-prev" href={site.i18n.path(`/directory/${view.previous.slug}`)} rel="prev">
            <span class="pager-label">{t('pagerPrevious')}</span> <InLang site={site} lang={view.previous.lang}>{view.previous.title}</InLang>
          </a>
        ) : (
          <span></span>
        )}
        {view.next ? (
          <a class="pager-next" href={site.i18n.path(`/directory/${view.next.slug}`)} rel="next">
            <span class="pager-label">{t('pagerNext')}</span> <InLang site={site} lang={view.next.lang}>{view.next.title}</InLang>
          </a>
        ) : null}
      </nav>
      <p class="disclaimer-note">{t.rich('disclaimerNote', { link: (chunks: Child[]) => <a href={site.i18n.path('/disclaimer')}>{chunks}</a> })}</p>
    </Layout>
  );
}

/** The page's content as readers see it; the editor's preview shows exactly this. */
export function TopicArticle({ view, news, stories, afterContent, evidence }: { view: TopicPresentation; news?: Child; stories?: Child | null | undefined; afterContent?: Child; /** The evidence at a glance (views/evidence-map.tsx). */ evidence?: Child }) {
  const { page, site } = view;
  const t = site.i18n.text(directoryText);
  const referencesBase = `/directory/${page.slug}/references`;
  // The page's own words (title, sections, entries) are in its content language, which may not be the interface's;
  // other pages' titles (children, links here) are English unless that page is translated too.
  const content = langAttributes(site.lang, view.contentLang);
  const langOf = (s: SectionView) => view.sectionLang.get(s.id) ?? SOURCE_LANG;
  const headed = page.sections.filter((s) => s.heading);
  return (
    <article class="topic" aria-labelledby="page-title">
      <h1 id="page-title" {...content}>
        {page.title}
      </h1>
      {page.summary ? (
        <p class="lead" {...content}>
          {page.summary}
        </p>
      ) : null}
      <Byline view={view} />
      {view.notice}
      <Disclosures site={site} authors={page.authors} reviewer={page.reviewedBy} />

      {headed.length > 1 ? (
        <nav class="toc" aria-labelledby="toc-title">
          <h2 id="toc-title">{t('onThisPage')}</h2>
          <ol>
            {headed.map((s) => (
              <li>
                <a href={`#${s.anchor}`} {...langAttributes(site.lang, langOf(s))}>
                  {s.heading}
                </a>
              </li>
            ))}
            {news ? (
              <li>
                <a href="#latest-news">{t('latestNews')}</a>
              </li>
            ) : null}
            {evidence ? (
              <li>
                <a href="#evidence-glance-title">{t('evidenceSectionTitle')}</a>
              </li>
            ) : null}
            {view.references.length ? (
              <li>
                <a href="#references">{t('references')}</a>
              </li>
            ) : null}
          </ol>
        </nav>
      ) : null}

      {page.sections.map((section) => (
        <Section section={section} view={view} lang={langOf(section)} />
      ))}

      {news ?? null}
      {stories ?? null}

      {afterContent ?? null}

      {evidence ?? null}

      {view.children.length ? (
        <section class="children" aria-labelledby="children-title">
          <h2 id="children-title">{t('childrenTitle')}</h2>
          <ul class="card-list">
            {view.children.map((child) => (
              <li>
                <a href={site.i18n.path(`/directory/${child.slug}`)} {...langAttributes(site.lang, child.lang)}>
                  {child.title}
                </a>
                {child.summary ? <p {...langAttributes(site.lang, child.summaryLang)}>{child.summary}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {page.alsoSee.length ? (
        <aside class="also-see" aria-labelledby="page-also-see">
          <h2 id="page-also-see">{t('alsoSee')}</h2>
          <ul>
            {page.alsoSee.map((l) => (
              <li>
                <PageLink site={site} link={l} canWrite={view.wantedLinks} />
              </li>
            ))}
          </ul>
        </aside>
      ) : null}

      <MedicalCodes site={site} groups={view.codes} />

      {view.references.length ? (
        <section class="references" aria-labelledby="references">
          <h2 id="references">{t('references')}</h2>
          <ol>
            {view.references.map((r) => (
              <li id={r.anchor}>
                <InLangBlock site={site}>{raw(r.html)}</InLangBlock>
                {r.uses.length ? (
                  <span class="ref-back">
                    {r.uses.map((use, i) => (
                      <>
                        {' '}
                        <a href={`#${use}`}>{t('backToText', { place: site.i18n.number(i + 1), count: r.uses.length })}</a>
                      </>
                    ))}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
          <BibliographyDownloads base={referencesBase} what={t('referencesDownloadWhat')} i18n={site.i18n} />
        </section>
      ) : null}

      {view.footnoteHtml.length ? (
        <section class="footnotes" aria-labelledby="footnotes-title">
          <h2 id="footnotes-title">{t('notes')}</h2>
          <ol>
            {view.footnoteHtml.map((html, i) => (
              <li id={`footnote-${i + 1}`}>
                <InLangBlock site={site}>{raw(html)}</InLangBlock>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section class="backlinks" aria-labelledby="backlinks-title">
        <h2 id="backlinks-title">{t('backlinks')}</h2>
        {view.backlinks.length ? (
          <ul>
            {view.backlinks.map((b) => (
              <li>
                <a href={site.i18n.path(`/directory/${b.slug}`)} {...langAttributes(site.lang, b.lang)}>
                  {b.title}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('backlinksNone')}</p>
        )}
      </section>
    </article>
  );
}

/** "If you need help now": the site's emergency advice and phone lines (settings), on every topic page that has them. */
export function UrgentHelp({ site }: { site: SiteContext }) {
  const s = site.settings;
  if (!s.urgentHelp) return null;
  const t = site.i18n.text(directoryText);
  return (
    <aside class="urgent-help" aria-labelledby="urgent-help-title">
      <h2 id="urgent-help-title">{t('urgentHelpTitle')}</h2>
      <p {...settingsLang(site)}>{s.urgentHelp}</p>
      {s.hotlines.length ? (
        <ul class="plain">
          {s.hotlines.map((h) => (
            <li>
              <span {...settingsLang(site)}>{h.label}</span>{t('urgentHelpNumberSeparator')}
              <a href={`tel:${h.number.replace(/[^+\d]/g, '')}`} dir="ltr">
                {h.number}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}

function Byline({ view }: { view: TopicPresentation }) {
  const { page, site } = view;
  const t = site.i18n.text(directoryText);
  const time = (iso: string) => (chunks: Child[]) => <time datetime={iso}>{chunks}</time>;
  const years = view.evidenceYears;
  return (
    <dl class="byline">
      <div>
        <dt>{t('writtenBy')}</dt>
        <dd>
          {page.authors.length
            ? page.authors.map((a, i) => (
                <>
                  {i > 0 ? t('listSeparator') : ''}
                  <InLang site={site}>
                    {a.name}
                    {a.role ? <span class="role"> ({a.role})</span> : null}
                  </InLang>
                </>
              ))
            : t('noAuthor')}
        </dd>
      </div>
      <div>
        <dt>{t('medicalReview')}</dt>
        <dd>
          {page.reviewedOn ? (
            page.reviewedBy ? (
              t.rich('reviewedBy', { date: site.i18n.date(page.reviewedOn), name: page.reviewedBy.name, time: time(page.reviewedOn) })
            ) : (
              t.rich('reviewed', { date: site.i18n.date(page.reviewedOn), time: time(page.reviewedOn) })
            )
          ) : (
            <strong class="warning-text">{t('notReviewed')}</strong>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('nextReview')}</dt>
        <dd>{page.nextReviewOn ? <time datetime={page.nextReviewOn}>{site.i18n.date(page.nextReviewOn)}</time> : t('notScheduled')}</dd>
      </div>
      <div>
        <dt>{t('pageHistory')}</dt>
        <dd>
          {page.updatedOn
            ? t.rich('writtenUpdated', {
                created: site.i18n.date(page.createdOn),
                updated: site.i18n.date(page.updatedOn),
                createdTime: time(page.createdOn),
                updatedTime: time(page.updatedOn),
              })
            : t.rich('written', { date: site.i18n.date(page.createdOn), time: time(page.createdOn) })}
        </dd>
      </div>
      {years ? (
        <div>
          <dt>{t('evidence')}</dt>
          <dd>{years.from === years.to ? t('evidenceYear', { year: site.i18n.year(years.from) }) : t('evidenceYears', { from: site.i18n.year(years.from), to: site.i18n.year(years.to) })}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function Section({ section, view, lang }: { section: SectionView; view: TopicPresentation; lang: Lang }) {
  const { site } = view;
  const t = site.i18n.text(directoryText);
  const headingId = section.heading ? section.anchor : undefined;
  return (
    <section class="topic-section" id={headingId ? undefined : section.anchor} aria-labelledby={headingId}>
      {section.heading ? (
        <h2 id={section.anchor} {...langAttributes(site.lang, lang)}>
          {section.heading}
        </h2>
      ) : null}
      {view.sectionNotices.get(section.id) ?? null}
      {section.entries.map((entry) => (
        <Entry entry={entry} html={view.entryHtml.get(entry.id) ?? ''} view={view} lang={lang} />
      ))}
      {section.subArticles.length ? (
        <div class="sub-articles">
          <h3>{t('subArticles')}</h3>
          <ul>
            {section.subArticles.map((l) => (
              <li>
                <PageLink site={site} link={l} canWrite={view.wantedLinks} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {section.alsoSee.length ? (
        <p class="also-see-inline">
          <strong>{t('alsoSeeInline')}</strong>
          {section.alsoSee.map((l, i) => (
            <>
              {i > 0 ? t('listSeparator') : ''}
              <PageLink site={site} link={l} canWrite={view.wantedLinks} />
            </>
          ))}
        </p>
      ) : null}
    </section>
  );
}

function Entry({ entry, html, view, lang }: { entry: EntryView; html: string; view: TopicPresentation; lang: Lang }) {
  const { site } = view;
  const t = site.i18n.text(directoryText);
  const body = <InLangBlock site={site} lang={lang}>{raw(html)}</InLangBlock>;
  if (entry.kind === 'summary') return <div class="entry entry-summary">{body}</div>;
  if (entry.kind === 'research') {
    const ref = view.references.find((r) => r.citation.id === entry.citation?.id);
    const year = entry.citation?.issuedYear;
    return (
      <div class="entry entry-research" id={`digest-${entry.id}`}>
        <p class="entry-kind">{year ? t('researchDigestYear', { year: site.i18n.year(year) }) : t('researchDigest')}</p>
        {entry.citation ? <StudyTypeBadge pubTypes={entry.citation.pubTypes} i18n={site.i18n} /> : null}
        {body}
        {ref ? (
          <p class="entry-source" id={digestSourceAnchor(entry.id)}>
            <span class="source-label">{t('sourceLabel', { number: site.i18n.number(ref.number) })}</span>
            <InLang site={site}>{raw(ref.html)}</InLang>
          </p>
        ) : (
          <p class="entry-source warning-text">{t('sourceMissing')}</p>
        )}
      </div>
    );
  }
  const outlet = entry.outlet ?? '';
  return (
    <div class="entry entry-news">
      <p class="entry-kind">
        {entry.publishedOn
          ? t.rich('newsDigestDated', { outlet, date: site.i18n.date(entry.publishedOn), time: (chunks: Child[]) => <time datetime={entry.publishedOn!}>{chunks}</time> })
          : t('newsDigest', { outlet })}
      </p>
      {entry.headline ? (
        <p class="entry-headline" {...langAttributes(site.lang)}>
          {entry.url ? <a href={entry.url}>{entry.headline}</a> : entry.headline}
        </p>
      ) : null}
      {body}
      {!entry.headline && entry.url ? (
        <p>
          <a href={entry.url}>{t('readReport', { outlet })}</a>
        </p>
      ) : null}
    </div>
  );
}

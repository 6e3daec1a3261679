import { raw } from 'hono/html';
import { BibliographyDownloads } from '../../citations/views/downloads.js';
import { StudyTypeBadge } from '../../citations/views/evidence.js';
import type { Child } from 'hono/jsx';
import type { CurrentUser } from '../../accounts/context.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import type { TopicPresentation } from '../presenter.js';
import type { EntryView, SectionView } from '../queries.js';
import { displayDate } from './dates.js';
import { PageLink } from './page-link.js';
import { FollowLink } from '../../mail/views/follow-pages.js';

/** Per-request extras for signed-in editors; cached reader pages never have them. */
export interface TopicPageEditing {
  user: CurrentUser;
  csrfToken: string;
  /** The "Edit this page" bar, shown above the article. */
  toolbar: Child;
}

/** A directory page: byline, generated contents, sections, references, what links here. */
export function TopicPage({ site, view, editing }: { site: SiteContext; view: TopicPresentation; editing?: TopicPageEditing }) {
  const { page } = view;
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
    >
      {editing?.toolbar}
      <TopicArticle view={view} />
      <FollowLink site={site} slug={page.slug} />
      <nav class="pager" aria-label="Previous and next page in the directory">
        {view.previous ? (
          <a class="pager-prev" href={`/directory/${view.previous.slug}`} rel="prev">
            <span class="pager-label">Previous</span> {view.previous.title}
          </a>
        ) : (
          <span></span>
        )}
        {view.next ? (
          <a class="pager-next" href={`/directory/${view.next.slug}`} rel="next">
            <span class="pager-label">Next</span> {view.next.title}
          </a>
        ) : null}
      </nav>
      <p class="disclaimer-note">
        This page is information, not medical advice. Read our <a href="/disclaimer">medical disclaimer</a>.
      </p>
    </Layout>
  );
}

/** The page's content as readers see it; the editor's preview shows exactly this. */
export function TopicArticle({ view }: { view: TopicPresentation }) {
  const { page } = view;
  const headed = page.sections.filter((s) => s.heading);
  return (
    <article class="topic" aria-labelledby="page-title">
      <h1 id="page-title">{page.title}</h1>
      {page.summary ? <p class="lead">{page.summary}</p> : null}
      <Byline view={view} />

      {headed.length > 1 ? (
        <nav class="toc" aria-labelledby="toc-title">
          <h2 id="toc-title">On this page</h2>
          <ol>
            {headed.map((s) => (
              <li>
                <a href={`#${s.anchor}`}>{s.heading}</a>
              </li>
            ))}
            {view.references.length ? (
              <li>
                <a href="#references">References</a>
              </li>
            ) : null}
          </ol>
        </nav>
      ) : null}

      {page.sections.map((section) => (
        <Section section={section} view={view} />
      ))}

      {view.children.length ? (
        <section class="children" aria-labelledby="children-title">
          <h2 id="children-title">In this part of the directory</h2>
          <ul class="card-list">
            {view.children.map((child) => (
              <li>
                <a href={`/directory/${child.slug}`}>{child.title}</a>
                {child.summary ? <p>{child.summary}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {page.alsoSee.length ? (
        <aside class="also-see" aria-labelledby="page-also-see">
          <h2 id="page-also-see">Also see</h2>
          <ul>
            {page.alsoSee.map((l) => (
              <li>
                <PageLink link={l} />
              </li>
            ))}
          </ul>
        </aside>
      ) : null}

      {view.references.length ? (
        <section class="references" aria-labelledby="references">
          <h2 id="references">References</h2>
          <ol>
            {view.references.map((r) => (
              <li id={r.anchor}>{raw(r.html)}</li>
            ))}
          </ol>
          <BibliographyDownloads base={`/directory/${page.slug}/references`} what="these references" />
        </section>
      ) : null}

      {view.footnoteHtml.length ? (
        <section class="footnotes" aria-labelledby="footnotes-title">
          <h2 id="footnotes-title">Notes</h2>
          <ol>
            {view.footnoteHtml.map((html, i) => (
              <li id={`footnote-${i + 1}`}>{raw(html)}</li>
            ))}
          </ol>
        </section>
      ) : null}

      <section class="backlinks" aria-labelledby="backlinks-title">
        <h2 id="backlinks-title">Pages that link here</h2>
        {page.backlinks.length ? (
          <ul>
            {page.backlinks.map((b) => (
              <li>
                <a href={`/directory/${b.slug}`}>{b.title}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>No other page links here yet.</p>
        )}
      </section>
    </article>
  );
}

function Byline({ view }: { view: TopicPresentation }) {
  const { page } = view;
  return (
    <dl class="byline">
      <div>
        <dt>Written by</dt>
        <dd>
          {page.authors.length
            ? page.authors.map((a, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  {a.name}
                  {a.role ? <span class="role"> ({a.role})</span> : null}
                </>
              ))
            : 'No author named yet'}
        </dd>
      </div>
      <div>
        <dt>Medical review</dt>
        <dd>
          {page.reviewedOn ? (
            <>
              Reviewed <time datetime={page.reviewedOn}>{displayDate(page.reviewedOn)}</time>
              {page.reviewedBy ? <> by {page.reviewedBy.name}</> : null}
            </>
          ) : (
            <strong class="warning-text">Not yet medically reviewed</strong>
          )}
        </dd>
      </div>
      <div>
        <dt>Next review</dt>
        <dd>{page.nextReviewOn ? <time datetime={page.nextReviewOn}>{displayDate(page.nextReviewOn)}</time> : 'Not scheduled'}</dd>
      </div>
      <div>
        <dt>Page history</dt>
        <dd>
          Written <time datetime={page.createdOn}>{displayDate(page.createdOn)}</time>
          {page.updatedOn ? (
            <>
              , updated <time datetime={page.updatedOn}>{displayDate(page.updatedOn)}</time>
            </>
          ) : null}
        </dd>
      </div>
      {view.evidenceYears ? (
        <div>
          <dt>Evidence</dt>
          <dd>
            From {view.evidenceYears.from === view.evidenceYears.to ? view.evidenceYears.from : `${view.evidenceYears.from} to ${view.evidenceYears.to}`}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function Section({ section, view }: { section: SectionView; view: TopicPresentation }) {
  const headingId = section.heading ? section.anchor : undefined;
  return (
    <section class="topic-section" id={headingId ? undefined : section.anchor} aria-labelledby={headingId}>
      {section.heading ? <h2 id={section.anchor}>{section.heading}</h2> : null}
      {section.entries.map((entry) => (
        <Entry entry={entry} html={view.entryHtml.get(entry.id) ?? ''} view={view} />
      ))}
      {section.subArticles.length ? (
        <div class="sub-articles">
          <h3>Sub-articles</h3>
          <ul>
            {section.subArticles.map((l) => (
              <li>
                <PageLink link={l} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {section.alsoSee.length ? (
        <p class="also-see-inline">
          <strong>Also see: </strong>
          {section.alsoSee.map((l, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <PageLink link={l} />
            </>
          ))}
        </p>
      ) : null}
    </section>
  );
}

function Entry({ entry, html, view }: { entry: EntryView; html: string; view: TopicPresentation }) {
  if (entry.kind === 'summary') return <div class="entry entry-summary">{raw(html)}</div>;
  if (entry.kind === 'research') {
    const ref = view.references.find((r) => r.citation.id === entry.citation?.id);
    return (
      <div class="entry entry-research">
        <p class="entry-kind">Research digest{entry.citation?.issuedYear ? `, ${entry.citation.issuedYear}` : ''}</p>
        {entry.citation ? <StudyTypeBadge pubTypes={entry.citation.pubTypes} /> : null}
        {raw(html)}
        {ref ? (
          <p class="entry-source">
            <span class="source-label">Source [{ref.number}]: </span>
            {raw(ref.html)}
          </p>
        ) : (
          <p class="entry-source warning-text">Source missing</p>
        )}
      </div>
    );
  }
  return (
    <div class="entry entry-news">
      <p class="entry-kind">
        News digest: {entry.outlet}
        {entry.publishedOn ? (
          <>
            , <time datetime={entry.publishedOn}>{displayDate(entry.publishedOn)}</time>
          </>
        ) : null}
      </p>
      {entry.headline ? <p class="entry-headline">{entry.url ? <a href={entry.url}>{entry.headline}</a> : entry.headline}</p> : null}
      {raw(html)}
      {!entry.headline && entry.url ? (
        <p>
          <a href={entry.url}>Read the report at {entry.outlet}</a>
        </p>
      ) : null}
    </div>
  );
}

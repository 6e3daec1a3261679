/** /edit/inbox: papers the saved PubMed searches found; /edit/<slug>/research-query: a topic's saved search. */
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { displayInstant } from '../../accounts/views/frame.js';
import { displayDate } from '../../directory/views/dates.js';
import type { JobSummary } from '../../jobs/queue.js';
import { Layout } from '../../web/layout.js';
import type { InboxItem, ResearchQuery } from '../research-inbox.js';
import { StudyTypeBadge } from './evidence.js';
import { DASHBOARD_CRUMB, type EditorFrame, INBOX_CRUMB, JobStatusLine } from './parts.js';

/** A notice after an action, built from known parts only (nothing a visitor typed is echoed as text). */
export type InboxNotice = { kind: 'drafted'; slug: string; pageTitle: string } | { kind: 'dismissed' } | { kind: 'problem'; message: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2013", "2013-06" or "2013-06-11" → "2013", "June 2013", "11 June 2013". */
export function publicationDate(value: string): string {
  const [year, month, day] = value.split('-').map(Number);
  const monthName = month ? MONTHS[month - 1] : undefined;
  if (!monthName) return String(year ?? value);
  return day ? `${day} ${monthName} ${year}` : `${monthName} ${year}`;
}

function groupByPage(items: InboxItem[]): Array<{ slug: string; title: string; items: InboxItem[] }> {
  const groups = new Map<string, { slug: string; title: string; items: InboxItem[] }>();
  for (const item of items) {
    const group = groups.get(item.slug) ?? { slug: item.slug, title: item.pageTitle, items: [] };
    group.items.push(item);
    groups.set(item.slug, group);
  }
  return [...groups.values()];
}

export function InboxPage(
  props: EditorFrame & {
    items: InboxItem[];
    queries: ResearchQuery[];
    recent: InboxItem[];
    inboxJob: JobSummary | undefined;
    pubmedConfigured: boolean;
    notice?: InboxNotice | undefined;
    findPage?: { value: string; error: string } | undefined;
  },
) {
  const groups = groupByPage(props.items);
  const termBySlug = new Map(props.queries.map((q) => [q.slug, q.term]));
  const findErrors: FieldError[] = props.findPage ? [{ field: 'query-page', message: props.findPage.error }] : [];
  const notice = props.notice;
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={formTitle('New research inbox', findErrors)} noindex breadcrumbs={[DASHBOARD_CRUMB, INBOX_CRUMB]}>
      <ErrorSummary errors={findErrors} />
      {notice?.kind === 'drafted' ? (
        <p class="notice" role="status">
          A draft digest was added to “{notice.pageTitle}”. <a href={`/edit/${notice.slug}`}>Open the page in the editor</a> to write the summary, then send it for
          review.
        </p>
      ) : notice?.kind === 'dismissed' ? (
        <p class="notice" role="status">
          Dismissed. That paper will not be suggested for this page again.
        </p>
      ) : notice?.kind === 'problem' ? (
        <div class="error-summary" role="alert" aria-labelledby="inbox-problem-title" tabindex={-1}>
          <h2 id="inbox-problem-title">That did not work</h2>
          <p>{notice.message}</p>
        </div>
      ) : null}
      <h1>New research inbox</h1>
      <p class="lead">
        Papers added to PubMed that match a topic's saved search. Turn one into a draft research digest on its topic, or dismiss it. A paper is suggested
        once per topic.
      </p>
      {props.pubmedConfigured ? null : (
        <p class="notice warning-text">
          <strong>PubMed is not set up on this site (ATOZ_NCBI_EMAIL is missing), so saved searches do not run.</strong>
        </p>
      )}
      <JobStatusLine job={props.inboxJob} name="The search for new research" />

      {groups.length ? (
        groups.map((group) => (
          <section class="inbox-topic" aria-labelledby={`inbox-${group.slug}`}>
            <h2 id={`inbox-${group.slug}`}>
              {group.title} <span class="inbox-count">({group.items.length} new)</span>
            </h2>
            {termBySlug.has(group.slug) ? (
              <p class="hint">
                Saved search: <code>{termBySlug.get(group.slug)}</code> · <a href={`/edit/${group.slug}/research-query`}>Change it</a>
              </p>
            ) : null}
            <ul class="inbox-list">
              {group.items.map((item) => (
                <li class="inbox-item">
                  <article aria-labelledby={`item-${item.id}`}>
                    <h3 id={`item-${item.id}`}>{item.title}</h3>
                    <p class="citation-meta">
                      {[item.journal, item.published ? publicationDate(item.published) : null].filter(Boolean).join(', ') || 'Journal and date not given'} ·{' '}
                      <a href={`https://pubmed.ncbi.nlm.nih.gov/${item.pmid}/`}>PubMed record (PMID {item.pmid})</a> · found {displayInstant(item.foundAt)}
                    </p>
                    <StudyTypeBadge pubTypes={item.pubTypes} />
                    <div class="inbox-actions">
                      <form method="post" action={`/edit/inbox/${item.id}/draft`}>
                        <CsrfField token={props.csrfToken} />
                        <button type="submit" class="button">
                          Make a draft digest<span class="visually-hidden"> of “{item.title}”</span>
                        </button>
                      </form>
                      <form method="post" action={`/edit/inbox/${item.id}/dismiss`}>
                        <CsrfField token={props.csrfToken} />
                        <button type="submit" class="button secondary">
                          Dismiss<span class="visually-hidden"> “{item.title}”</span>
                        </button>
                      </form>
                    </div>
                  </article>
                </li>
              ))}
            </ul>
          </section>
        ))
      ) : (
        <p>Nothing new is waiting.</p>
      )}

      <section aria-labelledby="queries-title">
        <h2 id="queries-title">Saved searches</h2>
        {props.queries.length ? (
          <table class="data-table">
            <caption class="visually-hidden">Each topic's saved PubMed search and how its last run went</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Search</th>
                <th scope="col">Last run</th>
              </tr>
            </thead>
            <tbody>
              {props.queries.map((q) => (
                <tr>
                  <th scope="row">
                    <a href={`/edit/${q.slug}/research-query`}>{q.pageTitle}</a>
                  </th>
                  <td data-label="Search">
                    <code>{q.term}</code>
                  </td>
                  <td data-label="Last run">
                    {q.lastError ? (
                      <strong class="warning-text">Failed: {q.lastError}</strong>
                    ) : q.lastRunAt ? (
                      `${displayInstant(q.lastRunAt)}: ${q.lastFound} new`
                    ) : (
                      'Not run yet'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No topic has a saved search yet.</p>
        )}
        <form method="get" action="/edit/inbox/query" class="inline-search" novalidate>
          <TextField
            id="query-page"
            name="page"
            label="Add or change the search of a topic"
            hint="The topic's address, e.g. causes-of-scleroderma"
            value={props.findPage?.value ?? ''}
            error={errorFor(findErrors, 'query-page')}
            maxlength={200}
            spellcheck={false}
          />
          <button type="submit" class="button secondary">
            Open its saved search
          </button>
        </form>
      </section>

      {props.recent.length ? (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">Recently decided</h2>
          <ul>
            {props.recent.map((item) => (
              <li>
                {item.status === 'drafted' ? 'Drafted' : 'Dismissed'}: {item.title} (PMID {item.pmid}) for{' '}
                {item.status === 'drafted' ? <a href={`/edit/${item.slug}`}>{item.pageTitle}</a> : item.pageTitle}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

export function ResearchQueryPage(
  props: EditorFrame & { slug: string; pageTitle: string; term: string; query: ResearchQuery | null; errors: FieldError[]; notice?: string | undefined },
) {
  const { query } = props;
  const tryHref = props.term.trim() ? `https://pubmed.ncbi.nlm.nih.gov/?${new URLSearchParams({ term: props.term.trim(), sort: 'date' }).toString()}` : null;
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle(`Saved PubMed search: ${props.pageTitle}`, props.errors)}
      noindex
      breadcrumbs={[DASHBOARD_CRUMB, INBOX_CRUMB, { label: props.pageTitle, href: `/edit/${props.slug}/research-query` }]}
    >
      <ErrorSummary errors={props.errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <h1>Saved PubMed search for “{props.pageTitle}”</h1>
      <p class="lead">
        Every 6 hours atoz runs this search in PubMed and puts papers added since the last run in the <a href="/edit/inbox">new-research inbox</a>.
      </p>
      <form method="post" action={`/edit/${props.slug}/research-query`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          id="term"
          label="PubMed search"
          hint={
            <>
              Words as you would type them into PubMed, for example <code>silica AND scleroderma</code>. Leave it empty to stop searching for this topic.
            </>
          }
          value={props.term}
          error={errorFor(props.errors, 'term')}
          maxlength={500}
          spellcheck={false}
          autocomplete="off"
        />
        <button type="submit" class="button">
          Save search
        </button>
      </form>
      {tryHref ? (
        <p>
          <a href={tryHref}>Try this search on PubMed</a> (opens PubMed's website)
        </p>
      ) : null}
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">How it went</h2>
        {!query ? (
          <p>This topic has no saved search.</p>
        ) : query.lastError ? (
          <p class="warning-text">
            <strong>The last run failed: {query.lastError}</strong>
          </p>
        ) : query.lastRunAt ? (
          <p>
            Last run {displayInstant(query.lastRunAt)}: {query.lastFound} new paper{query.lastFound === 1 ? '' : 's'}.
          </p>
        ) : (
          <p>Saved {displayDate(query.updatedAt)}; not run yet. The first run looks back 30 days.</p>
        )}
      </section>
      <p>
        <a href={`/edit/${props.slug}`}>Edit the page</a> · <a href={`/directory/${props.slug}`}>Read the page</a>
      </p>
    </Layout>
  );
}

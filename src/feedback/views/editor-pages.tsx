import type { Child } from 'hono/jsx';
import type { Frame } from '../../accounts/views/frame.js';
import { CsrfField } from '../../accounts/views/form-parts.js';
import { Layout } from '../../web/layout.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { FeedbackItem, PageFeedbackSummary } from '../store.js';
import { feedbackText } from '../messages/index.js';

/** ICU select keys cannot hold dashes. */
const SELECT_KEY = { wrong: 'wrong', outdated: 'outdated', 'broken-link': 'brokenLink', 'hard-to-read': 'hardToRead' } as const;

const timeOf = (iso: string, i18n: Localizer) => (chunks: Child[]) => <time datetime={iso}>{chunks.length ? chunks : i18n.date(iso.slice(0, 10))}</time>;

/** The pages with open feedback, as a list (the dashboard panel) */
export function FeedbackSummaryList({ i18n, pages }: { i18n: Localizer; pages: PageFeedbackSummary[] }) {
  const t = i18n.text(feedbackText);
  return (
    <ul class="dashboard-list">
      {pages.map((p) => (
        <li>
          {t.rich('panelItem', { title: p.title, reports: p.openReports, answers: p.openAnswers, link: (chunks) => <a href={i18n.path(`/edit/feedback/${p.slug}`)}>{chunks}</a> })}
        </li>
      ))}
    </ul>
  );
}

export function FeedbackOverviewPage(props: Frame & { pages: PageFeedbackSummary[] }) {
  const { site } = props;
  const i18n = site.i18n;
  const t = i18n.text(feedbackText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('overviewTitle')} noindex>
      <h1>{t('overviewTitle')}</h1>
      <p>{t('overviewIntro')}</p>
      {props.pages.length ? (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('colPage')}</th>
              <th scope="col">{t('colReports')}</th>
              <th scope="col">{t('colAnswers')}</th>
              <th scope="col">{t('colVotes')}</th>
            </tr>
          </thead>
          <tbody>
            {props.pages.map((p) => (
              <tr>
                <th scope="row">
                  <a href={i18n.path(`/edit/feedback/${p.slug}`)}>{p.title}</a>
                </th>
                <td>{i18n.number(p.openReports)}</td>
                <td>{i18n.number(p.openAnswers)}</td>
                <td>{t('votes', { yes: i18n.number(p.yes), no: i18n.number(p.no) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('overviewEmpty')}</p>
      )}
    </Layout>
  );
}

export function PageFeedbackPage(props: Frame & { page: { slug: string; title: string }; items: FeedbackItem[]; notice?: string | undefined; canHandle: boolean }) {
  const { site } = props;
  const i18n = site.i18n;
  const t = i18n.text(feedbackText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('pageTitle', { title: props.page.title })} noindex>
      <h1>{t('pageTitle', { title: props.page.title })}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        <a href={i18n.path(`/directory/${props.page.slug}`)}>{t('viewPage')}</a> · <a href={i18n.path('/edit/feedback')}>{t('panelAll')}</a>
      </p>
      {props.items.length ? (
        <ol class="feedback-items">
          {props.items.map((item) => (
            <li class={item.handledAt ? 'feedback-item handled' : 'feedback-item'} id={`feedback-${item.id}`}>
              <p>
                <strong>{item.kind === 'problem' ? t('itemProblem', { problem: SELECT_KEY[item.problem ?? 'wrong'] }) : item.helpful ? t('itemHelpfulYes') : t('itemHelpfulNo')}</strong>
                {' · '}
                {t.rich('itemReceived', { date: i18n.date(item.createdAt.slice(0, 10)), time: timeOf(item.createdAt, i18n) })}
              </p>
              {/* A reader's words, in whatever language they wrote. */}
              {item.comment ? (
                <blockquote lang={item.lang} class="feedback-comment">
                  {item.comment.split('\n').map((line, i) => (
                    <>
                      {i > 0 ? <br /> : null}
                      {line}
                    </>
                  ))}
                </blockquote>
              ) : (
                <p>{t('itemNoComment')}</p>
              )}
              {item.handledAt ? (
                <p>
                  {item.handledBy
                    ? t.rich('itemHandled', { name: item.handledBy, date: i18n.date(item.handledAt.slice(0, 10)), time: timeOf(item.handledAt, i18n) })
                    : t.rich('itemHandledNoName', { date: i18n.date(item.handledAt.slice(0, 10)), time: timeOf(item.handledAt, i18n) })}
                </p>
              ) : props.canHandle ? (
                <form method="post" action={i18n.path(`/edit/feedback/items/${item.id}/handled`)}>
                  <CsrfField token={props.csrfToken} />
                  <button type="submit" class="button secondary">
                    {t('markHandled')}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('pageEmpty')}</p>
      )}
    </Layout>
  );
}

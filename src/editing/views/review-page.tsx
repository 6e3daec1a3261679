import type { Frame } from '../../accounts/views/frame.js';
import { CsrfField, type FieldError, errorFor } from '../../accounts/views/form-parts.js';
import type { TopicPresentation } from '../../directory/presenter.js';
import { TopicArticle } from '../../directory/views/topic-page.js';
import type { Localizer } from '../../i18n/localizer.js';
import { Field } from '../../web/form-field.js';
import { FormPage } from './form-page.js';
import type { ChecklistItem } from '../checklist.js';
import type { Revision } from '../revision-store.js';
import { REVIEW_COMMENT_MAX, type ReviewComment } from '../review-comments.js';
import type { DiffPart } from '../word-diff.js';
import { ChecklistPanel, DiffView, diffSummary } from './parts.js';
import { contentLang, editingTextOf } from './text.js';

export const SEND_BACK_FIELD = 'review-comment';

export interface ReviewPageProps extends Frame {
  slug: string;
  revision: Revision;
  /** The revision it is compared with: the last one reviewed or published before it. */
  base: Revision | null;
  diff: DiffPart[];
  checklist: ChecklistItem[];
  preview: TopicPresentation | null;
  comments: ReviewComment[];
  /** What this person may decide: approve and send back, or only look (their own revision, another role). */
  decision: 'decide' | 'own-revision' | 'not-reviewer' | 'not-in-review';
  /** A comment that came back with a problem, as typed. */
  comment: string;
  errors: FieldError[];
  notice?: string | undefined;
}

/**
 * A reviewer's screen for one revision: what changed since the last reviewed
 * version, the checklist, the page as readers will see it, and the decision
 * (approve, or send back to the author with a comment).
 */
export function ReviewPage(props: ReviewPageProps) {
  const { revision: r, base, site, errors } = props;
  const i18n = site.i18n;
  const t = editingTextOf(i18n);
  const path = i18n.path;
  const heading = t('reviewTitle', { number: r.number, title: r.title });
  const here = { label: t('reviewCrumb'), href: `/edit/${props.slug}/review?revision=${r.id}` };
  return (
    <FormPage site={props.site} user={props.user} csrfToken={props.csrfToken} heading={heading} crumbs={[{ label: t('editPageTitle', { title: r.title }), href: `/edit/${props.slug}` }, here]} errors={errors} notice={props.notice}>
      <p class="lead">
        {t('reviewLead', { author: r.authorName ?? t('someoneLower'), date: i18n.date(r.createdAt) })}
        {r.summary ? ` ${t('quotedSummary', { summary: r.summary })}` : ''}
      </p>
      <nav class="dashboard-nav" aria-label={t('reviewSections')}>
        <ul>
          <li><a href="#review-changes">{t('reviewChangesTitle')}</a></li>
          <li><a href="#checklist-title">{t('checklistTitle')}</a></li>
          <li><a href="#review-page">{t('reviewPageTitle')}</a></li>
          <li><a href="#review-decision">{t('reviewDecisionTitle')}</a></li>
        </ul>
      </nav>

      <section aria-labelledby="review-changes">
        <h2 id="review-changes">{t('reviewChangesTitle')}</h2>
        <p>
          {base ? t('reviewComparedWith', { number: base.number, date: i18n.date(base.reviewedAt ?? base.publishedAt ?? base.createdAt) }) : t('reviewNothingBefore')}{' '}
          {diffSummary(t, props.diff)}{' '}
          {t.rich('diffKey', { del: (chunks) => <del class="diff-key">{chunks}</del>, ins: (chunks) => <ins class="diff-key">{chunks}</ins> })}
        </p>
        <DiffView parts={props.diff} label={t('reviewChangesTitle')} i18n={i18n} />
      </section>

      <ChecklistPanel items={props.checklist} i18n={i18n} />

      <section class="preview" aria-labelledby="review-page">
        <h2 id="review-page">{t('reviewPageTitle')}</h2>
        <div class="preview-body" lang={contentLang(i18n)}>
          {props.preview ? <TopicArticle view={props.preview} /> : <p>{t('reviewNoPreview')}</p>}
        </div>
      </section>

      <section class="panel" aria-labelledby="review-decision">
        <h2 id="review-decision">{t('reviewDecisionTitle')}</h2>
        {props.decision === 'decide' ? (
          <Decision {...props} i18n={i18n} />
        ) : (
          <p>
            {props.decision === 'own-revision'
              ? t('ownRevision')
              : props.decision === 'not-reviewer'
                ? t('reviewOnlyReviewers')
                : t('reviewNotInReview', { number: r.number, state: t('stateInSentence', { state: r.state }) })}
          </p>
        )}
        <p>
          <a href={path(`/edit/${props.slug}`)}>{t('reviewBackToEditor')}</a>
        </p>
      </section>

      {props.comments.length ? <Comments comments={props.comments} i18n={i18n} /> : null}
    </FormPage>
  );
}

function Decision(props: ReviewPageProps & { i18n: Localizer }) {
  const { i18n, revision: r } = props;
  const t = editingTextOf(i18n);
  const action = (step: string) => i18n.path(`/edit/${props.slug}/${step}`);
  return (
    <>
      <form method="post" action={action('approve')}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="revisionId" value={String(r.id)} />
        <p>{t('reviewApproveHint')}</p>
        <button type="submit" class="button">
          {t('approveRevision', { number: r.number })}
        </button>
      </form>
      <form method="post" action={action('send-back')} novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="revisionId" value={String(r.id)} />
        <Field
          id={SEND_BACK_FIELD}
          name="comment"
          label={t('sendBackLabel')}
          hint={t('sendBackHint', { max: REVIEW_COMMENT_MAX })}
          error={errorFor(props.errors, SEND_BACK_FIELD)}
          site={props.site}
          control={(a) => (
            <textarea {...a} rows={6} class="textarea-short" dir="auto" maxlength={REVIEW_COMMENT_MAX}>
              {props.comment}
            </textarea>
          )}
        />
        <button type="submit" class="button secondary">
          {t('sendBackButton')}
        </button>
      </form>
    </>
  );
}

/** What reviewers said before, so the next reviewer sees what was asked for. */
function Comments({ comments, i18n }: { comments: ReviewComment[]; i18n: Localizer }) {
  const t = editingTextOf(i18n);
  return (
    <section aria-labelledby="review-comments">
      <h2 id="review-comments">{t('reviewCommentsTitle')}</h2>
      <ul class="review-comments">
        {comments.map((c) => (
          <li>
            <ReviewCommentText comment={c} i18n={i18n} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One comment: who, when, on which revision, and what they wrote (kept as typed, line breaks included). */
export function ReviewCommentText({ comment: c, i18n }: { comment: ReviewComment; i18n: Localizer }) {
  const t = editingTextOf(i18n);
  return (
    <>
      <p>{t.rich('sentBackLine', { reviewer: c.reviewerName ?? t('aReviewer'), number: c.revisionNumber, date: i18n.date(c.createdAt), time: (chunks) => <time datetime={c.createdAt}>{chunks}</time> })}</p>
      <blockquote class="review-comment" dir="auto">
        {c.body.split(/\r?\n/).map((line, i) => (
          <>
            {i ? <br /> : null}
            {line}
          </>
        ))}
      </blockquote>
    </>
  );
}

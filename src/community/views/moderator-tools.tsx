import type { Child } from 'hono/jsx';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { Field } from '../../web/form-field.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { BODY_MAX, TITLE_MAX } from '../forums.js';
import { communityText } from '../messages/index.js';
import { selectKey } from '../messages/select-key.js';
import { REASON_MAX, type ModeratedPost } from '../moderation/actions.js';
import { EVIDENCE_NOTE_MAX, type EvidenceNote } from '../moderation/evidence.js';
import { type CommunityFrame, Notice, TextArea, authorLabel } from './parts.js';

export interface PostToolsValues {
  editBody?: string;
  editReason?: string;
  hideReason?: string;
  lockReason?: string;
  moveCategory?: string;
  warnReason?: string;
  suspendUntil?: string;
  suspendReason?: string;
  note?: string;
  evidencePage?: string;
  evidenceNote?: string;
  splitTitle?: string;
  splitReason?: string;
}

export interface ToolsTopic {
  id: number;
  title: string;
  lockedAt: string | null;
  lockReason: string | null;
  categoryId: number;
  categoryName: string;
}

export interface HistoryEntry {
  at: string;
  actor: string | null;
  action: string;
  reason: string | null;
  onTopic: boolean;
}

/** Where a form sends the moderator back: the topic page, or the tools page of this post. */
function BackFields({ back, postId }: { back: 'topic' | 'post'; postId?: number | undefined }) {
  return (
    <>
      <input type="hidden" name="back" value={back} />
      {postId ? <input type="hidden" name="post" value={String(postId)} /> : null}
    </>
  );
}

/** Hide a published post (reason required), or show a hidden one again. */
export function HidePostForm(props: { site: SiteContext; csrfToken: string; post: { id: number; status: string; hiddenReason: string | null }; value?: string | undefined; error?: string | undefined; back: 'topic' | 'post' }) {
  const { site, post } = props;
  const t = site.i18n.text(communityText);
  if (post.status === 'visible') {
    return (
      <form method="post" action={site.i18n.path(`/moderation/posts/${post.id}/hide`)} novalidate>
        <CsrfField token={props.csrfToken} />
        <BackFields back={props.back} postId={post.id} />
        <TextField id="hide-reason" name="reason" label={t('hideReasonLabel')} hint={t('hideReasonHint')} value={props.value ?? ''} maxlength={REASON_MAX} error={props.error} dir="auto" />
        <button type="submit" class="button secondary">
          {t('hideButton')}
        </button>
      </form>
    );
  }
  if (post.status === 'removed' && post.hiddenReason !== null) {
    return (
      <form method="post" action={site.i18n.path(`/moderation/posts/${post.id}/unhide`)}>
        <CsrfField token={props.csrfToken} />
        <BackFields back={props.back} postId={post.id} />
        {props.error ? <p class="field-error">{props.error}</p> : null}
        <button type="submit" class="button secondary">
          {t('unhideButton')}
        </button>
      </form>
    );
  }
  return null;
}

/** Lock or unlock a topic, and move it to another category. */
export function TopicTools(props: {
  site: SiteContext;
  csrfToken: string;
  topic: ToolsTopic;
  categories: Array<{ id: number; name: string }>;
  back: 'topic' | 'post';
  postId?: number | undefined;
  values?: PostToolsValues;
  errors?: FieldError[];
}) {
  const { site, topic } = props;
  const t = site.i18n.text(communityText);
  const errors = props.errors ?? [];
  const base = `/moderation/topics/${topic.id}`;
  const moveError = errorFor(errors, 'move-category');
  return (
    <section aria-labelledby="topic-tools-title" class="moderator-tools">
      <h2 id="topic-tools-title">{t('topicToolsTitle')}</h2>
      {topic.lockedAt ? (
        <form method="post" action={site.i18n.path(`${base}/unlock`)}>
          <CsrfField token={props.csrfToken} />
          <BackFields back={props.back} postId={props.postId} />
          <p>{topic.lockReason ? t('topicLockedWithReason', { reason: topic.lockReason }) : t('topicLocked')}</p>
          <button type="submit" class="button secondary">
            {t('unlockButton')}
          </button>
        </form>
      ) : (
        <form method="post" action={site.i18n.path(`${base}/lock`)} novalidate>
          <CsrfField token={props.csrfToken} />
          <BackFields back={props.back} postId={props.postId} />
          <TextField id="lock-reason" name="reason" label={t('lockReasonLabel')} hint={t('lockReasonHint')} value={props.values?.lockReason ?? ''} maxlength={REASON_MAX} error={errorFor(errors, 'lock-reason')} dir="auto" />
          <button type="submit" class="button secondary">
            {t('lockButton')}
          </button>
        </form>
      )}
      {props.categories.some((c) => c.id !== topic.categoryId) ? (
        <form method="post" action={site.i18n.path(`${base}/move`)} novalidate>
          <CsrfField token={props.csrfToken} />
          <BackFields back={props.back} postId={props.postId} />
          <Field
            site={site}
            id="move-category"
            name="category"
            label={t('moveLabel', { category: topic.categoryName })}
            error={moveError}
            control={(a) => (
              <select {...a}>
                {props.categories
                  .filter((c) => c.id !== topic.categoryId)
                  .map((c) => (
                    <option value={String(c.id)} selected={props.values?.moveCategory === String(c.id)}>
                      {c.name}
                    </option>
                  ))}
              </select>
            )}
          />
          <button type="submit" class="button secondary">
            {t('moveButton')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function HistoryList({ site, history }: { site: SiteContext; history: HistoryEntry[] }) {
  const t = site.i18n.text(communityText);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('historyTitle')}</h2>
      {history.length ? (
        <ul class="history">
          {history.map((h) => (
            <li>
              <time datetime={h.at}>{site.i18n.instant(h.at)}</time> · <bdi>{h.actor ?? t('historySystem')}</bdi> · {t('historyAction', { action: selectKey(h.action) })}
              {h.reason ? <> — <bdi>{h.reason}</bdi></> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('historyEmpty')}</p>
      )}
    </section>
  );
}

export type ToolsNotice = 'noticeEdited' | 'noticeHidden' | 'noticeUnhidden' | 'noticeLocked' | 'noticeUnlocked' | 'noticeMoved' | 'noticeWarned' | 'noticeSuspended' | 'noticeLifted' | 'noticeNoted' | 'noticeEvidence' | 'noticeSplit';

/** One post's tools: its text and state, edit, hide or show again, the topic's tools, and the history of both. */
export function PostToolsPage(
  props: CommunityFrame & {
    post: ModeratedPost;
    authorName: string | null;
    bodyHtml: string;
    topic: ToolsTopic;
    categories: Array<{ id: number; name: string }>;
    history: HistoryEntry[];
    values: PostToolsValues;
    errors: FieldError[];
    notice?: ToolsNotice | undefined;
    /** The writer's warnings, suspension and moderators' notes (sanctions), when the post has a writer. */
    memberTools?: Child;
    evidence: EvidenceNote[];
  },
) {
  const { site, post, topic, errors, values } = props;
  const t = site.i18n.text(communityText);
  const crumbs = [
    { label: t('home'), href: '/' },
    { label: t('queueTitle'), href: '/moderation' },
  ];
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={formTitle(t('toolsTitle'), errors, site.i18n)} breadcrumbs={crumbs} noindex>
      <ErrorSummary errors={errors} i18n={site.i18n} />
      <h1>{t('toolsTitle')}</h1>
      {props.notice ? <Notice>{t(props.notice)}</Notice> : null}
      <p dir="auto">
        <a href={site.i18n.path(`/forums/topics/${topic.id}#post-${post.id}`)}>{topic.title}</a>
      </p>
      <dl class="summary-list">
        <div>
          <dt>{t('itemWriter')}</dt>
          <dd dir="auto">{authorLabel(site, props.authorName)}</dd>
        </div>
        <div>
          <dt>{t('toolsState')}</dt>
          <dd>
            {t('postState', { state: post.status === 'removed' && post.hiddenReason !== null ? 'hidden' : post.status })}
            {post.hiddenReason ? <> — <bdi>{post.hiddenReason}</bdi></> : null}
          </dd>
        </div>
      </dl>
      <h2>{t('itemText')}</h2>
      <div class="post-body" dir="auto" dangerouslySetInnerHTML={{ __html: props.bodyHtml }}></div>
      {post.moderatorNote ? <p class="moderator-note">{t('editedByModerator', { reason: post.moderatorNote })}</p> : null}
      <EvidenceNotes site={site} notes={props.evidence} />
      {post.status === 'held' ? (
        <p>
          <a href={site.i18n.path(`/moderation/${post.id}`)}>{t('toolsHeldInQueue')}</a>
        </p>
      ) : null}

      {post.status === 'visible' ? (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{t('editTitle')}</h2>
          <form method="post" action={site.i18n.path(`/moderation/posts/${post.id}/edit`)} novalidate>
            <CsrfField token={props.csrfToken} />
            <BackFields back="post" postId={post.id} />
            <TextArea site={site} id="edit-body" name="body" label={t('editLabel')} hint={t('editHint')} value={values.editBody ?? post.body} error={errorFor(errors, 'edit-body')} maxlength={BODY_MAX} rows={10} />
            <TextField id="edit-reason" name="reason" label={t('editReasonLabel')} hint={t('editReasonHint')} value={values.editReason ?? ''} maxlength={REASON_MAX} error={errorFor(errors, 'edit-reason')} dir="auto" />
            <button type="submit" class="button">
              {t('editButton')}
            </button>
          </form>
        </section>
      ) : null}

      {post.status === 'visible' ? <EvidenceForm site={site} csrfToken={props.csrfToken} postId={post.id} values={values} errors={errors} /> : null}

      {post.status === 'visible' || post.hiddenReason !== null ? (
        <section aria-labelledby="hide-title">
          <h2 id="hide-title">{t('hideTitle')}</h2>
          <HidePostForm site={site} csrfToken={props.csrfToken} post={post} value={values.hideReason} error={errorFor(errors, 'hide-reason')} back="post" />
        </section>
      ) : null}

      {post.status === 'visible' && !post.isOpening ? <SplitTopicForm site={site} csrfToken={props.csrfToken} postId={post.id} values={values} errors={errors} /> : null}

      {props.memberTools ?? null}

      <TopicTools site={site} csrfToken={props.csrfToken} topic={topic} categories={props.categories} back="post" postId={post.id} values={values} errors={errors} />
      <HistoryList site={site} history={props.history} />
    </Layout>
  );
}

/** Split the topic at this reply: it and every later post become a new topic under the title given. */
function SplitTopicForm({ site, csrfToken, postId, values, errors }: { site: SiteContext; csrfToken: string; postId: number; values: PostToolsValues; errors: FieldError[] }) {
  const t = site.i18n.text(communityText);
  return (
    <section aria-labelledby="split-title-heading">
      <h2 id="split-title-heading">{t('splitHeading')}</h2>
      <p>{t('splitIntro')}</p>
      <form method="post" action={site.i18n.path(`/moderation/posts/${postId}/split`)} novalidate>
        <CsrfField token={csrfToken} />
        <BackFields back="post" postId={postId} />
        <TextField id="split-title" name="title" label={t('splitTitleLabel')} value={values.splitTitle ?? ''} maxlength={TITLE_MAX} error={errorFor(errors, 'split-title')} dir="auto" />
        <TextField id="split-reason" name="reason" label={t('splitReasonLabel')} hint={t('splitReasonHint')} value={values.splitReason ?? ''} maxlength={REASON_MAX} error={errorFor(errors, 'split-reason')} dir="auto" />
        <button type="submit" class="button secondary">
          {t('splitButton')}
        </button>
      </form>
    </section>
  );
}

/** "What the evidence says" under a post: the moderator's note and the directory page, with its last medical review. */
export function EvidenceNotes({ site, notes }: { site: SiteContext; notes: EvidenceNote[] | undefined }) {
  const t = site.i18n.text(communityText);
  if (!notes?.length) return null;
  return (
    <>
      {notes.map((n) => (
        <aside class="evidence-note">
          <h2>{t('evidenceTitle')}</h2>
          <p dir="auto">{n.note}</p>
          <p>
            <a href={site.i18n.path(`/directory/${n.slug}`)}>{n.title}</a> · {n.reviewedOn ? t('evidenceReviewed', { date: site.i18n.date(n.reviewedOn) }) : t('evidenceNotReviewed')}
          </p>
        </aside>
      ))}
    </>
  );
}

/** The form that attaches what the evidence says to a published post. */
export function EvidenceForm({ site, csrfToken, postId, values, errors }: { site: SiteContext; csrfToken: string; postId: number; values: PostToolsValues; errors: FieldError[] }) {
  const t = site.i18n.text(communityText);
  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t('evidenceFormTitle')}</h2>
      <p>{t('evidenceFormIntro')}</p>
      <form method="post" action={site.i18n.path(`/moderation/posts/${postId}/evidence`)} novalidate>
        <CsrfField token={csrfToken} />
        <BackFields back="post" postId={postId} />
        <TextField id="evidence-page" name="page" label={t('evidencePageLabel')} hint={t('evidencePageHint')} value={values.evidencePage ?? ''} maxlength={300} error={errorFor(errors, 'evidence-page')} dir="auto" />
        <TextArea site={site} id="evidence-note" name="note" label={t('evidenceNoteLabel')} hint={t('evidenceNoteHint')} value={values.evidenceNote ?? ''} error={errorFor(errors, 'evidence-note')} maxlength={EVIDENCE_NOTE_MAX} rows={4} />
        <button type="submit" class="button secondary">
          {t('evidenceButton')}
        </button>
      </form>
    </section>
  );
}

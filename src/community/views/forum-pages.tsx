import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { can } from '../../accounts/permissions.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import type { CategoryRow, FlagReason, PostView, TopicSummary } from '../forums.js';
import { BODY_MAX, FLAG_REASONS, TITLE_MAX } from '../forums.js';
import { communityText } from '../messages/index.js';
import { selectKey } from '../messages/select-key.js';
import type { PrivacyFinding } from '../privacy.js';
import { FollowForm } from './following-pages.js';
import { ForumSearchForm } from './forum-search.js';
import { EvidenceNotes, TopicTools, type ToolsTopic } from './moderator-tools.js';
import type { EvidenceNote } from '../moderation/evidence.js';
import { type CommunityFrame, CrisisBox, GuardedFormFields, Notice, Pager, TextArea, authorLabel } from './parts.js';

type Category = CategoryRow & { topics: number; latest: string | null };

const categoryPath = (slug: string) => `/forums/${slug}`;
const topicPath = (id: number) => `/forums/topics/${id}`;

function forumCrumbs(site: SiteContext, ...more: Array<{ label: string; href: string }>) {
  const t = site.i18n.text(communityText);
  return [{ label: t('home'), href: '/' }, { label: t('forumsTitle'), href: '/forums' }, ...more];
}

/** Who may write, and what to say to those who may not yet. */
function JoinPrompt({ site, user, next }: { site: SiteContext; user: CommunityFrame['user']; next: string }) {
  const t = site.i18n.text(communityText);
  if (user) return can(user, 'forum.post') ? null : <p>{t('cannotPost')}</p>;
  return (
    <p class="join-prompt">
      {t.rich('joinPrompt', {
        join: (chunks) => <a href={site.i18n.path('/join')}>{chunks}</a>,
        signin: (chunks) => <a href={site.i18n.path(`/login?next=${encodeURIComponent(next)}`)}>{chunks}</a>,
      })}
    </p>
  );
}

export function ForumsIndexPage(props: CommunityFrame & { categories: Category[]; guidelinesHtml: string; notice?: 'noticeWelcome' | undefined }) {
  const { site } = props;
  const t = site.i18n.text(communityText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('forumsTitle')} path="/forums" breadcrumbs={forumCrumbs(site)} schemaType="CollectionPage">
      <h1>{t('forumsTitle')}</h1>
      {props.notice ? <Notice>{t(props.notice)}</Notice> : null}
      <p class="lead">{t('forumsIntro')}</p>
      <JoinPrompt site={site} user={props.user} next="/forums" />
      {props.categories.length ? <ForumSearchForm site={site} /> : null}
      {props.categories.length ? (
        <ul class="card-list forum-categories">
          {props.categories.map((c) => (
            <li>
              <a href={site.i18n.path(categoryPath(c.slug))} lang={c.lang ?? undefined}>
                {c.name}
              </a>
              {c.visibility === 'members' ? <span class="badge">{t('membersOnly')}</span> : null}
              {c.description ? <p lang={c.lang ?? undefined}>{c.description}</p> : null}
              <p>
                {t('categoryTopics', { count: c.topics })}
                {c.latest ? <> · {t.rich('categoryLatest', { date: site.i18n.date(c.latest), time: (chunks) => <time datetime={c.latest!}>{chunks}</time> })}</> : null}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noCategories')}</p>
      )}
      {props.guidelinesHtml ? (
        <details class="guidelines">
          <summary>{t('guidelinesTitle')}</summary>
          <div dangerouslySetInnerHTML={{ __html: props.guidelinesHtml }}></div>
        </details>
      ) : null}
    </Layout>
  );
}

export function CategoryPage(props: CommunityFrame & { category: CategoryRow; list: { items: TopicSummary[]; page: number; pageCount: number; total: number } }) {
  const { site, category, list } = props;
  const t = site.i18n.text(communityText);
  const path = categoryPath(category.slug);
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={category.name}
      description={category.description}
      path={list.page > 1 ? `${path}?page=${list.page}` : path}
      breadcrumbs={forumCrumbs(site, { label: category.name, href: path })}
      schemaType="CollectionPage"
      noindex={category.visibility === 'members'}
    >
      <h1 lang={category.lang ?? undefined}>{category.name}</h1>
      {category.description ? <p class="lead" lang={category.lang ?? undefined}>{category.description}</p> : null}
      {category.visibility === 'members' ? <p class="badge-line">{t('membersOnlyHint')}</p> : null}
      {props.user && can(props.user, 'forum.post') ? (
        <p>
          <a class="button" href={site.i18n.path(`${path}/new`)}>
            {t('startTopic')}
          </a>
        </p>
      ) : (
        <JoinPrompt site={site} user={props.user} next={path} />
      )}
      {list.total ? <ForumSearchForm site={site} category={{ id: category.id, name: category.name }} /> : null}
      <h2>{t('topicsHeading')}</h2>
      {list.items.length ? (
        <ul class="topic-list">
          {list.items.map((topic) => (
            <li>
              <a href={site.i18n.path(topicPath(topic.id))} dir="auto">
                {topic.title}
              </a>
              {topic.isNew ? <span class="badge badge-new">{t('newBadge')}</span> : null}
              {topic.status === 'held' ? <span class="badge">{t('waitsBadge')}</span> : null}
              <p>
                {t('topicBy', { name: authorLabel(site, topic.authorName) })} · {t('topicReplies', { count: topic.replyCount })} ·{' '}
                {t.rich('topicLastPost', { date: site.i18n.instant(topic.lastPostAt), time: (chunks) => <time datetime={topic.lastPostAt}>{chunks}</time> })}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noTopics')}</p>
      )}
      <Pager site={site} page={list.page} pageCount={list.pageCount} href={(p) => site.i18n.path(`${path}?page=${p}`)} label={t('topicPages')} />
    </Layout>
  );
}

export type TopicNotice = 'noticeFollowed' | 'noticeUnfollowed' | 'noticeHeld' | 'noticePosted' | 'noticeFlagged' | 'noticeLocked' | 'noticeUnlocked' | 'noticeMoved' | 'noticeEdited' | 'noticeHidden' | 'noticeUnhidden';

export interface ReplyForm {
  body: string;
  errors: FieldError[];
  findings: PrivacyFinding[];
  started: string;
}

function PrivacyWarning({ site, findings }: { site: SiteContext; findings: PrivacyFinding[] }) {
  const t = site.i18n.text(communityText);
  if (!findings.length) return null;
  return (
    <div class="warning-box" role="alert">
      <h2>{t('privacyTitle')}</h2>
      <p>{t('privacyIntro')}</p>
      <ul>
        {findings.map((f) => (
          <li>
            {t('privacyFound', { kind: f.kind })} <bdi>{f.text}</bdi>
          </li>
        ))}
      </ul>
      <input type="checkbox" id="privacy-confirmed" name="privacyConfirmed" value="1" />
      <label for="privacy-confirmed">{t('privacyConfirmLabel')}</label>
    </div>
  );
}

export function TopicPage(
  props: CommunityFrame & {
    category: CategoryRow;
    topic: ToolsTopic & { status: string };
    /** Categories a moderator may move the topic to; null for everyone else. */
    moderatorCategories: Array<{ id: number; name: string }> | null;
    /** Whether the viewer follows the topic; null when they cannot (not signed in, or the topic waits). */
    following: boolean | null;
    /** "What the evidence says" notes, by post. */
    evidence: Map<number, EvidenceNote[]>;
    list: { items: PostView[]; page: number; pageCount: number };
    renderBody: (markdown: string) => string;
    reply: ReplyForm | null;
    readSince: string | null;
    notice?: TopicNotice | undefined;
    crisisHtml: string | null;
  },
) {
  const { site, category, topic, list } = props;
  const t = site.i18n.text(communityText);
  const path = topicPath(topic.id);
  const errors = props.reply?.errors ?? [];
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle(topic.title, errors, site.i18n)}
      path={list.page > 1 ? `${path}?page=${list.page}` : path}
      breadcrumbs={forumCrumbs(site, { label: category.name, href: categoryPath(category.slug) })}
      schemaType="DiscussionForumPosting"
      noindex={category.visibility === 'members' || topic.status !== 'visible'}
    >
      <ErrorSummary errors={errors} i18n={site.i18n} />
      <h1 dir="auto">{topic.title}</h1>
      {props.notice ? <Notice>{t(props.notice)}</Notice> : null}
      {props.crisisHtml !== null ? <CrisisBox site={site} crisisHtml={props.crisisHtml} /> : null}
      {topic.lockedAt ? <p class="locked-note">{topic.lockReason ? t('topicLockedWithReason', { reason: topic.lockReason }) : t('topicLocked')}</p> : null}
      <ol class="post-list" start={(list.page - 1) * 20 + 1}>
        {list.items.map((post) => (
          <li id={`post-${post.id}`} class={post.status === 'held' ? 'post post-held' : 'post'}>
            <article aria-labelledby={`post-${post.id}-by`}>
              <header>
                <p id={`post-${post.id}-by`} class="post-meta">
                  <strong dir="auto">{authorLabel(site, post.authorName)}</strong> · <time datetime={post.createdAt}>{site.i18n.instant(post.createdAt)}</time>
                  {props.readSince && post.createdAt > props.readSince && post.status === 'visible' ? <span class="badge badge-new">{t('newBadge')}</span> : null}
                </p>
              </header>
              {post.status === 'removed' ? (
                <>
                  <p class="post-removed">{post.hiddenReason !== null ? t('hiddenPost', { reason: post.hiddenReason }) : t('removedPost')}</p>
                  {props.moderatorCategories && post.hiddenReason !== null ? (
                    <p class="post-actions">
                      <a href={site.i18n.path(`/moderation/posts/${post.id}`)}>{t('moderateLink')}</a>
                    </p>
                  ) : null}
                </>
              ) : (
                <>
                  {post.status === 'held' ? <p class="badge-line">{t('heldOwnPost')}</p> : null}
                  <div class="post-body" dir="auto" dangerouslySetInnerHTML={{ __html: props.renderBody(post.body) }}></div>
                  {post.moderatorNote ? <p class="moderator-note">{t('editedByModerator', { reason: post.moderatorNote })}</p> : null}
                  {post.status === 'visible' ? <EvidenceNotes site={site} notes={props.evidence.get(post.id)} /> : null}
                  {props.user && can(props.user, 'forum.post') && post.status === 'visible' ? (
                    <p class="post-actions">
                      <a href={site.i18n.path(`${path}?quote=${post.id}${list.page > 1 ? `&page=${list.page}` : ''}#reply`)}>{t('quoteLink')}</a>
                      {post.authorId !== props.user.id ? (
                        <>
                          {' · '}
                          <a href={site.i18n.path(`/forums/posts/${post.id}/flag`)}>{t('flagLink')}</a>
                        </>
                      ) : null}
                      {props.moderatorCategories ? (
                        <>
                          {' · '}
                          <a href={site.i18n.path(`/moderation/posts/${post.id}`)}>{t('moderateLink')}</a>
                        </>
                      ) : null}
                    </p>
                  ) : null}
                </>
              )}
            </article>
          </li>
        ))}
      </ol>
      <Pager site={site} page={list.page} pageCount={list.pageCount} href={(p) => site.i18n.path(`${path}?page=${p}`)} label={t('postPages')} />
      {props.reply ? (
        <section aria-labelledby="reply-title" id="reply">
          <h2 id="reply-title">{t('replyHeading')}</h2>
          <form method="post" action={site.i18n.path(`${path}/reply`)} novalidate>
            <GuardedFormFields site={site} csrfToken={props.csrfToken} started={props.reply.started} />
            <PrivacyWarning site={site} findings={props.reply.findings} />
            <TextArea site={site} id="body" label={t('replyLabel')} hint={t('bodyHint')} value={props.reply.body} error={errorFor(errors, 'body')} maxlength={BODY_MAX} />
            <button type="submit" class="button">
              {t('replyButton')}
            </button>
          </form>
        </section>
      ) : topic.lockedAt ? null : (
        <JoinPrompt site={site} user={props.user} next={path} />
      )}
      {props.following !== null ? <FollowForm site={site} csrfToken={props.csrfToken} topicId={topic.id} following={props.following} /> : null}
      {props.moderatorCategories ? <TopicTools site={site} csrfToken={props.csrfToken} topic={topic} categories={props.moderatorCategories} back="topic" /> : null}
    </Layout>
  );
}

export function NewTopicPage(props: CommunityFrame & { category: CategoryRow; values: { title: string; body: string }; errors: FieldError[]; findings: PrivacyFinding[]; started: string }) {
  const { site, category, errors } = props;
  const t = site.i18n.text(communityText);
  const path = `${categoryPath(category.slug)}/new`;
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={formTitle(t('newTopicTitle', { category: category.name }), errors, site.i18n)} breadcrumbs={forumCrumbs(site, { label: category.name, href: categoryPath(category.slug) })} noindex>
      <ErrorSummary errors={errors} i18n={site.i18n} />
      <h1>{t('newTopicTitle', { category: category.name })}</h1>
      <p>{t('newTopicIntro')}</p>
      <form method="post" action={site.i18n.path(path)} novalidate>
        <GuardedFormFields site={site} csrfToken={props.csrfToken} started={props.started} />
        <PrivacyWarning site={site} findings={props.findings} />
        <TextField id="title" label={t('titleLabel')} value={props.values.title} maxlength={TITLE_MAX} error={errorFor(errors, 'title')} dir="auto" />
        <TextArea site={site} id="body" label={t('bodyLabel')} hint={t('bodyHint')} value={props.values.body} error={errorFor(errors, 'body')} maxlength={BODY_MAX} rows={12} />
        <button type="submit" class="button">
          {t('postButton')}
        </button>
      </form>
    </Layout>
  );
}

export function FlagPage(props: CommunityFrame & { post: PostView; topicTitle: string; bodyHtml: string; values: { reason: FlagReason | ''; note: string }; errors: FieldError[] }) {
  const { site, post, errors } = props;
  const t = site.i18n.text(communityText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={formTitle(t('flagTitle'), errors, site.i18n)} breadcrumbs={forumCrumbs(site, { label: props.topicTitle, href: topicPath(post.topicId) })} noindex>
      <div class="narrow-form">
        <ErrorSummary errors={errors} i18n={site.i18n} />
        <h1>{t('flagTitle')}</h1>
        <p>{t('flagIntro')}</p>
        <blockquote class="post-body" dir="auto" dangerouslySetInnerHTML={{ __html: props.bodyHtml }}></blockquote>
        <form method="post" action={site.i18n.path(`/forums/posts/${post.id}/flag`)} novalidate>
          <CsrfField token={props.csrfToken} />
          <fieldset class={errorFor(errors, 'reason-spam') ? 'field has-error' : 'field'}>
            <legend>{t('flagReasonLegend')}</legend>
            {errorFor(errors, 'reason-spam') ? <p class="field-error">{errorFor(errors, 'reason-spam')}</p> : null}
            {FLAG_REASONS.map((reason) => (
              <div class="choice">
                <input type="radio" id={`reason-${reason}`} name="reason" value={reason} checked={props.values.reason === reason} />
                <label for={`reason-${reason}`}>{t('flagReason', { reason: selectKey(reason) })}</label>
              </div>
            ))}
          </fieldset>
          <TextArea site={site} id="note" label={t('flagNoteLabel')} value={props.values.note} maxlength={1000} rows={3} />
          <button type="submit" class="button">
            {t('flagButton')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import type { QueueItem } from '../forums.js';
import type { SharedQueueItem } from '../moderation/queue-sources.js';
import { BODY_MAX } from '../forums.js';
import { CANNED_REPLIES } from '../moderation/canned-replies.js';
import { communityText } from '../messages/index.js';
import { selectKey } from '../messages/select-key.js';
import type { Child } from 'hono/jsx';
import { type HistoryEntry, HidePostForm, type ToolsNotice, HistoryList, TopicTools, type ToolsTopic } from './moderator-tools.js';
import { ClaimControl, type CommunityFrame, Notice, TextArea, authorLabel } from './parts.js';

function crumbs(site: SiteContext, ...more: Array<{ label: string; href: string }>) {
  const t = site.i18n.text(communityText);
  return [{ label: t('home'), href: '/' }, { label: t('queueTitle'), href: '/moderation' }, ...more];
}

function Reason({ site, item }: { site: SiteContext; item: QueueItem }) {
  const t = site.i18n.text(communityText);
  return (
    <>
      {item.urgent ? <strong class="badge badge-urgent">{t('queueUrgent')}</strong> : null}
      <span>{t('queueReason', { reason: t('checkName', { check: selectKey(item.reason ?? 'none') }) })}</span>
    </>
  );
}

export type QueueNotice = 'noticeApproved' | 'noticeRejected';

export function QueuePage(props: CommunityFrame & { items: QueueItem[]; writers: Map<number, { notes: number; warnings: number; suspended: boolean }>; shared?: ReadonlyArray<{ heading: string; items: SharedQueueItem[] }>; notice?: QueueNotice | undefined; guidelinesHtml: string }) {
  const { site } = props;
  const t = site.i18n.text(communityText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('queueTitle')} path="/moderation" breadcrumbs={crumbs(site)} noindex>
      <h1>{t('queueTitle')}</h1>
      {props.notice ? <Notice>{t(props.notice)}</Notice> : null}
      <p>{t('queueIntro')}</p>
      {props.items.length ? (
        <ol class="queue">
          {props.items.map((item) => (
            <li class={item.urgent ? 'queue-item urgent' : 'queue-item'}>
              <p>
                <a href={site.i18n.path(`/moderation/${item.postId}`)} dir="auto">
                  {item.topicTitle}
                </a>
              </p>
              <p>
                <Reason site={site} item={item} />
                {' · '}
                {t('queueBy', { name: authorLabel(site, item.authorName), category: item.categoryName })}
                {item.flags.length ? <> · {t('queueFlags', { count: item.flags.length })}</> : null}
                {item.claimedByName ? <> · {t('queueClaimedBy', { name: item.claimedByName })}</> : null}
                {item.authorId !== null && props.writers.get(item.authorId) ? <> · {t('queueWriterRecord', { notes: props.writers.get(item.authorId)!.notes, warnings: props.writers.get(item.authorId)!.warnings })}</> : null}
                {item.authorId !== null && props.writers.get(item.authorId)?.suspended ? <> · <strong class="badge">{t('queueWriterSuspended')}</strong></> : null}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('queueEmpty')}</p>
      )}
      {(props.shared ?? []).filter((section) => section.items.length).map((section) => (
        <section aria-label={section.heading}>
          <h2>{section.heading}</h2>
          <ol class="queue">
            {section.items.map((item) => (
              <li class="queue-item">
                <a href={site.i18n.path(item.href)} dir="auto">
                  {item.label}
                </a>{' '}
                <time datetime={item.at}>{site.i18n.instant(item.at)}</time>
              </li>
            ))}
          </ol>
        </section>
      ))}
      {props.guidelinesHtml ? (
        <details class="guidelines">
          <summary>{t('guidelinesTitle')}</summary>
          <div dangerouslySetInnerHTML={{ __html: props.guidelinesHtml }}></div>
        </details>
      ) : null}
    </Layout>
  );
}

export function QueueItemPage(
  props: CommunityFrame & {
    item: QueueItem;
    bodyHtml: string;
    values: { body: string; reason: string };
    errors: FieldError[];
    claimedByOther: string | null;
    claimedByMe: boolean;
    history: HistoryEntry[];
    topic: ToolsTopic;
    categories: Array<{ id: number; name: string }>;
    notice?: ToolsNotice | undefined;
    /** The writer's record and the forms to warn, suspend or note (member-tools.tsx). */
    memberTools: Child;
  },
) {
  const { site, item, errors } = props;
  const t = site.i18n.text(communityText);
  const base = `/moderation/${item.postId}`;
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={formTitle(t('itemTitle'), errors, site.i18n)} breadcrumbs={crumbs(site)} noindex>
      <ErrorSummary errors={errors} i18n={site.i18n} />
      <h1>{t('itemTitle')}</h1>
      {props.notice ? <Notice>{t(props.notice)}</Notice> : null}
      <p dir="auto">
        <a href={site.i18n.path(`/forums/topics/${item.topicId}`)}>{item.topicTitle}</a>
      </p>
      <dl class="summary-list">
        <div>
          <dt>{t('itemWhy')}</dt>
          <dd>
            <Reason site={site} item={item} />
          </dd>
        </div>
        <div>
          <dt>{t('itemChecks')}</dt>
          <dd>
            {item.details.length ? (
              <ul>
                {item.details.map((m) => (
                  <li>
                    {t('checkName', { check: selectKey(m.check) })}: <bdi>{m.detail}</bdi>
                  </li>
                ))}
              </ul>
            ) : (
              t('itemNoChecks')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('itemWriter')}</dt>
          <dd dir="auto">{authorLabel(site, item.authorName)}</dd>
        </div>
        {item.flags.length ? (
          <div>
            <dt>{t('itemFlags')}</dt>
            <dd>
              <ul>
                {item.flags.map((f) => (
                  <li>
                    {t('flagReason', { reason: selectKey(f.reason) })}
                    {f.note ? <> — <bdi>{f.note}</bdi></> : null}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      <h2>{t('itemText')}</h2>
      <div class="post-body" dir="auto" dangerouslySetInnerHTML={{ __html: props.bodyHtml }}></div>

      <ClaimControl
        action={site.i18n.path(`${base}/claim`)}
        csrfToken={props.csrfToken}
        claimedByOther={props.claimedByOther}
        claimedByMe={props.claimedByMe}
        words={{ claimedByOther: props.claimedByOther ? t('claimedByOther', { name: props.claimedByOther }) : '', claim: t('claimButton'), claimedByYou: t('claimedByYou') }}
      />

      <section aria-labelledby="approve-title">
        <h2 id="approve-title">{t('approveTitle')}</h2>
        <form method="post" action={site.i18n.path(`${base}/approve`)} novalidate>
          <CsrfField token={props.csrfToken} />
          <TextArea site={site} id="body" label={t('editLabel')} hint={t('editHint')} value={props.values.body} error={errorFor(errors, 'body')} maxlength={BODY_MAX} rows={10} />
          <TextField id="edit-reason" name="reason" label={t('editReasonLabel')} hint={t('editReasonHint')} value={props.values.reason} maxlength={200} error={errorFor(errors, 'edit-reason')} dir="auto" />
          <button type="submit" class="button">
            {t('approveButton')}
          </button>
        </form>
      </section>

      <section aria-labelledby="reject-title">
        <h2 id="reject-title">{t('rejectTitle')}</h2>
        <form method="post" action={site.i18n.path(`${base}/reject`)} novalidate>
          <CsrfField token={props.csrfToken} />
          <fieldset class={errorFor(errors, 'reply-guidelines') ? 'field has-error' : 'field'}>
            <legend>{t('rejectLegend')}</legend>
            {errorFor(errors, 'reply-guidelines') ? <p class="field-error">{errorFor(errors, 'reply-guidelines')}</p> : null}
            {CANNED_REPLIES.map((reply) => (
              <div class="choice">
                <input type="radio" id={`reply-${reply}`} name="reply" value={reply} />
                <label for={`reply-${reply}`}>{t('cannedReply', { reply: selectKey(reply) })}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button">
            {t('rejectButton')}
          </button>
        </form>
      </section>

      {item.status === 'visible' ? (
        <section aria-labelledby="hide-title">
          <h2 id="hide-title">{t('hideTitle')}</h2>
          <HidePostForm site={site} csrfToken={props.csrfToken} post={{ id: item.postId, status: item.status, hiddenReason: null }} error={errorFor(errors, 'hide-reason')} back="post" />
        </section>
      ) : null}
      {props.memberTools}
      <p>
        <a href={site.i18n.path(`/moderation/posts/${item.postId}`)}>{t('toolsLink')}</a>
      </p>
      <TopicTools site={site} csrfToken={props.csrfToken} topic={props.topic} categories={props.categories} back="post" postId={item.postId} errors={errors} />
      <HistoryList site={site} history={props.history} />
    </Layout>
  );
}

import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { ClaimControl, TextArea } from '../../community/views/parts.js';
import type { StoryConsentPurpose } from '../../db/schema.js';
import { Layout } from '../../web/layout.js';
import { storiesText } from '../messages/index.js';
import { BODY_MAX, TITLE_MAX } from '../store.js';
import type { StoriesFrame } from './parts.js';

export interface ModeratedStory {
  id: number;
  title: string;
  bodyHtml: string;
  displayName: string;
  nameKind: 'pseudonym' | 'name';
  country: string;
  createdAt: string;
  topics: Array<{ slug: string; title: string }>;
  consents: Array<{ purpose: StoryConsentPurpose; granted: boolean; textVersion: string; expiresOn: string | null }>;
}

/** One line of the story's history (the audit log). */
export interface StoryHistoryEntry {
  at: string;
  actor: string | null;
  action: string;
}

const PURPOSE_KEYS = { publish: 'purposePublish', translate: 'purposeTranslate', newsletter: 'purposeNewsletter' } as const;
/** Audit actions as select keys (ICU keys cannot hold dots). */
const historyKey = (action: string) => action.replace(/^stories\./, '').replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** A story in the moderators' queue: claim it, publish as sent, or edit for privacy (the storyteller then approves), or reject. */
export function StoryModerationPage(props: StoriesFrame & { story: ModeratedStory; values: { title: string; body: string; reason: string }; errors: FieldError[]; claimedByOther: string | null; claimedByMe: boolean; history: StoryHistoryEntry[] }) {
  const { site, story, values, errors } = props;
  const t = site.i18n.text(storiesText);
  const crumbs = [{ label: t('home'), href: '/' }, { label: t('queueTitle'), href: '/moderation' }];
  const base = `/moderation/stories/${story.id}`;
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={formTitle(t('moderateTitle'), errors, site.i18n)} breadcrumbs={crumbs} noindex>
      <ErrorSummary errors={errors} i18n={site.i18n} />
      <h1>{t('moderateTitle')}</h1>
      <p>{t('moderateIntro')}</p>
      <dl class="summary-list">
        <div>
          <dt>{t('moderateBy')}</dt>
          <dd dir="auto">{story.nameKind === 'name' ? t('moderateRealName', { name: story.displayName }) : story.displayName}</dd>
        </div>
        <div>
          <dt>{t('countryLabel')}</dt>
          <dd dir="auto">{story.country || t('none')}</dd>
        </div>
        <div>
          <dt>{t('moderateSent')}</dt>
          <dd>{site.i18n.instant(story.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('storyTopics')}</dt>
          <dd>{story.topics.length ? story.topics.map((p) => p.title).join(', ') : t('none')}</dd>
        </div>
        <div>
          <dt>{t('consentLegend')}</dt>
          <dd>
            <ul>
              {story.consents.map((c) => (
                <li>
                  {t(PURPOSE_KEYS[c.purpose])}: {c.granted ? (c.expiresOn ? t('consentGrantedUntil', { date: site.i18n.date(c.expiresOn) }) : t('consentGranted')) : t('consentRefused')} ({t('consentVersion', { version: c.textVersion })})
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <h2 dir="auto">{story.title}</h2>
      <div class="story-body" dir="auto" dangerouslySetInnerHTML={{ __html: story.bodyHtml }}></div>

      <ClaimControl
        action={site.i18n.path(`${base}/claim`)}
        csrfToken={props.csrfToken}
        claimedByOther={props.claimedByOther}
        claimedByMe={props.claimedByMe}
        words={{ claimedByOther: props.claimedByOther ? t('claimedByOther', { name: props.claimedByOther }) : '', claim: t('claimButton'), claimedByYou: t('claimedByYou') }}
      />

      <section aria-labelledby="approve-title">
        <h2 id="approve-title">{t('moderateApproveTitle')}</h2>
        <p>{t('moderateEditHint')}</p>
        <form method="post" action={site.i18n.path(`${base}/approve`)} novalidate>
          <CsrfField token={props.csrfToken} />
          <TextField id="title" label={t('titleLabel')} value={values.title} maxlength={TITLE_MAX} error={errorFor(errors, 'title')} dir="auto" />
          <TextArea site={site} id="body" label={t('bodyLabel')} value={values.body} maxlength={BODY_MAX} rows={14} error={errorFor(errors, 'body')} />
          <TextField id="edit-reason" name="reason" label={t('editReasonLabel')} hint={t('editReasonHint')} value={values.reason} maxlength={200} error={errorFor(errors, 'edit-reason')} dir="auto" />
          <button type="submit" class="button">
            {t('moderateApprove')}
          </button>
        </form>
      </section>

      <section aria-labelledby="reject-title">
        <h2 id="reject-title">{t('moderateRejectTitle')}</h2>
        <form method="post" action={site.i18n.path(`${base}/reject`)}>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="button secondary">
            {t('moderateReject')}
          </button>
        </form>
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('historyTitle')}</h2>
        {props.history.length ? (
          <ul>
            {props.history.map((h) => (
              <li>
                <time datetime={h.at}>{site.i18n.instant(h.at)}</time> · <bdi>{h.actor ?? t('historyStoryteller')}</bdi> · {t('historyAction', { action: historyKey(h.action) })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('historyEmpty')}</p>
        )}
      </section>
    </Layout>
  );
}

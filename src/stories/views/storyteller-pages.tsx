import { CsrfField } from '../../accounts/views/form-parts.js';
import { Layout } from '../../web/layout.js';
import { storiesText } from '../messages/index.js';
import { type StoriesFrame, crumbs } from './parts.js';

/** A signed link opened: one button, so that mail scanners following links change nothing. */
export function ConfirmLinkPage(props: StoriesFrame & { action: string; kind: 'confirm' | 'withdraw'; title: string }) {
  const { site } = props;
  const t = site.i18n.text(storiesText);
  const heading = props.kind === 'confirm' ? t('confirmTitle') : t('withdrawTitle');
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={heading} breadcrumbs={crumbs(site)} noindex>
      <div class="narrow-form">
        <h1>{heading}</h1>
        {props.title ? <p dir="auto">{t('linkStory', { title: props.title })}</p> : null}
        <p>{props.kind === 'confirm' ? t('confirmText') : t('withdrawText')}</p>
        <form method="post" action={site.i18n.path(props.action)}>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="button">
            {props.kind === 'confirm' ? t('confirmButton') : t('withdrawButton')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** The storyteller reads the moderator's edit and approves it (or withdraws the story). */
export function ReviewEditPage(props: StoriesFrame & { action: string; shown: string; withdrawPath: string; title: string; bodyHtml: string; reason: string }) {
  const { site } = props;
  const t = site.i18n.text(storiesText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('reviewTitle')} breadcrumbs={crumbs(site)} noindex>
      <h1>{t('reviewTitle')}</h1>
      <p>{t('reviewIntro')}</p>
      <p>
        <strong>{t('reviewReason')}</strong> <span dir="auto">{props.reason}</span>
      </p>
      <article class="story story-preview">
        <h2 dir="auto">{props.title}</h2>
        <div class="story-body" dir="auto" dangerouslySetInnerHTML={{ __html: props.bodyHtml }}></div>
      </article>
      <form method="post" action={site.i18n.path(props.action)}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="shown" value={props.shown} />
        <button type="submit" class="button">
          {t('reviewApprove')}
        </button>
      </form>
      <p>
        {t.rich('reviewOr', { link: (chunks) => <a href={site.i18n.path(props.withdrawPath)}>{chunks}</a> })}
      </p>
    </Layout>
  );
}

export type LinkOutcome = 'confirmed' | 'approved' | 'withdrawn' | 'invalid' | 'done';

const OUTCOME_TITLE = { confirmed: 'confirmedTitle', approved: 'approvedTitle', withdrawn: 'withdrawnDoneTitle', invalid: 'invalidTitle', done: 'doneTitle' } as const;
const OUTCOME_TEXT = { confirmed: 'confirmedText', approved: 'approvedText', withdrawn: 'withdrawnDoneText', invalid: 'invalidText', done: 'doneText' } as const;

export function LinkOutcomePage(props: StoriesFrame & { outcome: LinkOutcome; storyPath?: string | undefined }) {
  const { site } = props;
  const t = site.i18n.text(storiesText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t(OUTCOME_TITLE[props.outcome])} breadcrumbs={crumbs(site)} noindex>
      <h1>{t(OUTCOME_TITLE[props.outcome])}</h1>
      <p role="status">{t(OUTCOME_TEXT[props.outcome])}</p>
      {props.storyPath ? (
        <p>
          <a href={site.i18n.path(props.storyPath)}>{t('readYourStory')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

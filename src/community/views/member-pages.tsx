import { ErrorSummary, type FieldError, TextField, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { CsrfField } from '../../accounts/views/form-parts.js';
import { PASSWORD_MIN_LENGTH } from '../../accounts/password-policy.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { DISPLAY_NAME_MAX } from '../members.js';
import { communityText } from '../messages/index.js';
import { type CommunityFrame, GuardedFormFields, Notice } from './parts.js';

function crumbs(site: SiteContext, last?: { label: string; href: string }) {
  const t = site.i18n.text(communityText);
  return [{ label: t('home'), href: '/' }, { label: t('forumsTitle'), href: '/forums' }, ...(last ? [last] : [])];
}

export interface JoinValues {
  displayName: string;
  email: string;
}

/** Sign-up: a pseudonym, an e-mail address to confirm, a password as strong as the staff's. */
export function JoinPage(props: CommunityFrame & { values: JoinValues; errors: FieldError[]; realNameWarning: boolean; started: string }) {
  const { site, errors, values } = props;
  const t = site.i18n.text(communityText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={formTitle(t('joinTitle'), errors, site.i18n)} path="/join" breadcrumbs={crumbs(site, { label: t('joinTitle'), href: '/join' })} noindex>
      <div class="narrow-form">
        <ErrorSummary errors={errors} i18n={site.i18n} />
        <h1>{t('joinTitle')}</h1>
        <p>{t('joinIntro')}</p>
        <form method="post" action={site.i18n.path('/join')} novalidate>
          <GuardedFormFields site={site} csrfToken={props.csrfToken} started={props.started} />
          <TextField id="display-name" name="displayName" label={t('displayNameLabel')} hint={t('displayNameHint')} value={values.displayName} maxlength={DISPLAY_NAME_MAX} autocomplete="nickname" error={errorFor(errors, 'display-name')} dir="auto" />
          {props.realNameWarning ? (
            <div class="field warning-box">
              <p>{t('realNameWarning')}</p>
              <input type="checkbox" id="keep-name" name="keepName" value="1" />
              <label for="keep-name">{t('keepNameLabel')}</label>
            </div>
          ) : null}
          <TextField id="email" label={t('emailLabel')} hint={t('emailHint')} type="email" value={values.email} autocomplete="email" maxlength={254} error={errorFor(errors, 'email')} />
          <TextField id="password" label={t('passwordLabel')} hint={t('passwordHint', { min: PASSWORD_MIN_LENGTH })} type="password" autocomplete="new-password" maxlength={256} error={errorFor(errors, 'password')} />
          <TextField id="password-confirm" label={t('passwordConfirmLabel')} type="password" autocomplete="new-password" maxlength={256} error={errorFor(errors, 'password-confirm')} />
          <button type="submit" class="button">
            {t('joinButton')}
          </button>
        </form>
        <p>{t.rich('joinSignIn', { link: (chunks) => <a href={site.i18n.path('/login?next=%2Fforums')}>{chunks}</a> })}</p>
      </div>
    </Layout>
  );
}

/** After sign-up (and whatever the address: nobody learns whether an account exists). */
export function CheckEmailPage(props: CommunityFrame & { email: string }) {
  const { site } = props;
  const t = site.i18n.text(communityText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('checkEmailTitle')} breadcrumbs={crumbs(site)} noindex>
      <h1>{t('checkEmailTitle')}</h1>
      <p>{t('checkEmailBody', { email: props.email })}</p>
    </Layout>
  );
}

/** The confirmation link's page: a button, so a mail scanner opening the link confirms nothing. */
export function VerifyPage(props: CommunityFrame & { token: string; displayName: string }) {
  const { site } = props;
  const t = site.i18n.text(communityText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('verifyTitle')} breadcrumbs={crumbs(site)} noindex>
      <div class="narrow-form">
        <h1>{t('verifyTitle')}</h1>
        <p>{t('verifyIntro', { name: props.displayName })}</p>
        <form method="post" action={site.i18n.path(`/join/verify/${props.token}`)}>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="button">
            {t('verifyButton')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function SignupProblemPage(props: CommunityFrame & { problem: 'unknown' | 'used' | 'expired' | 'taken' }) {
  const { site } = props;
  const t = site.i18n.text(communityText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('signupProblemTitle')} breadcrumbs={crumbs(site)} noindex>
      <h1>{t('signupProblemTitle')}</h1>
      <p>{t('signupProblem', { problem: props.problem })}</p>
      <p>
        <a href={site.i18n.path('/join')}>{t('joinAgain')}</a>
      </p>
    </Layout>
  );
}

export type MemberNotice = 'noticeWelcome' | 'noticeRenamed';

/** A member's own page: their pseudonym, their data, deleting the account. */
export function MemberPage(props: CommunityFrame & { displayName: string; joinedAt: string | null; nameValue: string; errors: FieldError[]; realNameWarning: boolean; notice?: MemberNotice | undefined; canDelete: boolean; followed: Array<{ id: number; title: string; lastPostAt: string; replyCount: number; isNew: boolean }> }) {
  const { site, errors } = props;
  const t = site.i18n.text(communityText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={formTitle(t('memberTitle'), errors, site.i18n)} path="/members/me" breadcrumbs={crumbs(site, { label: t('memberTitle'), href: '/members/me' })} noindex>
      <ErrorSummary errors={errors} i18n={site.i18n} />
      <h1>{t('memberTitle')}</h1>
      {props.notice ? <Notice>{t(props.notice)}</Notice> : null}
      <dl class="summary-list">
        <div>
          <dt>{t('displayNameLabel')}</dt>
          <dd dir="auto">{props.displayName}</dd>
        </div>
        {props.joinedAt ? (
          <div>
            <dt>{t('joinedLabel')}</dt>
            <dd>{site.i18n.date(props.joinedAt)}</dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="followed-title">
        <h2 id="followed-title">{t('followedTitle')}</h2>
        {props.followed.length ? (
          <ul class="topic-list">
            {props.followed.map((topic) => (
              <li>
                <a href={site.i18n.path(`/forums/topics/${topic.id}`)} dir="auto">
                  {topic.title}
                </a>
                {topic.isNew ? <span class="badge badge-new">{t('newBadge')}</span> : null}
                <p>
                  {t('topicReplies', { count: topic.replyCount })} · {t.rich('topicLastPost', { date: site.i18n.instant(topic.lastPostAt), time: (chunks) => <time datetime={topic.lastPostAt}>{chunks}</time> })}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('followedEmpty')}</p>
        )}
      </section>

      <section aria-labelledby="rename-title">
        <h2 id="rename-title">{t('renameTitle')}</h2>
        <form method="post" action={site.i18n.path('/members/me/name')} novalidate>
          <CsrfField token={props.csrfToken} />
          <TextField id="display-name" name="displayName" label={t('displayNameLabel')} hint={t('displayNameHint')} value={props.nameValue} maxlength={DISPLAY_NAME_MAX} error={errorFor(errors, 'display-name')} dir="auto" />
          {props.realNameWarning ? (
            <div class="field warning-box">
              <p>{t('realNameWarning')}</p>
              <input type="checkbox" id="keep-name" name="keepName" value="1" />
              <label for="keep-name">{t('keepNameLabel')}</label>
            </div>
          ) : null}
          <button type="submit" class="button">
            {t('renameButton')}
          </button>
        </form>
      </section>

      <section aria-labelledby="data-title">
        <h2 id="data-title">{t('dataTitle')}</h2>
        <p>{t('dataBody')}</p>
        <p>
          <a href={site.i18n.path('/members/me/data')} download="my-community-data.json">
            {t('dataLink')}
          </a>
        </p>
      </section>

      <section aria-labelledby="delete-title">
        <h2 id="delete-title">{t('deleteTitle')}</h2>
        {props.canDelete ? (
          <form method="post" action={site.i18n.path('/members/me/delete')} novalidate>
            <CsrfField token={props.csrfToken} />
            <p>{t('deleteIntro')}</p>
            <fieldset class={errorFor(errors, 'posts-keep') ? 'field has-error' : 'field'}>
              <legend>{t('deletePostsLegend')}</legend>
              {errorFor(errors, 'posts-keep') ? <p class="field-error">{errorFor(errors, 'posts-keep')}</p> : null}
              <div class="choice">
                <input type="radio" id="posts-keep" name="posts" value="keep" />
                <label for="posts-keep">{t('deleteKeepLabel')}</label>
                <p class="hint">{t('deleteKeepHint')}</p>
              </div>
              <div class="choice">
                <input type="radio" id="posts-remove" name="posts" value="remove" />
                <label for="posts-remove">{t('deleteRemoveLabel')}</label>
                <p class="hint">{t('deleteRemoveHint')}</p>
              </div>
            </fieldset>
            <TextField id="delete-password" name="password" label={t('deletePasswordLabel')} type="password" autocomplete="current-password" maxlength={256} error={errorFor(errors, 'delete-password')} />
            <button type="submit" class="button">
              {t('deleteButton')}
            </button>
          </form>
        ) : (
          <p>{t('deleteStaff')}</p>
        )}
      </section>
    </Layout>
  );
}

export function DeletedPage(props: CommunityFrame & { posts: 'keep' | 'remove' }) {
  const { site } = props;
  const t = site.i18n.text(communityText);
  return (
    <Layout site={site} user={null} csrfToken={props.csrfToken} title={t('deletedTitle')} breadcrumbs={crumbs(site)} noindex>
      <h1>{t('deletedTitle')}</h1>
      <p>{t('deletedBody', { posts: props.posts })}</p>
    </Layout>
  );
}

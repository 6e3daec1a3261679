import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { Layout } from '../../web/layout.js';
import { communityText } from '../messages/index.js';
import { type CommunityFrame, Notice, TextArea } from './parts.js';

export interface SettingsForm {
  firstPostsHeld: string;
  newMemberDays: string;
  flagThreshold: string;
  crisisAction: 'hold' | 'post';
  crisisPhrases: string;
  crisisText: string;
  crisisNotify: string;
  blockWords: string;
  holdWords: string;
  replaceWords: string;
  guidelines: string;
}

export function SettingsPage(props: CommunityFrame & { form: SettingsForm; errors: FieldError[]; saved: boolean }) {
  const { site, form, errors } = props;
  const t = site.i18n.text(communityText);
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle(t('settingsTitle'), errors, site.i18n)}
      path="/admin/community"
      breadcrumbs={[{ label: t('home'), href: '/' }, { label: t('settingsTitle'), href: '/admin/community' }]}
      noindex
    >
      <ErrorSummary errors={errors} i18n={site.i18n} />
      <h1>{t('settingsTitle')}</h1>
      {props.saved ? <Notice>{t('settingsSaved')}</Notice> : null}
      <form method="post" action={site.i18n.path('/admin/community')} novalidate>
        <CsrfField token={props.csrfToken} />
        <h2>{t('settingsTrust')}</h2>
        <TextField id="first-posts-held" name="firstPostsHeld" label={t('settingsFirstPosts')} value={form.firstPostsHeld} maxlength={4} error={errorFor(errors, 'first-posts-held')} />
        <TextField id="new-member-days" name="newMemberDays" label={t('settingsNewMemberDays')} value={form.newMemberDays} maxlength={4} error={errorFor(errors, 'new-member-days')} />
        <TextField id="flag-threshold" name="flagThreshold" label={t('settingsFlagThreshold')} value={form.flagThreshold} maxlength={4} error={errorFor(errors, 'flag-threshold')} />
        <h2>{t('settingsWatchedWords')}</h2>
        <TextArea site={site} id="block-words" name="blockWords" label={t('settingsBlockWords')} hint={t('settingsOnePerLine')} value={form.blockWords} maxlength={20_000} rows={4} />
        <TextArea site={site} id="hold-words" name="holdWords" label={t('settingsHoldWords')} hint={t('settingsOnePerLine')} value={form.holdWords} error={errorFor(errors, 'hold-words')} maxlength={20_000} rows={4} />
        <TextArea site={site} id="replace-words" name="replaceWords" label={t('settingsReplaceWords')} hint={t('settingsReplaceHint')} value={form.replaceWords} error={errorFor(errors, 'replace-words')} maxlength={20_000} rows={4} />
        <h2>{t('settingsCrisis')}</h2>
        <TextArea site={site} id="crisis-phrases" name="crisisPhrases" label={t('settingsCrisisPhrases')} hint={t('settingsOnePerLine')} value={form.crisisPhrases} error={errorFor(errors, 'crisis-phrases')} maxlength={20_000} rows={6} />
        <TextArea site={site} id="crisis-text" name="crisisText" label={t('settingsCrisisText')} hint={t('settingsCrisisTextHint')} value={form.crisisText} error={errorFor(errors, 'crisis-text')} maxlength={5000} rows={6} />
        <TextArea site={site} id="crisis-notify" name="crisisNotify" label={t('settingsCrisisNotify')} hint={t('settingsCrisisNotifyHint')} value={form.crisisNotify} error={errorFor(errors, 'crisis-notify')} maxlength={6000} rows={3} />
        <fieldset class="field">
          <legend>{t('settingsCrisisAction')}</legend>
          <div class="choice">
            <input type="radio" id="crisis-hold" name="crisisAction" value="hold" checked={form.crisisAction === 'hold'} />
            <label for="crisis-hold">{t('settingsCrisisHold')}</label>
          </div>
          <div class="choice">
            <input type="radio" id="crisis-post" name="crisisAction" value="post" checked={form.crisisAction === 'post'} />
            <label for="crisis-post">{t('settingsCrisisPost')}</label>
          </div>
        </fieldset>
        <h2>{t('guidelinesTitle')}</h2>
        <TextArea site={site} id="guidelines" name="guidelines" label={t('settingsGuidelines')} value={form.guidelines} error={errorFor(errors, 'guidelines')} maxlength={20_000} rows={10} />
        <button type="submit" class="button">
          {t('settingsSave')}
        </button>
      </form>
    </Layout>
  );
}

import type { Frame } from '../../accounts/views/frame.js';
import { CsrfField, type FieldError, errorFor } from '../../accounts/views/form-parts.js';
import { FormPage } from './form-page.js';
import { SETTINGS_FIELDS, type SettingsForm, settingsFieldId } from '../settings-form.js';
import { type EditingKey, editingTextOf } from './text.js';

const HINTS: Partial<Record<keyof SettingsForm, EditingKey>> = {
  organisation: 'settingsHintOrganisation',
  tagline: 'settingsHintTagline',
  description: 'settingsHintDescription',
  hotlines: 'settingsHintHotlines',
  urgentHelp: 'settingsHintUrgentHelp',
  donateUrl: 'settingsHintDonateUrl',
  language: 'settingsHintLanguage',
  sections: 'settingsHintSections',
  citationStyle: 'settingsHintCitationStyle',
  about: 'settingsHintAbout',
  disclaimer: 'settingsHintDisclaimer',
  support: 'settingsHintSupport',
  contact: 'settingsHintContact',
  ownedBy: 'settingsHintOwnedBy',
  funding: 'settingsHintFunding',
  advertisingPolicy: 'settingsHintAdvertisingPolicy',
  editorialPolicy: 'settingsHintEditorialPolicy',
  declarationMonths: 'settingsHintDeclarationMonths',
};

const LONG: Array<keyof SettingsForm> = ['description', 'hotlines', 'urgentHelp', 'sections', 'about', 'disclaimer', 'support', 'contact', 'funding', 'advertisingPolicy', 'editorialPolicy'];

/** Site settings for admins: every SiteSettings field, validated, with what was typed kept on error. */
export function SettingsPage(props: Frame & { form: SettingsForm; errors: FieldError[]; notice?: string | undefined }) {
  const { form, errors } = props;
  const i18n = props.site.i18n;
  const t = editingTextOf(i18n);
  const heading = t('settingsTitle');
  return (
    <FormPage site={props.site} user={props.user} csrfToken={props.csrfToken} heading={heading} crumbs={[{ label: heading, href: '/admin/settings' }]} errors={errors} notice={props.notice}>
      <form method="post" action={i18n.path('/admin/settings')} novalidate class="settings-form">
        <CsrfField token={props.csrfToken} />
        {SETTINGS_FIELDS.map(({ key, label }) => {
          const id = settingsFieldId(key);
          const error = errorFor(errors, id);
          const hintKey = HINTS[key];
          const hint = hintKey ? t(hintKey) : undefined;
          const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
          const common = { id, name: key, 'aria-describedby': describedBy, 'aria-invalid': error ? ('true' as const) : undefined };
          return (
            <div class={error ? 'field has-error' : 'field'}>
              <label for={id}>{t(label)}</label>
              {hint ? (
                <span class="hint" id={`${id}-hint`}>
                  {hint}
                </span>
              ) : null}
              {error ? (
                <span class="field-error" id={`${id}-error`}>
                  <span class="visually-hidden">{t('errorPrefix')}</span>
                  {error}
                </span>
              ) : null}
              {key === 'citationStyle' ? (
                <select {...common}>
                  <option value="vancouver" selected={form.citationStyle === 'vancouver'}>
                    {t('citationVancouver')}
                  </option>
                  <option value="apa" selected={form.citationStyle === 'apa'}>
                    {t('citationApa')}
                  </option>
                </select>
              ) : key === 'advertising' ? (
                <select {...common}>
                  <option value="unstated" selected={form.advertising === 'unstated'}>
                    {t('advertisingUnstated')}
                  </option>
                  <option value="none" selected={form.advertising === 'none'}>
                    {t('advertisingNone')}
                  </option>
                  <option value="carries" selected={form.advertising === 'carries'}>
                    {t('advertisingCarries')}
                  </option>
                </select>
              ) : LONG.includes(key) ? (
                <textarea {...common} rows={key === 'hotlines' || key === 'sections' || key === 'description' || key === 'funding' || key === 'advertisingPolicy' ? 4 : 10}>
                  {form[key]}
                </textarea>
              ) : (
                <input {...common} type={key === 'contactEmail' ? 'email' : 'text'} value={form[key]} autocomplete="off" {...(key === 'declarationMonths' ? { inputmode: 'numeric' as const, class: 'input-short' } : {})} />
              )}
            </div>
          );
        })}
        <button type="submit" class="button">
          {t('saveSettings')}
        </button>
      </form>
    </FormPage>
  );
}

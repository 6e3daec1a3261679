import type { Frame } from '../../accounts/views/frame.js';
import { CsrfField, ErrorSummary, type FieldError, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { Layout } from '../../web/layout.js';
import { SETTINGS_FIELDS, type SettingsForm, settingsFieldId } from '../settings-form.js';

const HINTS: Partial<Record<keyof SettingsForm, string>> = {
  organisation: 'Shown in the header, page titles and the copyright line.',
  tagline: 'One line under the name on the home page.',
  description: 'Who the organisation is, for the home page and search engines.',
  hotlines: 'One line each, written “label | number”, e.g. “Helpline | +1 555 0100”.',
  donateUrl: 'A web address starting with https://, or a path on this site. Leave empty if you do not take donations online.',
  language: 'A language code such as en, en-GB or fr.',
  sections: 'The links across the top of every page, one per line, written “label | address”, e.g. “Support | /support”. An address is a path on this site, a web address starting with https:// or a mailto: link.',
  citationStyle: 'How references are written on every page.',
  about: 'Markdown; [[Page title]] links to a directory page.',
  disclaimer: 'Markdown; shown on /disclaimer and linked from every topic page.',
  support: 'Markdown.',
  contact: 'Markdown, shown above the contact details.',
};

const LONG: Array<keyof SettingsForm> = ['description', 'hotlines', 'sections', 'about', 'disclaimer', 'support', 'contact'];

/** Site settings for admins: every SiteSettings field, validated, with what was typed kept on error. */
export function SettingsPage(props: Frame & { form: SettingsForm; errors: FieldError[]; notice?: string | undefined }) {
  const { form, errors } = props;
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={formTitle('Site settings', errors)} noindex breadcrumbs={[{ label: 'Dashboard', href: '/dashboard' }, { label: 'Site settings', href: '/admin/settings' }]}>
      <ErrorSummary errors={errors} />
      <h1>Site settings</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <form method="post" action="/admin/settings" novalidate class="settings-form">
        <CsrfField token={props.csrfToken} />
        {SETTINGS_FIELDS.map(({ key, label }) => {
          const id = settingsFieldId(key);
          const error = errorFor(errors, id);
          const hint = HINTS[key];
          const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
          const common = { id, name: key, 'aria-describedby': describedBy, 'aria-invalid': error ? ('true' as const) : undefined };
          return (
            <div class={error ? 'field has-error' : 'field'}>
              <label for={id}>{label}</label>
              {hint ? (
                <span class="hint" id={`${id}-hint`}>
                  {hint}
                </span>
              ) : null}
              {error ? (
                <span class="field-error" id={`${id}-error`}>
                  <span class="visually-hidden">Error: </span>
                  {error}
                </span>
              ) : null}
              {key === 'citationStyle' ? (
                <select {...common}>
                  <option value="vancouver" selected={form.citationStyle === 'vancouver'}>
                    Vancouver (numbered, common in medicine)
                  </option>
                  <option value="apa" selected={form.citationStyle === 'apa'}>
                    APA (author and year)
                  </option>
                </select>
              ) : LONG.includes(key) ? (
                <textarea {...common} rows={key === 'hotlines' || key === 'sections' || key === 'description' ? 4 : 10}>
                  {form[key]}
                </textarea>
              ) : (
                <input {...common} type={key === 'contactEmail' ? 'email' : 'text'} value={form[key]} autocomplete="off" />
              )}
            </div>
          );
        })}
        <button type="submit" class="button">
          Save settings
        </button>
      </form>
    </Layout>
  );
}

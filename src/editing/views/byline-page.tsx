import type { Frame } from '../../accounts/views/frame.js';
import { CsrfField, type FieldError, errorFor } from '../../accounts/views/form-parts.js';
import { Field } from '../../web/form-field.js';
import { FormPage } from './form-page.js';
import { editingTextOf } from './text.js';

export interface BylineForm {
  name: string;
  role: string;
  disclosure: string;
}

export const BYLINE_FIELDS = { name: 'byline-name', role: 'byline-role', disclosure: 'byline-disclosure' } as const;

/** A person's own author record: the name, role and credentials readers see on the pages they write or review. */
export function BylinePage(props: Frame & { form: BylineForm; exists: boolean; errors: FieldError[]; notice?: string | undefined }) {
  const { site, form, errors } = props;
  const t = editingTextOf(site.i18n);
  const heading = t('bylineTitle');
  return (
    <FormPage site={props.site} user={props.user} csrfToken={props.csrfToken} heading={heading} crumbs={[{ label: heading, href: '/account/byline' }]} errors={errors} notice={props.notice} narrow>
        <p class="lead">{props.exists ? t('bylineLeadExists') : t('bylineLeadNew')}</p>
        <form method="post" action={site.i18n.path('/account/byline')} novalidate>
          <CsrfField token={props.csrfToken} />
          <Field id={BYLINE_FIELDS.name} name="name" label={t('bylineName')} hint={t('bylineNameHint')} error={errorFor(errors, BYLINE_FIELDS.name)} site={site} control={(a) => <input {...a} type="text" value={form.name} autocomplete="name" maxlength={200} dir="auto" />} />
          <Field id={BYLINE_FIELDS.role} name="role" label={t('bylineRole')} hint={t('bylineRoleHint')} error={errorFor(errors, BYLINE_FIELDS.role)} site={site} control={(a) => <input {...a} type="text" value={form.role} autocomplete="organization-title" maxlength={200} dir="auto" />} />
          <Field
            id={BYLINE_FIELDS.disclosure}
            name="disclosure"
            label={t('bylineDisclosure')}
            hint={t('bylineDisclosureHint')}
            error={errorFor(errors, BYLINE_FIELDS.disclosure)}
            site={site}
            control={(a) => (
              <textarea {...a} rows={3} class="textarea-short" maxlength={1000} dir="auto">
                {form.disclosure}
              </textarea>
            )}
          />
          <button type="submit" class="button">
            {props.exists ? t('bylineSave') : t('bylineCreate')}
          </button>
        </form>
    </FormPage>
  );
}

import type { Frame } from '../../accounts/views/frame.js';
import { CsrfField, type FieldError, errorFor } from '../../accounts/views/form-parts.js';
import { Field } from '../../web/form-field.js';
import { FormPage } from './form-page.js';
import { DECLARATION_FIELD_IDS, type DeclarationForm } from '../declaration.js';
import { editingTextOf } from './text.js';

/** The signed-in person's own qualifications and declaration of interests; saving dates it today. */
export function DeclarationPage(props: Frame & { form: DeclarationForm; declaredOn: string | null; months: number; errors: FieldError[]; notice?: string | undefined }) {
  const { form, errors, site } = props;
  const i18n = site.i18n;
  const t = editingTextOf(i18n);
  const heading = t('declarationTitle');
  const ids = DECLARATION_FIELD_IDS;
  const error = (key: keyof typeof ids) => errorFor(errors, ids[key]);
  return (
    <FormPage site={props.site} user={props.user} csrfToken={props.csrfToken} heading={heading} crumbs={[{ label: heading, href: '/declaration' }]} errors={errors} notice={props.notice}>
      <p>{t('declarationLead', { months: props.months })}</p>
      <p>{props.declaredOn ? t.rich('declarationLast', { date: i18n.date(props.declaredOn), time: (chunks) => <time datetime={props.declaredOn!}>{chunks}</time> }) : <strong class="warning-text">{t('declarationNone')}</strong>}</p>
      <form method="post" action={i18n.path('/declaration')} novalidate class="settings-form">
        <CsrfField token={props.csrfToken} />
        <Field site={site} id={ids.qualifications} name="qualifications" label={t('declarationQualifications')} hint={t('declarationQualificationsHint')} error={error('qualifications')} control={(a) => <input {...a} type="text" value={form.qualifications} autocomplete="off" dir="auto" />} />
        <Field site={site} id={ids.affiliation} name="affiliation" label={t('declarationAffiliation')} hint={t('declarationAffiliationHint')} error={error('affiliation')} control={(a) => <input {...a} type="text" value={form.affiliation} autocomplete="organization" dir="auto" />} />
        <Field
          site={site}
          id={ids.interests}
          name="interests"
          label={t('declarationInterests')}
          hint={t('declarationInterestsHint')}
          error={error('interests')}
          control={(a) => (
            <textarea {...a} rows={4} class="textarea-short" dir="auto">
              {form.interests}
            </textarea>
          )}
        />
        <div class="field">
          <input type="checkbox" id={ids.noConflicts} name="noConflicts" value="yes" checked={form.noConflicts === 'yes'} /> <label for={ids.noConflicts}>{t('declarationNoConflicts')}</label>
        </div>
        <Field
          site={site}
          id={ids.funding}
          name="funding"
          label={t('declarationFunding')}
          hint={t('declarationFundingHint')}
          error={error('funding')}
          control={(a) => (
            <textarea {...a} rows={3} class="textarea-short" dir="auto">
              {form.funding}
            </textarea>
          )}
        />
        <button type="submit" class="button">
          {t('declarationSave')}
        </button>
      </form>
    </FormPage>
  );
}

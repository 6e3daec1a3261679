import type { Child } from 'hono/jsx';
import type { Frame } from '../../accounts/views/frame.js';
import { ErrorSummary, type FieldError } from '../../accounts/views/form-parts.js';
import { type Crumb, Layout } from '../../web/layout.js';
import { editingTextOf } from './text.js';

/**
 * The frame every staff form page shares (settings, byline, declaration,
 * review): the title says "Error" first when the form came back, the
 * dashboard leads the breadcrumbs, then the error summary, the heading and
 * the notice of the last save.
 */
export function FormPage(props: Frame & { heading: string; crumbs: Crumb[]; errors: FieldError[]; notice?: string | undefined; narrow?: boolean; children?: Child }) {
  const { site, heading, errors } = props;
  const t = editingTextOf(site.i18n);
  const body = (
    <>
      <ErrorSummary errors={errors} title={t('errorSummaryTitle')} />
      <h1>{heading}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.children}
    </>
  );
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={errors.length ? t('errorTitle', { title: heading }) : heading}
      noindex
      breadcrumbs={[{ label: t('dashboard'), href: '/dashboard' }, ...props.crumbs]}
    >
      {props.narrow ? <div class="narrow-form">{body}</div> : body}
    </Layout>
  );
}

import type { FieldError } from '../../accounts/views/form-parts.js';
import { CsrfField } from '../../accounts/views/form-parts.js';
import { FIELD_IDS, type PageForm } from '../page-form.js';
import type { EditingText } from '../views/text.js';

/**
 * The editor's text when the editor page itself cannot be built (the
 * database does not answer): made without touching the database, it gives
 * back every field sent, in a form that sends them again to the same
 * address with the same save token, so a save that did commit is not
 * stored twice.
 */
export function SaveFailurePage(props: { action: string; form: PageForm; csrfToken: string; cssUrl: string; unconfirmed: boolean; message: string; t: EditingText; lang: string; dir: string }) {
  const { form, t } = props;
  const hidden = Object.entries(form).filter(([name, value]) => name !== 'body' && value !== undefined) as Array<[string, string]>;
  return (
    <html lang={props.lang} dir={props.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.unconfirmed ? t('saveUnconfirmedTitle') : t('saveNotSavedTitle')}</title>
        <link rel="stylesheet" href={props.cssUrl} />
      </head>
      <body>
        <main id="main" class="wrap">
          <h1>{props.unconfirmed ? t('saveUnconfirmedTitle') : t('saveNotSavedTitle')}</h1>
          <p class="lead" role="alert">
            {props.message}
          </p>
          {props.unconfirmed ? <p>{t('saveUnconfirmedWhy')}</p> : null}
          {props.unconfirmed ? <p>{t('saveUnconfirmedWhen')}</p> : null}
          <form method="post" action={props.action}>
            <CsrfField token={props.csrfToken} />
            {hidden.map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <input type="hidden" name="intent" value="save" />
            <label for={FIELD_IDS.body}>{t('saveBodyLabel')}</label>
            <textarea id={FIELD_IDS.body} name="body" rows={24} cols={80}>
              {form.body}
            </textarea>
            <p>{t('saveOtherFields')}</p>
            <button type="submit">{t('saveSendAgain')}</button>
          </form>
        </main>
      </body>
    </html>
  );
}

/** The message next to the body field when the editor page can be shown. */
export function saveFailureError(message: string): FieldError {
  return { field: FIELD_IDS.body, message };
}

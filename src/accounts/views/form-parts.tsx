import type { Child } from 'hono/jsx';
import type { Localizer } from '../../i18n/localizer.js';
import { Field } from '../../web/form-field.js';
import { accountsText } from '../messages/index.js';

/** A problem with one form field: `field` is the input's id, so the summary can link to it. */
export interface FieldError {
  field: string;
  message: string;
}

/** Errors by field id, for the inputs to show next to themselves. */
export function errorFor(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/**
 * Page title with "Error: " first when the form came back with problems
 * (GOV.UK pattern: screen readers hear it first), in the page's language
 * when it is given (English otherwise, for views not translated yet).
 */
export function formTitle(title: string, errors: FieldError[], i18n?: Localizer): string {
  if (!errors.length) return title;
  return i18n ? i18n.text(accountsText)('errorTitle', { title }) : `Error: ${title}`;
}

/** The box at the top of a failed form, linking to each field that needs attention. */
export function ErrorSummary({ errors, title, i18n }: { errors: FieldError[]; title?: string; i18n?: Localizer }) {
  if (!errors.length) return null;
  title ??= i18n ? i18n.text(accountsText)('errorSummaryTitle') : 'There is a problem';
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** Whose form this is (signed), on forms kept when a sign-in runs out: see src/accounts/parked-forms.ts. */
export function FormOwnerField({ value }: { value: string | null }) {
  return value ? <input type="hidden" name="_owner" value={value} /> : null;
}

export interface TextFieldProps {
  id: string;
  name?: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date';
  value?: string;
  hint?: Child;
  error?: string | undefined;
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
  minlength?: number;
  spellcheck?: boolean;
  /** Text direction of the value; e-mail addresses, identifiers and URLs are left-to-right even on an Arabic page. */
  dir?: 'ltr' | 'auto';
}

/** A labelled text input (the shared Field with an <input>). */
export function TextField(props: TextFieldProps) {
  return (
    <Field
      id={props.id}
      name={props.name ?? props.id}
      label={props.label}
      hint={props.hint}
      error={props.error}
      control={(attributes) => (
        <input
          {...attributes}
          type={props.type ?? 'text'}
          value={props.type === 'password' ? undefined : (props.value ?? '')}
          autocomplete={props.autocomplete}
          required={props.required}
          maxlength={props.maxlength}
          minlength={props.minlength}
          spellcheck={props.spellcheck}
          dir={props.dir ?? (props.type === 'email' ? 'ltr' : undefined)}
        />
      )}
    />
  );
}

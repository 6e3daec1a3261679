import type { Child } from 'hono/jsx';
import { webText } from './messages/index.js';
import type { SiteContext } from './site-context.js';

/** The attributes that tie a control to its label, hint and error. */
export interface ControlAttributes {
  id: string;
  name: string;
  'aria-describedby'?: string | undefined;
  'aria-invalid'?: 'true' | undefined;
}

export interface FieldProps {
  /** For the words around the field (the screen-reader “Error:” before a message), in the reader's language. */
  site?: SiteContext | undefined;
  id: string;
  name: string;
  label: string;
  hint?: Child;
  error?: string | undefined;
  /** Renders the input, select or textarea with the attributes it is given. */
  control: (attributes: ControlAttributes) => Child;
}

/**
 * A labelled form control with its hint and error message tied to it for
 * screen readers (the GOV.UK / NHS.UK field pattern), shared by every form.
 */
export function Field(props: FieldProps) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <div class="hint" id={hintId}>
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <span class="field-error" id={errorId}>
          <span class="visually-hidden">{props.site ? props.site.i18n.text(webText)('errorPrefix') : webText.source.errorPrefix}</span>
          {props.error}
        </span>
      ) : null}
      {props.control({ id: props.id, name: props.name, 'aria-describedby': describedBy, 'aria-invalid': props.error ? 'true' : undefined })}
    </div>
  );
}

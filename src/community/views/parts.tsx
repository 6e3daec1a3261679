import type { Child } from 'hono/jsx';
import type { CurrentUser } from '../../accounts/context.js';
import { CsrfField } from '../../accounts/views/form-parts.js';
import { Field } from '../../web/form-field.js';
import type { SiteContext } from '../../web/site-context.js';
import { communityText } from '../messages/index.js';
import { HONEYPOT_FIELD, STARTED_FIELD } from '../spam.js';

/** What every community page needs for its frame. */
export interface CommunityFrame {
  site: SiteContext;
  user: CurrentUser | null;
  csrfToken: string;
}

/** The fields of a form that defend it against bots: CSRF, the signed opening time, the honeypot. */
export function GuardedFormFields({ site, csrfToken, started }: { site: SiteContext; csrfToken: string; started: string }) {
  const t = site.i18n.text(communityText);
  return (
    <>
      <CsrfField token={csrfToken} />
      <input type="hidden" name={STARTED_FIELD} value={started} />
      <div class="honeypot">
        <label for={`${HONEYPOT_FIELD}-field`}>{t('honeypotLabel')}</label>
        <input id={`${HONEYPOT_FIELD}-field`} name={HONEYPOT_FIELD} type="text" value="" tabindex={-1} autocomplete="off" />
      </div>
    </>
  );
}

export function TextArea(props: { site: SiteContext; id: string; name?: string; label: string; value: string; hint?: Child; error?: string | undefined; rows?: number; maxlength: number }) {
  return (
    <Field
      site={props.site}
      id={props.id}
      name={props.name ?? props.id}
      label={props.label}
      hint={props.hint}
      error={props.error}
      control={(a) => (
        <textarea {...a} rows={props.rows ?? 8} maxlength={props.maxlength} dir="auto">
          {props.value}
        </textarea>
      )}
    />
  );
}

/** A notice after a redirect, announced to screen readers. */
export function Notice({ children }: { children: Child }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}

/** The writer's name, or "a former member" for an account that was deleted. */
export function authorLabel(site: SiteContext, name: string | null): string {
  return name ?? site.i18n.text(communityText)('formerMember');
}

/** Previous / next links of a paginated list. */
export function Pager({ site, page, pageCount, href, label }: { site: SiteContext; page: number; pageCount: number; href: (page: number) => string; label: string }) {
  const t = site.i18n.text(communityText);
  if (pageCount <= 1) return null;
  return (
    <nav class="pagination" aria-label={label}>
      <p>{t('pageOf', { page, pages: pageCount })}</p>
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t('previousPage')}
            </a>
          </li>
        ) : null}
        {page < pageCount ? (
          <li>
            <a href={href(page + 1)} rel="next">
              {t('nextPage')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** The site's crisis text and helplines, shown at once to the writer of a post with crisis words. */
export function CrisisBox({ site, crisisHtml }: { site: SiteContext; crisisHtml: string }) {
  const t = site.i18n.text(communityText);
  return (
    <section class="crisis-box" role="alert" aria-labelledby="crisis-title">
      <h2 id="crisis-title">{t('crisisTitle')}</h2>
      {crisisHtml ? <div dangerouslySetInnerHTML={{ __html: crisisHtml }}></div> : <p>{t('crisisFallback')}</p>}
      {site.settings.hotlines.length ? (
        <ul>
          {site.settings.hotlines.map((h) => (
            <li>
              {h.label}: <a href={`tel:${h.number.replace(/[^\d+]/g, '')}`}>{h.number}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Who handles a queue item, so two moderators do not act at once: another's name, "you", or the button to claim it. */
export function ClaimControl(props: { action: string; csrfToken: string; claimedByOther?: string | null | undefined; claimedByMe: boolean; words: { claimedByOther: string; claim: string; claimedByYou: string } }) {
  return (
    <>
      {props.claimedByOther ? <p class="warning-box">{props.words.claimedByOther}</p> : null}
      {!props.claimedByMe ? (
        <form method="post" action={props.action}>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="button secondary">
            {props.words.claim}
          </button>
        </form>
      ) : (
        <p>{props.words.claimedByYou}</p>
      )}
    </>
  );
}

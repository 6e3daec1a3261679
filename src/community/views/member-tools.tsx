import { CsrfField, type FieldError, TextField, errorFor } from '../../accounts/views/form-parts.js';
import type { SiteContext } from '../../web/site-context.js';
import { communityText } from '../messages/index.js';
import { NOTE_MAX, SANCTION_REASON_MAX, type MemberRecord } from '../moderation/sanctions.js';
import { TextArea } from './parts.js';
import type { PostToolsValues } from './moderator-tools.js';

/**
 * Beside a member's queue item or post: their suspension, past warnings and
 * suspensions, the moderators' private notes, and the forms to warn, suspend
 * and add a note. Never shown to the member.
 */
export function MemberTools(props: { site: SiteContext; csrfToken: string; postId: number; record: MemberRecord; back: 'queue' | 'post'; values: PostToolsValues; errors: FieldError[] }) {
  const { site, record, values, errors } = props;
  const t = site.i18n.text(communityText);
  const base = `/moderation/posts/${props.postId}`;
  const back = <input type="hidden" name="back" value={props.back} />;
  return (
    <section aria-labelledby="member-tools-title" class="moderator-tools member-tools">
      <h2 id="member-tools-title">{t('memberToolsTitle')}</h2>
      {record.suspension ? (
        <p class="warning-box">{t('memberSuspendedUntil', { date: site.i18n.date(record.suspension.until), reason: record.suspension.reason })}</p>
      ) : null}
      <h3>{t('memberNotesTitle')}</h3>
      <p class="hint">{t('memberNotesPrivate')}</p>
      {record.notes.length ? (
        <ul class="member-notes">
          {record.notes.map((n) => (
            <li>
              <bdi>{n.body}</bdi>
              <br />
              <small>
                <bdi>{n.author ?? t('historySystem')}</bdi> · <time datetime={n.createdAt}>{site.i18n.instant(n.createdAt)}</time>
              </small>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('memberNotesEmpty')}</p>
      )}
      <form method="post" action={site.i18n.path(`${base}/note`)} novalidate>
        <CsrfField token={props.csrfToken} />
        {back}
        <TextArea site={site} id="member-note" name="note" label={t('memberNoteLabel')} value={values.note ?? ''} error={errorFor(errors, 'member-note')} maxlength={NOTE_MAX} rows={3} />
        <button type="submit" class="button secondary">
          {t('memberNoteButton')}
        </button>
      </form>
      <h3>{t('memberSanctionsTitle')}</h3>
      {record.sanctions.length ? (
        <ul>
          {record.sanctions.map((s) => (
            <li>
              {s.kind === 'warning' ? t('sanctionWarning', { date: site.i18n.date(s.createdAt) }) : t('sanctionSuspension', { date: site.i18n.date(s.createdAt), until: site.i18n.date(s.until ?? s.createdAt) })} — <bdi>{s.reason}</bdi>
              {s.moderator ? <> · <bdi>{s.moderator}</bdi></> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('memberSanctionsEmpty')}</p>
      )}
      <form method="post" action={site.i18n.path(`${base}/warn`)} novalidate>
        <CsrfField token={props.csrfToken} />
        {back}
        <TextArea site={site} id="warn-reason" name="reason" label={t('warnReasonLabel')} hint={t('warnReasonHint')} value={values.warnReason ?? ''} error={errorFor(errors, 'warn-reason')} maxlength={SANCTION_REASON_MAX} rows={3} />
        <button type="submit" class="button secondary">
          {t('warnButton')}
        </button>
      </form>
      {record.suspension ? (
        <form method="post" action={site.i18n.path(`${base}/lift`)}>
          <CsrfField token={props.csrfToken} />
          {back}
          <button type="submit" class="button secondary">
            {t('liftButton')}
          </button>
        </form>
      ) : (
        <form method="post" action={site.i18n.path(`${base}/suspend`)} novalidate>
          <CsrfField token={props.csrfToken} />
          {back}
          <TextField id="suspend-until" name="until" type="date" label={t('suspendUntilLabel')} hint={t('suspendUntilHint')} value={values.suspendUntil ?? ''} error={errorFor(errors, 'suspend-until')} />
          <TextArea site={site} id="suspend-reason" name="reason" label={t('suspendReasonLabel')} hint={t('suspendReasonHint')} value={values.suspendReason ?? ''} error={errorFor(errors, 'suspend-reason')} maxlength={SANCTION_REASON_MAX} rows={3} />
          <button type="submit" class="button secondary">
            {t('suspendButton')}
          </button>
        </form>
      )}
    </section>
  );
}

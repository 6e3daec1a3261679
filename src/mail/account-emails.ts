/** The e-mails of accounts: an invitation (or a new sign-in link) and a password reset, in the site's words. */
import type { Role } from '../accounts/context.js';
import type { SiteContext } from '../web/site-context.js';
import { type ComposedEmail, composeEmail } from './compose.js';
import { mailText } from './messages/index.js';

const ROLE_KEYS = { admin: 'roleAdmin', editor: 'roleEditor', reviewer: 'roleReviewer', member: 'roleMember', moderator: 'roleModerator', translator: 'roleTranslator' } as const satisfies Record<Role, string>;

export function invitationEmail(site: SiteContext, input: { name: string; role: Role; inviter: string; url: string; expiresAt: string; isNew: boolean }): ComposedEmail {
  const t = site.i18n.text(mailText);
  const organisation = site.settings.organisation;
  return composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: t('emailInviteSubject', { organisation }),
    blocks: [
      { p: t('emailInviteHello', { name: input.name }) },
      { p: input.isNew ? t('emailInviteBody', { inviter: input.inviter, organisation, role: t(ROLE_KEYS[input.role]) }) : t('emailNewLinkBody', { inviter: input.inviter, organisation }) },
      { link: { label: t('emailInviteLink'), href: input.url } },
      { p: t('emailLinkExpires', { when: site.i18n.instant(input.expiresAt) }) },
      { small: t('emailInviteIgnore') },
      { rule: true },
      { small: t('emailSentBy', { organisation, url: `${site.baseUrl}/` }) },
    ],
  });
}

export function passwordResetEmail(site: SiteContext, input: { email: string; url: string; expiresAt: string }): ComposedEmail {
  const t = site.i18n.text(mailText);
  const organisation = site.settings.organisation;
  return composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: t('emailResetSubject', { organisation }),
    blocks: [
      { p: t('emailResetBody', { email: input.email, organisation }) },
      { link: { label: t('emailResetLink'), href: input.url } },
      { p: t('emailLinkExpires', { when: site.i18n.instant(input.expiresAt) }) },
      { small: t('emailResetIgnore') },
      { rule: true },
      { small: t('emailSentBy', { organisation, url: `${site.baseUrl}/` }) },
    ],
  });
}

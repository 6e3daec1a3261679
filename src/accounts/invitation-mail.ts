import type { Tx } from '../db/database.js';
import { invitationEmail } from '../mail/account-emails.js';
import { normaliseAddress } from '../mail/address.js';
import type { SiteContext } from '../web/site-context.js';
import type { Role } from './context.js';
import type { AccountsDeps } from './deps.js';

/**
 * Queues the e-mail carrying a sign-in link, in the transaction that made the
 * link: no link without its e-mail, no e-mail for a link that was rolled back.
 * The admin still sees (and may copy) the link. An address the outbox cannot
 * deliver to (an old account's) just gets no e-mail.
 */
export async function queueInvitationEmail(
  deps: AccountsDeps,
  tx: Tx,
  site: SiteContext,
  input: { email: string; name: string; role: Role; inviter: string; url: string; expiresAt: string; isNew: boolean },
): Promise<void> {
  if (!deps.mail) return;
  const to = normaliseAddress(input.email);
  if ('problem' in to) return;
  const email = invitationEmail(site, input);
  await deps.mail.enqueue(tx, { to: to.address, kind: 'invitation', lang: site.lang, ...email });
}

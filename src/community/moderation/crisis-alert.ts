/**
 * An urgent post (crisis words) is not left waiting for whoever opens the
 * queue next: the moderators on call hear of it at once, by e-mail through the
 * outbox, in the transaction that stores the post. "On call" is the list of
 * addresses in the community settings, or, when it is empty, every moderator
 * (and the admins when there is none). The e-mail carries a link to the queue
 * item, never the post's words: a phone's lock screen may show it.
 */
import type { Db, Tx } from '../../db/database.js';
import { composeEmail } from '../../mail/compose.js';
import type { MailOutbox } from '../../mail/outbox.js';
import type { SiteContext } from '../../web/site-context.js';
import { communityText } from '../messages/index.js';
import type { CommunitySettings } from '../settings.js';

/** Active accounts that moderate (main role or another role), or, when there are none, the active admins. */
export async function moderatorAddresses(db: Db | Tx): Promise<string[]> {
  const moderators = await db
    .selectFrom('users')
    .select('email')
    .where('disabled_at', 'is', null)
    .where((eb) => eb.or([eb('role', '=', 'moderator'), eb('id', 'in', eb.selectFrom('user_roles').select('user_id').where('role', '=', 'moderator'))]))
    .orderBy('id')
    .execute();
  if (moderators.length) return moderators.map((m) => m.email);
  return (await db.selectFrom('users').select('email').where('disabled_at', 'is', null).where('role', '=', 'admin').orderBy('id').execute()).map((a) => a.email);
}

/** Queues one alert per on-call address for an urgent post; a second call for the same post adds nothing. */
export async function alertOnCall(tx: Tx, mail: Pick<MailOutbox, 'enqueue'>, site: SiteContext, settings: Pick<CommunitySettings, 'crisisNotify'>, post: { postId: number; topicTitle: string }): Promise<number> {
  const t = site.i18n.text(communityText);
  const addresses = settings.crisisNotify.length ? settings.crisisNotify : await moderatorAddresses(tx);
  const email = composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: t('urgentEmailSubject', { organisation: site.settings.organisation }),
    blocks: [
      { p: t('urgentEmailBody', { topic: post.topicTitle }) },
      { link: { label: t('urgentEmailLink'), href: `${site.baseUrl}${site.i18n.path(`/moderation/${post.postId}`)}` } },
      { small: t('urgentEmailPrivacy') },
    ],
  });
  let queued = 0;
  // One alert per mailbox, however its address is written.
  const mailboxes = new Map(addresses.map((a) => [a.toLowerCase(), a]));
  for (const [key, to] of mailboxes) {
    if (await mail.enqueue(tx, { to, kind: 'community-urgent', lang: site.lang, dedupeKey: `community-urgent:${post.postId}:${key}`, ...email })) queued++;
  }
  return queued;
}

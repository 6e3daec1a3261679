import { CsrfField } from '../../accounts/views/form-parts.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { communityText } from '../messages/index.js';
import type { CommunityFrame } from './parts.js';

/** Follow or unfollow, under a topic's posts: a plain form, so it works without script. */
export function FollowForm({ site, csrfToken, topicId, following }: { site: SiteContext; csrfToken: string; topicId: number; following: boolean }) {
  const t = site.i18n.text(communityText);
  return (
    <form method="post" action={site.i18n.path(`/forums/topics/${topicId}/${following ? 'unfollow' : 'follow'}`)} id="follow" class="follow-form">
      <CsrfField token={csrfToken} />
      <p>{following ? t('followingHint') : t('followHint')}</p>
      <button type="submit" class="button secondary">
        {following ? t('unfollowButton') : t('followButton')}
      </button>
    </form>
  );
}

/** The page of the one-click unfollow link of a reply e-mail: asks, then says it is done. */
export function UnfollowPage(props: CommunityFrame & { title: string; token: string; done: boolean }) {
  const { site } = props;
  const t = site.i18n.text(communityText);
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('unfollowTitle')} noindex>
      <div class="narrow-form">
        <h1>{t('unfollowTitle')}</h1>
        {props.done ? (
          <p class="notice" role="status">
            {t('unfollowDone', { topic: props.title })}
          </p>
        ) : (
          <form method="post" action={site.i18n.path(`/forums/unfollow/${props.token}`)}>
            <p>{t('unfollowQuestion', { topic: props.title })}</p>
            <button type="submit" class="button">
              {t('unfollowConfirm')}
            </button>
          </form>
        )}
      </div>
    </Layout>
  );
}

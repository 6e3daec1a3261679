import type { SiteContext } from '../../web/site-context.js';
import { feedbackText } from '../messages/index.js';

/**
 * "Was this page helpful?" at the foot of every topic page. Plain links to
 * the forms: the topic page is one cached copy for every reader, so it cannot
 * carry a reader's CSRF token; the form page does, and works without JavaScript.
 */
export function FeedbackPrompt({ site, slug }: { site: SiteContext; slug: string }) {
  const t = site.i18n.text(feedbackText);
  const base = site.i18n.path(`/feedback/${slug}`);
  return (
    <aside class="feedback-prompt" aria-labelledby="feedback-prompt-title">
      <h2 id="feedback-prompt-title">{t('promptTitle')}</h2>
      <p class="feedback-choices">
        <a class="button secondary" href={`${base}?helpful=yes`} rel="nofollow">
          {t('promptYes')}
        </a>{' '}
        <a class="button secondary" href={`${base}?helpful=no`} rel="nofollow">
          {t('promptNo')}
        </a>
      </p>
      <p>
        <a href={`${base}/problem`} rel="nofollow">
          {t('promptReport')}
        </a>
      </p>
    </aside>
  );
}

import { raw } from 'hono/html';
import { settingsLang } from '../../web/in-lang.js';
import { Layout } from '../../web/layout.js';
import { webText } from '../../web/messages/index.js';
import type { SiteContext } from '../../web/site-context.js';
import { siteText } from '../messages/index.js';

/**
 * Who runs and pays for the site, whether it carries advertising (HONcode
 * principles 7 and 8), then the editorial policy written in the settings.
 * What an admin has not stated yet is said to be not stated, never guessed.
 */
export function EditorialPolicyPage({ site, policyHtml }: { site: SiteContext; policyHtml: string | null }) {
  const s = site.settings;
  const t = site.i18n.text(siteText);
  const title = t('policyTitle');
  const stated = (text: string) => (text ? <p {...settingsLang(site)}>{text}</p> : <p class="warning-text">{t('policyNotStated')}</p>);
  return (
    <Layout site={site} title={title} path="/editorial-policy" breadcrumbs={[{ label: site.i18n.text(webText)('crumbHome'), href: '/' }, { label: title, href: '/editorial-policy' }]}>
      <h1>{title}</h1>
      <section aria-labelledby="policy-owner">
        <h2 id="policy-owner">{t('policyOwner')}</h2>
        {stated(s.ownedBy)}
      </section>
      <section aria-labelledby="policy-funding">
        <h2 id="policy-funding">{t('policyFunding')}</h2>
        {stated(s.funding)}
      </section>
      <section aria-labelledby="policy-advertising">
        <h2 id="policy-advertising">{t('policyAdvertising')}</h2>
        {s.advertising === 'none' ? <p>{t('policyNoAdvertising')}</p> : s.advertising === 'carries' ? <p>{t('policyCarriesAdvertising')}</p> : <p class="warning-text">{t('policyNotStated')}</p>}
        {s.advertising === 'carries' && s.advertisingPolicy ? <p {...settingsLang(site)}>{s.advertisingPolicy}</p> : null}
      </section>
      <section aria-labelledby="policy-editorial">
        <h2 id="policy-editorial">{t('policyEditorial')}</h2>
        {policyHtml ? (
          <div class="prose" {...settingsLang(site)}>
            {raw(policyHtml)}
          </div>
        ) : (
          <p class="warning-text">{t('notWrittenYet')}</p>
        )}
      </section>
    </Layout>
  );
}

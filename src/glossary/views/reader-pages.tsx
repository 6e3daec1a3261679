import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { SOURCE_LANG, langAttributes } from '../../i18n/languages.js';
import { glossaryText } from '../messages/index.js';
import type { GlossaryEntry } from '../store.js';

/** The first letter a term is filed under ("#" for digits and signs). */
const letterOf = (term: string) => {
  const first = term.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').charAt(0).toUpperCase();
  return /[A-Z]/.test(first) ? first : '#';
};

/** The language attributes of a term's words: English where the reader's language has no translation yet. */
const wordsOf = (site: SiteContext, entry: GlossaryEntry) => langAttributes(site.lang, entry.lang ?? SOURCE_LANG);

function Definition({ site, entry }: { site: SiteContext; entry: GlossaryEntry }) {
  const t = site.i18n.text(glossaryText);
  return (
    <>
      <dd {...wordsOf(site, entry)}>{entry.definition}</dd>
      {entry.synonyms.length ? <dd class="also-called">{t('alsoCalled', { words: entry.synonyms.join(', ') })}</dd> : null}
    </>
  );
}

export function GlossaryPage({ site, entries }: { site: SiteContext; entries: GlossaryEntry[] }) {
  const t = site.i18n.text(glossaryText);
  const letters = [...new Set(entries.map((e) => letterOf(e.term)))];
  return (
    <Layout site={site} title={t('glossaryTitle')} path="/glossary" schemaType="DefinedTermSet" description={t('glossaryIntro')}>
      <h1>{t('glossaryTitle')}</h1>
      <p class="lead">{t('glossaryIntro')}</p>
      {entries.length ? (
        <>
          <nav aria-label={t('glossaryLetters')} class="az-letters">
            <ul>
              {letters.map((l) => (
                <li>
                  <a href={`#letter-${l === '#' ? 'other' : l.toLowerCase()}`}>{l}</a>
                </li>
              ))}
            </ul>
          </nav>
          {letters.map((l) => (
            <section aria-labelledby={`letter-${l === '#' ? 'other' : l.toLowerCase()}`}>
              <h2 id={`letter-${l === '#' ? 'other' : l.toLowerCase()}`}>{l}</h2>
              <dl class="glossary-list">
                {entries
                  .filter((e) => letterOf(e.term) === l)
                  .map((e) => (
                    <div id={e.slug}>
                      <dt {...wordsOf(site, e)}>
                        <a href={site.i18n.path(`/glossary/${e.slug}`)}>{e.term}</a>
                      </dt>
                      <Definition site={site} entry={e} />
                    </div>
                  ))}
              </dl>
            </section>
          ))}
        </>
      ) : (
        <p>{t('glossaryEmpty')}</p>
      )}
    </Layout>
  );
}

export function TermPage({ site, entry }: { site: SiteContext; entry: GlossaryEntry }) {
  const t = site.i18n.text(glossaryText);
  const path = `/glossary/${entry.slug}`;
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'DefinedTerm',
    name: entry.term,
    description: entry.definition,
    url: site.baseUrl + site.i18n.path(path),
    inDefinedTermSet: site.baseUrl + site.i18n.path('/glossary'),
    inLanguage: entry.lang ?? SOURCE_LANG,
  };
  return (
    <Layout site={site} title={t('termTitle', { term: entry.term })} path={path} description={entry.definition} jsonLd={jsonLd} breadcrumbs={[{ label: t('glossaryTitle'), href: '/glossary' }]}>
      <h1 {...wordsOf(site, entry)}>{entry.term}</h1>
      {site.lang !== SOURCE_LANG && (entry.lang ?? SOURCE_LANG) === SOURCE_LANG ? <p class="notice">{t('termNotTranslated')}</p> : null}
      {entry.outdated ? <p class="notice">{t('termTranslationOutdated')}</p> : null}
      <dl class="glossary-list">
        <div>
          <dt class="visually-hidden" {...wordsOf(site, entry)}>
            {entry.term}
          </dt>
          <Definition site={site} entry={entry} />
        </div>
      </dl>
      <p>{t('glossaryIntro')}</p>
      <p>
        <a href={site.i18n.path('/glossary')}>{t('backToGlossary')}</a>
      </p>
    </Layout>
  );
}

import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { BibliographyDownloads } from '../../citations/views/downloads.js';
import { InLang, settingsLang } from '../../web/in-lang.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { directoryText } from '../messages/index.js';
import { directoryCrumbs } from '../presenter.js';
import type { CitationView, WantedPage } from '../queries.js';
import type { DirectoryTree, TreeNode } from '../tree.js';

function TreeList({ site, nodes }: { site: SiteContext; nodes: TreeNode[] }) {
  return (
    <ul class="tree">
      {nodes.map((n) => (
        <li>
          <a href={site.i18n.path(`/directory/${n.slug}`)}>
            <InLang site={site}>{n.title}</InLang>
          </a>
          {n.children.length ? <TreeList site={site} nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Links to directory pages, separated as the language separates list items. */
export function PageLinks({ site, pages }: { site: SiteContext; pages: ReadonlyArray<{ slug: string; title: string }> }) {
  const separator = site.i18n.text(directoryText)('listSeparator');
  return (
    <>
      {pages.map((p, i) => (
        <>
          {i > 0 ? separator : ''}
          <a href={site.i18n.path(`/directory/${p.slug}`)}>
            <InLang site={site}>{p.title}</InLang>
          </a>
        </>
      ))}
    </>
  );
}

/** The whole directory as a tree, with a way into the A–Z index. */
export function DirectoryIndexPage({ site, tree }: { site: SiteContext; tree: DirectoryTree }) {
  const t = site.i18n.text(directoryText);
  const title = site.settings.directoryTitle;
  return (
    <Layout site={site} title={title} path="/directory" schemaType="CollectionPage" breadcrumbs={directoryCrumbs(site)} description={t('indexDescription', { title })}>
      <h1 {...settingsLang(site)}>{title}</h1>
      <p class="lead">{t.rich('indexLead', { az: (chunks: Child[]) => <a href={site.i18n.path('/directory/a-z')}>{chunks}</a> })}</p>
      {tree.roots.length ? <TreeList site={site} nodes={tree.roots} /> : <p>{t('indexEmpty')}</p>}
      <p>
        <a href={site.i18n.path('/wanted')}>{t('indexWantedLink')}</a> · <a href={site.i18n.path('/bibliography')}>{t('indexBibliographyLink')}</a>
      </p>
    </Layout>
  );
}

/** Every topic by first letter; the letter row jumps to each group. */
export function AzPage({ site, tree }: { site: SiteContext; tree: DirectoryTree }) {
  const t = site.i18n.text(directoryText);
  const groups = new Map<string, TreeNode[]>();
  for (const node of [...tree.order].sort((a, b) => a.title.localeCompare(b.title, site.settings.language))) {
    const first = node.title.normalize('NFKD').charAt(0).toUpperCase();
    const letter = /[A-Z]/.test(first) ? first : '#';
    groups.set(letter, [...(groups.get(letter) ?? []), node]);
  }
  const letters = [...groups.keys()];
  const anchor = (l: string) => `letter-${l === '#' ? 'other' : l}`;
  return (
    <Layout site={site} title={t('azTitle')} path="/directory/a-z" schemaType="CollectionPage" breadcrumbs={[...directoryCrumbs(site), { label: t('azCrumb'), href: '/directory/a-z' }]}>
      <h1>{t('azTitle')}</h1>
      <nav aria-label={t('azLetters')} class="az-letters">
        <ul>
          {letters.map((l) => (
            <li>
              <a href={`#${anchor(l)}`}>{l}</a>
            </li>
          ))}
        </ul>
      </nav>
      {letters.map((l) => (
        <section aria-labelledby={anchor(l)}>
          <h2 id={anchor(l)}>{l}</h2>
          <ul class="az-list">
            {groups.get(l)!.map((n) => (
              <li>
                <a href={site.i18n.path(`/directory/${n.slug}`)}>
                  <InLang site={site}>{n.title}</InLang>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

/** Pages other pages link to but nobody has written yet, most-linked first. */
export function WantedPagesPage({ site, wanted }: { site: SiteContext; wanted: WantedPage[] }) {
  const t = site.i18n.text(directoryText);
  return (
    <Layout site={site} title={t('wantedTitle')} path="/wanted" schemaType="CollectionPage" breadcrumbs={[...directoryCrumbs(site), { label: t('wantedTitle'), href: '/wanted' }]}>
      <h1>{t('wantedTitle')}</h1>
      <p class="lead">{t('wantedLead', { count: wanted.length })}</p>
      {wanted.length ? (
        <table class="data-table">
          <caption class="visually-hidden">{t('wantedCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('wantedColumnPage')}</th>
              <th scope="col">{t('wantedColumnLinks')}</th>
              <th scope="col">{t('wantedColumnFrom')}</th>
            </tr>
          </thead>
          <tbody>
            {wanted.map((w) => (
              <tr id={w.slug}>
                <th scope="row">
                  <InLang site={site}>{w.title}</InLang>
                </th>
                <td data-label={t('wantedColumnLinks')}>{site.i18n.number(w.linkCount)}</td>
                <td data-label={t('wantedColumnFrom')}>
                  <PageLinks site={site} pages={w.linkedFrom} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('wantedNone')}</p>
      )}
    </Layout>
  );
}

/** Every citation in the directory, formatted, with the pages that cite it. */
export function BibliographyPage({
  site,
  entries,
}: {
  site: SiteContext;
  entries: Array<{ citation: CitationView; html: string; citedBy: Array<{ slug: string; title: string }> }>;
}) {
  const t = site.i18n.text(directoryText);
  const withoutPmid = entries.filter((e) => !e.citation.pmid).length;
  return (
    <Layout site={site} title={t('bibliographyTitle')} path="/bibliography" schemaType="CollectionPage" breadcrumbs={[...directoryCrumbs(site), { label: t('bibliographyTitle'), href: '/bibliography' }]}>
      <h1>{t('bibliographyTitle')}</h1>
      <p class="lead">
        {t('bibliographyLead', { count: site.i18n.number(entries.length) })} {withoutPmid ? t('bibliographyWithoutPmid', { count: withoutPmid }) : ''}
      </p>
      <BibliographyDownloads base="/bibliography" what={t('bibliographyDownloadWhat')} i18n={site.i18n} />
      <ol class="bibliography">
        {entries.map((e) => (
          <li id={`cite-${e.citation.id}`}>
            <InLang site={site}>{raw(e.html)}</InLang>
            {e.citedBy.length ? (
              <p class="cited-by">
                {t('citedOn')} <PageLinks site={site} pages={e.citedBy} />
              </p>
            ) : (
              <p class="cited-by">{t('notCited')}</p>
            )}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

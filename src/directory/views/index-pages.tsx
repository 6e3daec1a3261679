import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { BibliographyDownloads } from '../../citations/views/downloads.js';
import { InLang, isolated, settingsLang } from '../../web/in-lang.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { directoryText } from '../messages/index.js';
import { directoryCrumbs } from '../presenter.js';
import type { CitationView, WantedPage } from '../queries.js';
import type { DirectoryTree, TreeNode } from '../tree.js';
import { indexLetter } from '../sort-title.js';
import { compareByEvidence, isDefaultFilter } from '../evidence-filter.js';
import { EvidenceFilterForm, type EvidenceListing, EvidenceNote } from './evidence-filter-form.js';

function TreeList({ site, nodes, listing }: { site: SiteContext; nodes: TreeNode[]; listing?: EvidenceListing | undefined }) {
  let shown = nodes;
  if (listing && !isDefaultFilter(listing.filter)) {
    // A page that does not match stays when something under it does, so the tree keeps its shape.
    const keeps = (n: TreeNode): boolean => listing.matching.has(n.id) || n.children.some(keeps);
    shown = nodes.filter(keeps).sort(compareByEvidence(listing.filter, listing.byPage));
  }
  if (!shown.length) return null;
  return (
    <ul class="tree">
      {shown.map((n) => (
        <li>
          <a href={site.i18n.path(`/directory/${n.slug}`)}>
            <InLang site={site} lang={n.lang}>{n.sortTitle}</InLang>
          </a>
          {listing?.matching.has(n.id) ? <EvidenceNote site={site} listing={listing} pageId={n.id} /> : null}
          {n.children.length ? <TreeList site={site} nodes={n.children} listing={listing} /> : null}
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
export function DirectoryIndexPage({ site, tree, listing }: { site: SiteContext; tree: DirectoryTree; listing?: EvidenceListing }) {
  const t = site.i18n.text(directoryText);
  const title = site.settings.directoryTitle;
  return (
    <Layout site={site} title={title} path="/directory" schemaType="CollectionPage" breadcrumbs={directoryCrumbs(site)} description={t('indexDescription', { title })}>
      <h1 {...settingsLang(site)}>{title}</h1>
      <p class="lead">{t.rich('indexLead', { az: (chunks: Child[]) => <a href={site.i18n.path('/directory/a-z')}>{chunks}</a> })}</p>
      {listing ? <EvidenceFilterForm site={site} listing={listing} action="/directory" /> : null}
      {tree.roots.length ? <TreeList site={site} nodes={tree.roots} listing={listing} /> : <p>{t('indexEmpty')}</p>}
      <p>
        <a href={site.i18n.path('/wanted')}>{t('indexWantedLink')}</a> · <a href={site.i18n.path('/bibliography')}>{t('indexBibliographyLink')}</a>
      </p>
    </Layout>
  );
}

/** Every topic by the first letter of the title it is listed under; the letter row jumps to each group that has entries. */
export function AzPage({ site, tree, listing }: { site: SiteContext; tree: DirectoryTree; listing?: EvidenceListing }) {
  const t = site.i18n.text(directoryText);
  const groups = new Map<string, TreeNode[]>();
  // English pages sort as the site's settings say; a language's own pages by that language's alphabet.
  const collation = site.lang === 'en' ? site.settings.language : site.lang;
  const byListed = (a: TreeNode, b: TreeNode) => a.sortTitle.localeCompare(b.sortTitle, collation) || a.title.localeCompare(b.title, collation);
  const filtered = listing && !isDefaultFilter(listing.filter) ? tree.order.filter((n) => listing.matching.has(n.id)) : tree.order;
  if (listing && listing.filter.sort !== 'title') {
    // Sorted by evidence: one list in that order, the letters would only scatter it.
    const sorted = [...filtered].sort(compareByEvidence(listing.filter, listing.byPage));
    return (
      <Layout site={site} title={t('azTitle')} path="/directory/a-z" schemaType="CollectionPage" breadcrumbs={[...directoryCrumbs(site), { label: t('azCrumb'), href: '/directory/a-z' }]}>
        <h1>{t('azTitle')}</h1>
        <EvidenceFilterForm site={site} listing={listing} action="/directory/a-z" />
        <section aria-labelledby="az-sorted">
          <h2 id="az-sorted">{t('filterSortedList')}</h2>
          <ol class="az-list">
            {sorted.map((n) => (
              <li>
                <a href={site.i18n.path(`/directory/${n.slug}`)}>
                  <InLang site={site}>{n.sortTitle}</InLang>
                </a>
                <EvidenceNote site={site} listing={listing} pageId={n.id} />
              </li>
            ))}
          </ol>
        </section>
      </Layout>
    );
  }
  for (const node of [...filtered].sort(byListed)) {
    const letter = indexLetter(node.sortTitle);
    groups.set(letter, [...(groups.get(letter) ?? []), node]);
  }
  // Letters in alphabetical order, "#" (digits and other scripts) last.
  const letters = [...groups.keys()].sort((a, b) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b)));
  const anchor = (l: string) => `letter-${l === '#' ? 'other' : l}`;
  return (
    <Layout site={site} title={t('azTitle')} path="/directory/a-z" schemaType="CollectionPage" breadcrumbs={[...directoryCrumbs(site), { label: t('azCrumb'), href: '/directory/a-z' }]}>
      <h1>{t('azTitle')}</h1>
      {listing ? <EvidenceFilterForm site={site} listing={listing} action="/directory/a-z" /> : null}
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
            {groups.get(l)!.map((n) => {
              const context = listingContext(n);
              return (
                <li>
                  <a href={site.i18n.path(`/directory/${n.slug}`)}>
                    <InLang site={site} lang={n.lang}>{n.sortTitle}</InLang>
                  </a>
                  {context ? (
                    <>
                      {' '}
                      <span class="az-context">{t('azContext', { context: isolated(site, context) })}</span>
                    </>
                  ) : null}
                  <EvidenceNote site={site} listing={listing} pageId={n.id} />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

/** What the listed title leaves out of the page's title ("Causes" for "Causes: Silica" listed as "Silica"); the whole title when it is not a part of it. */
function listingContext(node: TreeNode): string | null {
  if (node.sortTitle === node.title) return null;
  if (node.title.endsWith(node.sortTitle)) return node.title.slice(0, -node.sortTitle.length).replace(/[\s:–—-]+$/u, '') || null;
  return node.title;
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

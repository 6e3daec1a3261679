import { raw } from 'hono/html';
import { BibliographyDownloads } from '../../citations/views/downloads.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { directoryCrumbs } from '../presenter.js';
import type { CitationView, WantedPage } from '../queries.js';
import type { DirectoryTree, TreeNode } from '../tree.js';

function TreeList({ nodes }: { nodes: TreeNode[] }) {
  return (
    <ul class="tree">
      {nodes.map((n) => (
        <li>
          <a href={`/directory/${n.slug}`}>{n.title}</a>
          {n.children.length ? <TreeList nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The whole directory as a tree, with a way into the A–Z index. */
export function DirectoryIndexPage({ site, tree }: { site: SiteContext; tree: DirectoryTree }) {
  const title = site.settings.directoryTitle;
  return (
    <Layout site={site} title={title} path="/directory" schemaType="CollectionPage" breadcrumbs={directoryCrumbs(site)} description={`Every topic of the ${title}, by subject.`}>
      <h1>{title}</h1>
      <p class="lead">
        Every topic in the directory, grouped by subject. Looking for something by name? Use the <a href="/directory/a-z">A–Z index</a> or
        the search box.
      </p>
      {tree.roots.length ? <TreeList nodes={tree.roots} /> : <p>The directory has no pages yet.</p>}
      <p>
        <a href="/wanted">Pages we still need to write</a> · <a href="/bibliography">Every study we cite</a>
      </p>
    </Layout>
  );
}

/** Every topic by first letter; the letter row jumps to each group. */
export function AzPage({ site, tree }: { site: SiteContext; tree: DirectoryTree }) {
  const groups = new Map<string, TreeNode[]>();
  for (const node of [...tree.order].sort((a, b) => a.title.localeCompare(b.title, site.settings.language))) {
    const first = node.title.normalize('NFKD').charAt(0).toUpperCase();
    const letter = /[A-Z]/.test(first) ? first : '#';
    groups.set(letter, [...(groups.get(letter) ?? []), node]);
  }
  const letters = [...groups.keys()];
  return (
    <Layout site={site} title="A–Z of topics" path="/directory/a-z" schemaType="CollectionPage" breadcrumbs={[...directoryCrumbs(site), { label: 'A–Z', href: '/directory/a-z' }]}>
      <h1>A–Z of topics</h1>
      <nav aria-label="Letters" class="az-letters">
        <ul>
          {letters.map((l) => (
            <li>
              <a href={`#letter-${l === '#' ? 'other' : l}`}>{l}</a>
            </li>
          ))}
        </ul>
      </nav>
      {letters.map((l) => (
        <section aria-labelledby={`letter-${l === '#' ? 'other' : l}`}>
          <h2 id={`letter-${l === '#' ? 'other' : l}`}>{l}</h2>
          <ul class="az-list">
            {groups.get(l)!.map((n) => (
              <li>
                <a href={`/directory/${n.slug}`}>{n.title}</a>
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
  return (
    <Layout site={site} title="Wanted pages" path="/wanted" schemaType="CollectionPage" breadcrumbs={[...directoryCrumbs(site), { label: 'Wanted pages', href: '/wanted' }]}>
      <h1>Wanted pages</h1>
      <p class="lead">
        These topics are linked from the directory but have not been written yet. The most-linked come first. {wanted.length} page
        {wanted.length === 1 ? '' : 's'} wanted.
      </p>
      {wanted.length ? (
        <table class="data-table">
          <caption class="visually-hidden">Wanted pages with the number of pages that link to each</caption>
          <thead>
            <tr>
              <th scope="col">Wanted page</th>
              <th scope="col">Links</th>
              <th scope="col">Linked from</th>
            </tr>
          </thead>
          <tbody>
            {wanted.map((w) => (
              <tr id={w.slug}>
                <th scope="row">{w.title}</th>
                <td data-label="Links">{w.linkCount}</td>
                <td data-label="Linked from">
                  {w.linkedFrom.map((f, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      <a href={`/directory/${f.slug}`}>{f.title}</a>
                    </>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Every linked page exists.</p>
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
  const withoutPmid = entries.filter((e) => !e.citation.pmid).length;
  return (
    <Layout site={site} title="Bibliography" path="/bibliography" schemaType="CollectionPage" breadcrumbs={[...directoryCrumbs(site), { label: 'Bibliography', href: '/bibliography' }]}>
      <h1>Bibliography</h1>
      <p class="lead">
        Every study and article the directory cites ({entries.length}). {withoutPmid ? `${withoutPmid} of them have no PubMed record linked yet.` : ''}
      </p>
      <BibliographyDownloads base="/bibliography" what="the whole bibliography" />
      <ol class="bibliography">
        {entries.map((e) => (
          <li id={`cite-${e.citation.id}`}>
            {raw(e.html)}
            {e.citedBy.length ? (
              <p class="cited-by">
                Cited on:{' '}
                {e.citedBy.map((p, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    <a href={`/directory/${p.slug}`}>{p.title}</a>
                  </>
                ))}
              </p>
            ) : (
              <p class="cited-by">Not cited on any page.</p>
            )}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

import { raw } from 'hono/html';
import type { TreeNode } from '../../directory/tree.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';

/** The front door: who we are, where to start reading, how to reach us. */
export function HomePage({ site, topLevel, pageCount }: { site: SiteContext; topLevel: TreeNode[]; pageCount: number }) {
  const s = site.settings;
  return (
    <Layout
      site={site}
      title={s.organisation}
      path="/"
      jsonLd={{ '@context': 'https://schema.org', '@type': 'WebSite', name: s.organisation, url: `${site.baseUrl}/`, description: s.description || undefined }}
    >
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title">{s.organisation}</h1>
        {s.tagline ? <p class="lead">{s.tagline}</p> : null}
      </section>
      <section aria-labelledby="start-title">
        <h2 id="start-title">Start reading</h2>
        <ul class="card-list cards-grid">
          {topLevel.map((n) => (
            <li>
              <a href={`/directory/${n.slug}`}>{n.title}</a>
              {n.summary ? <p>{n.summary}</p> : null}
            </li>
          ))}
          <li>
            <a href="/directory">{s.directoryTitle}</a>
            <p>All {pageCount} topics of the directory, by subject.</p>
          </li>
          <li>
            <a href="/directory/a-z">A–Z of topics</a>
            <p>Find a topic by its name.</p>
          </li>
        </ul>
      </section>
      <section aria-labelledby="help-title" class="panel">
        <h2 id="help-title">Talk to someone</h2>
        <p>
          Write to <a href={`mailto:${s.contactEmail}`}>{s.contactEmail}</a>
          {s.hotlines[0] ? (
            <>
              {' '}
              or call {s.hotlines[0].label.toLowerCase()} <a href={`tel:${s.hotlines[0].number.replace(/[^+\d]/g, '')}`}>{s.hotlines[0].number}</a>
            </>
          ) : null}
          . <a href="/support">How we can support you</a>.
        </p>
      </section>
    </Layout>
  );
}

/** A page whose text comes from site settings (about, disclaimer, support). */
export function TextPage({ site, title, path, html }: { site: SiteContext; title: string; path: string; html: string }) {
  return (
    <Layout site={site} title={title} path={path} schemaType={path === '/about' ? 'AboutPage' : 'WebPage'} breadcrumbs={[{ label: 'Home', href: '/' }, { label: title, href: path }]}>
      <h1>{title}</h1>
      <div class="prose">{raw(html)}</div>
    </Layout>
  );
}

export function ContactPage({ site, html }: { site: SiteContext; html: string }) {
  const s = site.settings;
  return (
    <Layout site={site} title="Contact us" path="/contact" schemaType="ContactPage" breadcrumbs={[{ label: 'Home', href: '/' }, { label: 'Contact us', href: '/contact' }]}>
      <h1>Contact us</h1>
      {html ? <div class="prose">{raw(html)}</div> : null}
      <dl class="contact-list">
        <div>
          <dt>E-mail</dt>
          <dd>
            <a href={`mailto:${s.contactEmail}`}>{s.contactEmail}</a>
          </dd>
        </div>
        {s.hotlines.map((h) => (
          <div>
            <dt>{h.label}</dt>
            <dd>
              <a href={`tel:${h.number.replace(/[^+\d]/g, '')}`}>{h.number}</a>
            </dd>
          </div>
        ))}
        {s.address ? (
          <div>
            <dt>Post</dt>
            <dd>{s.address}</dd>
          </div>
        ) : null}
      </dl>
    </Layout>
  );
}

/** Not found: say so plainly and offer the ways back in. */
export function NotFoundPage({ site, suggestion }: { site: SiteContext; suggestion?: { slug: string; title: string } | undefined }) {
  return (
    <Layout site={site} title="Page not found" noindex>
      <h1>Page not found</h1>
      <p class="lead">We could not find that page. It may have moved, or the address may be mistyped.</p>
      {suggestion ? (
        <p>
          Did you mean <a href={`/directory/${suggestion.slug}`}>{suggestion.title}</a>?
        </p>
      ) : null}
      <ul>
        <li>
          Browse the <a href="/directory">{site.settings.directoryTitle}</a>
        </li>
        <li>
          Find a topic in the <a href="/directory/a-z">A–Z index</a>
        </li>
        <li>Search with the box at the top of this page</li>
      </ul>
    </Layout>
  );
}

/** A request we cannot make sense of (bad encoding, odd method). */
export function BadRequestPage({ site, message }: { site: SiteContext; message: string }) {
  return (
    <Layout site={site} title="Request not understood" noindex>
      <h1>Request not understood</h1>
      <p class="lead">{message}</p>
      <p>
        Go to the <a href="/">home page</a> or the <a href="/directory">{site.settings.directoryTitle}</a>.
      </p>
    </Layout>
  );
}

import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { apiText } from '../messages/index.js';

/** What the documentation page needs of the OpenAPI document. */
export interface DocumentedRoute {
  /** HTTP method as the document names it, upper case. */
  method: string;
  path: string;
  summary: string;
  parameters: Array<{ name: string; where: string; required: boolean; description: string }>;
  answers: Array<{ status: string; description: string }>;
  example: string;
}

/** /api/docs: the OpenAPI document as a page people can read (it works without JavaScript). */
export function ApiDocsPage({ site, routes }: { site: SiteContext; routes: DocumentedRoute[] }) {
  const t = site.i18n.text(apiText);
  return (
    <Layout site={site} title={t('title')} path="/api/docs" breadcrumbs={[{ label: t('title'), href: '/api/docs' }]}>
      <h1>{t('title')}</h1>
      <p class="lead">{t('intro')}</p>
      <p>{t('limit')}</p>
      <p>{t.rich('document', { link: (chunks) => <a href="/api/openapi.json">{chunks}</a> })}</p>
      <h2>{t('routes')}</h2>
      {routes.map((route) => (
        <section class="panel api-route" aria-labelledby={`route-${route.path.replace(/[^a-z0-9]+/gi, '-')}`}>
          <h3 id={`route-${route.path.replace(/[^a-z0-9]+/gi, '-')}`}>
            <code>
              {route.method} {route.path}
            </code>
          </h3>
          <p>{route.summary}</p>
          <h4>{t('parameters')}</h4>
          {route.parameters.length === 0 ? (
            <p>{t('noParameters')}</p>
          ) : (
            <dl>
              {route.parameters.map((p) => [
                <dt>
                  <code>{p.required ? t('parameterRequired', { name: p.name }) : p.name}</code>
                </dt>,
                <dd>{p.description}</dd>,
              ])}
            </dl>
          )}
          <h4>{t('answers')}</h4>
          <ul>
            {route.answers.map((a) => (
              <li>
                <code>{a.status}</code> {a.description}
              </li>
            ))}
          </ul>
          <p>{t.rich('example', { address: route.example, link: (chunks) => <a href={route.example}>{chunks}</a> })}</p>
        </section>
      ))}
    </Layout>
  );
}

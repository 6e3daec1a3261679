import { validate } from '@readme/openapi-parser';
import type { z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { documentedRoutes } from './domain.js';
import * as s from './schemas.js';

/** The answer schema of every documented address: the walk below fails on an address missing here. */
const ANSWERS: Record<string, z.ZodType> = {
  '/api/v1/tree': s.TreeAnswer,
  '/api/v1/pages': s.PageList,
  '/api/v1/pages/{slug}': s.Page,
  '/api/v1/citations': s.CitationList,
  '/api/v1/search': s.SearchAnswer,
  '/api/v1/suggest': s.SuggestAnswer,
};

describe.skipIf(await skipWithoutDatabase())('/api/v1', () => {
  let t: TestApp;
  let document: Parameters<typeof documentedRoutes>[0] & { openapi?: string };
  const getJson = async (path: string, init?: RequestInit) => {
    const res = await t.request(path, init);
    return { res, body: res.status === 304 ? null : ((await res.json()) as Record<string, unknown>) };
  };

  beforeAll(async () => {
    t = await createTestApp({ rateLimits: { api: { limit: 200, windowMs: 60_000 } } });
    document = (await (await t.request('/api/openapi.json')).json()) as typeof document;
  });
  afterAll(() => t?.close());

  test('the OpenAPI 3.1 document passes a real validator', async () => {
    expect(document.openapi).toBe('3.1.0');
    // validate() mutates what it is given (dereferences): hand it a copy.
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test('every documented address answers as documented, with the example it documents', async () => {
    const routes = documentedRoutes(document);
    expect(routes.map((r) => r.path).sort()).toEqual(Object.keys(ANSWERS).sort());
    for (const route of routes) {
      const { res, body } = await getJson(route.example);
      expect({ path: route.example, status: res.status, type: res.headers.get('content-type') }).toEqual({ path: route.example, status: 200, type: 'application/json; charset=utf-8' });
      expect(route.answers.map((a) => a.status)).toContain('200');
      const parsed = ANSWERS[route.path]!.safeParse(body);
      expect({ path: route.path, issues: parsed.success ? [] : parsed.error.issues.slice(0, 3) }).toEqual({ path: route.path, issues: [] });
    }
  });

  test('a page comes with its sections, digests, citations, review state and translation status', async () => {
    const { body } = await getJson('/api/v1/pages/causes-silica');
    const page = s.Page.parse(body);
    expect(page.title).toBe('Causes: Silica');
    expect(page.url).toBe('http://atoz.test/directory/causes-silica');
    expect(page.sections.length).toBeGreaterThan(0);
    expect(page.sections.flatMap((x) => x.entries).length).toBeGreaterThan(0);
    // The demo pages have never been medically reviewed, and the API says so rather than inventing a date.
    expect(page.review.on).toBeNull();
    // The demo translates the Causes pages into Spanish and French (Arabic only their parent).
    expect(page.translations).toEqual([
      { language: 'en', status: 'source' },
      { language: 'es', status: 'published' },
      { language: 'fr', status: 'published' },
      { language: 'ar', status: 'not-translated' },
    ]);
    const proteins = s.Page.parse((await getJson('/api/v1/pages/causes-proteins')).body);
    expect(proteins.citations.length).toBeGreaterThan(0);
    expect(proteins.citations[0]!.studyType.label).toBeTruthy();
  });

  test('lists page through the directory and filter by parent, review state and language', async () => {
    const first = s.PageList.parse((await getJson('/api/v1/pages?perPage=10')).body);
    expect(first.items).toHaveLength(10);
    expect(first.total).toBeGreaterThan(10);
    expect(first.previous).toBeNull();
    expect(first.next).toBe('/api/v1/pages?perPage=10&page=2');
    const second = s.PageList.parse((await getJson(first.next!)).body);
    expect(second.items.map((p) => p.slug)).not.toContain(first.items[0]!.slug);

    const all = s.PageList.parse((await getJson('/api/v1/pages?perPage=100')).body);
    const unreviewed = s.PageList.parse((await getJson('/api/v1/pages?perPage=100&reviewed=false')).body);
    const reviewed = s.PageList.parse((await getJson('/api/v1/pages?perPage=100&reviewed=true')).body);
    expect(reviewed.total + unreviewed.total).toBe(all.total);
    expect(reviewed.items.every((p) => p.review.on !== null)).toBe(true);

    const children = s.PageList.parse((await getJson('/api/v1/pages?perPage=100&parent=causes-of-scleroderma')).body);
    expect(children.total).toBeGreaterThan(5);
    expect(children.items.every((p) => p.parent === 'causes-of-scleroderma')).toBe(true);

    // In Spanish: only the pages readers have in Spanish, with their Spanish title and address, never English ones labelled Spanish.
    const spanish = s.PageList.parse((await getJson('/api/v1/pages?lang=es&perPage=100')).body);
    expect(spanish.total).toBe(6);
    expect(spanish.items.every((p) => p.language === 'es' && p.url.startsWith('http://atoz.test/es/directory/'))).toBe(true);
    expect(spanish.items.find((p) => p.slug === 'causes-silica')).toMatchObject({ title: 'Causas: sílice', url: 'http://atoz.test/es/directory/causes-silica' });
    expect(s.PageList.parse((await getJson('/api/v1/pages?lang=ar')).body).items.map((p) => p.slug)).toEqual(['causes-of-scleroderma']);
  });

  test('bad parameters and unknown pages get a clear answer', async () => {
    const tooMany = await getJson('/api/v1/pages?perPage=1000');
    expect(tooMany.res.status).toBe(400);
    expect(tooMany.body!.error).toMatch(/perPage/);
    expect((await getJson('/api/v1/pages?reviewed=maybe')).res.status).toBe(400);
    expect((await getJson('/api/v1/pages?lang=xx')).res.status).toBe(400);
    expect((await getJson('/api/v1/search')).res.status).toBe(400);
    const missing = await getJson('/api/v1/pages/no-such-page');
    expect(missing.res.status).toBe(404);
    expect(missing.body!.error).toContain('/directory/no-such-page');
  });

  test('ETags give 304s, any origin may read, and JSON is never shown as a page', async () => {
    const { res } = await getJson('/api/v1/tree', { headers: { origin: 'https://partner.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="tree\.json"$/);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await t.request('/api/v1/tree', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const preflight = await t.request('/api/v1/pages', { method: 'OPTIONS', headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
  });

  test('search and suggestions are the site’s own', async () => {
    const found = s.SearchAnswer.parse((await getJson('/api/v1/search?q=silica')).body);
    expect(found.items[0]!.slug).toBe('causes-silica');
    expect(found.language).toBe('en');
    // In Spanish: Spanish words, folded as Spanish does, and addresses of the Spanish pages.
    const spanish = s.SearchAnswer.parse((await getJson('/api/v1/search?q=s%C3%ADlice&lang=es')).body);
    expect(spanish.language).toBe('es');
    expect(spanish.items[0]).toMatchObject({ slug: 'causes-silica', title: 'Causas: sílice', url: 'http://atoz.test/es/directory/causes-silica' });
    expect((await getJson('/api/v1/search?q=silica&lang=xx')).res.status).toBe(400);
    const suggestions = s.SuggestAnswer.parse((await getJson('/api/v1/suggest?q=silic')).body);
    expect(suggestions.suggestions.map((x) => x.url)).toContain('/directory/causes-silica');
  });

  test('the documentation page lists every address, in the reader’s language', async () => {
    const html = await (await t.request('/api/docs')).text();
    for (const route of documentedRoutes(document)) expect(html).toContain(route.path);
    const spanish = await (await t.request('/es/api/docs')).text();
    expect(spanish).toContain('<html lang="es"');
    expect(spanish).toContain('API del directorio');
  });
});

describe.skipIf(await skipWithoutDatabase())('/api/v1 rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimits: { api: { limit: 3, windowMs: 60_000 } } });
  });
  afterAll(() => t?.close());

  test('past the limit an address gets 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.request('/api/v1/tree')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await t.request('/api/v1/tree');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

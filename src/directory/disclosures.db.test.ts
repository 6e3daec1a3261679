import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';

const skip = await skipWithoutDatabase();

const SLUG = 'disclosure-byline-test';

describe.skipIf(skip)('the byline’s disclosures', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    const db = app.database.handle.db;
    // Made-up people and statements for this test only.
    await db.insertInto('authors').values([
      { key: 'declared-writer', name: 'Declared Writer', role: 'Volunteer editor', disclosure: 'Paid speaker for Example Pharma.', qualifications: 'RN, MSc', affiliation: 'Example Hospital', funding: 'Example Foundation grant', declared_on: '2025-03-01' },
      { key: 'clean-reviewer', name: 'Clean Reviewer', role: 'Medical reviewer', disclosure: '', qualifications: 'MD', affiliation: '', funding: '', declared_on: '2025-02-01' },
    ]).execute();
    await app.atoz.store.savePage({
      slug: SLUG, title: 'Disclosure byline test', parentSlug: null, position: 99, createdOn: '2024-01-15',
      authorKeys: ['declared-writer', 'example-editor'], reviewedOn: '2025-02-10', reviewedByKey: 'clean-reviewer',
      sections: [{ heading: null, entries: [{ kind: 'summary', body: 'Placeholder text.' }] }],
    });
    await app.atoz.contentChanged();
  });
  afterAll(() => app?.close());

  it('shows each author’s and the reviewer’s qualifications, affiliation, statement, funding and date; nothing for one who never declared', async () => {
    const html = await (await app.request(`/directory/${SLUG}`)).text();
    const details = /<details class="disclosures">[\s\S]*?<\/details>/.exec(html)?.[0] ?? '';
    const people = details.split('<dt>').slice(1).map((part) => part.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
    expect(people).toEqual([
      'Declared Writer (author) Qualifications: RN, MSc Works at: Example Hospital Conflicts of interest: Paid speaker for Example Pharma. (declared 1 March 2025 ) Funding: Example Foundation grant',
      'Example Editor (author) No declaration of qualifications or interests recorded yet.',
      'Clean Reviewer (medical reviewer) Qualifications: MD Conflicts of interest: None declared. (declared 1 February 2025 ) Funding: None declared. How we handle conflicts of interest, and who funds this site',
    ]);
  });

  it('gives the same in JSON-LD, and claims nothing for the undeclared author', async () => {
    const html = await (await app.request(`/directory/${SLUG}`)).text();
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as { author: unknown[]; reviewedBy: unknown };
    expect(ld.author).toEqual([
      {
        '@type': 'Person', name: 'Declared Writer', honorificSuffix: 'RN, MSc', affiliation: { '@type': 'Organization', name: 'Example Hospital' },
        description: 'Paid speaker for Example Pharma. Funding: Example Foundation grant (2025-03-01)',
      },
      { '@type': 'Person', name: 'Example Editor' },
    ]);
    expect(ld.reviewedBy).toEqual({ '@type': 'Person', name: 'Clean Reviewer', honorificSuffix: 'MD', description: 'None declared. (2025-02-01)' });
  });

  it('the API gives the declarations too', async () => {
    const body = (await (await app.request(`/api/v1/pages/${SLUG}`)).json()) as { authors: Array<Record<string, unknown>> };
    expect(body.authors[0]).toEqual({
      name: 'Declared Writer', role: 'Volunteer editor', disclosure: 'Paid speaker for Example Pharma.', qualifications: 'RN, MSc', affiliation: 'Example Hospital', funding: 'Example Foundation grant', declaredOn: '2025-03-01',
    });
    expect(body.authors[1]).toMatchObject({ name: 'Example Editor', declaredOn: null });
  });
});

import { describe, expect, it } from 'vitest';
import type { PageDocumentInput } from '../directory/document.js';
import { newsFromPageDigests, parseNewsFile } from './news-file.js';
import { ContentSyntaxError, parsePageFile } from './page-file.js';

describe('news in the content folder', () => {
  it('reads a news file: front matter and a Markdown body', () => {
    const item = parseNewsFile(
      ['---', 'headline: "A plain headline"', 'summary: Two plain sentences.', 'outlet: Test Times', 'sourceDate: 2024-02-01', 'topics: [causes-silica]', 'published: 2024-02-03', '---', '', 'The body.', ''].join('\n'),
      'test-times-2024',
    );
    expect(item.draft).toMatchObject({ slug: 'test-times-2024', headline: 'A plain headline', outlet: 'Test Times', sourceDate: '2024-02-01', topicSlugs: ['causes-silica'], body: 'The body.' });
    expect(item.meta).toEqual({ state: 'published', publishedOn: '2024-02-03' });
  });

  it('names the file and field of a bad news file', () => {
    expect(() => parseNewsFile('---\nheadline: x\n---\n', 'x')).toThrow(ContentSyntaxError);
    expect(() => parseNewsFile('---\nheadline: x\nsummary: y\noutlet: z\n---\n', 'x')).toThrow(/published: YYYY-MM-DD/);
    expect(() => parseNewsFile('no front matter', 'x')).toThrow(/front matter/);
  });

  it('turns the news digests of a page into news items naming the page, and takes them out of the page', () => {
    const page = parsePageFile(
      [
        '---', 'title: "Causes: Test"', 'authors: [example-editor]', 'created: 2013-06-20', '---', '', 'Intro.', '',
        '## In the news', '',
        '::: news outlet="EurekAlert" date="2012-11-20" url="https://example.org/a" title="Their headline"',
        'A news release said something plain. A second sentence follows.',
        ':::', '',
        '## Research', '', 'Plain words.', '',
      ].join('\n'),
      'causes-test',
    );
    const taken = new Set<string>(['eurekalert-2012-11-20']);
    const { page: rest, news } = newsFromPageDigests(page, taken);
    expect(news).toHaveLength(1);
    expect(news[0]!.draft).toMatchObject({
      slug: 'eurekalert-2012-11-20-causes-test',
      headline: 'A news release said something plain',
      summary: 'A news release said something plain. A second sentence follows.',
      outlet: 'EurekAlert',
      sourceHeadline: 'Their headline',
      sourceUrl: 'https://example.org/a',
      sourceDate: '2012-11-20',
      topicSlugs: ['causes-test'],
      authorKey: 'example-editor',
    });
    expect(news[0]!.meta).toEqual({ state: 'published', publishedOn: '2013-06-20' });
    // The section that held only news is gone; the others stay as they were.
    expect(rest.sections.map((s) => s.heading)).toEqual([null, 'Research']);
    expect(rest.sections.flatMap((s) => s.entries).some((e) => e.kind === 'news')).toBe(false);
    expect(taken.has('eurekalert-2012-11-20-causes-test')).toBe(true);
  });

  it('leaves a page without news digests as it was', () => {
    const page: PageDocumentInput = { slug: 'p', title: 'P', parentSlug: null, position: 0, createdOn: '2020-01-01', sections: [{ heading: 'H', entries: [{ kind: 'summary', body: 'x' }] }] };
    expect(newsFromPageDigests(page, new Set()).page).toEqual(page);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PageDocument } from '../directory/document.js';
import { packageRoot } from '../web/package-root.js';
import { ContentSyntaxError, parsePageFile } from './page-file.js';

const page = (body: string, front = 'title: T\ncreated: 2020-01-02') => `---\n${front}\n---\n${body}`;

describe('parsePageFile', () => {
  it('reads front matter, introduction, sections and every entry kind', () => {
    const doc = parsePageFile(
      page(
        [
          'Intro paragraph one.',
          '',
          'Intro paragraph two.',
          '',
          '## First heading',
          '',
          '::: research [@Smith-2010]',
          'A finding with a [[Linked Page|link]].',
          ':::',
          '',
          '::: news outlet="EurekAlert" date="2012-11-20" url="https://example.org/a" title="Headline"',
          'Reported text.',
          ':::',
          '',
          'Sub-articles:',
          '- [[Sub One]]',
          '- [[Topic: Personal Stories|Personal Stories]]',
          '',
          'Also see: [[Other Page]], [[Third|third page]]',
          '',
          '## Second',
          'Plain summary.',
        ].join('\n'),
        'title: "Causes: X"\nparent: causes\nposition: 3\nsummary: Short.\nauthors: [ed]\ncreated: 2013-06-20\nalsoSee: ["[[Page A|A]]", Page B]\nfootnotes: ["Note [@k]"]',
      ),
      'causes-x',
    );
    expect(doc).toMatchObject({ slug: 'causes-x', title: 'Causes: X', parentSlug: 'causes', position: 3, summary: 'Short.', authorKeys: ['ed'], createdOn: '2013-06-20' });
    expect(doc.alsoSee).toEqual([{ target: 'Page A', label: 'A' }, { target: 'Page B', label: 'Page B' }]);
    expect(doc.footnotes).toEqual(['Note [@k]']);
    const [intro, first, second] = doc.sections!;
    expect(intro).toMatchObject({ heading: null, entries: [{ kind: 'summary', body: 'Intro paragraph one.\n\nIntro paragraph two.' }] });
    expect(first!.heading).toBe('First heading');
    expect(first!.entries).toEqual([
      { kind: 'research', citationKey: 'Smith-2010', body: 'A finding with a [[Linked Page|link]].' },
      { kind: 'news', outlet: 'EurekAlert', date: '2012-11-20', url: 'https://example.org/a', headline: 'Headline', body: 'Reported text.' },
    ]);
    expect(first!.subArticles).toEqual([{ target: 'Sub One', label: 'Sub One' }, { target: 'Topic: Personal Stories', label: 'Personal Stories' }]);
    expect(first!.alsoSee).toEqual([{ target: 'Other Page', label: 'Other Page' }, { target: 'Third', label: 'third page' }]);
    expect(second).toMatchObject({ heading: 'Second', entries: [{ kind: 'summary', body: 'Plain summary.' }] });
  });

  it('normalises PubMed and DOI citation keys', () => {
    const doc = parsePageFile(page('## H\n::: research [@PMID:123]\nx\n:::\n'), 's');
    expect(doc.sections![0]!.entries[0]).toMatchObject({ citationKey: 'pmid:123' });
  });

  it.each([
    ['an unclosed block', '## H\n::: research [@k]\ntext', /never closed/],
    ['a research block without citation', '## H\n::: research\ntext\n:::', /needs its citation/],
    ['a news block without date', '## H\n::: news outlet="X"\ntext\n:::', /outlet=.*date=/],
    ['an unknown block', '## H\n::: quote\ntext\n:::', /unknown block/],
    ['a level-one heading', '# Title\n', /use "##"/],
    ['an empty Also see', 'Also see: nothing', /needs \[\[links\]\]/],
  ])('rejects %s with the line to fix', (_name, body, message) => {
    expect(() => parsePageFile(page(body), 's', 'pages/s.md')).toThrow(message);
    try {
      parsePageFile(page(body), 's', 'pages/s.md');
    } catch (error) {
      expect(error).toBeInstanceOf(ContentSyntaxError);
      expect((error as Error).message).toMatch(/^pages\/s\.md:\d+: /);
    }
  });

  it('reads the name a page is listed under from `sort:`, null when absent', () => {
    const file = (extra: string) => `---\ntitle: "Causes: Silica"\ncreated: 2013-06-20\n${extra}---\nText.\n`;
    expect(parsePageFile(file('sort: "  Quartz  "\n'), 'x').sortTitle).toBe('Quartz');
    expect(parsePageFile(file(''), 'x').sortTitle).toBeNull();
  });

  it('rejects missing front matter and bad YAML', () => {
    expect(() => parsePageFile('no front matter', 's')).toThrow(/front matter/);
    expect(() => parsePageFile('---\ntitle: [unclosed\n---\n', 's')).toThrow(/not valid YAML/);
    expect(() => parsePageFile('---\ncreated: 2020-01-01\n---\n', 's')).toThrow(/"title"/);
  });

  it('reads every bundled demo page into a valid PageDocument', () => {
    const dir = join(packageRoot(), 'content', 'pages');
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const file of files) {
      const doc = parsePageFile(readFileSync(join(dir, file), 'utf8'), file.slice(0, -3), file);
      const result = PageDocument.safeParse(doc);
      expect(result.success, `${file}: ${result.success ? '' : result.error.message}`).toBe(true);
    }
  });
});

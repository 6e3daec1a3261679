import { describe, expect, it } from 'vitest';
import { familyPrefixes, indexLetter, listedTitle } from './sort-title.js';
import { buildTree } from './tree.js';

describe('the title a page is listed under', () => {
  const titles = ['Causes: Silica', 'Causes: Stress', 'Causes: Molecular Defect: TGF-beta Dysregulation', 'Silica: Personal Stories', 'Causes of Scleroderma'];
  const families = familyPrefixes(titles);

  it('leaves out a first part that several pages share, and keeps one only a single page has', () => {
    expect([...families]).toEqual(['causes']);
    expect(listedTitle('Causes: Silica', null, families)).toBe('Silica');
    expect(listedTitle('Causes: Molecular Defect: TGF-beta Dysregulation', null, families)).toBe('Molecular Defect: TGF-beta Dysregulation');
    expect(listedTitle('Silica: Personal Stories', null, families)).toBe('Silica: Personal Stories');
    expect(listedTitle('Causes of Scleroderma', null, families)).toBe('Causes of Scleroderma');
  });

  it('an editor’s choice wins; a blank one means the default', () => {
    expect(listedTitle('Causes: Silica', 'Quartz dust', families)).toBe('Quartz dust');
    expect(listedTitle('Causes: Silica', '  ', families)).toBe('Silica');
  });

  it('files names by their first letter, accents folded, anything else under #', () => {
    expect(indexLetter('Silica')).toBe('S');
    expect(indexLetter('émotions')).toBe('E');
    expect(indexLetter('"Quoted" title')).toBe('Q');
    expect(indexLetter('5-HT receptors')).toBe('#');
    expect(indexLetter('التصلب')).toBe('#');
  });

  it('the tree orders siblings of the same position by the listed title', () => {
    const row = (id: number, title: string, sort_title: string | null = null) => ({ id, slug: `p${id}`, title, sort_title, summary: '', parent_id: null, position: 0 });
    const tree = buildTree([row(1, 'Causes: Stress'), row(2, 'Causes: Silica'), row(3, 'Causes: Genetics'), row(4, 'About', 'Zebra')]);
    expect(tree.order.map((n) => n.sortTitle)).toEqual(['Genetics', 'Silica', 'Stress', 'Zebra']);
  });
});

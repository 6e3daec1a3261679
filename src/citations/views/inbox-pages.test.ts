import { describe, expect, it } from 'vitest';
import { publicationDate } from './inbox-pages.js';

describe('publicationDate', () => {
  it.each([
    ['2013', '2013'],
    ['2012-08', 'August 2012'],
    ['2013-06-11', '11 June 2013'],
  ])('%s → %s', (stored, shown) => {
    expect(publicationDate(stored)).toBe(shown);
  });
});

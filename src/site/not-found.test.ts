import { describe, expect, it } from 'vitest';
import { wordsFromAddress } from './not-found.js';

describe('words from an address that led nowhere', () => {
  it('reads the last part of the path as words', () => {
    expect(wordsFromAddress('/directory/causes-slica')).toBe('causes slica');
    expect(wordsFromAddress('/es/directory/Causes_Of_Scleroderma.html')).toBe('Causes Of Scleroderma');
    expect(wordsFromAddress('/directory/raynaud%27s')).toBe("raynaud's");
  });
  it('has nothing to offer for an address without words', () => {
    expect(wordsFromAddress('/')).toBe('');
    expect(wordsFromAddress('/ar/')).toBe('');
    expect(wordsFromAddress('/x/%E0%A4%A')).toBe('E0 A4 A');
    expect(wordsFromAddress('/---/')).toBe('');
    expect(wordsFromAddress('/404.html')).toBe('');
    expect(wordsFromAddress('/directory/published-copy-404')).toBe('');
    expect(wordsFromAddress('/directory/interleukin-14045')).toBe('interleukin 14045');
  });
});
